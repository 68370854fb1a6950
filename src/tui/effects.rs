//! Effect → store: performs one write the app asked for, in one transaction, and says what
//! it did: the step that undoes it, the line for the status bar, and what the selection and
//! the views must follow.

use super::action::{Effect, Item, Written};
use super::applied::Applied;
use super::undo::{At, Blocked, Change, Direction, History};
use super::view::{ListPaneRow, list_name};
use crate::fields::due_label;
use crate::purge::{Policy, accept_retention};
use crate::store::{EraseOutcome, ListId, Store, StoreError, Trigger};
use crate::text::clean_title;
use crate::wording::{self, Surface, status};

/// Performs `effect` at `now`. Undo and redo step through `history`; any other write
/// returns the step that undoes it, for the caller to record. `lists` are the rows of the
/// list pane, for the names a message or an undo step speaks of; `policy` is what accepting
/// a retention purges by.
pub fn apply(
    store: &mut Store,
    history: &mut History,
    effect: Effect,
    lists: &[ListPaneRow],
    policy: Policy,
    at: At<'_>,
) -> Result<Applied, StoreError> {
    let s = store;
    let now = at.now;
    let list_name = |id: ListId| list_name(lists, id);
    let undo = |change: Change| Applied {
        undo: Some(change),
        ..Applied::default()
    };
    let say = |message: String| Applied {
        message: Some(message),
        ..Applied::default()
    };
    Ok(match effect {
        Effect::AddTodo { title, list, due } => {
            let details = crate::store::Details {
                due,
                ..crate::store::Details::default()
            };
            let id = s.add_todo_with(&title, list, details, now)?;
            let title = s.live_todo(id)?.title;
            Applied {
                written: Some(Written::AddedTodo),
                ..undo(Change::AddedTodo { id, title })
            }
        }
        Effect::EditTodo { id, title } => {
            let before = s.live_todo(id)?.title;
            s.edit_title(id, &title)?;
            let after = s.live_todo(id)?.title;
            // The same title again changes nothing: no step that would undo nothing.
            match before == after {
                true => Applied::default(),
                false => undo(Change::EditedTodo { id, before, after }),
            }
        }
        Effect::SetDone { id, done } => {
            let title = s.live_todo(id)?.title;
            let made = if done {
                s.mark_done(&[id], now, at.zone)?.first().copied()
            } else {
                s.set_done(&[id], false, now)?;
                None
            };
            let message = made.map(|m| status::comes_back(&due_label(m.due, now, at.zone).text));
            Applied {
                message,
                ..undo(Change::MarkedDone {
                    id,
                    title,
                    done,
                    made,
                    taken: None,
                })
            }
        }
        Effect::TrashTodo(id) => {
            let title = s.live_todo(id)?.title;
            let entry = s.trash_todos(&[id], now)?[0];
            Applied {
                message: Some(status::TODO_TRASHED.to_string()),
                ..undo(Change::Trashed { entry, title })
            }
        }
        Effect::MoveTodo { id, to } => {
            let title = s.live_todo(id)?.title;
            let from = s.todo_place(id)?;
            s.move_todos(&[id], to)?;
            let name = to.map(list_name);
            Applied {
                message: Some(status::moved_to(name.as_deref())),
                ..undo(Change::Moved { id, title, from })
            }
        }
        Effect::AddList(name) => {
            let id = s.add_list(&name, now)?;
            let name = clean_title(&name, "list name").unwrap_or(name);
            // The new list is the one selected, as a new todo is.
            Applied {
                select_list: Some(id),
                written: Some(Written::AddedList),
                ..undo(Change::AddedList { id, name })
            }
        }
        Effect::RenameList { id, name } => {
            let before = list_name(id);
            s.rename_list(id, &name)?;
            let after = clean_title(&name, "list name").unwrap_or(name);
            match before == after {
                true => Applied::default(),
                false => undo(Change::RenamedList { id, before, after }),
            }
        }
        Effect::TrashList(id) => {
            let title = list_name(id);
            let entry = s.trash_list(id, now)?;
            Applied {
                message: Some(status::LIST_TRASHED.to_string()),
                written: Some(Written::TrashedList),
                ..undo(Change::Trashed { entry, title })
            }
        }
        Effect::Reorder { item, up } => {
            let edge = status::already_at_the_edge(up);
            match item {
                Item::Todo(id) => match s.todo_neighbour(id, up)? {
                    Some(other) => {
                        let title = s.live_todo(id)?.title;
                        let placed = s.swap_todos(id, other)?;
                        Applied {
                            written: Some(Written::SwappedTodo { up }),
                            ..undo(Change::SwappedTodos { placed, title, up })
                        }
                    }
                    None => say(edge.to_string()),
                },
                Item::List(id) => match s.list_neighbour(id, up)? {
                    Some(other) => {
                        let placed = s.swap_lists(id, other)?;
                        let name = list_name(id);
                        undo(Change::SwappedLists { placed, name, up })
                    }
                    None => say(edge.to_string()),
                },
            }
        }
        Effect::Restore(entry) => {
            let restored = s.restore_entries(&[entry.id])?.remove(0);
            let said = match entry.cause.as_deref() {
                Some("replaced") => wording::restored_copy(&restored, Surface::App),
                _ => wording::restored(&restored, Surface::App),
            };
            Applied {
                message: Some(said),
                ..undo(Change::Restored {
                    before: restored.before,
                    title: entry.title,
                })
            }
        }
        Effect::Erase(entry) => {
            let title = s.trash_entry(entry)?.title;
            let out = s.erase_entries(&[entry], now, Trigger::Manual)?;
            say(scrub_noted(
                out,
                wording::erased(&title, out.counts, Surface::App),
            ))
        }
        Effect::Batch { ids, change } => super::marked_changes::apply(s, &ids, change, lists, at)?,
        // Not writes: the session reads the marks, or the entry, itself (see
        // `Session::perform`).
        Effect::MarkAll | Effect::ShowEntry(_) => Applied::default(),
        // Performed by `effects_more` (the session asks it first).
        Effect::SetDetails { .. }
        | Effect::TrashTodos(_)
        | Effect::ClearDone(_)
        | Effect::RestoreMany(_)
        | Effect::EraseMany(_)
        | Effect::Pin { .. }
        | Effect::RememberView(..) => Applied::default(),
        // The session's sync schedule answers it (see `Session::perform`).
        Effect::AnswerHeldSync { .. } => Applied::default(),
        Effect::AcceptRetention => {
            let report = accept_retention(s, policy, now, Trigger::Manual)?;
            let message = wording::accepted_retention(report.counts, report.applied);
            let out = EraseOutcome {
                counts: report.counts,
                scrubbed: report.scrubbed,
            };
            Applied {
                retention: Some(report.applied),
                ..say(scrub_noted(out, message))
            }
        }
        Effect::EmptyTrash => {
            let out = s.empty_trash(now, Trigger::Manual)?;
            say(scrub_noted(out, wording::emptied(out.counts, Surface::App)))
        }
        Effect::Undo | Effect::Redo => {
            let direction = if effect == Effect::Undo {
                Direction::Undo
            } else {
                Direction::Redo
            };
            match history.step(direction, s, at) {
                Ok(message) => say(message),
                Err(Blocked::Store(e)) => return Err(e),
                Err(Blocked::Said(reason)) => Applied {
                    refused: Some(reason),
                    ..Applied::default()
                },
            }
        }
    })
}

/// `message`, with a note when another program kept the erased text on disk for now.
fn scrub_noted(out: EraseOutcome, message: String) -> String {
    if out.scrubbed {
        message
    } else {
        wording::unscrubbed(message, Surface::App)
    }
}
