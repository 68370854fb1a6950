//! Effect → store for the writes of issue 13: details (due date, priority, note,
//! recurrence), batches of marked rows, clearing done todos, and pins. Each is one
//! transaction and one undo step, as in `effects.rs`.

use jiff::Timestamp;

use super::action::{Effect, Written};
use super::applied::Applied;
use super::undo::Change;
use crate::purge::{Policy, purge_expired};
use crate::store::{DetailsChange, EntryId, Store, StoreError, TodoId, Trigger};
use crate::text::count;
use crate::wording::{self, Surface, status};

/// Performs one of the effects this file covers; `None` for the others.
pub fn apply(
    s: &mut Store,
    effect: &Effect,
    policy: Policy,
    now: Timestamp,
) -> Option<Result<Applied, StoreError>> {
    Some(match effect {
        Effect::SetDetails { id, change } => set_details(s, *id, change),
        Effect::TrashTodos(ids) => trash_together(s, ids, now),
        Effect::ClearDone(scope) => s.trash_done_todos(*scope, now).map(|done| match done {
            Some((entry, todos)) => Applied {
                undo: Some(Change::Trashed {
                    entry,
                    title: count(todos as i64, "done todo"),
                }),
                message: Some(status::cleared_done(todos as i64)),
                ..Applied::default()
            },
            None => said(status::NOTHING_DONE.to_string()),
        }),
        Effect::RestoreMany(entries) => restore_many(s, entries),
        Effect::EraseMany(entries) => s
            .erase_entries(entries, now, Trigger::Manual)
            .map(|out| said(wording::erased("", out.counts, Surface::App))),
        Effect::Pin { entries, pinned } => pin(s, entries, *pinned, policy, now),
        // Not data, and not an undo step: how the user likes to see the views. Best effort:
        // a read-only or busy database keeps the setting for this run only.
        Effect::RememberView(name, value) => {
            let _ = s.remember_view_setting(name, *value);
            Ok(Applied::default())
        }
        _ => return None,
    })
}

fn said(message: String) -> Applied {
    Applied {
        message: Some(message),
        ..Applied::default()
    }
}

/// Changes the fields `change` names; the undo step names the same fields as they were.
fn set_details(s: &mut Store, id: TodoId, change: &DetailsChange) -> Result<Applied, StoreError> {
    let todo = s.live_todo(id)?;
    let before = DetailsChange {
        due: change.due.map(|_| todo.due),
        priority: change.priority.map(|_| todo.priority),
        note: match change.note {
            Some(_) => Some(s.note(id)?),
            None => None,
        },
        every: change.every.map(|_| todo.every),
    };
    s.edit_todo(id, None, change.clone())?;
    let now = s.live_todo(id)?;
    let after = DetailsChange {
        due: change.due.map(|_| now.due),
        priority: change.priority.map(|_| now.priority),
        note: match change.note {
            Some(_) => Some(s.note(id)?),
            None => None,
        },
        every: change.every.map(|_| now.every),
    };
    // The same value again changes nothing: no step that would undo nothing.
    Ok(Applied {
        undo: (before != after).then_some(Change::ChangedDetails {
            id,
            title: now.title,
            before,
            after,
        }),
        ..Applied::default()
    })
}

fn trash_together(s: &mut Store, ids: &[TodoId], now: Timestamp) -> Result<Applied, StoreError> {
    let entry = s.trash_todos_together(ids, now)?;
    let todos = s.trash_entry(entry)?.todos;
    Ok(Applied {
        undo: Some(Change::Trashed {
            entry,
            title: count(todos, "todo"),
        }),
        message: Some(status::trashed_together(todos)),
        written: Some(Written::UsedMarks),
        ..Applied::default()
    })
}

fn restore_many(s: &mut Store, entries: &[EntryId]) -> Result<Applied, StoreError> {
    let restored = s.restore_entries(entries)?;
    let n = restored.len() as i64;
    let changes = restored
        .into_iter()
        .map(|r| Change::Restored {
            title: r.title,
            before: r.before,
        })
        .collect();
    Ok(Applied {
        undo: Some(Change::Together {
            changes,
            title: count(n, "entry"),
        }),
        message: Some(status::restored_many(n)),
        written: Some(Written::UsedMarks),
        ..Applied::default()
    })
}

/// Pins or unpins; an entry unpinned past its time is purged at once, and the message
/// says so.
fn pin(
    s: &mut Store,
    entries: &[EntryId],
    pinned: bool,
    policy: Policy,
    now: Timestamp,
) -> Result<Applied, StoreError> {
    let title = match entries {
        [one] => format!(
            "'{}'",
            crate::text::display_safe(&s.trash_entry(*one)?.title)
        ),
        many => count(many.len() as i64, "entry"),
    };
    // Only what changes is the step's to take back: an entry pinned already stays pinned
    // when the pin of the others is undone.
    let mut changing = Vec::new();
    for &id in entries {
        if s.trash_entry(id)?.pinned != pinned {
            changing.push(id);
        }
    }
    s.pin_entries(entries, pinned)?;
    let mut message = status::pinned(entries.len() as i64, pinned);
    if !pinned {
        let report = purge_expired(s, policy, now, Trigger::Manual)?;
        if !report.counts.is_empty() {
            message = wording::purged(report.counts, report.applied, Surface::App);
        }
    }
    Ok(Applied {
        undo: (!changing.is_empty()).then_some(Change::Pinned {
            entries: changing,
            title,
            pinned,
        }),
        message: Some(message),
        written: Some(Written::UsedMarks),
        ..Applied::default()
    })
}
