//! Normal-mode actions on the selected row that open something first: the title or name
//! editor (`e`), the question before deleting a list (`d`), the move picker (`m`).

use super::action::{Effect, Pane, Tab};
use super::app::App;
use super::editor::LineEditor;
use super::mode::{Confirm, EditTarget, Mode, MovePicker};
use super::view::ListPaneRow;
use crate::store::ListId;
use crate::wording::status;

impl App {
    pub(super) fn start_edit(&mut self) {
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
                _ => self.say(status::INBOX_NOT_RENAMED),
            },
            (Tab::Trash, _) => {}
        }
    }

    pub(super) fn delete(&mut self) -> Option<Effect> {
        match (self.tab, self.focus) {
            (Tab::Todos, Pane::Todos) if !self.marked_todos.is_empty() => self.delete_marked(),
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
                    _ => self.say(status::INBOX_NOT_DELETED),
                }
                None
            }
            (Tab::Trash, _) => None,
        }
    }

    pub(super) fn open_move_picker(&mut self) {
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
            self.say(status::NO_OTHER_LIST);
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
