//! Normal-mode actions on the selected row that open something first: the title or name
//! editor (`e`), the question before deleting a list (`d`), the move picker (`m`).

use super::action::{Effect, Pane, Tab};
use super::app::App;
use super::editor::LineEditor;
use super::mode::{Confirm, EditTarget, Mode, MovePicker};
use super::view::{ListPaneRow, View};
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
                    view: View::List(id),
                    name,
                    ..
                }) => {
                    self.mode = Mode::Edit {
                        editor: LineEditor::new(name),
                        target: EditTarget::List(*id),
                    };
                }
                Some(row) if row.view == View::Inbox => self.say(status::INBOX_NOT_RENAMED),
                _ => self.say(status::SMART_VIEW_STAYS),
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
                        view: View::List(id),
                        name,
                        todos,
                        ..
                    }) => {
                        self.mode = Mode::Confirm(Confirm::trash_list(*id, name, *todos));
                    }
                    Some(row) if row.view == View::Inbox => self.say(status::INBOX_NOT_DELETED),
                    _ => self.say(status::SMART_VIEW_STAYS),
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
        let marked: Vec<_> = self.marked_todos.iter().copied().collect();
        // Marked todos may come from several lists: every list is a choice but the one
        // on show.
        let here = match (marked.is_empty(), self.view()) {
            (true, _) => Some(todo.list.as_ref().map(|(id, _)| *id)),
            (false, View::List(id)) => Some(Some(id)),
            (false, View::Inbox) => Some(None),
            (false, _) => None,
        };
        let choices = match here {
            Some(here) => move_choices(&self.lists, here),
            None => all_lists(&self.lists),
        };
        if choices.is_empty() {
            self.say(status::NO_OTHER_LIST);
            return;
        }
        let title = match marked.len() {
            0 => todo.title.clone(),
            n => crate::text::count(n as i64, "todo"),
        };
        self.mode = Mode::MoveTo(MovePicker {
            todo: todo.id,
            title,
            marked,
            choices,
            cursor: 0,
        });
    }
}

/// The Inbox and every list.
fn all_lists(rows: &[ListPaneRow]) -> Vec<(Option<ListId>, String)> {
    rows.iter()
        .filter(|l| l.view.is_list_or_inbox())
        .map(|l| (l.list_id(), l.name.clone()))
        .collect()
}

/// Where a todo in list `here` (`None`: the Inbox) can move: the Inbox and every other list.
pub(super) fn move_choices(
    rows: &[ListPaneRow],
    here: Option<ListId>,
) -> Vec<(Option<ListId>, String)> {
    let here = here.map_or(View::Inbox, View::List);
    rows.iter()
        .filter(|l| l.view.is_list_or_inbox() && l.view != here)
        .map(|l| (l.list_id(), l.name.clone()))
        .collect()
}
