//! What each action does to the app (`App::update`): the one place its state changes,
//! apart from the session reading rows into the views. An action that needs a write
//! returns an [`Effect`]; the session performs it, reloads, and tells the app what the write
//! did ([`Action::Wrote`]) so the selection follows.

use jiff::SignedDuration;
use ratatui::crossterm::event::KeyEvent;

use super::action::{Action, BatchChange, Effect, Item, Pane, Tab, Written};
use super::app::App;
use super::editor::LineEditor;
use super::mode::{Confirm, EditTarget, Mode, Picked, scroll_help};
use super::view::{View, Window};
use crate::wording::{self, status};

/// How long a status message stays.
const STATUS_LIFETIME: SignedDuration = SignedDuration::from_secs(8);

impl App {
    /// Handles one key press: looked up in the table for the open editor, dialog or
    /// overlay, or the pane in focus.
    pub fn handle_key(&mut self, key: KeyEvent) -> Option<Effect> {
        self.keymap
            .action_for(self.context(), &key)
            .and_then(|action| self.update(action))
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
                // The write went through: any editor that was open has done its job.
                if matches!(self.mode, Mode::Edit { .. } | Mode::Note(_)) {
                    self.mode = Mode::Normal;
                }
                self.follow_write(written);
                return None;
            }
            Action::ListsLoaded { keep } => {
                let last = self.lists.len().saturating_sub(1);
                let inbox = self.lists.iter().position(|l| l.view == View::Inbox);
                self.list_cursor = match keep {
                    Some(view) => self
                        .lists
                        .iter()
                        .position(|l| l.view == view)
                        .unwrap_or(self.list_cursor.min(last)),
                    None => inbox.unwrap_or(0),
                };
                return None;
            }
            Action::TodosCounted => {
                if self.adding_todo() {
                    self.todos.cursor = self.todos.total - 1;
                }
                return None;
            }
            Action::Tick => {
                if self
                    .status
                    .as_ref()
                    .is_some_and(|s| self.now.duration_since(s.since) >= STATUS_LIFETIME)
                {
                    self.status = None;
                }
                return None;
            }
            Action::RetentionApplied(retention) => {
                if self.retention != retention {
                    self.retention = retention;
                    self.stale = true;
                }
                return None;
            }
            Action::AskAboutRetention(held) => {
                self.mode = Mode::Confirm(Confirm::shorter_retention(&held));
                return None;
            }

