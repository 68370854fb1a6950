//! What the history says about a change: the change in words ("adding 'milk'"), what redoing
//! it would do, and why it cannot be reversed when another program changed what it names.

use super::{BatchStep, Change};
use crate::store::StoreError;
use crate::text::display_safe;

impl Change {
    /// The change as an action in words: "adding 'milk'", "the move of 'milk'".
    pub(super) fn words(&self) -> String {
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
            Change::ChangedDetails { title, .. } => format!("the change to {}", q(title)),
            Change::Pinned { title, pinned, .. } => {
                format!("{} {title}", if *pinned { "pinning" } else { "unpinning" })
            }
            Change::Together { changes, title } => match changes.first() {
                Some(Change::Trashed { .. }) => format!("the delete of {title}"),
                _ => format!("the restore of {title}"),
            },
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
            Change::Batch { step, title } => step.words(title),
        }
    }

    /// Why this change could not be reversed, in words a user can act on, when another
    /// program changed what it names. `None` for failures that are not about the change
    /// (a busy or read-only database), which are reported as they are.
    pub(super) fn blocked_by(&self, e: &StoreError) -> Option<String> {
        let q = |text: &str| format!("'{}'", display_safe(text));
        let subject = match self {
            Change::AddedTodo { title, .. }
            | Change::EditedTodo { after: title, .. }
            | Change::MarkedDone { title, .. }
            | Change::ChangedDetails { title, .. }
            | Change::Moved { title, .. }
            | Change::Trashed { title, .. }
            | Change::Restored { title, .. }
            | Change::SwappedTodos { title, .. } => q(title),
            Change::SwappedLists { name, .. } => q(name),
            Change::Pinned { title, .. } | Change::Together { title, .. } => title.clone(),
            Change::Batch { title, .. } => format!("one of the {title}"),
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

    /// What redoing this (undone) change would do, in words.
    pub(super) fn redo_words(&self) -> String {
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
            Change::Batch { step, title } => match &**step {
                BatchStep::Ticked { done, .. } => {
                    format!(
                        "marking {title} {}",
                        if *done { "not done" } else { "done" }
                    )
                }
                _ => step.words(title),
            },
            Change::Restored { title, .. } => format!("the delete of {}", q(title)),
            Change::Trashed { title, .. } => format!("the restore of {}", q(title)),
            Change::Pinned { title, pinned, .. } => {
                format!("{} {title}", if *pinned { "unpinning" } else { "pinning" })
            }
            Change::Together { changes, title } => match changes.first() {
                Some(Change::Trashed { .. }) => format!("the restore of {title}"),
                _ => format!("the delete of {title}"),
            },
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

    /// The title a todo or entry change names, as stored (for the changes of a step made
    /// together).
    pub(super) fn title_words(&self) -> String {
        match self {
            Change::Trashed { title, .. } | Change::Restored { title, .. } => title.clone(),
            other => other.words(),
        }
    }
}

/// A step dropped from the history because what it names was erased.
pub(super) fn dropped_step(verb: &str, what: &str, reason: &str) -> String {
    format!("Can't {verb} {what}: {reason}; dropped, so the next {verb} takes the step before")
}
