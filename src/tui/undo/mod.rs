//! The undo and redo history of a session.
//!
//! Each recorded [`Change`] knows how to reverse itself, and reversing one yields the change
//! that reverses it back: undo pops a change, reverses it and pushes the result for redo;
//! redo does the same the other way. A reversal puts back exactly what was there (a restore
//! taken back returns the rows to the very trash entry they came from), so a chain of undos
//! and redos never strands a step. A step that cannot be reversed (another program changed
//! what it names) stays where it was, with a reason in words. Any new change clears redo.
//! Erase, empty and purge are final and never recorded; that is why they ask first.

mod batch_step;
mod history;
mod words;

pub use batch_step::BatchStep;
pub use history::{Blocked, Direction, History};

use crate::store::rows::{ListRow, TodoRow};
use jiff::Timestamp;
use jiff::tz::TimeZone;

use crate::store::{
    DetailsChange, EntryId, ListId, NextOccurrence, Placed, RestoreSnapshot, Store, StoreError,
    TakenBack, TodoId,
};

/// When a step is taken: a redo of ticking a recurring todo done makes its next occurrence
/// by this time and zone.
#[derive(Debug, Clone, Copy)]
pub struct At<'z> {
    pub now: Timestamp,
    pub zone: &'z TimeZone,
}

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
    /// The todo was marked `done` (or not done); ticking a recurring one made `made`.
    MarkedDone {
        id: TodoId,
        title: String,
        done: bool,
        made: Option<NextOccurrence>,
        /// Ticked again by a redo: the occurrence the tick had made, and when, put back
        /// exactly (the same id).
        taken: Option<Box<TakenBack>>,
    },
    /// A todo's details changed: `before` names each changed field as it was, `after` as
    /// it is.
    ChangedDetails {
        id: TodoId,
        title: String,
        before: DetailsChange,
        after: DetailsChange,
    },
    /// Trash entries were pinned (or unpinned).
    Pinned {
        entries: Vec<EntryId>,
        title: String,
        pinned: bool,
    },
    /// Several changes made in one go (the marked entries restored): one step. They are
    /// reversed last first.
    Together {
        changes: Vec<Change>,
        title: String,
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
    /// A change to several marked todos at once; `title` counts them ("3 todos").
    Batch {
        step: Box<BatchStep>,
        title: String,
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
    fn reverse(self, store: &mut Store, at: At<'_>) -> Result<Change, StoreError> {
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
            Change::MarkedDone {
                id,
                title,
                done: true,
                made,
                ..
            } => {
                let taken = match &made {
                    Some(made) => Some(Box::new(store.take_back_occurrence(made)?)),
                    None => {
                        store.set_done(&[id], false, at.now)?;
                        None
                    }
                };
                Change::MarkedDone {
                    id,
                    title,
                    done: false,
                    made,
                    taken,
                }
            }
            Change::MarkedDone {
                id,
                title,
                done: false,
                made,
                taken,
            } => {
                let made = match (made, taken) {
                    (Some(made), Some(taken)) => {
                        store.redo_occurrence(&made, &taken)?;
                        Some(made)
                    }
                    _ => store.mark_done(&[id], at.now, at.zone)?.first().copied(),
                };
                Change::MarkedDone {
                    id,
                    title,
                    done: true,
                    made,
                    taken: None,
                }
            }
            Change::ChangedDetails {
                id,
                title,
                before,
                after,
            } => {
                store.edit_todo(id, None, before.clone())?;
                Change::ChangedDetails {
                    id,
                    title,
                    before: after,
                    after: before,
                }
            }
            Change::Pinned {
                entries,
                title,
                pinned,
            } => {
                store.pin_entries(&entries, !pinned).map_err(|e| match e {
                    StoreError::NoSuchEntry(_) => StoreError::UndoGone,
                    other => other,
                })?;
                Change::Pinned {
                    entries,
                    title,
                    pinned: !pinned,
                }
            }
            // Restores made together are taken back together, in one transaction, and
            // made again the same way: all or nothing, so the step never half happens.
            Change::Together { changes, title } => {
                let snapshots: Vec<RestoreSnapshot> = changes
                    .iter()
                    .filter_map(|c| match c {
                        Change::Restored { before, .. } => Some(before.clone()),
                        _ => None,
                    })
                    .collect();
                let reversed = if snapshots.len() == changes.len() {
                    store.unrestore_all(&snapshots)?;
                    changes
                        .into_iter()
                        .zip(snapshots)
                        .map(|(c, before)| Change::Trashed {
                            entry: before.entry,
                            title: c.title_words(),
                        })
                        .collect()
                } else {
                    let entries: Vec<EntryId> = changes
                        .iter()
                        .filter_map(|c| match c {
                            Change::Trashed { entry, .. } => Some(*entry),
                            _ => None,
                        })
                        .collect();
                    let restored = store.restore_entries(&entries).map_err(|e| match e {
                        StoreError::NoSuchEntry(_) => StoreError::UndoGone,
                        other => other,
                    })?;
                    changes
                        .into_iter()
                        .zip(restored)
                        .map(|(c, r)| Change::Restored {
                            before: r.before,
                            title: c.title_words(),
                        })
                        .collect()
                };
                Change::Together {
                    changes: reversed,
                    title,
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
            Change::Batch { step, title } => Change::Batch {
                step: Box::new(step.reverse(store, at)?),
                title,
            },
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
}