            Action::SyncChanged(state) => {
                self.sync = state;
                return None;
            }
            Action::SyncUnread(unread) => {
                self.sync_unread = unread;
                return None;
            }
            Action::Damaged => {
                self.damaged = true;
                self.complain(wording::DAMAGED_APP);
                return None;
            }
            _ => {}
        }
        // Every action of the user's replaces or clears the last message, so what the
        // status line says (and what "u to undo" names) is always about the latest one.
        self.status = None;
        let page = self.page_rows().max(1) as u16;
        match &mut self.mode {
            Mode::Normal => return self.normal(action),
            Mode::Help(scroll) => {
                match scroll_help(*scroll, action, page, self.help_scroll_limit) {
                    Some(to) => *scroll = to,
                    None => self.mode = Mode::Normal,
                }
            }
            Mode::Entry(contents) => {
                let last = (contents.todos.len() as u16).saturating_sub(page.saturating_sub(4));
                match scroll_help(contents.scroll, action, page, last) {
                    Some(to) => contents.scroll = to,
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
                    return self.submit_edit(text, target);
                }
                _ => {}
            },
            Mode::Note(editor) => match action {
                Action::NoteInput(key) => {
                    editor.area.input(key);
                }
                Action::Save => {
                    let editor = editor.clone();
                    return self.submit_note(&editor);
                }
                Action::Cancel => self.mode = Mode::Normal,
                _ => {}
            },
            Mode::Confirm(confirm) => match confirm.answer(action) {
                // The marked entries it was about are done with.
                Some(true) if !confirm.entries.is_empty() => {
                    let effect = confirm.effect();
                    self.mode = Mode::Normal;
                    self.marked_entries.clear();
                    return Some(effect);
                }
                Some(true) => {
                    let effect = confirm.effect();
                    self.mode = Mode::Normal;
                    return Some(effect);
                }
                Some(false) => {
                    let message = std::mem::take(&mut confirm.no_message);
                    let effect = confirm.no_effect();
                    self.mode = Mode::Normal;
                    self.say(message);
                    if effect.is_some() {
                        return effect;
                    }
                }
                None => {}
            },
            Mode::MoveTo(picker) => match picker.update(action) {
                Picked::Open => {}
                Picked::Closed => self.mode = Mode::Normal,
                Picked::To(to) if !picker.marked.is_empty() => {
                    let ids = std::mem::take(&mut picker.marked);
                    self.mode = Mode::Normal;
                    return Some(Effect::Batch {
                        ids,
                        change: BatchChange::MoveTo(to),
                    });
                }
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
            Written::AddedList => self.focus = Pane::Todos,
            Written::UsedMarks => {
                self.marked_todos.clear();
                self.marked_entries.clear();
            }
            Written::Other => {}
        }
    }

    /// Typed or pasted text goes to whatever editor is open.
    pub fn handle_paste(&mut self, text: &str) {
        match &mut self.mode {
            Mode::Edit { editor, .. } => editor.insert_str(text),
            // A pasted note keeps its lines.
            Mode::Note(editor) => {
                editor.area.insert_str(text);
            }
            Mode::Filter(editor) => {
                editor.insert_str(text);
                let text = editor.text();
                self.set_filter(text);
            }
            _ => {}
        }
    }

    fn submit_edit(&mut self, text: String, target: EditTarget) -> Option<Effect> {
        Some(match target {
            EditTarget::NewTodo => Effect::AddTodo {
                title: text,
                list: self.view().list(),
                due: self.due_of_new_todo(),
            },
            EditTarget::Todo(id) => Effect::EditTodo { id, title: text },
            EditTarget::NewList => Effect::AddList(text),
            EditTarget::List(id) => Effect::RenameList { id, name: text },
            EditTarget::Due(id) => return self.submit_due(id, &text),
            EditTarget::Tags(id) => return self.submit_tag(id, &text),
        })
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
            Action::ClearFilter if self.clear_marks() => {}
            Action::ClearFilter => self.set_filter(String::new()),
            Action::ToggleMark | Action::MarkAll | Action::ClearDone | Action::TogglePin => {
                return self.marks_action(action);
            }
            Action::SetDue | Action::CyclePriority | Action::EditNote | Action::EditTags => {
                return self.details_action(action);
            }
            Action::CycleSort if self.tab == Tab::Todos => {
                let (name, value) = self.cycle_sort();
                return Some(Effect::RememberView(name, value));
            }
            Action::ToggleHideDone if self.tab == Tab::Todos => {
                let (name, value) = self.toggle_hide_done();
                return Some(Effect::RememberView(name, value));
            }
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
                // The new todo's editor opens below the last one, which is selected.
                if self.adding_todo() {
                    self.todos.cursor = self.todos.total - 1;
                }
            }
            Action::Edit => self.start_edit(),
            Action::ToggleDone if !self.marked_todos.is_empty() => {
                return Some(self.batch(BatchChange::ToggleDone));
            }
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
                    (Tab::Todos, Pane::Lists) => self.view().list().map(Item::List),
                    (Tab::Trash, _) => None,
                };
                match item {
                    Some(item) => return Some(Effect::Reorder { item, up }),
                    None if self.view() == View::Inbox && self.focus == Pane::Lists => {
                        self.say(status::INBOX_STAYS_AT_TOP)
                    }
                    None if self.focus == Pane::Lists => self.say(status::SMART_VIEWS_STAY),
                    None => self.say(self.nothing_here("move")),
                }
            }
            Action::MoveTo => self.open_move_picker(),
            Action::Restore if self.act_on_marked_entries(false) => {}
            Action::Erase if self.act_on_marked_entries(true) => {}
            Action::OpenEntry => match self.trash.selected() {
                Some(entry) => return Some(Effect::ShowEntry(entry.id)),
                None => self.say(self.nothing_in_trash("open")),
            },
            Action::Restore => match self.trash.selected() {
                Some(entry) => return Some(Effect::Restore(entry.clone())),
                None => self.say(self.nothing_in_trash("restore")),
            },
            Action::Erase => match self.trash.selected() {
                Some(entry) => self.mode = Mode::Confirm(Confirm::erase(entry)),
                None => self.say(self.nothing_in_trash("erase")),
            },
            Action::EmptyTrash if self.trash_total == Some(0) => {
                self.say(wording::trash_already_empty(wording::Surface::App))
            }
            Action::EmptyTrash if self.trash_erasable() == Some(0) => self.say(
                wording::only_pinned_in_trash(self.trash_pinned, wording::Surface::App),
            ),
            Action::EmptyTrash => {
                let question = Confirm::empty_trash(self.trash_erasable(), self.trash_pinned);
                self.mode = Mode::Confirm(question);
            }
            // The keys of editors, dialogs and the help, and the session's reports, are
            // handled in `update` before normal mode sees an action.
            _ => {}
        }
        None
    }
}
