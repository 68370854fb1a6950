//! The undo and redo history of a session.
//!
//! Each recorded [`Change`] knows how to reverse itself, and reversing one yields the change
//! that reverses it back: undo pops a change, reverses it and pushes the result for redo;
//! redo does the same the other way. A reversal puts back exactly what was there (a restore
//! taken back returns the rows to the very trash entry they came from), so a chain of undos
//! and redos never strands a step. A step that cannot be reversed (another program changed
//! what it names) stays where it was, with a reason in words. Any new change clears redo.
//! Erase, empty and purge are final and never recorded; that is why they ask first.

use crate::store::rows::{ListRow, TodoRow};
use crate::store::{EntryId, ListId, Placed, RestoreSnapshot, Store, StoreError, TodoId};
use crate::text::display_safe;

/// How many steps `u` can take back.
const DEPTH: usize = 100;

/// Where a todo sits: its list (`None`: the Inbox) and its place there.
pub type Place = (Option<ListId>, i64);

/// One change the history can reverse, with the names its messages use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    AddedTodo {
        id: TodoId,
        title: String,
    },
    /// An add taken back: the row, to put back with its own id.
    RemovedTodo(TodoRow),
    AddedList {
        id: ListId,
        name: String,
    },
    /// A list's creation taken back.
    RemovedList(ListRow),
    EditedTodo {
        id: TodoId,
        before: String,
        after: String,
    },
    RenamedList {
        id: ListId,
        before: String,
        after: String,
    },
    /// The todo was marked `done` (or not done).
    MarkedDone {
        id: TodoId,
        title: String,
        done: bool,
    },
    /// The todo left `from`.
    Moved {
        id: TodoId,
        title: String,
        from: Place,
    },
    /// A todo or a list went to the Trash as `entry`.
    Trashed {
        entry: EntryId,
        title: String,
    },
    /// An entry was restored; `before` is how its rows stood in the Trash.
    Restored {
        before: RestoreSnapshot,
        title: String,
    },
    /// A todo traded places with the one above it (`up`) or below; `placed` says where
    /// each of the two was and went.
    SwappedTodos {
        placed: Vec<Placed>,
        title: String,
        up: bool,
    },
    /// A list traded places with its neighbour.
    SwappedLists {
        placed: Vec<Placed>,
        name: String,
        up: bool,
    },
}

impl Change {
    /// Does the opposite of this change in the store; returns the change that undoes that.
    fn reverse(self, store: &mut Store) -> Result<Change, StoreError> {
        Ok(match self {
            Change::AddedTodo { id, .. } => Change::RemovedTodo(store.unadd_todo(id)?),
            Change::RemovedTodo(row) => {
                let id = store.readd_todo(&row)?;
                Change::AddedTodo {
                    id,
                    title: row.title,
                }
            }
            Change::AddedList { id, .. } => Change::RemovedList(store.unadd_list(id)?),
            Change::RemovedList(row) => {
                let id = store.readd_list(&row)?;
                Change::AddedList { id, name: row.name }
            }
            Change::EditedTodo { id, before, after } => {
                store.edit_title(id, &before)?;
                Change::EditedTodo {
                    id,
                    before: after,
                    after: before,
                }
            }
            Change::RenamedList { id, before, after } => {
                store.rename_list(id, &before)?;
                Change::RenamedList {
                    id,
                    before: after,
                    after: before,
                }
            }
            Change::MarkedDone { id, title, done } => {
                store.set_done(&[id], !done)?;
                Change::MarkedDone {
                    id,
                    title,
                    done: !done,
                }
            }
            Change::Moved { id, title, from } => {
                let here = store.todo_place(id)?;
                store.place_todo(id, from.0, from.1)?;
                Change::Moved {
                    id,
                    title,
                    from: here,
                }
            }
            Change::Trashed { entry, title } => {
                let restored = store
                    .restore_entries(&[entry])
                    .map_err(|e| match e {
                        StoreError::NoSuchEntry(_) => StoreError::UndoGone,
                        other => other,
                    })?
                    .remove(0);
                Change::Restored {
                    before: restored.before,
                    title,
                }
            }
            Change::Restored { before, title } => {
                store.unrestore(&before)?;
                Change::Trashed {
                    entry: before.entry,
                    title,
                }
            }
            // Each back where it was, exactly.
            Change::SwappedTodos { placed, title, up } => {
                store.unswap(false, &placed)?;
                Change::SwappedTodos {
                    placed: placed.into_iter().map(Placed::reversed).collect(),
                    title,
                    up: !up,
                }
            }
            Change::SwappedLists { placed, name, up } => {
                store.unswap(true, &placed)?;
                Change::SwappedLists {
                    placed: placed.into_iter().map(Placed::reversed).collect(),
                    name,
                    up: !up,
                }
            }
        })
    }

