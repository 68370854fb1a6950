//! Reordering: a live todo or list trades places with its neighbour (`J`/`K` in the app).
//! A swap is its own inverse, so undo swaps the same two back.

use rusqlite::{OptionalExtension, params};

use super::ids::{ListId, TodoId};
use super::{Result, Store};

impl Store {
    /// The live todo just above (`up`) or below `id` in its list, if any.
    pub fn todo_neighbour(&self, id: TodoId, up: bool) -> Result<Option<TodoId>> {
        let (list, position) = self.todo_place(id)?;
        let sql = if up {
            "SELECT id FROM todos WHERE list_id IS ?1 AND trash_entry_id IS NULL
               AND (position < ?2 OR (position = ?2 AND id < ?3))
             ORDER BY position DESC, id DESC LIMIT 1"
        } else {
            "SELECT id FROM todos WHERE list_id IS ?1 AND trash_entry_id IS NULL
               AND (position > ?2 OR (position = ?2 AND id > ?3))
             ORDER BY position, id LIMIT 1"
        };
        Ok(self
            .conn
            .query_row(sql, params![list, position, id], |r| r.get(0))
            .optional()?)
    }

    /// The live list just above (`up`) or below `id`, if any (the Inbox does not move).
    pub fn list_neighbour(&self, id: ListId, up: bool) -> Result<Option<ListId>> {
        let position: i64 = self.conn.query_row(
            "SELECT position FROM lists WHERE id = ?1 AND trash_entry_id IS NULL",
            [id],
            |r| r.get(0),
        )?;
        let sql = if up {
            "SELECT id FROM lists WHERE trash_entry_id IS NULL
               AND (position < ?1 OR (position = ?1 AND id < ?2))
             ORDER BY position DESC, id DESC LIMIT 1"
        } else {
            "SELECT id FROM lists WHERE trash_entry_id IS NULL
               AND (position > ?1 OR (position = ?1 AND id > ?2))
             ORDER BY position, id LIMIT 1"
        };
        Ok(self
            .conn
            .query_row(sql, params![position, id], |r| r.get(0))
            .optional()?)
    }

    /// Two live todos of one list trade places.
    pub fn swap_todos(&mut self, a: TodoId, b: TodoId) -> Result<()> {
        self.write(|tx| {
            super::todos::require_live_todos(tx, &[a, b])?;
            swap(tx, "todos", a.0, b.0)
        })
    }

    /// Two live lists trade places.
    pub fn swap_lists(&mut self, a: ListId, b: ListId) -> Result<()> {
        self.write(|tx| {
            super::lists::require_live_list(tx, a)?;
            super::lists::require_live_list(tx, b)?;
            swap(tx, "lists", a.0, b.0)
        })
    }
}

/// Exchanges the positions of rows `a` and `b` of `table`. Two rows that share a position
/// (an import can leave that) are ordered by id, so the one after gets the next position.
fn swap(tx: &rusqlite::Transaction, table: &str, a: i64, b: i64) -> Result<()> {
    let position = |id: i64| -> Result<i64> {
        Ok(tx.query_row(
            &format!("SELECT position FROM {table} WHERE id = ?1"),
            [id],
            |r| r.get(0),
        )?)
    };
    let (pa, pb) = (position(a)?, position(b)?);
    let (pa, pb) = if pa == pb {
        if a < b { (pa, pa + 1) } else { (pa + 1, pa) }
    } else {
        (pa, pb)
    };
    let mut set = tx.prepare(&format!("UPDATE {table} SET position = ?2 WHERE id = ?1"))?;
    set.execute(params![a, pb])?;
    set.execute(params![b, pa])?;
    Ok(())
}
