//! Changes to many todos at once (the todos marked in the app), each batch one transaction,
//! all or nothing, and the writes that take such a batch back exactly.

use jiff::Timestamp;
use rusqlite::params;

use super::ids::{ListId, TodoId};
use super::recurring::{NextOccurrence, TakenBack, redo_in, take_back_in};
use super::tags_notes::write_own_tags;
use super::todos::{DetailsChange, edit_in, require_live_todos};
use super::{Result, Store, StoreError};
use crate::text::{clean_note, clean_title};

/// One todo's part of a batch: a new title (when given), the details `change` names, and
/// its own tags (when given: the tags its title does not carry, replaced by these).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TodoEdit {
    pub id: TodoId,
    pub title: Option<String>,
    pub change: DetailsChange,
    pub own_tags: Option<Vec<String>>,
}

impl Store {
    /// Makes every edit of `edits`, in one transaction: one refused (a todo gone, a rule
    /// without a due date) changes nothing. Replaced titles and notes leave the disk.
    pub fn edit_todos(&mut self, edits: &[TodoEdit]) -> Result<()> {
        let mut cleaned = Vec::with_capacity(edits.len());
        for edit in edits {
            let title = edit
                .title
                .as_deref()
                .map(|t| clean_title(t, "title"))
                .transpose()?;
            let note = match &edit.change.note {
                Some(Some(note)) => Some(clean_note(note)?),
                Some(None) => Some(None),
                None => None,
            };
            cleaned.push((title, note));
        }
        self.write_removing_text(|tx| {
            let mut removed = false;
            for (edit, (title, note)) in edits.iter().zip(&cleaned) {
                removed |= edit_in(tx, edit.id, title.as_deref(), &edit.change, note.as_ref())?;
                if let Some(tags) = &edit.own_tags {
                    let title: String =
                        tx.query_row("SELECT title FROM todos WHERE id = ?1", [edit.id], |r| {
                            r.get(0)
                        })?;
                    write_own_tags(tx, edit.id.0, &title, tags)?;
                }
            }
            Ok(removed)
        })
    }

    /// Puts live todos back at exact places (to undo a move of several), in one
    /// transaction.
    pub fn place_todos(&mut self, places: &[(TodoId, Option<ListId>, i64)]) -> Result<()> {
        self.write(|tx| {
            for &(id, list, position) in places {
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
            }
            Ok(())
        })
    }

    /// Takes back a tick of several todos in one transaction: `plain` are open again, and
    /// each occurrence in `made` is taken back (see [`Store::take_back_occurrence`]).
    /// Returns what each took back, in the order of `made`, for a redo to put back.
    pub fn untick_batch(
        &mut self,
        plain: &[TodoId],
        made: &[NextOccurrence],
    ) -> Result<Vec<TakenBack>> {
        let mut taken = Vec::new();
        self.write_removing_text(|tx| {
            require_live_todos(tx, plain)?;
            for id in plain {
                tx.execute(
                    "UPDATE todos SET done = 0, done_at = NULL WHERE id = ?1",
                    [id],
                )?;
            }
            for made in made {
                taken.push(take_back_in(tx, made)?);
            }
            Ok(!made.is_empty())
        })?;
        Ok(taken)
    }

    /// Ticks again, at `now`, what [`Store::untick_batch`] took back: `plain` done, and each
    /// occurrence put back as it was.
    pub fn retick_batch(
        &mut self,
        plain: &[TodoId],
        made: &[(NextOccurrence, TakenBack)],
        now: Timestamp,
    ) -> Result<()> {
        self.write(|tx| {
            require_live_todos(tx, plain)?;
            for id in plain {
                tx.execute(
                    "UPDATE todos SET done = 1, done_at = ?2, cancelled = 0 WHERE id = ?1",
                    params![id, super::ms(now)],
                )?;
            }
            for (made, taken) in made {
                redo_in(tx, made, taken)?;
            }
            Ok(())
        })
    }
}
