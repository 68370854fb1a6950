//! The few writes that exist only to take back a user's last action in the app (`u`).
//! Deleting, restoring, editing and marking done are undone with the ordinary operations;
//! these cover what has no ordinary inverse.

use rusqlite::{OptionalExtension, params};

use super::ids::{ListId, TodoId};
use super::rows::{LIST_COLUMNS, ListRow, TODO_COLUMNS, TodoRow, list_from_row, todo_from_row};
use super::{Result, Store, StoreError};
use crate::text::name_key;

impl Store {
    /// Takes back adding a todo: removes it outright (it was never meant to exist, so it
    /// does not go to the Trash) and returns the row, so that a redo can put it back. Only a
    /// live todo can be taken back.
    pub fn unadd_todo(&mut self, id: TodoId) -> Result<TodoRow> {
        let mut row = None;
        self.write_removing_text(|tx| {
            row = Some(
                tx.query_row(
                    &format!(
                        "SELECT {TODO_COLUMNS} FROM todos
                         WHERE id = ?1 AND trash_entry_id IS NULL"
                    ),
                    [id],
                    todo_from_row,
                )
                .optional()?
                .ok_or_else(|| super::todos::missing_todo_error(tx, id))?,
            );
            tx.execute("DELETE FROM todos WHERE id = ?1", [id])?;
            Ok(true)
        })?;
        Ok(row.expect("read in the transaction"))
    }

    /// Puts back a todo whose adding was taken back, with its own id, title, list and place.
    pub fn readd_todo(&mut self, row: &TodoRow) -> Result<TodoId> {
        self.write(|tx| insert_row(tx, row))
    }

    /// Takes back creating a list and returns it, so that a redo can put it back; refused
    /// once the list has todos, live or trashed.
    pub fn unadd_list(&mut self, id: ListId) -> Result<ListRow> {
        let mut row = None;
        self.write_removing_text(|tx| {
            let used: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM todos WHERE list_id = ?1)",
                [id],
                |r| r.get(0),
            )?;
            if used {
                return Err(StoreError::ListInUse(id));
            }
            row = tx
                .query_row(
                    &format!(
                        "SELECT {LIST_COLUMNS} FROM lists WHERE id = ?1 AND trash_entry_id IS NULL"
                    ),
                    [id],
                    list_from_row,
                )
                .optional()?;
            if row.is_none() {
                return Err(StoreError::ListGone(id));
            }
            tx.execute("DELETE FROM lists WHERE id = ?1", [id])?;
            Ok(true)
        })?;
        Ok(row.expect("read in the transaction"))
    }

    /// Puts back a list whose creation was taken back, with its own id, name and place.
    pub fn readd_list(&mut self, row: &ListRow) -> Result<ListId> {
        self.write(|tx| {
            super::lists::require_free_name(tx, &row.name, None)?;
            tx.execute(
                "INSERT INTO lists (id, name, name_key, position, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![
                    row.id,
                    row.name,
                    name_key(&row.name),
                    row.position,
                    row.created_at
                ],
            )?;
            Ok(ListId(row.id))
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
        self.place_todos(&[(id, list, position)])
    }
}

/// Inserts `row` as it was (its id, list, place, details, tags and note): a todo whose
/// adding, or whose making by a tick, is done again.
pub(super) fn insert_row(tx: &rusqlite::Transaction, row: &TodoRow) -> Result<TodoId> {
    if let Some(list) = row.list {
        super::lists::require_live_list(tx, ListId(list))?;
    }
    tx.execute(
        "INSERT INTO todos (id, title, list_id, done, position, created_at, due_at,
                            due_has_time, priority, every, uid, done_at, cancelled)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        params![
            row.id,
            row.title,
            row.list,
            row.done,
            row.position,
            row.created_at,
            row.due_at,
            row.due_has_time,
            row.priority,
            row.every,
            row.uid,
            row.done_at,
            row.cancelled
        ],
    )?;
    super::tags_notes::write_tags(tx, row.id, &row.title, false)?;
    super::tags_notes::write_own_tags(tx, row.id, &row.title, &row.own_tags)?;
    super::tags_notes::write_note(tx, row.id, row.note.as_deref())?;
    Ok(TodoId(row.id))
}
