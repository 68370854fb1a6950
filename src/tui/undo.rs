//! The undo history of a session: each step knows how to take one action back.
//! Erase, empty and purge are final and never recorded; that is why they ask first.

use jiff::Timestamp;

use crate::store::{EntryId, ListId, RestoredRow, Store, StoreError, TodoId};
use crate::text::display_safe;

/// One action that `u` can take back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UndoStep {
    AddedTodo(TodoId),
    AddedList(ListId),
    EditedTodo {
        id: TodoId,
        before: String,
    },
    RenamedList {
        id: ListId,
        before: String,
    },
    Toggled {
        id: TodoId,
        before: bool,
    },
    Moved {
        id: TodoId,
        from: Option<ListId>,
        position: i64,
    },
    /// A todo or list went to the Trash as this entry; undo restores it.
    Trashed(EntryId),
    /// An entry was restored; undo puts the row back in the Trash with its old delete time,
    /// so its purge clock does not start over.
    Restored {
        row: RestoredRow,
        deleted_at: Timestamp,
    },
}

impl UndoStep {
    /// Takes the action back; returns what to tell the user.
    pub fn undo(self, store: &mut Store) -> Result<String, StoreError> {
        match self {
            UndoStep::AddedTodo(id) => {
                let title = store.live_todo(id)?.title;
                store.unadd_todo(id)?;
                Ok(format!("Undid adding '{}'", display_safe(&title)))
            }
            UndoStep::AddedList(id) => {
                store.unadd_list(id)?;
                Ok("Undid creating the list".to_string())
            }
            UndoStep::EditedTodo { id, before } => {
                store.edit_title(id, &before)?;
                Ok(format!("Undid the edit: '{}' again", display_safe(&before)))
            }
            UndoStep::RenamedList { id, before } => {
                store.rename_list(id, &before)?;
                Ok(format!(
                    "Undid the rename: '{}' again",
                    display_safe(&before)
                ))
            }
            UndoStep::Toggled { id, before } => {
                store.set_done(&[id], before)?;
                Ok(if before {
                    "Undid: marked done again".to_string()
                } else {
                    "Undid: marked not done again".to_string()
                })
            }
            UndoStep::Moved { id, from, position } => {
                store.place_todo(id, from, position)?;
                Ok("Undid the move".to_string())
            }
            UndoStep::Trashed(entry) => {
                let restored = store.restore_entries(&[entry]).map_err(|e| match e {
                    StoreError::NoSuchEntry(_) => StoreError::UndoGone,
                    other => other,
                })?;
                let title = display_safe(&restored[0].title).into_owned();
                Ok(format!("Undid the delete: '{title}' is back"))
            }
            UndoStep::Restored { row, deleted_at } => {
                match row {
                    RestoredRow::Todo(id) => {
                        store.trash_todos(&[id], deleted_at)?;
                    }
                    RestoredRow::List(id) => {
                        store.trash_list(id, deleted_at)?;
                    }
                }
                Ok("Undid the restore: back in the Trash".to_string())
            }
        }
    }
}
