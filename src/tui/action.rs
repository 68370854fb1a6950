//! The app's vocabulary: what a keystroke, click or finished write asks the app to do
//! ([`Action`], independent of which key it was), and what the app asks the session to write
//! ([`Effect`]).

use super::editor::TextEdit;
use super::view::View;
use crate::purge::HeldBack;
use crate::retention::Retention;
use crate::store::{DetailsChange, EntryId, ListId, TodoId, TodoScope, TrashEntry};

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
    /// Mark or unmark the selected row, for an action on all marked rows at once.
    ToggleMark,
    /// Mark every row of the view (or, when all are marked, none).
    MarkAll,
    /// Move every done todo of the view to the Trash as one entry.
    ClearDone,
    /// Type the selected todo's due date.
    SetDue,
    /// The selected todo's priority: none → high → medium → low → none.
    CyclePriority,
    /// Open the selected todo's note in the note editor.
    EditNote,
    /// Type a tag to add to the selected (or marked) todos, or `-tag` to take off.
    EditTags,
    /// Pin the selected (or marked) trash entries, or unpin them.
    TogglePin,
    /// Look at what the selected trash entry holds (a batch's or a list's todos).
    OpenEntry,
    /// The next sort of the view on show.
    CycleSort,
    /// Hide done todos, or show them again.
    ToggleHideDone,

    // In an editor (a title, a list name, or the filter).
    /// A character typed into the text.
    Type(char),
    /// A cursor motion or a deletion in the text.
    Text(TextEdit),
    /// Enter: save the text (or keep the filter).
    Save,
    /// A key for the note editor, which handles its own typing and motions.
    NoteInput(ratatui::crossterm::event::KeyEvent),
    /// Esc: drop the edit (or clear the filter); in the move picker, close it.
    Cancel,

    // In a confirm dialog.
    Yes,
    No,
    /// Move the selection between the dialog's two buttons.
    SwitchChoice,
    /// Enter: take the selected button, or the selected list in the move picker.
    Choose,

    /// Close the `?` overlay.
    CloseHelp,

    // Not keys: the mouse, and the session reporting back.
    /// The wheel over `pane`: move its selection by `delta` rows.
    Scroll {
        pane: Pane,
        delta: i64,
    },
    /// A click on row `index` of `pane` (counted from the top of the whole view).
    Click {
        pane: Pane,
        index: i64,
    },
    /// The session performed a write: an open editor has done its job, and the selection
    /// follows what the write did.
    Wrote(Written),
    /// The list pane was read again: keep view `keep` selected if it is still there, else
    /// stay near where the selection was (`None`: select the Inbox).
    ListsLoaded {
        keep: Option<View>,
    },
    /// The todo view was counted again: while a new todo is typed, the selection is the
    /// last row, above the editor.
    TodosCounted,
    /// Time passed (the app's `now` is the new time): an old status line fades.
    Tick,
    /// Purges and views follow this retention from now on.
    RetentionApplied(Retention),
    /// A purge found entries only a newly shortened retention would take: ask the user.
    AskAboutRetention(HeldBack),
    /// The database file turned out to be damaged: nothing may be written to it again.
    Damaged,
    /// Sync started, finished or failed: the header says where it stands.
    SyncChanged(crate::sync::report::SyncState),
    /// How many tasks on the server sync could not read (the header says it).
    SyncUnread(usize),
    /// The terminal is `width` × `height`; the main view shows `page_rows` rows and the help
    /// overlay scrolls by at most `help_scroll_limit` lines at that size.
    Resize {
        width: u16,
        height: u16,
        page_rows: u16,
        help_scroll_limit: u16,
    },
}

/// What a write did that the selection must follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    /// A todo was added: select it (the last of its list).
    AddedTodo,
    /// The selected todo moved one place up (or down): the selection goes with it.
    SwappedTodo { up: bool },
    /// A list went to the Trash: its todos go off screen; the next list is selected.
    TrashedList,
    /// A list was made: the focus goes to its (empty) todo pane, to fill it.
    AddedList,
    /// The marked rows were acted on: the marks are done with.
    UsedMarks,
    /// Anything else: the selection stays.
    Other,
}

/// A todo or a list, by id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    Todo(TodoId),
    List(ListId),
}

/// A change to the data, for the session to perform in the store (see `effects`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    AddTodo {
        title: String,
        list: Option<ListId>,
        /// Added in Today: due today; in Upcoming: due tomorrow.
        due: Option<crate::fields::Due>,
    },
    EditTodo {
        id: TodoId,
        title: String,
    },
    SetDone {
        id: TodoId,
        done: bool,
    },
    /// A todo's due date, priority, note or recurrence.
    SetDetails {
        id: TodoId,
        change: DetailsChange,
    },
    TrashTodo(TodoId),
    /// Marked todos to the Trash as one entry.
    TrashTodos(Vec<TodoId>),
    /// Every done todo of the view to the Trash as one entry.
    ClearDone(TodoScope),
    MoveTodo {
        id: TodoId,
        to: Option<ListId>,
    },
    /// The selected todo or list trades places with the one above (`up`) or below.
    Reorder {
        item: Item,
        up: bool,
    },
    AddList(String),
    RenameList {
        id: ListId,
        name: String,
    },
    TrashList(ListId),
    Restore(TrashEntry),
    /// Marked entries, restored in one write (one undo step).
    RestoreMany(Vec<EntryId>),
    Erase(EntryId),
    EraseMany(Vec<EntryId>),
    Pin {
        entries: Vec<EntryId>,
        pinned: bool,
    },
    /// One change to every marked todo, as one write and one undo step.
    Batch {
        ids: Vec<TodoId>,
        change: BatchChange,
    },
    /// Not a write: read what a trash entry holds, to show it.
    ShowEntry(EntryId),
    /// Not a write: read the ids of every row of the view, to mark them all.
    MarkAll,
    /// Remember a view setting (its name and value; see `Store::view_settings`).
    RememberView(String, i64),
    EmptyTrash,
    AcceptRetention,
    /// Apply the round sync held (yes to the question), or keep all and sync no more this
    /// session (no): performed by the session's sync schedule, not the store.
    AnswerHeldSync {
        apply: bool,
        key: String,
    },
    Undo,
    Redo,
}

/// What a batch does to each of its todos.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BatchChange {
    /// Done, or (when all are done already) not done.
    ToggleDone,
    MoveTo(Option<ListId>),
    Due(Option<crate::fields::Due>),
    Priority(Option<crate::fields::Priority>),
    /// `tag` added (`add`) or taken off, wherever the todo carries it.
    Tag {
        tag: String,
        add: bool,
    },
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
                | Action::ClearDone
                | Action::SetDue
                | Action::CyclePriority
                | Action::EditNote
                | Action::EditTags
                | Action::TogglePin
                | Action::Undo
                | Action::Redo
        )
    }
}
