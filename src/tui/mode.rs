//! What the keyboard is doing right now ([`Mode`]): normal keys, an editor, a question, the
//! move picker or the help overlay; and what each dialog does with the keys it is given.

use jiff::Timestamp;

use super::action::{Action, Effect};
use super::editor::LineEditor;
use crate::purge::HeldBack;
use crate::store::{EntryId, ListId, TodoId, TrashEntry};
use crate::wording;

/// What is being typed, and what it is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditTarget {
    NewTodo,
    Todo(TodoId),
    NewList,
    List(ListId),
    /// The due date of a todo, in words ("fri", "in 3d", "none"); of the marked todos, if
    /// any (the editor shows on this one's row).
    Due(TodoId),
    /// A tag to add to a todo (the marked ones, if any), or `-tag` to take off.
    Tags(TodoId),
}

/// A dangerous action waiting for a yes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Confirm {
    pub action: Confirmed,
    /// What the question is about, by name: the entry's title, the list's name.
    pub about: String,
    pub title: &'static str,
    /// What will happen, in words, naming what goes.
    pub message: String,
    /// The label of the yes button ("Move to Trash", "Erase").
    pub yes: &'static str,
    /// The label of the no button ("No", "Keep them for now").
    pub no: &'static str,
    /// What the status line says after no.
    pub no_message: String,
    /// Whether the yes button is selected; it never starts selected.
    pub yes_selected: bool,
    /// The marked entries a question about them acts on.
    pub entries: Vec<EntryId>,
}

/// What a confirm dialog does on yes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confirmed {
    TrashList(ListId),
    /// Erase the entry deleted at `deleted_at` (to tell a purge from another program's
    /// restore or erase, should it vanish while the question is open).
    Erase {
        id: EntryId,
        deleted_at: Timestamp,
    },
    EmptyTrash,
    /// Purge by a newly shortened retention (see `purge.rs`).
    AcceptRetention,
    /// Restore, or erase, the marked entries (the question's `entries`).
    RestoreMarked,
    EraseMarked,
    /// Apply the round sync held; `about` is the hold's key (see `Held::key`).
    ApplyHeldSync,
}

/// Choosing the list a todo moves to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MovePicker {
    pub todo: TodoId,
    pub title: String,
    /// The marked todos, which move together (empty: `todo` alone).
    pub marked: Vec<TodoId>,
    pub choices: Vec<(Option<ListId>, String)>,
    pub cursor: usize,
}

/// What the keyboard is doing right now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    Normal,
    /// Typing the filter of the current view; it applies as you type.
    Filter(LineEditor),
    Edit {
        editor: LineEditor,
        target: EditTarget,
    },
    Confirm(Confirm),
    MoveTo(MovePicker),
    /// The `?` overlay, scrolled down this many lines.
    Help(u16),
    /// Writing a todo's note.
    Note(Box<NoteEditor>),
    /// What a trash entry holds, scrolled down this many lines.
    Entry(Box<EntryContents>),
}

/// A trash entry's todos, as read when it was opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryContents {
    pub entry: crate::store::TrashEntry,
    pub todos: Vec<crate::store::EntryTodo>,
    /// How many todos the entry holds (more than `todos` when it is very big).
    pub total: i64,
    pub scroll: u16,
}

/// The note editor: a todo's note in a multi-line text area.
#[derive(Debug, Clone)]
pub struct NoteEditor {
    pub todo: TodoId,
    pub title: String,
    pub area: ratatui_textarea::TextArea<'static>,
}

impl NoteEditor {
    pub fn new(todo: TodoId, title: &str, note: &str) -> NoteEditor {
        let lines = note.lines().map(str::to_string).collect();
        let mut area = ratatui_textarea::TextArea::new(lines);
        area.set_cursor_line_style(ratatui::style::Style::new());
        NoteEditor {
            todo,
            title: title.to_string(),
            area,
        }
    }

    /// The text as typed, lines joined.
    pub fn text(&self) -> String {
        self.area.lines().join("\n")
    }
}

/// Two editors are the same when they edit the same note to the same text.
impl PartialEq for NoteEditor {
    fn eq(&self, other: &Self) -> bool {
        self.todo == other.todo && self.area.lines() == other.area.lines()
    }
}

impl Eq for NoteEditor {}

impl Confirm {
    /// A question whose yes button starts unselected, and whose no says `CANCELLED`.
    fn new(action: Confirmed, about: String, title: &'static str, message: String) -> Confirm {
        Confirm {
            action,
            about,
            title,
            message,
            yes: "",
            no: "No",
            no_message: wording::CANCELLED.into(),
            yes_selected: false,
            entries: Vec::new(),
        }
    }

    /// Before restoring (`erase` false) or erasing forever the marked `entries`.
    pub fn marked(entries: Vec<EntryId>, erase: bool) -> Confirm {
        let n = entries.len() as i64;
        let (action, title, yes) = if erase {
            (Confirmed::EraseMarked, "Erase forever", "Erase")
        } else {
            (Confirmed::RestoreMarked, "Restore", "Restore")
        };
        Confirm {
            yes,
            entries,
            ..Confirm::new(
                action,
                String::new(),
                title,
                wording::marked_question(n, erase),
            )
        }
    }

