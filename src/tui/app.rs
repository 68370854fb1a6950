//! The app's state and what each action does to it. Pure: no store, no clock, no terminal.
//! An action that needs a write returns an [`Effect`]; the session performs it and reloads.

use jiff::Timestamp;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::{Action, Pane, Tab};
use super::editor::{EditorOutcome, LineEditor};
use super::keymap::{Context, action_for};
use super::theme::Theme;
use crate::retention::Retention;
use crate::store::{EntryId, EntryKind, ListId, RowKey, Todo, TodoId, TodoScope, TrashEntry};
use crate::text::count;

/// A row of the list pane: the Inbox (no id) or a live list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListRow {
    pub id: Option<ListId>,
    pub name: String,
    /// Live todos in it, done or not.
    pub todos: i64,
    /// Live todos not yet done.
    pub open: i64,
}

impl ListRow {
    pub fn scope(&self) -> TodoScope {
        match self.id {
            Some(id) => TodoScope::List(id),
            None => TodoScope::Inbox,
        }
    }
}

/// A scrolling view over rows that live in the store: only the visible page is loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Window<T> {
    /// How many rows the view has in all (after the filter).
    pub total: i64,
    /// The index of the first loaded (and first visible) row.
    pub offset: i64,
    /// The selected row's index.
    pub cursor: i64,
    /// The rows from `offset` on, as many as fit on screen.
    pub rows: Vec<T>,
    /// The offset and sort key of the first loaded row: the next page is read from here
    /// rather than counted out from the top (keyset paging).
    pub anchor: Option<(i64, RowKey)>,
}

impl<T> Default for Window<T> {
    fn default() -> Self {
        Window {
            total: 0,
            offset: 0,
            cursor: 0,
            rows: Vec::new(),
            anchor: None,
        }
    }
}

impl<T> Window<T> {
    pub fn selected(&self) -> Option<&T> {
        usize::try_from(self.cursor - self.offset)
            .ok()
            .and_then(|i| self.rows.get(i))
    }

    /// Moves the selection to `index`, kept within the rows.
    pub fn select(&mut self, index: i64) {
        self.cursor = index.clamp(0, (self.total - 1).max(0));
    }

    /// Scrolls so that the selection is on screen when `height` rows fit.
    pub fn scroll_to_cursor(&mut self, height: i64) {
        let height = height.max(1);
        self.cursor = self.cursor.clamp(0, (self.total - 1).max(0));
        if self.cursor < self.offset {
            self.offset = self.cursor;
        } else if self.cursor >= self.offset + height {
            self.offset = self.cursor - height + 1;
        }
        self.offset = self.offset.clamp(0, (self.total - height).max(0));
    }
}

/// What is being typed, and what it is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditTarget {
    NewTodo,
    Todo(TodoId),
    NewList,
    List(ListId),
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
}

/// Choosing the list a todo moves to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MovePicker {
    pub todo: TodoId,
    pub title: String,
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
}

/// A todo or a list, by id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    Todo(TodoId),
    List(ListId),
}

/// A change to the data, for the session to perform in the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    AddTodo {
        title: String,
        list: Option<ListId>,
    },
    EditTodo {
        id: TodoId,
        title: String,
    },
    SetDone {
        id: TodoId,
        done: bool,
    },
    TrashTodo(TodoId),
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
    Erase(EntryId),
    EmptyTrash,
    AcceptRetention,
    Undo,
    Redo,
}

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
    pub lists: Vec<ListRow>,
    pub list_cursor: usize,
    pub todos: Window<Todo>,
    pub trash: Window<TrashEntry>,
    /// Entries in the Trash (not past their purge time), ignoring the filter: the tab title.
    /// `None` while a big purge backlog waits for the startup purge, which would cost a walk
    /// to count before the first frame (see `Session::reload`); never `None` on the Trash tab.
    pub trash_total: Option<i64>,
    pub todo_filter: String,
    pub trash_filter: String,
    pub mode: Mode,
    pub status: Option<Status>,
    pub now: Timestamp,
    pub retention: Retention,
    pub read_only: bool,
    /// The database file is damaged: nothing may be written to it (see `store::damage`).
    pub damaged: bool,
    /// A throwaway database of examples (`--demo`), removed on quit: the header says so.
    pub demo: bool,
    /// The zone times are shown in: the system's (tests set one, for the same screen
    /// everywhere).
    pub zone: jiff::tz::TimeZone,
    pub theme: Theme,
    /// The terminal size, as last drawn.
    pub width: u16,
    pub height: u16,
    /// Set when the counts must be read again (the filter or the list changed).
    pub stale: bool,
    pub quit: bool,
    pub suspend: bool,
}

