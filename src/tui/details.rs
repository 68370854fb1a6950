//! A todo's details in the app: `t` types its due date, `p` steps through the
//! priorities, `#` types a tag to add or take off, `n` opens its note in the note editor.
//! With todos marked, `t`, `p` and `#` change all of them. Each change is one write and
//! one undo step (see `effects_more` and `batch`).

use super::action::{Action, BatchChange, Effect};
use super::app::App;
use super::editor::LineEditor;
use super::mode::{EditTarget, Mode, NoteEditor};
use crate::fields::{Priority, parse_due};
use crate::store::{DetailsChange, TodoId};
use crate::wording::status;

impl App {
    /// `t`, `p` and `n` on the selected todo.
    pub(super) fn details_action(&mut self, action: Action) -> Option<Effect> {
        let Some(todo) = self.todos.selected() else {
            let verb = match action {
                Action::SetDue => "set a due date for",
                Action::CyclePriority => "set a priority for",
                Action::EditTags => "tag",
                _ => "write a note for",
            };
            self.say(self.nothing_here(verb));
            return None;
        };
        let (id, priority) = (todo.id, todo.priority);
        match action {
            Action::SetDue => {
                // Empty, the current date shown beside it as a hint: typing replaces it
                // rather than running on after it.
                self.mode = Mode::Edit {
                    editor: LineEditor::new(""),
                    target: EditTarget::Due(id),
                };
                None
            }
            Action::EditTags => {
                self.mode = Mode::Edit {
                    editor: LineEditor::new(""),
                    target: EditTarget::Tags(id),
                };
                None
            }
            // Marked: all of them take the priority after the selected one's, so pressing
            // again steps them all together.
            Action::CyclePriority if !self.marked_todos.is_empty() => {
                Some(self.batch(BatchChange::Priority(next_priority(priority))))
            }
            Action::CyclePriority => Some(Effect::SetDetails {
                id,
                change: DetailsChange {
                    priority: Some(next_priority(priority)),
                    ..DetailsChange::default()
                },
            }),
            Action::EditNote => {
                let title = todo.title.clone();
                let note = match &self.selected_note {
                    Some((of, note)) if *of == id => note.clone(),
                    _ => String::new(),
                };
                self.mode = Mode::Note(Box::new(NoteEditor::new(id, &title, &note)));
                None
            }
            _ => None,
        }
    }

    /// Enter in the due date's editor: the date in words, or "none" to clear it; nothing
    /// typed keeps the date as it is. Text that is not a date keeps the editor open, saying
    /// why and what would work.
    pub(super) fn submit_due(&mut self, id: TodoId, text: &str) -> Option<Effect> {
        if text.trim().is_empty() {
            self.mode = Mode::Normal;
            return None;
        }
        let due = match parse_due(text, self.now, &self.zone) {
            Ok(due) => due,
            Err(e) => {
                self.complain(status::bad_due(&e));
                return None;
            }
        };
        if !self.marked_todos.is_empty() {
            return Some(self.batch(BatchChange::Due(due)));
        }
        Some(Effect::SetDetails {
            id,
            change: DetailsChange {
                due: Some(due),
                ..DetailsChange::default()
            },
        })
    }

    /// Enter in the tag editor: `tag` adds it, `-tag` takes it off, on the marked todos
    /// (or `id`); nothing typed changes nothing.
    pub(super) fn submit_tag(&mut self, id: TodoId, text: &str) -> Option<Effect> {
        let text = text.trim();
        let (add, tag) = match text.strip_prefix('-') {
            Some(tag) => (false, tag.trim()),
            None => (true, text),
        };
        let tag = tag.trim_start_matches('#');
        if text.is_empty() {
            self.mode = Mode::Normal;
            return None;
        }
        if crate::fields::tag_key(tag).trim_matches('-').is_empty() {
            self.complain(status::BAD_TAG);
            return None;
        }
        let change = BatchChange::Tag {
            tag: tag.to_string(),
            add,
        };
        if self.marked_todos.is_empty() {
            return Some(Effect::Batch {
                ids: vec![id],
                change,
            });
        }
        Some(self.batch(change))
    }

    /// `change` to every marked todo.
    pub(super) fn batch(&self, change: BatchChange) -> Effect {
        Effect::Batch {
            ids: self.marked_todos.iter().copied().collect(),
            change,
        }
    }

    /// Closing the note editor with its text: written only when it changed. The editor
    /// stays open until the write is done, so nothing typed is lost to a busy database.
    pub(super) fn submit_note(&mut self, editor: &NoteEditor) -> Option<Effect> {
        let text = editor.text();
        let before = match &self.selected_note {
            Some((of, note)) if *of == editor.todo => note.as_str(),
            _ => "",
        };
        if text.trim_end() == before.trim_end() {
            self.mode = Mode::Normal;
            return None;
        }
        Some(Effect::SetDetails {
            id: editor.todo,
            change: DetailsChange {
                note: Some(Some(text)),
                ..DetailsChange::default()
            },
        })
    }
}

/// None → high → medium → low → none.
fn next_priority(now: Option<Priority>) -> Option<Priority> {
    match now {
        None => Some(Priority::High),
        Some(Priority::High) => Some(Priority::Medium),
        Some(Priority::Medium) => Some(Priority::Low),
        Some(Priority::Low) => None,
    }
}
