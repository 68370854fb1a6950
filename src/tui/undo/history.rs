//! The undo and redo stacks, and one step through them.

use super::{At, Change, DEPTH, words};
use crate::store::{Store, StoreError};

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
    pub fn step(
        &mut self,
        direction: Direction,
        store: &mut Store,
        at: At<'_>,
    ) -> Result<String, Blocked> {
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
        match change.clone().reverse(store, at) {
            Ok(reversed) => {
                let message = match direction {
                    Direction::Undo => format!("Undid {}", change.words()),
                    Direction::Redo => format!("Redid {}", reversed.words()),
                };
                to.push(reversed);
                Ok(message)
            }
            Err(e) => {
                let Some(reason) = change.blocked_by(&e) else {
                    from.push(change);
                    return Err(Blocked::Store(e));
                };
                let (verb, what) = match direction {
                    Direction::Undo => ("undo", change.words()),
                    Direction::Redo => ("redo", change.redo_words()),
                };
                // What the step names was erased: it can never be taken, so it is dropped,
                // once said, and the next step is the one before. Any other block may be
                // put right: the step waits, never skipped.
                let never = matches!(e, StoreError::UndoGone | StoreError::NoSuchTodo(_));
                if never {
                    return Err(Blocked::Said(words::dropped_step(verb, &what, &reason)));
                }
                from.push(change);
                Err(Blocked::Said(format!("Can't {verb} {what}: {reason}")))
            }
        }
    }
}
