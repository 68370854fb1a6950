//! The app's state and what each action does to it. Pure: no store, no clock, no terminal.
//! An action that needs a write returns an [`Effect`]; the session performs it, reloads,
//! and tells the app what the write did ([`Action::Wrote`]) so the selection follows.

use jiff::Timestamp;
use ratatui::crossterm::event::KeyEvent;

use super::action::{Action, Effect, Item, Pane, Tab, Written};
use super::editor::LineEditor;
use super::keymap::{Context, action_for};
use super::mode::{Confirm, EditTarget, Mode, MovePicker, Picked, scroll_help};
use super::theme::Theme;
use super::view::{ListPaneRow, Window};
use crate::retention::Retention;
use crate::store::{ListId, Todo, TodoScope, TrashEntry};
use crate::wording;

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
            page_rows: 1,
            help_scroll_limit: 0,
            stale: true,
            quit: false,
            suspend: false,
        }
    }

    /// Where key bindings are looked up right now: the open editor, dialog or overlay, or
    /// else the pane in focus.
    pub fn context(&self) -> Context {
        match &self.mode {
            Mode::Normal => Context::of(self.tab, self.focus),
            Mode::Filter(_) => Context::Filter,
            Mode::Edit { .. } => Context::Edit,
            Mode::Confirm(_) => Context::Dialog,
            Mode::MoveTo(_) => Context::Picker,
            Mode::Help(_) => Context::Help,
        }
    }

    pub fn selected_list(&self) -> Option<&ListPaneRow> {
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
            .map(ListPaneRow::scope)
            .unwrap_or(TodoScope::Inbox)
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

    /// Handles one key press: looked up in the table for the open editor, dialog or
    /// overlay, or the pane in focus.
    pub fn handle_key(&mut self, key: KeyEvent) -> Option<Effect> {
        action_for(self.context(), &key).and_then(|action| self.update(action))
    }

    /// Carries out one action, from a key, the mouse or the session. The only place the
    /// app's state changes, apart from the session reading rows into the views.
    pub fn update(&mut self, action: Action) -> Option<Effect> {
        match action {
            Action::Resize {
                width,
                height,
                page_rows,
                help_scroll_limit,
            } => {
                (self.width, self.height) = (width, height);
                (self.page_rows, self.help_scroll_limit) = (page_rows, help_scroll_limit);
                if let Mode::Help(scroll) = &mut self.mode {
                    *scroll = (*scroll).min(help_scroll_limit);
                }
                return None;
            }
            Action::Wrote(written) => {
                self.follow_write(written);
                return None;
            }
            _ => {}
        }
        let page = self.page_rows().max(1) as u16;
        match &mut self.mode {
            Mode::Normal => return self.normal(action),
            Mode::Help(scroll) => {
                match scroll_help(*scroll, action, page, self.help_scroll_limit) {
                    Some(to) => *scroll = to,
                    None => self.mode = Mode::Normal,
                }
            }
            Mode::Filter(editor) => match action {
                Action::Type(c) => editor.type_char(c),
                Action::Text(edit) => editor.apply(edit),
                Action::Save => self.mode = Mode::Normal,
                Action::Cancel => {
                    self.set_filter(String::new());
                    self.mode = Mode::Normal;
                }
                _ => {}
            },
            Mode::Edit { editor, target } => match action {
                Action::Type(c) => editor.type_char(c),
                Action::Text(edit) => editor.apply(edit),
                Action::Cancel => self.mode = Mode::Normal,
                // Saving an empty new item is the same as not adding it.
                Action::Save
                    if editor.text().trim().is_empty()
                        && matches!(target, EditTarget::NewTodo | EditTarget::NewList) =>
                {
                    self.mode = Mode::Normal
                }
                // The editor stays open until the session has saved the text, so a busy or
                // read-only database never loses what was typed.
                Action::Save => {
                    let (text, target) = (editor.text(), *target);
                    return Some(self.submit_edit(text, target));
                }
                _ => {}
            },
            Mode::Confirm(confirm) => match confirm.answer(action) {
                Some(true) => {
                    let effect = confirm.effect();
                    self.mode = Mode::Normal;
                    return Some(effect);
                }
                Some(false) => {
                    let message = std::mem::take(&mut confirm.no_message);
                    self.mode = Mode::Normal;
                    self.say(message);
                }
                None => {}
            },
            Mode::MoveTo(picker) => match picker.update(action) {
                Picked::Open => {}
                Picked::Closed => self.mode = Mode::Normal,
                Picked::To(to) => {
                    let id = picker.todo;
                    self.mode = Mode::Normal;
                    return Some(Effect::MoveTodo { id, to });
                }
            },
        }
        if let Mode::Filter(editor) = &self.mode {
            let text = editor.text();
            self.set_filter(text);
        }
        None
    }

    /// The selection follows a write the session performed.
    fn follow_write(&mut self, written: Written) {
        match written {
            // The new todo is the last of its list (clamped once the count is read).
            Written::AddedTodo => self.todos.cursor = i64::MAX,
            Written::SwappedTodo { up } => self.todos.cursor += if up { -1 } else { 1 },
            // The cursor stays where it was: on the next list (the last, if it was).
            Written::TrashedList => self.todos = Window::default(),
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
    fn normal(&mut self, action: Action) -> Option<Effect> {
        if self.damaged && action.writes() {
            self.complain(wording::DAMAGED_APP);
            return None;
        }
        if self.read_only && action.writes() {
            // Say so before any typing, rather than after it.
            self.complain(wording::READ_ONLY_APP);
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
            Action::Scroll { .. } | Action::Click { .. } => self.pointer(action),
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
            Action::Erase => match self.trash.selected() {
                Some(entry) => self.mode = Mode::Confirm(Confirm::erase(entry)),
                None => self.say(self.nothing_in_trash("erase")),
            },
            Action::EmptyTrash if self.trash_total == Some(0) => {
                self.say("The Trash is already empty")
            }
            Action::EmptyTrash => {
                self.mode = Mode::Confirm(Confirm::empty_trash(self.trash_total));
            }
            // The keys of editors, dialogs and the help, and the session's reports, are
            // handled in `update` before normal mode sees an action.
            _ => {}
        }
        None
    }

    /// A click or the wheel: the mouse works only in normal mode.
    fn pointer(&mut self, action: Action) {
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
                Some(ListPaneRow {
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
                    Some(ListPaneRow {
                        id: Some(id),
                        name,
                        todos,
                        ..
                    }) => {
                        self.mode = Mode::Confirm(Confirm::trash_list(*id, name, *todos));
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
            Some(ListPaneRow {
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
