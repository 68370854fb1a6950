//! Scrubbing: making text that a write removed (an erase, a purge, an edited title, a renamed
//! list) leave the disk, not only the tables.
//!
//! With `secure_delete` on, SQLite zeroes removed text in the pages it rewrites, but older
//! copies of those pages stay in the `-wal` (and the main file keeps its copy until the log
//! is copied back) until a truncating checkpoint. That checkpoint cannot finish while
//! another connection is reading, and the process may die before it runs. So every write
//! that removes text records "scrub pending" in its own transaction ([`mark_scrub_pending`]);
//! the mark is cleared only once a checkpoint has emptied the log, and every later open, and
//! the app's timer, try again. No attempt ever waits: a busy database is simply tried later,
//! so a reader elsewhere never stalls a command.

use std::time::Duration;

use rusqlite::{OptionalExtension, Transaction, TransactionBehavior};

use super::{Result, Store, StoreError};

/// The key in `meta` that marks a scrub still to do.
const PENDING: &str = "scrub_pending";

/// Records, inside a write transaction that removes text, that the disk still has to be
/// scrubbed. Committed with the write, so a crash right after the commit cannot lose it.
pub(super) fn mark_scrub_pending(tx: &Transaction) -> Result<()> {
    tx.prepare_cached("INSERT OR REPLACE INTO meta (key, value) VALUES (?1, 1)")?
        .execute([PENDING])?;
    Ok(())
}

impl Store {
    /// True when text removed earlier may still be on disk (a scrub could not finish yet).
    pub fn scrub_pending(&self) -> Result<bool> {
        Ok(self
            .conn
            .prepare_cached("SELECT 1 FROM meta WHERE key = ?1")?
            .query_row([PENDING], |_| Ok(()))
            .optional()?
            .is_some())
    }

    /// Finishes a pending scrub if nothing stands in the way right now; never waits for
    /// another connection. Returns true when nothing is pending any more. Cheap (one
    /// look-up) when nothing is pending.
    pub fn retry_pending_scrub(&mut self) -> Result<bool> {
        if !self.scrub_pending()? {
            return Ok(true);
        }
        if self.read_only {
            return Ok(false);
        }
        let done = self.without_waiting(|store| {
            if !checkpoint_truncate(store)? {
                return Ok(false);
            }
            // The log is empty and the main file holds only scrubbed pages: clear the mark.
            // That write puts one title-free page in the log; empty it again if we can.
            let tx = store
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)?;
            tx.execute("DELETE FROM meta WHERE key = ?1", [PENDING])?;
            tx.commit()?;
            checkpoint_truncate(store)?;
            Ok(true)
        });
        match done {
            // Another connection holds the write lock: not now.
            Err(StoreError::Busy) => Ok(false),
            other => other,
        }
    }

    /// One write transaction that may remove text (an edited title, a renamed list, an
    /// add taken back): `work` says whether it did. If so the scrub is marked in the same
    /// transaction and tried once it has committed.
    pub(super) fn write_removing_text(
        &mut self,
        work: impl FnOnce(&Transaction) -> Result<bool>,
    ) -> Result<()> {
        let removed = self.write(|tx| {
            let removed = work(tx)?;
            if removed {
                mark_scrub_pending(tx)?;
            }
            Ok(removed)
        })?;
        if removed {
            // The write is done; a scrub that cannot finish now is retried later.
            self.scrub_after_removal();
        }
        Ok(())
    }

    /// Called right after a write that removed text (and marked the scrub) has committed:
    /// scrubs now if nothing stands in the way. True when the text is gone from disk.
    pub(super) fn scrub_after_removal(&mut self) -> bool {
        // Tests kill the process here to check that the mark alone finishes the job.
        crate::crash_point::crash_point("after-removal-commit");
        self.retry_pending_scrub().unwrap_or(false)
    }

    /// Runs `work` with the busy timeout off, so that a lock held elsewhere is reported at
    /// once (`Busy`, or a checkpoint that says it could not finish) instead of waited out:
    /// for work that can simply be tried again later, such as the app's timed purge.
    pub fn without_waiting<T>(&mut self, work: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        self.conn.busy_timeout(Duration::ZERO)?;
        let result = work(self);
        self.conn.busy_timeout(super::open::BUSY_TIMEOUT)?;
        result
    }
}

/// Copies every committed page into the main file and truncates the `-wal` to zero bytes.
/// False when another connection (a reader, or a writer) kept it from finishing.
fn checkpoint_truncate(store: &Store) -> Result<bool> {
    let busy: i64 = store
        .conn
        .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get(0))?;
    Ok(busy == 0)
}