    /// The change as an action in words: "adding 'milk'", "the move of 'milk'".
    fn words(&self) -> String {
        let q = |text: &str| format!("'{}'", display_safe(text));
        match self {
            Change::AddedTodo { title, .. } => format!("adding {}", q(title)),
            Change::RemovedTodo(row) => format!("taking back adding {}", q(&row.title)),
            Change::AddedList { name, .. } => format!("creating the list {}", q(name)),
            Change::RemovedList(row) => format!("taking back creating the list {}", q(&row.name)),
            Change::EditedTodo { before, after, .. } => {
                format!("the edit of {} to {}", q(before), q(after))
            }
            Change::RenamedList { before, after, .. } => {
                format!("the rename of {} to {}", q(before), q(after))
            }
            Change::MarkedDone { title, done, .. } => {
                format!(
                    "marking {} {}",
                    q(title),
                    if *done { "done" } else { "not done" }
                )
            }
            Change::Moved { title, .. } => format!("the move of {}", q(title)),
            Change::Trashed { title, .. } => format!("the delete of {}", q(title)),
            Change::Restored { title, .. } => format!("the restore of {}", q(title)),
            Change::SwappedTodos { title, up, .. } => {
                format!("moving {} {}", q(title), if *up { "up" } else { "down" })
            }
            Change::SwappedLists { name, up, .. } => {
                format!(
                    "moving the list {} {}",
                    q(name),
                    if *up { "up" } else { "down" }
                )
            }
        }
    }

    /// Why this change could not be reversed, in words a user can act on, when another
    /// program changed what it names. `None` for failures that are not about the change
    /// (a busy or read-only database), which are reported as they are.
    fn blocked_by(&self, e: &StoreError) -> Option<String> {
        let q = |text: &str| format!("'{}'", display_safe(text));
        let subject = match self {
            Change::AddedTodo { title, .. }
            | Change::EditedTodo { after: title, .. }
            | Change::MarkedDone { title, .. }
            | Change::Moved { title, .. }
            | Change::Trashed { title, .. }
            | Change::Restored { title, .. }
            | Change::SwappedTodos { title, .. } => q(title),
            Change::SwappedLists { name, .. } => q(name),
            Change::RemovedTodo(row) => q(&row.title),
            Change::AddedList { name, .. } | Change::RenamedList { after: name, .. } => q(name),
            Change::RemovedList(row) => q(&row.name),
        };
        Some(match e {
            StoreError::TodoInTrash { .. } => {
                format!("{subject} is in the Trash now; restore it first")
            }
            StoreError::NoSuchTodo(_) => format!("{subject} was erased meanwhile"),
            StoreError::ListGone(_) => match self {
                Change::Moved { .. } | Change::RemovedTodo(_) => {
                    "its list was deleted meanwhile; restore the list first".to_string()
                }
                _ => format!("{subject} was deleted meanwhile; restore it first"),
            },
            StoreError::ListInUse(_) => format!(
                "{} has todos now that it had not; move or delete them first",
                match self {
                    Change::AddedList { .. } => subject.clone(),
                    _ => "the list".to_string(),
                }
            ),
            StoreError::ListNameTaken(name) => {
                format!("a list named {} exists now; rename it first", q(name))
            }
            StoreError::UndoGone => {
                format!("{subject} is no longer in the Trash (erased or purged)")
            }
            _ => return None,
        })
    }
}

