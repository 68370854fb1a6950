//! The store: the only place that speaks SQL. It owns the deletion model (trash entries,
//! restore, erase, purge) and knows nothing about terminals or command lines.
//!
//! Every write is one IMMEDIATE transaction; every time is passed in by the caller.

mod background;
mod batch_edits;
mod candidates;
mod damage;
mod direct_write;
mod dump;
mod entry_contents;
mod erase;
mod error;
mod hits;
mod identity;
mod ids;
mod import;
mod import_batches;
mod import_fit;
mod import_insert;
mod import_lists;
mod import_tally;
mod interop_schema;
mod lists;
mod meta;
mod open;
mod order;
mod page;
mod pins;
mod positions;
mod recurring;
mod rescue;
mod restore;
mod revert;
pub mod rows;
mod schema;
mod scrub;
mod series_schema;
mod sorts;
mod split;
mod sync_apply;
mod sync_lists;
mod sync_order;
mod sync_order_schema;
mod sync_schema;
mod sync_scrub;
mod sync_state;
mod sync_writes;
mod tags_notes;
mod todo_pages;
mod todos;
mod trash;
mod trash_start;
mod view_start;
mod views;

use std::path::{Path, PathBuf};

use jiff::Timestamp;
use rusqlite::{Connection, Transaction, TransactionBehavior};

pub use background::{FinishedView, FinishingView, MoreRows, ViewJob};
pub use batch_edits::TodoEdit;
pub use candidates::Candidates;
pub use damage::{damage_marker, record_damage};
pub use dump::{AnyRow, ReadAll};
pub use entry_contents::EntryTodo;
pub use erase::{EraseCounts, EraseOutcome, LogReason, LogRecord, Trigger};
pub use error::{OpenError, StoreError};
pub use identity::{shm_path, wal_path};
pub use ids::{EntryId, ListId, MAX_ID, MAX_POSITION, TodoId};
pub use import::ListNames;
pub use lists::{List, ListSummary};
pub use order::Placed;
pub use page::{Page, RowKey, Seek};
pub use recurring::{NextOccurrence, TakenBack};
pub use restore::{RestoreNote, RestoreSnapshot, RestoredEntry, RestoredRow, TrashedTodo};
pub use rows::Rescue;
pub use schema::{APPLICATION_ID, LATEST_VERSION};
pub use sorts::Sort;
pub use sync_apply::{Mark, Received, ServerCopy};
pub use sync_scrub::{SCRUBBED_DESCRIPTION, SCRUBBED_SUMMARY, text_digest};
pub use sync_state::{REFUSED_WRITE, SyncTodo, SyncedCollection, TodoContent};
pub use todos::{Details, DetailsChange, Todo, TodoScope};
pub use trash::{EntryKind, TrashEntry};
pub use view_start::{Rest, ViewStart};
pub use views::{ViewQuery, ViewScope};

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// An open softly database.
pub struct Store {
    /// Declared before `conn`, so it closes first (see `split.rs`).
    helper: std::cell::RefCell<split::Helper>,
    /// What a filter matches outside the rows a view walks (see `hits.rs`).
    hits: std::sync::Arc<hits::Hits>,
    hits_found_for: hits::HitsFoundFor,
    /// How many rows of a big view a filter keystroke reads itself (`view_start.rs`).
    quick_rows: std::cell::Cell<i64>,
    /// On a worker's store: set when nobody waits for its work any more, and then every
    /// statement on its connections stops (see `background.rs`).
    stop: Option<std::sync::Arc<std::sync::atomic::AtomicBool>>,
    /// When set (sync is on), every write stamps what it changed for sync with this clock,
    /// in its own transaction (see `sync_schema.rs`).
    change_clock: Option<std::sync::Arc<dyn crate::clock::Clock>>,
    conn: Connection,
    path: PathBuf,
    read_only: bool,
}

impl Store {
    /// Opens (creating if needed) the database at `path`. See [`open`](open::open_store) for
    /// what is checked and refused.
    pub fn open(path: &Path) -> Result<Store, OpenError> {
        open::open_store(path)
    }