/// What the status line says when a question is answered no.
pub const CANCELLED: &str = "Cancelled; nothing changed";

/// What a writing key says once the database file is known to be damaged.
pub const DAMAGED_MESSAGE: &str = "The database file is damaged; nothing can be changed. Quit, then `softly export FILE` saves it";

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
            todo_filter: String::new(),
            trash_filter: String::new(),
            mode: Mode::Normal,
            status: None,
            now,
            retention,
            read_only,
            damaged: false,
            demo: false,
            zone: crate::when::local_zone(),
            theme,
            width: 80,
            height: 24,
            stale: true,
            quit: false,
            suspend: false,
        }
    }

    /// Where key bindings are looked up right now.
    pub fn context(&self) -> Context {
        Context::of(self.tab, self.focus)
    }

    pub fn selected_list(&self) -> Option<&ListRow> {
        self.lists.get(self.list_cursor)
    }

    /// The name of live list `id` as last loaded (empty if it is not loaded).
    pub fn list_name(&self, id: ListId) -> String {
        self.lists
            .iter()
            .find(|l| l.id == Some(id))
            .map(|l| l.name.clone())
            .unwrap_or_default()
    }

    /// The scope of the todo pane: the selected list, or the Inbox.
    pub fn todo_scope(&self) -> TodoScope {
        self.selected_list()
            .map(ListRow::scope)
            .unwrap_or(TodoScope::Inbox)
    }

    /// Rows that fit in the main view (the todo pane or the Trash list).
    pub fn page_rows(&self) -> i64 {
        i64::from(super::ui::layout(self.width, self.height).page_rows())
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

    /// [`say`](Self::say), as an error.
    pub fn complain(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: crate::text::display_safe(&text.into()).into_owned(),
            error: true,
            since: self.now,
        });
    }

    /// The filter of the view on screen.
    pub fn filter(&self) -> &str {
        match self.tab {
            Tab::Todos => &self.todo_filter,
            Tab::Trash => &self.trash_filter,
        }
    }

    fn set_filter(&mut self, text: String) {
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

    /// Handles one key press: the open dialog or editor gets it first, then the keymap.
    pub fn handle_key(&mut self, key: KeyEvent) -> Option<Effect> {
        let ctrl_c =
            key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL);
        let page = self.page_rows().max(1) as u16;
        match &mut self.mode {
            Mode::Normal => action_for(self.context(), &key).and_then(|a| self.update(a)),
            Mode::Help(scroll) => {
                // Only ?, Esc and q close it, so a key pressed to scroll never does.
                let last = super::ui::help_scroll_limit(self.width, self.height);
                match key.code {
                    KeyCode::Char('?') | KeyCode::Esc | KeyCode::Char('q') => {
                        self.mode = Mode::Normal
                    }
                    _ if ctrl_c => self.mode = Mode::Normal,
                    KeyCode::Char('j') | KeyCode::Down => *scroll = (*scroll + 1).min(last),
                    KeyCode::Char('k') | KeyCode::Up => *scroll = scroll.saturating_sub(1),
                    KeyCode::PageDown | KeyCode::Char(' ') => {
                        *scroll = scroll.saturating_add(page).min(last)
                    }
                    KeyCode::PageUp => *scroll = scroll.saturating_sub(page),
                    KeyCode::Char('g') | KeyCode::Home => *scroll = 0,
                    KeyCode::Char('G') | KeyCode::End => *scroll = last,
                    _ => {}
                }
                None
            }
            Mode::Filter(editor) => {
                let outcome = if ctrl_c {
                    EditorOutcome::Cancel
                } else {
                    editor.handle_key(key)
                };
                let text = editor.text();
                match outcome {
                    EditorOutcome::Editing => self.set_filter(text),
                    EditorOutcome::Submit => self.mode = Mode::Normal,
                    EditorOutcome::Cancel => {
                        self.set_filter(String::new());
                        self.mode = Mode::Normal;
                    }
                }
                None
            }
            Mode::Edit { editor, target } => {
                // Ctrl-C drops the edit rather than quitting with the text unsaved.
                let outcome = if ctrl_c {
                    EditorOutcome::Cancel
                } else {
                    editor.handle_key(key)
                };
                match outcome {
                    EditorOutcome::Editing => None,
                    EditorOutcome::Cancel => {
                        self.mode = Mode::Normal;
                        None
                    }
                    // Saving an empty new item is the same as not adding it.
                    EditorOutcome::Submit
                        if editor.text().trim().is_empty()
                            && matches!(target, EditTarget::NewTodo | EditTarget::NewList) =>
                    {
                        self.mode = Mode::Normal;
                        None
                    }
                    // The editor stays open until the session has saved the text, so a
                    // busy or read-only database never loses what was typed.
                    EditorOutcome::Submit => {
                        let (text, target) = (editor.text(), *target);
                        Some(self.submit_edit(text, target))
                    }
                }
            }
            Mode::Confirm(confirm) => {
                let answer = match key.code {
                    KeyCode::Char('y') | KeyCode::Char('Y') => Some(true),
                    KeyCode::Char('n') | KeyCode::Char('N') | KeyCode::Esc | KeyCode::Char('q') => {
                        Some(false)
                    }
                    _ if ctrl_c => Some(false),
                    KeyCode::Enter => Some(confirm.yes_selected),
                    KeyCode::Left
                    | KeyCode::Right
                    | KeyCode::Tab
                    | KeyCode::BackTab
                    | KeyCode::Char('h')
                    | KeyCode::Char('l') => {
                        confirm.yes_selected = !confirm.yes_selected;
                        None
                    }
                    _ => None,
                };
                let action = confirm.action;
                match answer {
                    Some(true) => {
                        self.mode = Mode::Normal;
                        Some(match action {
                            Confirmed::TrashList(id) => Effect::TrashList(id),
                            Confirmed::Erase { id, .. } => Effect::Erase(id),
                            Confirmed::EmptyTrash => Effect::EmptyTrash,
                            Confirmed::AcceptRetention => Effect::AcceptRetention,
                        })
                    }
                    Some(false) => {
                        let message = std::mem::take(&mut confirm.no_message);
                        self.mode = Mode::Normal;
                        self.say(message);
                        None
                    }
                    None => None,
                }
            }
            Mode::MoveTo(picker) => {
                match key.code {
                    KeyCode::Char('j') | KeyCode::Down => {
                        picker.cursor = (picker.cursor + 1).min(picker.choices.len() - 1);
                    }
                    KeyCode::Char('k') | KeyCode::Up => {
                        picker.cursor = picker.cursor.saturating_sub(1);
                    }
                    KeyCode::Enter => {
                        let (to, _) = picker.choices[picker.cursor].clone();
                        let id = picker.todo;
                        self.mode = Mode::Normal;
                        return Some(Effect::MoveTodo { id, to });
                    }
                    KeyCode::Esc | KeyCode::Char('q') => self.mode = Mode::Normal,
                    _ if ctrl_c => self.mode = Mode::Normal,
                    _ => {}
                }
                None
            }
        }
    }

    /// Typed or pasted text goes to whatever editor is open.
    pub fn handle_paste(&mut self, text: &str) {
        match &mut self.mode {
            Mode::Edit { editor, .. } => editor.insert_str(text),
            Mode::Filter(editor) => {
                editor.insert_str(text);
                let text = editor.text();
                self.set_filter(text);
            }
            _ => {}
        }
    }

    fn submit_edit(&self, text: String, target: EditTarget) -> Effect {
        match target {
            EditTarget::NewTodo => Effect::AddTodo {
                title: text,
                list: self.selected_list().and_then(|l| l.id),
            },
            EditTarget::Todo(id) => Effect::EditTodo { id, title: text },
            EditTarget::NewList => Effect::AddList(text),
            EditTarget::List(id) => Effect::RenameList { id, name: text },
        }
    }

    /// Carries out an action in normal mode.
    pub fn update(&mut self, action: Action) -> Option<Effect> {
        if self.damaged && action.writes() {
            self.complain(DAMAGED_MESSAGE);
            return None;
        }
        if self.read_only && action.writes() {
            // Say so before any typing, rather than after it.
            self.complain("The database is read-only; nothing can be changed");
            return None;
        }
        let rows = self.page_rows();
        match action {
            Action::Quit => self.quit = true,
            Action::Suspend => self.suspend = true,
            Action::NextTab | Action::PrevTab => {
                self.tab = match self.tab {
                    Tab::Todos => Tab::Trash,
                    Tab::Trash => Tab::Todos,
                };
            }
            Action::ShowTab(tab) => self.tab = tab,
            Action::Up => self.move_by(-1),
            Action::Down => self.move_by(1),
            Action::PageUp => self.move_by(-rows),
            Action::PageDown => self.move_by(rows),
            Action::Top => self.move_by(i64::MIN / 2),
            Action::Bottom => self.move_by(i64::MAX / 2),
            Action::FocusLeft if self.tab == Tab::Todos => self.focus = Pane::Lists,
            Action::FocusRight if self.tab == Tab::Todos => self.focus = Pane::Todos,
            Action::FocusLeft | Action::FocusRight => {}
            Action::StartFilter => {
                self.mode = Mode::Filter(LineEditor::new(self.filter()));
            }
            Action::ClearFilter => self.set_filter(String::new()),
            Action::Undo => return Some(Effect::Undo),
            Action::Redo => return Some(Effect::Redo),
            Action::ToggleHelp => self.mode = Mode::Help(0),
            Action::Add => {
                let target = match self.focus {
                    Pane::Todos => EditTarget::NewTodo,
                    Pane::Lists => EditTarget::NewList,
                };
                self.mode = Mode::Edit {
                    editor: LineEditor::default(),
                    target,
                };
            }
            Action::Edit => self.start_edit(),
            Action::ToggleDone => match self.todos.selected() {
                Some(todo) => {
                    return Some(Effect::SetDone {
                        id: todo.id,
                        done: !todo.done,
                    });
                }
                None => self.say(self.nothing_here("mark done")),
            },
            Action::Delete => return self.delete(),
            Action::Raise | Action::Lower => {
                let up = action == Action::Raise;
                let item = match (self.tab, self.focus) {
                    (Tab::Todos, Pane::Todos) => self.todos.selected().map(|t| Item::Todo(t.id)),
                    (Tab::Todos, Pane::Lists) => {
                        self.selected_list().and_then(|l| l.id).map(Item::List)
                    }
                    (Tab::Trash, _) => None,
                };
                match item {
                    Some(item) => return Some(Effect::Reorder { item, up }),
                    None if self.focus == Pane::Lists => self.say("The Inbox stays at the top"),
                    None => self.say(self.nothing_here("move")),
                }
            }
            Action::MoveTo => self.open_move_picker(),
            Action::Restore => match self.trash.selected() {
                Some(entry) => return Some(Effect::Restore(entry.clone())),
                None => self.say(self.nothing_in_trash("restore")),
            },
            Action::Erase => {
                if self.trash.selected().is_none() {
                    self.say(self.nothing_in_trash("erase"));
                }
                if let Some(entry) = self.trash.selected() {
                    let title = crate::text::display_safe(&entry.title).into_owned();
                    let message = match entry.kind {
                        EntryKind::Todo => format!("Erase todo '{title}' forever?"),
                        EntryKind::List => format!(
                            "Erase list '{title}' and its {} forever?",
                            count(entry.todos, "todo")
                        ),
                    };
                    self.mode = Mode::Confirm(Confirm {
                        action: Confirmed::Erase {
                            id: entry.id,
                            deleted_at: entry.deleted_at,
                        },
                        about: entry.title.clone(),
                        title: "Erase forever",
                        message: format!("{message} This cannot be undone."),
                        yes: "Erase",
                        no: "No",
                        no_message: CANCELLED.into(),
                        yes_selected: false,
                    });
                }
            }
            Action::EmptyTrash => {
                if self.trash_total == Some(0) {
                    self.say("The Trash is already empty");
                } else {
                    let what = match self.trash_total {
                        Some(1) => "the 1 entry".to_string(),
                        Some(n) => format!("all {}", count(n, "entry")),
                        None => "everything".to_string(),
                    };
                    self.mode = Mode::Confirm(Confirm {
                        action: Confirmed::EmptyTrash,
                        about: String::new(),
                        title: "Empty the Trash",
                        message: format!(
                            "Erase {what} in the Trash forever? This cannot be undone."
                        ),
                        yes: "Erase all",
                        no: "No",
                        no_message: CANCELLED.into(),
                        yes_selected: false,
                    });
                }
            }
        }
        None
    }

    /// Moves the selection of the focused view by `delta` rows.
    fn move_by(&mut self, delta: i64) {
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
                    self.stale = true;
                }
            }
        }
    }

    fn start_edit(&mut self) {
        match (self.tab, self.focus) {
            (Tab::Todos, Pane::Todos) => match self.todos.selected() {
                Some(todo) => {
                    self.mode = Mode::Edit {
                        editor: LineEditor::new(&todo.title),
                        target: EditTarget::Todo(todo.id),
                    };
                }
                None => self.say(self.nothing_here("edit")),
            },
            (Tab::Todos, Pane::Lists) => match self.selected_list() {
                Some(ListRow {
                    id: Some(id), name, ..
                }) => {
                    self.mode = Mode::Edit {
                        editor: LineEditor::new(name),
                        target: EditTarget::List(*id),
                    };
                }
                _ => self.say("The Inbox can't be renamed"),
            },
            (Tab::Trash, _) => {}
        }
    }

    fn delete(&mut self) -> Option<Effect> {
        match (self.tab, self.focus) {
            (Tab::Todos, Pane::Todos) => {
                let effect = self.todos.selected().map(|t| Effect::TrashTodo(t.id));
                if effect.is_none() {
                    self.say(self.nothing_here("delete"));
                }
                effect
            }
            (Tab::Todos, Pane::Lists) => {
                match self.selected_list() {
                    Some(ListRow {
                        id: Some(id),
                        name,
                        todos,
                        ..
                    }) => {
                        let name = crate::text::display_safe(name).into_owned();
                        self.mode = Mode::Confirm(Confirm {
                            action: Confirmed::TrashList(*id),
                            about: name.clone(),
                            title: "Delete list",
                            message: if *todos == 0 {
                                format!("Move list '{name}' to the Trash?")
                            } else {
                                format!(
                                    "Move list '{name}' and its {} to the Trash?",
                                    count(*todos, "todo")
                                )
                            },
                            yes: "Move to Trash",
                            no: "No",
                            no_message: CANCELLED.into(),
                            yes_selected: false,
                        });
                    }
                    _ => self.say("The Inbox can't be deleted"),
                }
                None
            }
            (Tab::Trash, _) => None,
        }
    }

    /// Why a key that acts on the selected todo did nothing: there is none to act on.
    fn nothing_here(&self, verb: &str) -> String {
        if !self.todo_filter.is_empty() {
            return format!("No todo matches the filter; nothing to {verb}");
        }
        match self.selected_list() {
            Some(ListRow {
                id: Some(_), name, ..
            }) => {
                format!("'{name}' has no todos; nothing to {verb}")
            }
            _ => format!("The Inbox has no todos; nothing to {verb}"),
        }
    }

    /// Why a key that acts on the selected trash entry did nothing.
    fn nothing_in_trash(&self, verb: &str) -> String {
        if self.trash_filter.is_empty() {
            format!("The Trash is empty; nothing to {verb}")
        } else {
            format!("Nothing in the Trash matches the filter; nothing to {verb}")
        }
    }

    fn open_move_picker(&mut self) {
        let Some(todo) = self.todos.selected() else {
            self.say(self.nothing_here("move"));
            return;
        };
        let here = self.selected_list().and_then(|l| l.id);
        let choices: Vec<(Option<ListId>, String)> = self
            .lists
            .iter()
            .filter(|l| l.id != here)
            .map(|l| (l.id, l.name.clone()))
            .collect();
        if choices.is_empty() {
            self.say("No other list to move to: press h, then a, to create one");
            return;
        }
        self.mode = Mode::MoveTo(MovePicker {
            todo: todo.id,
            title: todo.title.clone(),
            choices,
            cursor: 0,
        });
    }
}
