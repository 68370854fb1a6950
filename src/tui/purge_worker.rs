//! The startup check of the whole file and the startup purge, on a thread of their own. The first start after a long absence can find
//! hundreds of thousands of entries to erase (about 0.7 s at a million todos); run on the
//! UI thread, that would freeze every key for as long. The worker gets its own connection,
//! so the app goes on reading while it writes (WAL lets readers proceed); a key that writes
//! meanwhile waits for it on the store's busy timeout, which is far longer than the purge.

use std::thread::JoinHandle;

use jiff::Timestamp;

use crate::purge::{Policy, PurgeReport, purge_expired};
use crate::store::{Result, Store, StoreError, Trigger};

pub struct PurgeWorker {
    handle: JoinHandle<Result<PurgeReport>>,
}

impl PurgeWorker {
    /// Starts purging, on `store` (a connection of the worker's own), what is past
    /// `retention` at `now`.
    pub fn start(mut store: Store, policy: Policy, now: Timestamp, trigger: Trigger) -> Self {
        let handle = std::thread::spawn(move || {
            // Damage SQLite reports only where a page is read; the whole file is checked here,
            // off the UI thread, before the purge writes anything.
            if let Some(problem) = store.check_integrity()? {
                return Err(StoreError::Corrupt(problem));
            }
            purge_expired(&mut store, policy, now, trigger)
        });
        PurgeWorker { handle }
    }

    /// True once the purge has committed or failed; [`finish`](Self::finish) then does not wait.
    pub fn is_finished(&self) -> bool {
        self.handle.is_finished()
    }

    /// Waits for the purge and returns what it did. A panic on the worker (a bug) goes on
    /// here, on the UI thread, where the panic hook gives the terminal back.
    pub fn finish(self) -> Result<PurgeReport> {
        self.handle
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    }
}
