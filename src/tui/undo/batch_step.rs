//! A change to several marked todos made in one write, taken back (and made again) in one
//! write: all or nothing, so the step never half happens.

use super::{At, Place};
use crate::store::{NextOccurrence, Store, StoreError, TakenBack, TodoEdit, TodoId};

/// What a batch did, with what taking it back needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BatchStep {
    /// Ticked done (`done`) or not done: `plain` each alone, and each todo `made.done`
    /// made its next occurrence `made.next`. Once taken back, `taken` holds what each
    /// occurrence was (in the order of `made`), for a redo to put back exactly.
    Ticked {
        plain: Vec<TodoId>,
        made: Vec<NextOccurrence>,
        taken: Vec<TakenBack>,
        done: bool,
    },
    /// Each todo left its place.
    Moved { from: Vec<(TodoId, Place)> },
    /// Each todo's changed fields as they were, and as they are.
    Edited {
        before: Vec<TodoEdit>,
        after: Vec<TodoEdit>,
    },
}

impl BatchStep {
    /// Does the opposite in the store; returns the step that undoes that.
    pub(super) fn reverse(self, store: &mut Store, at: At<'_>) -> Result<BatchStep, StoreError> {
        Ok(match self {
            BatchStep::Ticked {
                plain, made, done, ..
            } if done => {
                let taken = store.untick_batch(&plain, &made)?;
                BatchStep::Ticked {
                    plain,
                    made,
                    taken,
                    done: false,
                }
            }
            BatchStep::Ticked {
                plain, made, taken, ..
            } if !made.is_empty() && taken.len() == made.len() => {
                let redo: Vec<_> = made.iter().copied().zip(taken).collect();
                store.retick_batch(&plain, &redo, at.now)?;
                BatchStep::Ticked {
                    plain,
                    made,
                    taken: Vec::new(),
                    done: true,
                }
            }
            // An untick taken back: ticked again as the first time.
            BatchStep::Ticked { plain, .. } => {
                let made = store.mark_done(&plain, at.now, at.zone)?;
                let plain = plain
                    .into_iter()
                    .filter(|id| !made.iter().any(|m| m.done == *id))
                    .collect();
                BatchStep::Ticked {
                    plain,
                    made,
                    taken: Vec::new(),
                    done: true,
                }
            }
            BatchStep::Moved { from } => {
                let here = from
                    .iter()
                    .map(|(id, _)| Ok((*id, store.todo_place(*id)?)))
                    .collect::<Result<Vec<_>, StoreError>>()?;
                let places: Vec<_> = from.iter().map(|&(id, (l, p))| (id, l, p)).collect();
                store.place_todos(&places)?;
                BatchStep::Moved { from: here }
            }
            BatchStep::Edited { before, after } => {
                store.edit_todos(&before)?;
                BatchStep::Edited {
                    before: after,
                    after: before,
                }
            }
        })
    }

    /// The step in words, of `title` ("3 todos"): "marking 3 todos done".
    pub(super) fn words(&self, title: &str) -> String {
        match self {
            BatchStep::Ticked { done: true, .. } => format!("marking {title} done"),
            BatchStep::Ticked { done: false, .. } => format!("marking {title} not done"),
            BatchStep::Moved { .. } => format!("the move of {title}"),
            BatchStep::Edited { .. } => format!("the change to {title}"),
        }
    }
}
