//! What the session does with a purge's report: says what it erased, or why it could not
//! run, and asks about a shortened retention once.

use super::Session;
use crate::retention::Retention;
use crate::store::StoreError;
use crate::tui::action::Action;
use crate::tui::mode::Mode;
use crate::tui::purge_schedule::{Finished, PurgeFailure};
use crate::wording::{self, Surface, status};

impl Session {
    /// Takes in what a purge did: says what it erased, or why it could not run, and asks
    /// about a shortened retention the first time one holds entries back.
    pub(super) fn purge_done(&mut self, Finished { result, started }: Finished) {
        match result {
            Ok(report) => {
                self.set_applied(report.applied);
                if !report.counts.is_empty() {
                    // The worker's commit can reach a reload before its report does, and a
                    // dialog about an entry it took has then already closed saying so: that
                    // word stays, rather than the general count replacing it.
                    let complained_since = self
                        .app
                        .status
                        .as_ref()
                        .is_some_and(|s| s.error && s.since >= started);
                    if !complained_since {
                        let said = wording::purged(report.counts, report.applied, Surface::App);
                        self.app.say(said);
                    }
                    self.reload();
                }
                if let Some(held) = report.held_back
                    && !self.purges.asked_about_retention
                {
                    self.purges.asked_about_retention = true;
                    self.purges.pending_question = Some(held);
                    self.ask_pending_question();
                }
            }
            // Another softly holds the lock, or the disk is full: the routine purge retries.
            Err(PurgeFailure::Store(e @ (StoreError::Busy | StoreError::DiskFull))) => {
                self.app.complain(status::purge_postponed(&e));
                self.purges.back_off(self.app.now);
            }
            Err(PurgeFailure::Store(StoreError::Corrupt(detail))) => self.damaged(&detail),
            Err(PurgeFailure::Store(e)) => self.app.complain(status::purge_failed(&e)),
            Err(PurgeFailure::Open(e)) => self.app.complain(status::purge_failed(&e)),
        }
        self.purges.reschedule(&self.store, self.applied);
        // The backlog is gone (or the purge could not take it): from now on the Trash is
        // counted whatever it holds, starting with the number the tab still lacks.
        self.loader.first_purge_pending = false;
        if self.app.trash_total.is_none() {
            self.reload();
        }
    }

    /// The retention views, countdowns and purges follow from now on.
    pub(super) fn set_applied(&mut self, retention: Retention) {
        self.applied = retention;
        self.app.update(Action::RetentionApplied(retention));
    }

    /// Asks whether to purge by a shortened retention, as soon as nothing is being typed
    /// (the question never lands in the middle of an edit).
    pub(super) fn ask_pending_question(&mut self) {
        if self.app.mode != Mode::Normal {
            return;
        }
        if let Some(held) = self.purges.pending_question.take() {
            self.app.update(Action::AskAboutRetention(held));
        }
    }
}