    /// Before moving list `id` (named `name`, holding `todos`) to the Trash.
    pub fn trash_list(id: ListId, name: &str, todos: i64) -> Confirm {
        let name = crate::text::display_safe(name).into_owned();
        let message = wording::trash_list_question(&name, todos);
        Confirm {
            yes: "Move to Trash",
            ..Confirm::new(Confirmed::TrashList(id), name, "Delete list", message)
        }
    }

    /// Before erasing `entry` forever.
    pub fn erase(entry: &TrashEntry) -> Confirm {
        let action = Confirmed::Erase {
            id: entry.id,
            deleted_at: entry.deleted_at,
        };
        let message = wording::erase_question(std::slice::from_ref(entry), wording::Surface::App);
        Confirm {
            yes: "Erase",
            ..Confirm::new(action, entry.title.clone(), "Erase forever", message)
        }
    }

    /// Before emptying a Trash of the `entries` it would erase (`None`: not counted yet),
    /// `pinned` staying.
    pub fn empty_trash(entries: Option<i64>, pinned: i64) -> Confirm {
        let message = wording::empty_question_app(entries, pinned);
        Confirm {
            yes: "Erase all",
            ..Confirm::new(
                Confirmed::EmptyTrash,
                String::new(),
                "Empty the Trash",
                message,
            )
        }
    }

    /// Whether to purge by a newly shortened retention; keeping is the default.
    pub fn shorter_retention(held: &HeldBack) -> Confirm {
        Confirm {
            yes: "Purge them",
            no: "Keep them for now",
            no_message: wording::kept_longer_retention(held),
            ..Confirm::new(
                Confirmed::AcceptRetention,
                String::new(),
                "Retention is shorter",
                wording::shorter_retention_question(held),
            )
        }
    }

    /// Whether to apply a round sync held; keeping everything is the default.
    pub fn held_sync(held: &crate::sync::held::Held) -> Confirm {
        use crate::wording::sync_held as words;
        Confirm {
            yes: words::question_yes(held),
            no: words::QUESTION_NO,
            no_message: words::KEPT.into(),
            ..Confirm::new(
                Confirmed::ApplyHeldSync,
                held.key(),
                "Sync held",
                words::what_held(held),
            )
        }
    }

    /// The effect of no, for the questions whose no does something.
    pub fn no_effect(&self) -> Option<Effect> {
        match self.action {
            Confirmed::ApplyHeldSync => Some(Effect::AnswerHeldSync {
                apply: false,
                key: self.about.clone(),
            }),
            _ => None,
        }
    }

    /// What `action` does to the question: `Some(true)` for yes, `Some(false)` for no,
    /// `None` while it stays open.
    pub fn answer(&mut self, action: Action) -> Option<bool> {
        match action {
            Action::Yes => Some(true),
            Action::No => Some(false),
            Action::Choose => Some(self.yes_selected),
            Action::SwitchChoice => {
                self.yes_selected = !self.yes_selected;
                None
            }
            _ => None,
        }
    }

    /// The write a yes asks for.
    pub fn effect(&self) -> Effect {
        match self.action {
            Confirmed::TrashList(id) => Effect::TrashList(id),
            Confirmed::Erase { id, .. } => Effect::Erase(id),
            Confirmed::EmptyTrash => Effect::EmptyTrash,
            Confirmed::AcceptRetention => Effect::AcceptRetention,
            Confirmed::RestoreMarked => Effect::RestoreMany(self.entries.clone()),
            Confirmed::EraseMarked => Effect::EraseMany(self.entries.clone()),
            Confirmed::ApplyHeldSync => Effect::AnswerHeldSync {
                apply: true,
                key: self.about.clone(),
            },
        }
    }
}

/// What a key did in the move picker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Picked {
    Open,
    Closed,
    /// Move the todo to this list (`None`: the Inbox).
    To(Option<ListId>),
}

impl MovePicker {
    pub fn update(&mut self, action: Action) -> Picked {
        match action {
            Action::Down => self.cursor = (self.cursor + 1).min(self.choices.len() - 1),
            Action::Up => self.cursor = self.cursor.saturating_sub(1),
            Action::Choose => return Picked::To(self.choices[self.cursor].0),
            Action::Cancel => return Picked::Closed,
            _ => {}
        }
        Picked::Open
    }
}

/// Scrolls the help overlay at `scroll` by `action`, at most to `last`, a page being `page`
/// lines. Returns `None` when the action closes it.
pub fn scroll_help(scroll: u16, action: Action, page: u16, last: u16) -> Option<u16> {
    Some(match action {
        Action::CloseHelp => return None,
        Action::Down => (scroll + 1).min(last),
        Action::Up => scroll.saturating_sub(1),
        Action::PageDown => scroll.saturating_add(page).min(last),
        Action::PageUp => scroll.saturating_sub(page),
        Action::Top => 0,
        Action::Bottom => last,
        _ => scroll,
    })
}
