//! What a write the app asked for did, for the session to follow: the undo step, the
//! status line, the selection. Every performer of effects returns one.

use super::action::Written;
use super::undo::Change;
use crate::retention::Retention;
use crate::store::ListId;

/// What a write did.
#[derive(Debug, Default)]
pub struct Applied {
    /// How to take it back with `u` (none for an erase: erased means gone).
    pub undo: Option<Change>,
    /// What the status line says.
    pub message: Option<String>,
    /// What the selection follows.
    pub written: Option<Written>,
    /// A list to select at the next reload (one just created).
    pub select_list: Option<ListId>,
    /// The retention purges follow from now on (after accepting a shorter one).
    pub retention: Option<Retention>,
    /// An undo or redo that cannot be done now, and why in words; nothing was written and
    /// the step stays on its stack.
    pub refused: Option<String>,
}
