//! The retention purge: when it runs and what it takes. Pure policy on top of the store;
//! callers pass `now`, so the same code serves startup, the app's timer and `softly purge`.

use jiff::Timestamp;

use crate::retention::Retention;
use crate::store::{EraseCounts, EraseOutcome, Result, Store, Trigger};

/// What a purge did (or, for a dry run, would do).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PurgeReport {
    /// Entries deleted at or before this instant were (or would be) erased.
    pub cutoff: Timestamp,
    pub counts: EraseCounts,
    /// False when erased text may still be in the `-wal` file (a reader held it busy).
    pub scrubbed: bool,
}

/// Erases every entry past retention at `now`. `None` when retention is `never`.
pub fn purge_expired(
    store: &mut Store,
    retention: Retention,
    now: Timestamp,
    trigger: Trigger,
) -> Result<Option<PurgeReport>> {
    let Some(cutoff) = retention.cutoff(now) else {
        return Ok(None);
    };
    let EraseOutcome { counts, scrubbed } = store.purge(cutoff, now, trigger)?;
    Ok(Some(PurgeReport {
        cutoff,
        counts,
        scrubbed,
    }))
}

/// What `purge_expired` would erase at `now`, changing nothing.
pub fn preview_expired(
    store: &Store,
    retention: Retention,
    now: Timestamp,
) -> Result<Option<PurgeReport>> {
    let Some(cutoff) = retention.cutoff(now) else {
        return Ok(None);
    };
    Ok(Some(PurgeReport {
        cutoff,
        counts: store.purge_preview(cutoff)?,
        scrubbed: true,
    }))
}

/// When the next purge is due: the moment the oldest entry reaches its purge time.
/// `None` when the Trash is empty or retention is `never`.
pub fn next_purge_at(store: &Store, retention: Retention) -> Result<Option<Timestamp>> {
    Ok(store
        .oldest_deleted_at()?
        .and_then(|oldest| retention.purge_at(oldest)))
}