/// Which way through the history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Undo,
    Redo,
}

/// Why a step could not be taken; the step stays in the history.
#[derive(Debug)]
pub enum Blocked {
    /// Another program changed what the step names: the reason, in words.
    Said(String),
    /// The database could not be written (busy, read-only, full, damaged).
    Store(StoreError),
}

/// The undo and redo stacks.
#[derive(Debug, Default)]
pub struct History {
    undo: Vec<Change>,
    redo: Vec<Change>,
}

impl History {
    /// Records a change just made: it can be undone, and nothing undone before can be
    /// redone any more.
    pub fn record(&mut self, change: Change) {
        if self.undo.len() == DEPTH {
            self.undo.remove(0);
        }
        self.undo.push(change);
        self.redo.clear();
    }

    /// Undoes the newest change (or redoes the newest undone one); says what it did.
    pub fn step(&mut self, direction: Direction, store: &mut Store) -> Result<String, Blocked> {
        let (from, to) = match direction {
            Direction::Undo => (&mut self.undo, &mut self.redo),
            Direction::Redo => (&mut self.redo, &mut self.undo),
        };
        let Some(change) = from.pop() else {
            return Ok(match direction {
                Direction::Undo => "Nothing to undo".to_string(),
                Direction::Redo => "Nothing to redo".to_string(),
            });
        };
        match change.clone().reverse(store) {
            Ok(reversed) => {
                let message = match direction {
                    Direction::Undo => format!("Undid {}", change.words()),
                    Direction::Redo => format!("Redid {}", reversed.words()),
                };
                to.push(reversed);
                Ok(message)
            }
            Err(e) => {
                // Never skipped: the step waits until what blocks it is put right.
                let blocked = match change.blocked_by(&e) {
                    Some(reason) => {
                        let verb = match direction {
                            Direction::Undo => "undo",
                            Direction::Redo => "redo",
                        };
                        let what = match direction {
                            Direction::Undo => change.words(),
                            Direction::Redo => change.redo_words(),
                        };
                        Blocked::Said(format!("Can't {verb} {what}: {reason}"))
                    }
                    None => Blocked::Store(e),
                };
                from.push(change);
                Err(blocked)
            }
        }
    }
}

impl Change {
    /// What redoing this (undone) change would do, in words.
    fn redo_words(&self) -> String {
        let q = |text: &str| format!("'{}'", display_safe(text));
        match self {
            Change::RemovedTodo(row) => format!("adding {}", q(&row.title)),
            Change::RemovedList(row) => format!("creating the list {}", q(&row.name)),
            Change::EditedTodo { before, after, .. } => {
                format!("the edit of {} to {}", q(after), q(before))
            }
            Change::RenamedList { before, after, .. } => {
                format!("the rename of {} to {}", q(after), q(before))
            }
            Change::MarkedDone { title, done, .. } => {
                format!(
                    "marking {} {}",
                    q(title),
                    if *done { "not done" } else { "done" }
                )
            }
            Change::Restored { title, .. } => format!("the delete of {}", q(title)),
            Change::Trashed { title, .. } => format!("the restore of {}", q(title)),
            Change::SwappedTodos { title, up, .. } => {
                format!("moving {} {}", q(title), if *up { "down" } else { "up" })
            }
            Change::SwappedLists { name, up, .. } => {
                format!(
                    "moving the list {} {}",
                    q(name),
                    if *up { "down" } else { "up" }
                )
            }
            other => other.words(),
        }
    }
}
