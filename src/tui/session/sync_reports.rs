//! What the session does with sync: starts its rounds (after the first frame, after a
//! change here, on its interval) and takes in what each reports: the header's state, a
//! status line when something moved, and the views read again.

use std::sync::Arc;

use jiff::Timestamp;

use super::Session;
use crate::clock::Clock;
use crate::config::Settings;
use crate::store::Store;
use crate::sync::SyncError;
use crate::sync::once::last_sync;
use crate::sync::report::{SyncState, Trouble};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::mode::Confirm;
use crate::tui::sync_schedule::{OFFLINE_RETRY, SyncSchedule};
use crate::wording::sync as words;

/// The schedule for `[sync]`, if it is set and the database can be written; the header
/// starts from the last round on record.
pub(super) fn schedule(
    store: &Store,
    settings: &Settings,
    clock: &Arc<dyn Clock>,
    app: &mut App,
) -> Option<SyncSchedule> {
    let config = settings.sync.clone()?;
    if store.is_read_only() || store.is_known_damaged() {
        return None;
    }
    let last = last_sync(store).ok().and_then(|l| l.ok_at);
    app.update(Action::SyncChanged(
        last.map_or(SyncState::Syncing, SyncState::Synced),
    ));
    app.update(Action::SyncUnread(store.sync_unread_count().unwrap_or(0)));
    let path = store.path().to_path_buf();
    Some(SyncSchedule::new(
        config,
        path,
        Arc::clone(clock),
        app.zone.clone(),
    ))
}

impl Session {
    /// The first round, once the first frame is drawn.
    pub fn start_sync(&mut self) {
        let now = self.clock.now();
        if let Some(syncs) = &mut self.syncs {
            syncs.start(now);
        }
    }

    pub(super) fn sync_tick(&mut self, now: Timestamp) {
        let Some(syncs) = &mut self.syncs else { return };
        let finished = syncs.tick(now);
        let running = syncs.is_running();
        match finished {
            Some(Ok(report)) => {
                self.app.update(Action::SyncChanged(SyncState::Synced(now)));
                if !report.quiet() {
                    if report.brought_here() > 0 {
                        self.app.say(words::app_status(&report));
                    }
                    self.reload();
                }
                self.count_unread();
            }
            Some(Err(SyncError::Held(held))) => {
                self.app
                    .update(Action::SyncChanged(SyncState::Failed(Trouble::Held)));
                // Asked once: a hold the user chose to keep is not asked about again.
                let kept = self.store.sync_meta("held_kept").ok().flatten();
                if kept.as_deref() != Some(held.key().as_str()) {
                    syncs.unasked = Some(held);
                    self.ask_about_held_sync();
                }
            }
            Some(Err(e)) if e.is_transient() => {
                let retry_at = now.saturating_add(OFFLINE_RETRY).unwrap_or(now);
                self.app
                    .update(Action::SyncChanged(SyncState::Offline { retry_at }));
            }
            Some(Err(e)) => {
                self.app.complain(words::app_failed(&e.to_string()));
                self.app
                    .update(Action::SyncChanged(SyncState::Failed(e.trouble())));
            }
            None if running && !matches!(self.app.sync, SyncState::Syncing) => {
                self.app.update(Action::SyncChanged(SyncState::Syncing));
            }
            None => {}
        }
    }

    /// What sync left unread on the server, in the header; said on the status line when a
    /// round finds more of it.
    fn count_unread(&mut self) {
        let Ok(unread) = self.store.sync_unread_count() else {
            return;
        };
        if unread > self.app.sync_unread {
            self.app.complain(words::app_unread(unread));
        }
        self.app.update(Action::SyncUnread(unread));
    }

    /// Asks about the round sync held, once nothing is being typed.
    pub(super) fn ask_about_held_sync(&mut self) {
        let Some(syncs) = &mut self.syncs else { return };
        if let Some(held) = syncs.unasked.take()
            && !self.app.ask(Confirm::held_sync(&held))
        {
            syncs.unasked = Some(held);
        }
    }

    /// Yes: the next round, at once, applies what was held. No: the app syncs no more this
    /// session, and the same hold is not asked about again.
    pub(super) fn answer_held_sync(&mut self, apply: bool, key: &str) {
        let now = self.clock.now();
        let Some(syncs) = &mut self.syncs else { return };
        if apply {
            syncs.accept_held(now);
            return;
        }
        syncs.stop();
        if let Err(e) = self.store.set_sync_meta("held_kept", key) {
            let said =
                crate::wording::store_error(&e, crate::wording::Surface::App, self.store.path());
            self.app.complain(said);
        }
    }
}
