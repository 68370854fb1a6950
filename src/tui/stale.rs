//! An open editor or dialog whose subject another program changed meanwhile (the app
//! reloads within a second of any write, or after a purge): checked after every reload, so
//! the screen never asks about, or types into, something that is no longer there.

use super::app::App;
use super::mode::{Confirmed, EditTarget, Mode};
use super::view::View;
use crate::retention::Retention;
use crate::store::{Store, StoreError};
use crate::text::display_safe;
use crate::wording::status;

/// Brings the open editor or dialog in line with what the store holds now.
pub fn follow_changes(app: &mut App, store: &Store, retention: Retention) {
    let now = app.now;
    let erasable = app.trash_erasable();
    let gone_message = match &mut app.mode {
        Mode::Edit { target, .. } => match *target {
            // The typed text is never lost: the editor turns into one for a new todo (or
            // list), saved where the view is, and says so.
            EditTarget::Todo(id) if todo_gone(store, id) => {
                *target = EditTarget::NewTodo;
                Some(status::EDITED_TODO_GONE.to_string())
            }
            EditTarget::List(id) if !app.lists.iter().any(|l| l.view == View::List(id)) => {
                *target = EditTarget::NewList;
                Some(status::RENAMED_LIST_GONE.to_string())
            }
            _ => None,
        },
        Mode::Confirm(confirm) => {
            let about = display_safe(&confirm.about).into_owned();
            let gone = match confirm.action {
                Confirmed::Erase { id, deleted_at } => match store.trash_entry(id) {
                    Err(StoreError::NoSuchEntry(_)) => {
                        let purged = retention.purge_at(deleted_at).is_some_and(|at| at <= now);
                        Some(status::erase_subject_gone(&about, purged))
                    }
                    _ => None,
                },
                Confirmed::TrashList(id) if !app.lists.iter().any(|l| l.view == View::List(id)) => {
                    Some(status::list_gone(&about))
                }
                Confirmed::EmptyTrash if erasable == Some(0) => {
                    Some(status::TRASH_EMPTIED_MEANWHILE.to_string())
                }
                _ => None,
            };
            if gone.is_some() {
                app.mode = Mode::Normal;
            }
            gone
        }
        Mode::MoveTo(picker) => {
            if todo_gone(store, picker.todo) {
                let title = display_safe(&picker.title).into_owned();
                app.mode = Mode::Normal;
                Some(status::todo_gone(&title))
            } else {
                // Lists made or deleted elsewhere come and go from the choices.
                let here = store
                    .live_todo(picker.todo)
                    .ok()
                    .and_then(|t| t.list)
                    .map(|l| l.0);
                picker.choices = super::row_actions::move_choices(&app.lists, here);
                if picker.choices.is_empty() {
                    app.mode = Mode::Normal;
                    Some(status::NO_OTHER_LIST_ANY_MORE.to_string())
                } else {
                    picker.cursor = picker.cursor.min(picker.choices.len() - 1);
                    None
                }
            }
        }
        _ => None,
    };
    if let Some(message) = gone_message {
        app.complain(message);
    }
}

/// True when the todo is no longer live (in the Trash, or erased).
fn todo_gone(store: &Store, id: crate::store::TodoId) -> bool {
    matches!(
        store.live_todo(id),
        Err(StoreError::NoSuchTodo(_) | StoreError::TodoInTrash { .. })
    )
}