    /// The database file this store reads and writes.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// A number that changes whenever another connection commits to the database, so a
    /// view can tell cheaply that it should reload.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }

    /// True when the file could only be opened for reading (permissions, read-only media).
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// Runs `work` inside one IMMEDIATE transaction: it takes the write lock up front, so a
    /// read-then-write never fails with "database is locked" when another process commits in
    /// between. Dropping the transaction on an error rolls everything back.
    fn write<T>(&mut self, work: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        if self.read_only {
            return Err(StoreError::ReadOnly);
        }
        if let Some(damage) = self.known_damage() {
            return Err(StoreError::Corrupt(damage));
        }
        let result = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(StoreError::from)
            .and_then(|tx| {
                let value = work(&tx)?;
                // A title or note changed: the copy sync keeps loses the old one now.
                if sync_scrub::scrub_changed_copies(&tx)? {
                    scrub::mark_scrub_pending(&tx)?;
                }
                if let Some(clock) = &self.change_clock {
                    sync_writes::stamp_changes(&tx, clock.now())?;
                }
                tx.commit()?;
                Ok(value)
            });
        match &result {
            Err(StoreError::Corrupt(detail)) => self.note_damage(detail),
            // A write that could not grow a file on a full disk is "disk full", whichever
            // file it was (SQLite says "I/O error" for some of them).
            Err(StoreError::Sqlite(e))
                if e.sqlite_error_code() == Some(rusqlite::ErrorCode::SystemIoFailure)
                    && open::disk_is_full(&self.path) =>
            {
                return Err(StoreError::DiskFull);
            }
            _ => {}
        }
        result
    }

    /// [`write`](Store::write) with SQLite's foreign-key enforcement off for this one
    /// transaction, for erases and imports only: their statements keep every reference valid
    /// themselves (see `trash::erase_where`, `backup::import_rows`), and the per-row probes SQLite would add cost a purge of
    /// 250,000 entries a fifth of its time. The model test runs `foreign_key_check` after
    /// every step to hold the statements to that. (The pragma cannot change inside a
    /// transaction, hence the toggle around it.)
    pub(super) fn write_unchecked<T>(
        &mut self,
        work: impl FnOnce(&Transaction) -> Result<T>,
    ) -> Result<T> {
        if self.read_only {
            return Err(StoreError::ReadOnly);
        }
        self.conn.pragma_update(None, "foreign_keys", false)?;
        let result = self.write(work);
        let restored = self.conn.pragma_update(None, "foreign_keys", true);
        let value = result?;
        restored?;
        Ok(value)
    }
}

impl Store {
    /// Stamps every change sync will send with the time `clock` gives, as it is written, so
    /// that of two edits made on two devices the later wins (see `sync_schema.rs`).
    pub fn stamp_changes_with(&mut self, clock: std::sync::Arc<dyn crate::clock::Clock>) {
        self.change_clock = Some(clock);
    }

    /// Makes a filter keystroke read only `rows` rows of a big view itself, so that tests
    /// can see the rest read in the background without a view of a million todos.
    #[doc(hidden)]
    pub fn quick_rows_for_tests(&self, rows: i64) {
        self.quick_rows.set(rows);
    }

    /// Caps the database at `pages` pages for this connection (`PRAGMA max_page_count`), so
    /// that tests can see what a full disk does without filling one.
    #[doc(hidden)]
    pub fn limit_pages_for_tests(&self, pages: i64) {
        let _ = self
            .conn
            .query_row(&format!("PRAGMA max_page_count = {pages}"), [], |_| Ok(()));
    }
}

/// `ids` without repeats, in first-seen order: `rm 3 3` trashes todo 3 once.
pub(super) fn distinct<T: Copy + Eq + std::hash::Hash>(ids: &[T]) -> Vec<T> {
    let mut seen = std::collections::HashSet::new();
    ids.iter().copied().filter(|id| seen.insert(*id)).collect()
}

/// Converts a stored millisecond count back into a time.
fn ts(ms: i64) -> Timestamp {
    crate::when::from_millis(ms)
}

/// The millisecond count stored for a time.
fn ms(t: Timestamp) -> i64 {
    t.as_millisecond()
}
