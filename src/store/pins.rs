//! Pinning trash entries: a pinned entry is kept until it is unpinned, whatever the
//! retention. Unpinning one whose time has passed leaves it to the next purge, which the
//! caller runs at once.

use rusqlite::params;

use super::distinct;
use super::ids::EntryId;
use super::trash::require_entries;
use super::{Result, Store};

impl Store {
    /// Pins (`pinned` true) or unpins entries. All or nothing: an unknown id changes
    /// nothing. Returns how many changed (entries already so are left as they are).
    pub fn pin_entries(&mut self, ids: &[EntryId], pinned: bool) -> Result<usize> {
        let ids = distinct(ids);
        self.write(|tx| {
            require_entries(tx, &ids)?;
            let mut set = tx.prepare_cached(
                "UPDATE trash_entries SET pinned = ?2 WHERE id = ?1 AND pinned IS NOT ?2",
            )?;
            let mut changed = 0;
            for id in &ids {
                changed += set.execute(params![id, pinned])?;
            }
            Ok(changed)
        })
    }

    /// How many entries are pinned: a look at the few, along their own index. (Named: once
    /// `trash_entries` grew a column, SQLite chose to walk the whole index by delete time
    /// instead, 1,200 pages at a million todos before the first frame.)
    pub fn pinned_count(&self) -> Result<i64> {
        Ok(self.conn.query_row(
            "SELECT count(*) FROM trash_entries INDEXED BY trash_entries_pinned WHERE pinned",
            [],
            |r| r.get(0),
        )?)
    }
}
