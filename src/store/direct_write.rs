//! An import into an empty database, written straight into the file. In WAL mode every page
//! of a big transaction is written twice: into the log at the commit, then into the file
//! when the last connection closes (the checkpoint). An import into a new database has no
//! reader to keep apart from its writes, so it runs with a rollback journal instead, which
//! holds only the pages it changes (none, in an empty file) and writes the rest once: a
//! tenth of a 10,000-todo import. The log comes back after, whatever the import did.

use std::time::Duration;

use super::open::BUSY_TIMEOUT;
use super::{Result, Store};

impl Store {
    /// Runs `work` with a rollback journal when the database holds nothing and no other
    /// connection has it open; otherwise, or if the journal cannot be switched, as usual.
    pub(super) fn write_empty_directly<T>(
        &mut self,
        work: impl FnOnce(&mut Store) -> Result<T>,
    ) -> Result<T> {
        let direct = !self.read_only && self.holds_nothing()? && self.journal_to("DELETE");
        let result = work(self);
        if direct {
            // Back to the log. Should another process have opened the file meanwhile and
            // hold it, the next open of softly switches it (`open.rs`).
            self.journal_to("WAL");
        }
        result
    }

    fn holds_nothing(&self) -> Result<bool> {
        Ok(self.conn.query_row(
            "SELECT NOT EXISTS (SELECT 1 FROM lists) AND NOT EXISTS (SELECT 1 FROM todos)
                AND NOT EXISTS (SELECT 1 FROM trash_entries)",
            [],
            |r| r.get(0),
        )?)
    }

    /// Switches the journal to `mode` without waiting for another connection (leaving the
    /// log needs the file to itself); true when it is now in `mode`.
    fn journal_to(&self, mode: &str) -> bool {
        if self.conn.busy_timeout(Duration::ZERO).is_err() {
            return false;
        }
        let now: rusqlite::Result<String> =
            self.conn
                .query_row(&format!("PRAGMA journal_mode = {mode}"), [], |r| r.get(0));
        let _ = self.conn.busy_timeout(BUSY_TIMEOUT);
        now.is_ok_and(|now| now.eq_ignore_ascii_case(mode))
    }
}
