//! What to do with the server's version of one todo: a three-way merge of the text last
//! seen (the base), the todo here, and the server's copy, field by field, on what the user
//! can see. A field changed on one side takes that side's value; a field changed on both
//! sides to different values goes to the later edit, and the version that lost is kept in
//! the Trash ("replaced by a newer edit"). Edits made within a minute of each other are a
//! tie that SEQUENCE decides, and failing that, the server's version stays (every other
//! device has it already). Pure: the round applies what it returns.

use jiff::Timestamp;

use super::content::{Fields, content_of, merge};
use super::ical::ReadTodo;
use crate::store::{ListId, Mark, Received, ServerCopy, SyncTodo, TodoContent};

/// Edits this close together cannot be ordered by their clocks.
pub const SKEW_MS: i64 = 60_000;

/// The todo here, with what sync last saw of it on the server.
pub struct Here<'a> {
    pub todo: &'a SyncTodo,
    /// The reading of the text last seen or sent, and the list it was in then; `None` when
    /// this database never saw a version of it on the server.
    pub base: Option<(TodoContent, Option<ListId>)>,
    /// That text's SEQUENCE.
    pub base_sequence: i64,
}

/// The server's copy of it.
pub struct There<'a> {
    pub read: &'a ReadTodo,
    /// The list of the collection it is in.
    pub list: Option<ListId>,
    pub copy: ServerCopy,
}

/// What a decision changes here, for the round's report.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DecisionCount {
    /// The todo here took something from the server (or is new here).
    pub received: bool,
    /// Both sides changed a field: the older version is in the Trash.
    pub replaced: bool,
    /// Deleted here, edited there: back out of the Trash.
    pub edit_kept: bool,
}

pub fn decide(
    here: Option<Here<'_>>,
    there: There<'_>,
    now: Timestamp,
) -> (Received, DecisionCount) {
    let theirs = content_of(there.read, now);
    let Some(here) = here else {
        let received = Received::New {
            list: there.list,
            content: theirs,
            copy: there.copy,
        };
        return (
            received,
            DecisionCount {
                received: true,
                ..DecisionCount::default()
            },
        );
    };
    let h = here.todo;
    let ours = (&h.content, h.list);
    // A live todo not on the server is to be sent; one in the Trash not there is deleted
    // there already.
    let changed_here = h.changed_at.is_some() || (h.live && h.href.is_none());
    if !h.live && !changed_here {
        // Its delete went to the server long ago, and it is there again: restored on
        // another device. Out of this Trash too.
        let received = merged(h, &theirs, there.list, there.copy, true, Mark::Clear, None);
        let count = DecisionCount {
            received: true,
            ..DecisionCount::default()
        };
        return (received, count);
    }
    // Never seen there before (a first sync matching by UID): every difference is a
    // change on both sides.
    let (base, base_list) = match &here.base {
        Some((b, l)) if changed_here => (b.clone(), *l),
        // Nothing changed here since: the todo here is what was last seen.
        _ if !changed_here => (h.content.clone(), h.list),
        _ => (TodoContent::default(), None),
    };
    let base = (&base, base_list);
    let there_changed = Fields::of(&theirs, there.list).edited()
        != Fields::of(base.0, base.1).edited()
        || here.base.is_none();
    let mut tally = DecisionCount::default();
    if !h.live && !there_changed {
        // Deleted here; the server's copy changed in nothing the user sees (re-saved with a
        // new stamp): still deleted, its DELETE made on the new ETag.
        return (
            merged(h, &h.content, h.list, there.copy, false, Mark::Keep, None),
            tally,
        );
    }
    let (_, _, conflict) = merge(base, ours, (&theirs, there.list), true);
    let here_wins = !conflict || here_is_later(&here, there.read, now);
    let (content, list, _) = merge(base, ours, (&theirs, there.list), here_wins);
    let replaced = conflict.then(|| {
        Box::new(match here_wins {
            true => (theirs.clone(), there.list),
            false => (h.content.clone(), h.list),
        })
    });
    let result = Fields::of(&content, list);
    let mark = if result == Fields::of(&theirs, there.list) {
        Mark::Clear
    } else if result == Fields::of(&h.content, h.list) && h.changed_at.is_some() {
        Mark::Keep
    } else {
        // Something the server does not have, and no mark yet to say so (a todo never
        // recorded as sent): set one.
        Mark::Set
    };
    tally.received = result != Fields::of(&h.content, h.list) || !h.live;
    tally.replaced = conflict;
    tally.edit_kept = !h.live;
    let received = merged(h, &content, list, there.copy, !h.live, mark, replaced);
    (received, tally)
}

fn merged(
    h: &SyncTodo,
    content: &TodoContent,
    list: Option<ListId>,
    copy: ServerCopy,
    restore: bool,
    mark: Mark,
    replaced: Option<Box<(TodoContent, Option<ListId>)>>,
) -> Received {
    Received::Merged {
        id: h.id,
        seen_changed: h.changed_at,
        list,
        content: TodoContent {
            uid: h.content.uid.clone(),
            created_at: h.content.created_at,
            ..content.clone()
        },
        copy,
        restore,
        mark,
        replaced,
    }
}

/// Whether the edit here is the later of two: by their clocks, unless they are within a
/// minute of each other (or the server's says no time), then by SEQUENCE (the edit here
/// would be the base's plus one), and on a tie the server's version is the one that stays.
fn here_is_later(here: &Here<'_>, there: &ReadTodo, now: Timestamp) -> bool {
    // A todo never recorded as sent has no change time: it is as old as it was made.
    let here_at = match here.todo.changed_at {
        Some(t) if t >= 0 => t,
        Some(_) => now.as_millisecond(),
        None => here.todo.content.created_at,
    };
    if let Some(there_at) = there.modified_at.map(|t| t.as_millisecond())
        && (here_at - there_at).abs() >= SKEW_MS
    {
        return here_at > there_at;
    }
    here.base_sequence + 1 > there.sequence
}
