//! The retention purge: when it runs and what it takes. Pure policy on top of the store;
//! callers pass `now`, so the same code serves startup, the app's timer and `softly purge`.
//!
//! A shorter retention never purges at once. softly remembers the retention in force at the
//! last purge; when the one configured now is shorter (an edit of the config file, a
//! `--retention` on one command line, a slip of the finger), what only the new one would
//! purge is held back: purges go on as the remembered retention would have them, until the
//! user accepts the new one ([`accept_retention`]). With nothing held back, the new
//! retention simply takes over.

use jiff::Timestamp;

use crate::retention::Retention;
use crate::store::{EraseCounts, EraseOutcome, Result, Store, Trigger};

/// The retention a purge is asked to follow, and whether it may become the one in force.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Policy {
    pub retention: Retention,
    /// Given for this run only (`--retention` on one command line): a purge follows it (a
    /// shorter one only once accepted) but never remembers it as the retention in force,
    /// so that `softly --retention never trash` does not make the usual 30 days look like
    /// a shortening to the next command.
    pub this_run_only: bool,
}

impl From<Retention> for Policy {
    fn from(retention: Retention) -> Self {
        Policy {
            retention,
            this_run_only: false,
        }
    }
}

/// What a purge did (or, for a dry run, would do).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PurgeReport {
    /// Entries deleted at or before this instant were (or would be) erased; `None` when the
    /// retention applied is `never`.
    pub cutoff: Option<Timestamp>,
    pub counts: EraseCounts,
    /// False when erased text may still be on disk (a reader held it busy).
    pub scrubbed: bool,
    /// The retention the purge went by: the configured one, or the remembered longer one
    /// while a shorter one waits to be accepted.
    pub applied: Retention,
    /// What the configured (shorter) retention alone would purge now, and was not.
    pub held_back: Option<HeldBack>,
}

/// Entries kept because the retention got shorter and the user has not accepted it yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HeldBack {
    /// The retention in force before: the one purges still follow.
    pub was: Retention,
    /// The configured, shorter one.
    pub now: Retention,
    pub counts: EraseCounts,
}

/// The retention purges follow at `now`, with what a shorter configured one would take
/// beyond it. Reads only.
pub fn applied_retention(
    store: &Store,
    configured: Retention,
    now: Timestamp,
) -> Result<(Retention, Option<HeldBack>)> {
    let Some(was) = store
        .remembered_retention()?
        .filter(|was| configured.is_shorter_than(*was))
    else {
        return Ok((configured, None));
    };
    let Some(new_cutoff) = configured.cutoff(now) else {
        return Ok((configured, None));
    };
    let counts = store.purge_preview_after(was.cutoff(now), new_cutoff)?;
    if counts.is_empty() {
        return Ok((configured, None));
    }
    Ok((
        was,
        Some(HeldBack {
            was,
            now: configured,
            counts,
        }),
    ))
}

/// Erases every entry past retention at `now`, holding back what only a newly shortened
/// retention would take (see the module's comment).
pub fn purge_expired(
    store: &mut Store,
    policy: impl Into<Policy>,
    now: Timestamp,
    trigger: Trigger,
) -> Result<PurgeReport> {
    let policy = policy.into();
    let (applied, held_back) = applied_retention(store, policy.retention, now)?;
    purge_by(
        store,
        applied,
        now,
        trigger,
        held_back,
        !policy.this_run_only,
    )
}

/// Accepts a shorter retention: purges everything it says is due, now, and from then on
/// purges follow it.
pub fn accept_retention(
    store: &mut Store,
    policy: impl Into<Policy>,
    now: Timestamp,
    trigger: Trigger,
) -> Result<PurgeReport> {
    let policy = policy.into();
    purge_by(
        store,
        policy.retention,
        now,
        trigger,
        None,
        !policy.this_run_only,
    )
}

/// Purges by `applied`, then (with `remember`) records it as the retention in force.
fn purge_by(
    store: &mut Store,
    applied: Retention,
    now: Timestamp,
    trigger: Trigger,
    held_back: Option<HeldBack>,
    remember: bool,
) -> Result<PurgeReport> {
    let cutoff = applied.cutoff(now);
    let EraseOutcome { counts, scrubbed } = match cutoff {
        Some(cutoff) => store.purge(cutoff, now, trigger)?,
        None => EraseOutcome {
            counts: EraseCounts::default(),
            scrubbed: true,
        },
    };
    // After the purge, so a crash between the two leaves the old retention remembered:
    // the next purge asks again rather than taking anything early.
    if remember {
        store.remember_retention(applied)?;
    }
    Ok(PurgeReport {
        cutoff,
        counts,
        scrubbed,
        applied,
        held_back,
    })
}

/// What [`purge_expired`] (or, accepting the configured retention, [`accept_retention`])
/// would erase at `now`, changing nothing.
pub fn preview_expired(
    store: &Store,
    policy: impl Into<Policy>,
    now: Timestamp,
    accept: bool,
) -> Result<PurgeReport> {
    let configured = policy.into().retention;
    let (applied, held_back) = if accept {
        (configured, None)
    } else {
        applied_retention(store, configured, now)?
    };
    let cutoff = applied.cutoff(now);
    Ok(PurgeReport {
        cutoff,
        counts: match cutoff {
            Some(cutoff) => store.purge_preview(cutoff)?,
            None => EraseCounts::default(),
        },
        scrubbed: true,
        applied,
        held_back,
    })
}

/// When the next purge is due: the moment the oldest entry reaches its purge time under
/// `retention`. `None` when the Trash is empty or retention is `never`.
pub fn next_purge_at(store: &Store, retention: Retention) -> Result<Option<Timestamp>> {
    Ok(store
        .oldest_deleted_at()?
        .and_then(|oldest| retention.purge_at(oldest)))
}
