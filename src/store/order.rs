//! Reordering: a live todo or list trades places with its neighbour (`J`/`K` in the app).
//! A swap reports every position it changed, before and after, so that undo can put back
//! exactly what was there (two rows can share a position, and then a swap is not its own
//! inverse).

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

    /// Two live todos of one list trade places; returns (id, position before, after).
    pub fn swap_todos(&mut self, a: TodoId, b: TodoId) -> Result<Vec<Placed>> {
        self.write(|tx| {
            super::todos::require_live_todos(tx, &[a, b])?;
            swap(tx, "todos", a.0, b.0)
        })
    }

    /// Two live lists trade places; returns (id, position before, after).
    pub fn swap_lists(&mut self, a: ListId, b: ListId) -> Result<Vec<Placed>> {
        self.write(|tx| {
            super::lists::require_live_list(tx, a)?;
            super::lists::require_live_list(tx, b)?;
            swap(tx, "lists", a.0, b.0)
        })
    }

    /// Puts live todos (`lists` false) or live lists back at the positions a swap took them
    /// from (the `before` of each [`Placed`]); refused if one is no longer live.
    pub fn unswap(&mut self, lists: bool, placed: &[Placed]) -> Result<()> {
        self.write(|tx| {
            for p in placed {
                if lists {
                    super::lists::require_live_list(tx, ListId(p.id))?;
                } else {
                    super::todos::require_live_todos(tx, &[TodoId(p.id)])?;
                }
            }
            let table = if lists { "lists" } else { "todos" };
            let mut set = tx.prepare(&format!("UPDATE {table} SET position = ?2 WHERE id = ?1"))?;
            for p in placed {
                set.execute(params![p.id, p.before])?;
            }
            Ok(())
        })
    }
}

/// A row a swap moved: its id and its position before and after.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placed {
    pub id: i64,
    pub before: i64,
    pub after: i64,
}

impl Placed {
    /// The same move, the other way round.
    pub fn reversed(self) -> Placed {
        Placed {
            id: self.id,
            before: self.after,
            after: self.before,
        }
    }
}

/// Exchanges the positions of rows `a` and `b` of `table`. Two rows that share a position
/// (an import can leave that) are ordered by id, so the one after gets the next position.
fn swap(tx: &rusqlite::Transaction, table: &str, a: i64, b: i64) -> Result<Vec<Placed>> {
    let position = |id: i64| -> Result<i64> {
        Ok(tx.query_row(
            &format!("SELECT position FROM {table} WHERE id = ?1"),
            [id],
            |r| r.get(0),
        )?)
    };
    let (was_a, was_b) = (position(a)?, position(b)?);
    let (pa, pb) = if was_a == was_b {
        if a < b {
            (was_a, was_a + 1)
        } else {
            (was_a + 1, was_a)
        }
    } else {
        (was_a, was_b)
    };
    let mut set = tx.prepare(&format!("UPDATE {table} SET position = ?2 WHERE id = ?1"))?;
    set.execute(params![a, pb])?;
    set.execute(params![b, pa])?;
    Ok(vec![
        Placed {
            id: a,
            before: was_a,
            after: pb,
        },
        Placed {
            id: b,
            before: was_b,
            after: pa,
        },
    ])
}
