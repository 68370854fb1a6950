//! The app's state: everything the screen shows. Pure: no store, no clock, no terminal.
//! What each action does to it is `update.rs`; the steps that move the selection are here.

use jiff::Timestamp;

use super::action::Action;
use super::action::{Pane, Tab};
use super::keymap::{Context, Keymap};
use super::mode::{EditTarget, Mode};
use super::theme::Theme;
use super::view::{ListPaneRow, View, Window};
use crate::retention::Retention;
use crate::store::{Todo, TrashEntry};
use crate::wording::status;

/// A message in the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub error: bool,
    /// When it was shown, so it can fade after a while.
    pub since: Timestamp,
}

/// Everything the screen shows.
#[derive(Debug, Clone)]
pub struct App {
    pub tab: Tab,
    pub focus: Pane,
    /// The Inbox first, then the live lists.
    pub lists: Vec<ListPaneRow>,
    pub list_cursor: usize,
    pub todos: Window<Todo>,
    pub trash: Window<TrashEntry>,
    /// Entries in the Trash (not past their purge time), ignoring the filter: the tab title.
    /// `None` while a big purge backlog waits for the startup purge, which would cost a walk
    /// to count before the first frame (see `Session::reload`); never `None` on the Trash tab.
    pub trash_total: Option<i64>,
    /// How many entries are pinned (kept until unpinned): counted apart in the tab title.
    pub trash_pinned: i64,
    pub todo_filter: String,
    pub trash_filter: String,
    /// Rows marked (`v`, `V`) for an action on all of them at once: todos of the list on
    /// show, and trash entries.
    pub marked_todos: std::collections::BTreeSet<crate::store::TodoId>,
    pub marked_entries: std::collections::BTreeSet<crate::store::EntryId>,
    /// The note of the selected todo, read with the rows on screen when it has one: what
    /// `n` opens.
    pub selected_note: Option<(crate::store::TodoId, String)>,
    /// The sort of each view that is not sorted its own way (`s`), and whether done todos
    /// are hidden (`H`): both remembered in the database.
    pub sorts: std::collections::BTreeMap<View, crate::store::Sort>,
    pub hide_done: bool,
    pub mode: Mode,
    pub status: Option<Status>,
    pub now: Timestamp,
    pub retention: Retention,
    pub read_only: bool,
    /// The database file is damaged: nothing may be written to it (see `store::damage`).
    pub damaged: bool,
    /// A throwaway database of examples (`--demo`), removed on quit: the header says so.
    pub demo: bool,
    /// Where sync stands, for the header (`Off` without `[sync]`).
    pub sync: crate::sync::report::SyncState,
    /// Tasks on the server sync could not read, said in the header until they can be.
    pub sync_unread: usize,
    /// The zone times are shown in: the system's (tests set one, for the same screen
    /// everywhere).
    pub zone: jiff::tz::TimeZone,
    pub theme: Theme,
    /// The keys, the user's where config.toml gives them.
    pub keymap: Keymap,
    /// The terminal size, as last drawn.
    pub width: u16,
    pub height: u16,
    /// How many rows the main view shows at this size, and how far the help can scroll
    /// (the session measures both with `ui::layout` on every resize).
    pub page_rows: u16,
    pub help_scroll_limit: u16,
    /// Set when the counts must be read again (the filter or the list changed).
    pub stale: bool,
    pub quit: bool,
    pub suspend: bool,
}

impl App {
    pub fn new(now: Timestamp, retention: Retention, read_only: bool, theme: Theme) -> Self {
        App {
            tab: Tab::Todos,
            focus: Pane::Todos,
            lists: Vec::new(),
            list_cursor: 0,
            todos: Window::default(),
            trash: Window::default(),
            trash_total: Some(0),
            trash_pinned: 0,
            todo_filter: String::new(),
            trash_filter: String::new(),
            marked_todos: Default::default(),
            marked_entries: Default::default(),
            selected_note: None,
            sorts: Default::default(),
            hide_done: false,
            mode: Mode::Normal,
            status: None,
            now,
            retention,
            read_only,
            damaged: false,
            demo: false,
            sync: Default::default(),
            sync_unread: 0,
            zone: crate::when::local_zone(),
            theme,
            keymap: Keymap::default(),
            width: 80,
            height: 24,
            page_rows: 1,
            help_scroll_limit: 0,
            stale: true,
            quit: false,
            suspend: false,
        }
    }

    /// Where key bindings are looked up right now: the open editor, dialog or overlay, or
    /// else the pane in focus.
    /// How many entries emptying the Trash would erase: all but the pinned ones (`None`
    /// while not counted yet).
    pub fn trash_erasable(&self) -> Option<i64> {
        self.trash_total.map(|n| (n - self.trash_pinned).max(0))
    }

    pub fn context(&self) -> Context {
        match &self.mode {
            Mode::Normal => Context::of(self.tab, self.focus),
            Mode::Filter(_) => Context::Filter,
            Mode::Edit { .. } => Context::Edit,
            Mode::Confirm(_) => Context::Dialog,
            Mode::MoveTo(_) => Context::Picker,
            // An entry's contents scroll and close as the help does.
            Mode::Help(_) | Mode::Entry(_) => Context::Help,
            Mode::Note(_) => Context::Note,
        }
    }

