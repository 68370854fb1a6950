//! One command's surroundings: the open store, the settings and the instant it runs at,
//! and what every command does first (warn about a readable file, run the startup purge).

use std::path::PathBuf;

use jiff::Timestamp;

use super::CliError;
use super::output::{note, warn};
use crate::config::Settings;
use crate::files::readable_by_others;
use crate::purge::{PurgeReport, preview_expired, purge_expired};
use crate::retention::Retention;
use crate::store::{List, Store, StoreError, Trigger};
use crate::text::is_inbox_name;
use crate::wording::{self, Surface, command_line};

/// One command's surroundings: the open store, the settings and the instant it runs at.
pub(super) struct Invocation {
    pub(super) store: Store,
    pub(super) settings: Settings,
    /// `--retention` as given on this command line, to repeat in advice.
    pub(super) retention_flag: Option<String>,
    /// The retention purges follow (and so what the Trash shows): the configured one, or
    /// the longer one in force before while a shorter one waits to be accepted.
    pub(super) applied: Retention,
    pub(super) now: Timestamp,
    pub(super) db: PathBuf,
}

impl Invocation {
    /// Turns a store error into a message that names the database where that helps. Damage
    /// met by a read is recorded, so that no later write touches the file.
    pub(super) fn fail(&self, e: StoreError) -> CliError {
        if let StoreError::Corrupt(detail) = &e {
            self.store.note_damage(detail);
        }
        CliError::from_store(e, &self.db)
    }

    /// Where `--list NAME` points: a list, or `None` for the Inbox (its name is reserved).
    pub(super) fn list_target(&self, name: &str) -> Result<Option<List>, CliError> {
        if is_inbox_name(name) {
            return Ok(None);
        }
        self.store
            .find_list(name)
            .map(Some)
            .map_err(|e| self.fail(e))
    }

    /// The list named `name`, for a command that changes the list itself (`doing` says
    /// what), which the built-in Inbox refuses.
    pub(super) fn own_list(&self, name: &str, doing: &str) -> Result<List, CliError> {
        match self.list_target(name)? {
            Some(list) => Ok(list),
            None => Err(CliError::new(command_line::inbox_is_built_in(doing))),
        }
    }
}

/// Says once (per mode the file is given) that other users can read the database: todos
/// are private, as shell history is. The user's choice stands; softly does not change it.
pub(super) fn warn_if_readable_by_others(store: &mut Store) {
    let Some(mode) = readable_by_others(store.path()) else {
        return;
    };
    if store.mode_warned(mode) {
        return;
    }
    warn(&command_line::readable_by_others(store.path(), mode));
    store.remember_mode_warned(mode);
}

/// The retention purge every command runs when it opens the database. Reports on stderr,
/// so that stdout stays clean for scripts.
pub(super) fn startup_purge(s: &mut Invocation) -> Result<(), CliError> {
    let retention = s.settings.purge_policy();
    if s.store.is_read_only() {
        if let Ok(due) = preview_expired(&s.store, retention, s.now, false) {
            s.applied = due.applied;
            if !due.counts.is_empty() {
                let due = due.counts.entries;
                warn(&command_line::read_only_skipped_purge(&s.db, due));
            }
        }
        return Ok(());
    }
    let report = match purge_expired(&mut s.store, retention, s.now, Trigger::Startup) {
        Ok(report) => report,
        // A damaged file: write nothing more, but let the command read what it still can
        // (`export` above all).
        Err(StoreError::Corrupt(detail)) => {
            warn(&command_line::damaged_skipped_purge(&s.db, &detail));
            return Ok(());
        }
        Err(e) => return Err(s.fail(e)),
    };
    s.applied = report.applied;
    if !report.counts.is_empty() {
        note(&wording::purged(
            report.counts,
            report.applied,
            Surface::Cli,
        ));
    }
    warn_if_held_back(s, &report);
    Ok(())
}

/// Says what a newly shortened retention would purge and how to let it.
pub(super) fn warn_if_held_back(s: &Invocation, report: &PurgeReport) {
    let Some(held) = report.held_back else {
        return;
    };
    let flag = s.retention_flag.as_deref();
    warn(&command_line::held_back_advice(
        &wording::held_back(&held),
        flag,
    ));
}
