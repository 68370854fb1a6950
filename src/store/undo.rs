//! The few writes that exist only to take back a user's last action in the app (`u`).
//! Deleting, restoring, editing and marking done are undone with the ordinary operations;
//! these cover what has no ordinary inverse.

use rusqlite::{OptionalExtension, params};

use super::ids::{ListId, TodoId};
use super::{Result, Store, StoreError};

impl Store {
    /// Takes back adding a todo: removes it outright (it was never meant to exist, so it
    /// does not go to the Trash). Only a live todo can be taken back.
    pub fn unadd_todo(&mut self, id: TodoId) -> Result<()> {
        self.write_removing_text(|tx| {
            let removed = tx.execute(
                "DELETE FROM todos WHERE id = ?1 AND trash_entry_id IS NULL",
                [id],
            )?;
            if removed == 0 {
                return Err(StoreError::NoSuchTodo(id));
            }
            Ok(true)
        })
    }

    /// Takes back creating a list; refused once the list has todos, live or trashed.
    pub fn unadd_list(&mut self, id: ListId) -> Result<()> {
        self.write_removing_text(|tx| {
            let used: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM todos WHERE list_id = ?1)",
                [id],
                |r| r.get(0),
            )?;
            if used {
                return Err(StoreError::ListInUse(id));
            }
            let removed = tx.execute(
                "DELETE FROM lists WHERE id = ?1 AND trash_entry_id IS NULL",
                [id],
            )?;
            if removed == 0 {
                return Err(StoreError::ListGone(id));
            }
            Ok(true)
        })
    }

    /// Where a live todo sits: its list and its position in that list.
    pub fn todo_place(&self, id: TodoId) -> Result<(Option<ListId>, i64)> {
        self.conn
            .query_row(
                "SELECT list_id, position FROM todos WHERE id = ?1 AND trash_entry_id IS NULL",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?
            .ok_or(StoreError::NoSuchTodo(id))
    }

    /// Puts a live todo back at an exact place (to undo a move).
    pub fn place_todo(&mut self, id: TodoId, list: Option<ListId>, position: i64) -> Result<()> {
        self.write(|tx| {
            if let Some(list) = list {
                super::lists::require_live_list(tx, list)?;
            }
            let moved = tx.execute(
                "UPDATE todos SET list_id = ?2, position = ?3
                 WHERE id = ?1 AND trash_entry_id IS NULL",
                params![id, list, position],
            )?;
            if moved == 0 {
                return Err(StoreError::NoSuchTodo(id));
            }
            Ok(())
        })
    }

    /// A number that changes whenever another connection commits to the database, so a
    /// view can tell cheaply that it should reload.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }
}

impl Store {
    /// Caps the database at `pages` pages for this connection (`PRAGMA max_page_count`), so
    /// that tests can see what a full disk does without filling one.
    #[doc(hidden)]
    pub fn limit_pages_for_tests(&self, pages: i64) {
        let _ = self
            .conn
            .query_row(&format!("PRAGMA max_page_count = {pages}"), [], |_| Ok(()));
    }
}