    pub fn selected_list(&self) -> Option<&ListPaneRow> {
        self.lists.get(self.list_cursor)
    }

    /// What the todo pane shows: the selected row of the list pane (the Inbox until the
    /// lists are read).
    pub fn view(&self) -> View {
        self.selected_list().map_or(View::Inbox, |l| l.view)
    }

    /// Rows that fit in the main view (the todo pane or the Trash list).
    pub fn page_rows(&self) -> i64 {
        i64::from(self.page_rows)
    }

    /// Shows `text` in the status line; any control or bidi character in it (a title, a
    /// path, an error from below) is shown as a visible symbol.
    pub fn say(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: crate::text::display_safe(&text.into()).into_owned(),
            error: false,
            since: self.now,
        });
    }

    /// Asks `question` (a question that comes from outside the keys: a held sync round),
    /// when nothing else is open.
    pub fn ask(&mut self, question: super::mode::Confirm) -> bool {
        if self.mode != super::mode::Mode::Normal {
            return false;
        }
        self.mode = super::mode::Mode::Confirm(question);
        true
    }

    /// [`say`](Self::say), as an error.
    pub fn complain(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: crate::text::display_safe(&text.into()).into_owned(),
            error: true,
            since: self.now,
        });
    }

    /// True while a new todo is being typed (its editor sits below the last todo).
    pub fn adding_todo(&self) -> bool {
        matches!(
            self.mode,
            Mode::Edit {
                target: EditTarget::NewTodo,
                ..
            }
        )
    }

    /// The filter of the view on screen.
    pub fn filter(&self) -> &str {
        match self.tab {
            Tab::Todos => &self.todo_filter,
            Tab::Trash => &self.trash_filter,
        }
    }

    pub(super) fn set_filter(&mut self, text: String) {
        let filter = match self.tab {
            Tab::Todos => &mut self.todo_filter,
            Tab::Trash => &mut self.trash_filter,
        };
        if *filter != text {
            *filter = text;
            self.stale = true;
            // A different filter is a different view: start it from the top.
            match self.tab {
                Tab::Todos => self.todos = Window::default(),
                Tab::Trash => self.trash = Window::default(),
            }
        }
    }

    /// Why a key that acts on the selected todo did nothing: there is none to act on.
    pub(super) fn nothing_here(&self, verb: &str) -> String {
        let list = match self.selected_list() {
            Some(row) if row.view != View::Inbox => Some(row.name.as_str()),
            _ => None,
        };
        status::nothing_here(verb, list, !self.todo_filter.is_empty())
    }

    /// Why a key that acts on the selected trash entry did nothing.
    pub(super) fn nothing_in_trash(&self, verb: &str) -> String {
        status::nothing_in_trash(verb, !self.trash_filter.is_empty())
    }

    // Moving the selection: the steps `App::update` takes for the keys and the mouse.

    /// A click or the wheel: the mouse works only in normal mode.
    pub(super) fn pointer(&mut self, action: Action) {
        match action {
            Action::Scroll { pane, delta } => self.move_in(pane, delta),
            Action::Click { pane, index } => match (self.tab, pane) {
                (Tab::Trash, _) => {
                    if index < self.trash.total {
                        self.trash.select(index);
                    }
                }
                (Tab::Todos, Pane::Todos) => {
                    self.focus = Pane::Todos;
                    if index < self.todos.total {
                        self.todos.select(index);
                    }
                }
                (Tab::Todos, Pane::Lists) => {
                    self.focus = Pane::Lists;
                    if (index as usize) < self.lists.len() {
                        self.move_in(Pane::Lists, index - self.list_cursor as i64);
                    }
                }
            },
            _ => {}
        }
    }

    /// Moves the selection of the focused view by `delta` rows.
    pub(super) fn move_by(&mut self, delta: i64) {
        self.move_in(self.focus, delta);
    }

    /// Moves the selection of `pane` (the Trash, on its tab) by `delta` rows, wherever the
    /// focus is: the mouse wheel scrolls the pane under the pointer.
    pub fn move_in(&mut self, pane: Pane, delta: i64) {
        match (self.tab, pane) {
            (Tab::Trash, _) => {
                let to = self.trash.cursor.saturating_add(delta);
                self.trash.select(to);
            }
            (Tab::Todos, Pane::Todos) => {
                let to = self.todos.cursor.saturating_add(delta);
                self.todos.select(to);
            }
            (Tab::Todos, Pane::Lists) => {
                let last = self.lists.len().saturating_sub(1) as i64;
                let to = (self.list_cursor as i64)
                    .saturating_add(delta)
                    .clamp(0, last);
                if to as usize != self.list_cursor {
                    self.list_cursor = to as usize;
                    self.todos = Window::default();
                    // Marks belong to the list they were made in: a `d` never deletes
                    // todos of a list that is not on screen.
                    self.marked_todos.clear();
                    self.stale = true;
                }
            }
        }
    }
}
