//! A todo here (`store::TodoContent`) as a VTODO's fields and back.

use jiff::Timestamp;

use super::vtodo::TodoFields;
use crate::fields::Due;
use crate::store::TodoContent;
use crate::when::from_millis;

/// The fields to write for a todo here; `modified_at` is when it last changed here.
pub fn fields_of(c: &TodoContent, uid: &str, modified_at: Timestamp) -> TodoFields {
    TodoFields {
        uid: uid.to_string(),
        title: c.title.clone(),
        done: c.done,
        done_at: c.done_at.map(from_millis),
        due: c.due_at.map(|at| Due {
            at: from_millis(at),
            has_time: c.due_has_time,
        }),
        priority: c.priority,
        note: c.note.clone(),
        every: c.every.clone(),
        created_at: Some(from_millis(c.created_at)),
        modified_at: Some(modified_at),
    }
}

/// A VTODO's fields as a todo here. What the server does not say is taken from `now`: a todo
/// without CREATED was made now; a recurrence without a due date is dropped (softly's rules
/// count from the due date).
pub fn content_of(f: &TodoFields, now: Timestamp) -> TodoContent {
    TodoContent {
        uid: Some(f.uid.clone()),
        title: if f.title.trim().is_empty() {
            "(untitled)".into()
        } else {
            f.title.clone()
        },
        done: f.done,
        done_at: f.done.then(|| f.done_at.unwrap_or(now).as_millisecond()),
        due_at: f.due.map(|d| d.at.as_millisecond()),
        due_has_time: f.due.is_some_and(|d| d.has_time),
        priority: f.priority,
        note: f.note.clone(),
        every: f.every.clone().filter(|_| f.due.is_some()),
        created_at: f.created_at.unwrap_or(now).as_millisecond(),
    }
}

/// True when two versions say the same (the uid and the time of making aside).
pub fn same_content(a: &TodoContent, b: &TodoContent) -> bool {
    let strip = |c: &TodoContent| TodoContent {
        uid: None,
        created_at: 0,
        done_at: None,
        ..c.clone()
    };
    strip(a) == strip(b)
}
