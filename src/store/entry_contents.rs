//! What a trash entry holds, to look at before restoring it: the todos of a batch or of a
//! list, in the order they had.

use rusqlite::params;

use super::ids::EntryId;
use super::{Result, Store};

/// One todo of a trash entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryTodo {
    pub title: String,
    pub done: bool,
    pub cancelled: bool,
    /// The list it came from (a batch may mix lists), if it had one.
    pub list: Option<String>,
}

impl Store {
    /// The first `limit` todos of entry `id`, in their lists' order, and how many it holds
    /// in all. An entry erased meanwhile holds none.
    pub fn entry_todos(&self, id: EntryId, limit: i64) -> Result<(Vec<EntryTodo>, i64)> {
        let todos = self
            .conn
            .prepare_cached(
                "SELECT t.title, t.done, t.cancelled, l.name FROM todos t
                 LEFT JOIN lists l ON l.id = t.list_id
                 WHERE t.trash_entry_id = ?1
                 ORDER BY t.list_id IS NOT NULL, l.position, t.position, t.id
                 LIMIT ?2",
            )?
            .query_map(params![id, limit], |r| {
                Ok(EntryTodo {
                    title: r.get(0)?,
                    done: r.get(1)?,
                    cancelled: r.get(2)?,
                    list: r.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let total = self.conn.query_row(
            "SELECT count(*) FROM todos WHERE trash_entry_id = ?1",
            [id],
            |r| r.get(0),
        )?;
        Ok((todos, total))
    }
}
