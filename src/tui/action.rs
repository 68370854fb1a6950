//! What a keystroke (or click) asks the app to do, independent of which key it was.

/// The two tabs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Todos,
    Trash,
}

/// The panes of the Todos tab.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Lists,
    Todos,
}

/// A user's intent. The keymap turns keys into these; `App::update` carries them out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Quit,
    Suspend,
    NextTab,
    PrevTab,
    ShowTab(Tab),
    Up,
    Down,
    Top,
    Bottom,
    PageUp,
    PageDown,
    FocusLeft,
    FocusRight,
    StartFilter,
    ClearFilter,
    Undo,
    Redo,
    ToggleHelp,
    /// Add a todo (todo pane) or a list (list pane).
    Add,
    /// Edit the selected todo's title, or rename the selected list.
    Edit,
    ToggleDone,
    /// Move the selected todo, or the selected list, to the Trash.
    Delete,
    /// Move the selected todo to another list.
    MoveTo,
    /// Move the selected todo (or list) one place up, or down.
    Raise,
    Lower,
    Restore,
    Erase,
    EmptyTrash,
}

impl Action {
    /// True for the actions that change data (and so cannot work on a read-only database).
    pub fn writes(self) -> bool {
        matches!(
            self,
            Action::Add
                | Action::Edit
                | Action::ToggleDone
                | Action::Delete
                | Action::MoveTo
                | Action::Raise
                | Action::Lower
                | Action::Restore
                | Action::Erase
                | Action::EmptyTrash
                | Action::Undo
                | Action::Redo
        )
    }
}
