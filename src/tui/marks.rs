//! Marking rows (`v`, `V`) and what acts on all marked rows at once: delete (one trash
//! entry), clear done, restore, erase and pin in the Trash. Marks are kept in the app;
//! the session reads them for `V` (every row of the view, not only those on screen).

use super::action::{Action, Effect, Tab};
use super::app::App;
use super::mode::{Confirm, Mode};
use crate::store::EntryId;
use crate::wording::status;

impl App {
    /// The marking keys, and the Trash's pin.
    pub(super) fn marks_action(&mut self, action: Action) -> Option<Effect> {
        match (action, self.tab) {
            (Action::ToggleMark, Tab::Todos) => match self.todos.selected() {
                Some(todo) => {
                    let id = todo.id;
                    if !self.marked_todos.remove(&id) {
                        self.marked_todos.insert(id);
                    }
                    // Marking walks down the list, as in a file manager.
                    self.move_by(1);
                }
                None => self.say(self.nothing_here("mark")),
            },
            (Action::ToggleMark, Tab::Trash) => match self.trash.selected() {
                Some(entry) => {
                    let id = entry.id;
                    if !self.marked_entries.remove(&id) {
                        self.marked_entries.insert(id);
                    }
                    self.move_by(1);
                }
                None => self.say(self.nothing_in_trash("mark")),
            },
            (Action::MarkAll, _) => return Some(Effect::MarkAll),
            (Action::ClearDone, Tab::Todos) => match self.view().scope() {
                Some(scope) => return Some(Effect::ClearDone(scope)),
                // Today and Upcoming show open todos only.
                None => self.say(status::NOTHING_DONE),
            },
            (Action::TogglePin, Tab::Trash) => return self.toggle_pin(),
            _ => {}
        }
        None
    }

    /// `p`: pins the marked entries (or the selected one), or unpins them when all are
    /// pinned already.
    fn toggle_pin(&mut self) -> Option<Effect> {
        if !self.marked_entries.is_empty() {
            let entries: Vec<EntryId> = self.marked_entries.iter().copied().collect();
            // Marked entries off screen are not known to be pinned: pin them all unless
            // every one on screen is pinned and none is off screen.
            let all_pinned = entries
                .iter()
                .all(|id| self.trash.rows.iter().any(|e| e.id == *id && e.pinned));
            return Some(Effect::Pin {
                entries,
                pinned: !all_pinned,
            });
        }
        match self.trash.selected() {
            Some(entry) => Some(Effect::Pin {
                entries: vec![entry.id],
                pinned: !entry.pinned,
            }),
            None => {
                self.say(self.nothing_in_trash("pin"));
                None
            }
        }
    }

    /// `d` with todos marked: all of them to the Trash as one entry.
    pub(super) fn delete_marked(&mut self) -> Option<Effect> {
        (!self.marked_todos.is_empty())
            .then(|| Effect::TrashTodos(self.marked_todos.iter().copied().collect()))
    }

    /// `r` or `E` with entries marked: one question naming how many.
    pub(super) fn act_on_marked_entries(&mut self, erase: bool) -> bool {
        if self.marked_entries.is_empty() {
            return false;
        }
        let entries = self.marked_entries.iter().copied().collect();
        self.mode = Mode::Confirm(Confirm::marked(entries, erase));
        true
    }

    /// Esc in normal mode: the marks go first, then the filter.
    pub(super) fn clear_marks(&mut self) -> bool {
        let had = match self.tab {
            Tab::Todos => std::mem::take(&mut self.marked_todos).len(),
            Tab::Trash => std::mem::take(&mut self.marked_entries).len(),
        };
        if had == 0 {
            return false;
        }
        self.say(status::MARKS_CLEARED);
        true
    }
}
