//! A VTODO's reading as a todo here, and softly's fields of a todo one by one, as a
//! three-way merge compares them: what the user can see, never ETags or stamps.

use jiff::Timestamp;

use super::ical::ReadTodo;
use crate::store::{ListId, TodoContent};

/// A VTODO's reading as a todo here. What it does not say is taken from `now`: a todo
/// without CREATED was made now, one done without COMPLETED was done now.
pub fn content_of(read: &ReadTodo, now: Timestamp) -> TodoContent {
    let c = &read.content;
    TodoContent {
        done_at: (c.done && !c.cancelled).then(|| c.done_at.unwrap_or(now.as_millisecond())),
        created_at: if c.created_at == 0 {
            now.as_millisecond()
        } else {
            c.created_at
        },
        ..c.clone()
    }
}

/// softly's fields of a todo, each as the user sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fields {
    pub title: String,
    /// (closed, cancelled)
    pub state: (bool, bool),
    pub due: Option<(i64, bool)>,
    pub priority: Option<i64>,
    pub note: Option<String>,
    pub every: Option<String>,
    /// Its own tags by their keys, sorted.
    pub tags: Vec<String>,
    pub list: Option<ListId>,
    /// Its place in the list: sent and taken like the others, but never a conflict, nor an
    /// edit that brings a todo deleted here back.
    pub order: Option<i64>,
}

impl Fields {
    pub fn of(c: &TodoContent, list: Option<ListId>) -> Fields {
        let mut tags: Vec<String> = c.tags.iter().map(|t| crate::fields::tag_key(t)).collect();
        tags.sort();
        Fields {
            title: c.title.clone(),
            state: (c.done, c.cancelled),
            due: c.due_at.map(|at| (at, c.due_has_time)),
            priority: c.priority,
            note: c.note.clone(),
            every: c.every.clone(),
            tags,
            list,
            order: c.order,
        }
    }

    /// The fields a person edits: all but the order.
    pub fn edited(self) -> Fields {
        Fields {
            order: None,
            ..self
        }
    }
}

/// Three versions of a todo merged field by field: a field changed on one side only takes
/// that side's value; changed on both to different values, it is a conflict, and `here_wins`
/// says whose value it takes. Returns the merged todo, its list, and whether any field was
/// in conflict.
pub fn merge(
    base: (&TodoContent, Option<ListId>),
    here: (&TodoContent, Option<ListId>),
    there: (&TodoContent, Option<ListId>),
    here_wins: bool,
) -> (TodoContent, Option<ListId>, bool) {
    let (b, h, t) = (
        Fields::of(base.0, base.1),
        Fields::of(here.0, here.1),
        Fields::of(there.0, there.1),
    );
    let mut conflict = false;
    let c = &mut conflict;
    let (hc, tc) = (here.0, there.0);
    let mut out = hc.clone();
    if theirs(&b.title, &h.title, &t.title, here_wins, c) {
        out.title = tc.title.clone();
    }
    if theirs(&b.state, &h.state, &t.state, here_wins, c) {
        (out.done, out.cancelled, out.done_at) = (tc.done, tc.cancelled, tc.done_at);
    }
    if theirs(&b.due, &h.due, &t.due, here_wins, c) {
        (out.due_at, out.due_has_time) = (tc.due_at, tc.due_has_time);
    }
    if theirs(&b.priority, &h.priority, &t.priority, here_wins, c) {
        out.priority = tc.priority;
    }
    if theirs(&b.note, &h.note, &t.note, here_wins, c) {
        out.note = tc.note.clone();
    }
    if theirs(&b.every, &h.every, &t.every, here_wins, c) {
        out.every = tc.every.clone();
    }
    if theirs(&b.tags, &h.tags, &t.tags, here_wins, c) {
        out.tags = tc.tags.clone();
    }
    // An order changed on both sides is no conflict worth a copy in the Trash: the later
    // side's stands.
    if theirs(&base.0.order, &hc.order, &tc.order, here_wins, &mut false) && tc.order.is_some() {
        out.order = tc.order;
    }
    let list = if theirs(&b.list, &h.list, &t.list, here_wins, c) {
        there.1
    } else {
        here.1
    };
    (out, list, conflict)
}

/// Whether a field takes the server's value: changed there only, or changed on both sides
/// to different values (a conflict) that the server's side wins.
fn theirs<T: PartialEq>(
    base: &T,
    here: &T,
    there: &T,
    here_wins: bool,
    conflict: &mut bool,
) -> bool {
    let (changed_here, changed_there) = (here != base, there != base);
    if changed_here && changed_there && here != there {
        *conflict = true;
        return !here_wins;
    }
    changed_there && !changed_here
}
