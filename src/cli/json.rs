//! The JSON shapes `--json` prints: stable keys, times as RFC 3339 UTC to the millisecond.

use jiff::Timestamp;
use serde::Serialize;

use crate::purge::PurgeReport;
use crate::retention::Retention;
use crate::store::rows::Imported;
use crate::store::{ListSummary, LogRecord, Todo, TrashEntry};
use crate::when;

fn rfc3339(t: Timestamp) -> String {
    when::rfc3339(t)
}

#[derive(Serialize)]
pub struct TodoJson {
    id: i64,
    title: String,
    list: Option<String>,
    /// Done. A cancelled todo is closed but not done: `false` here, and `cancelled`.
    done: bool,
    cancelled: bool,
    created_at: String,
    /// `null` when it has none.
    due: Option<String>,
    due_has_time: bool,
    /// "high", "medium", "low" or `null`.
    priority: Option<&'static str>,
    /// The `#word`s of the title, lower case, each once; then its own tags (another app's
    /// categories), as spelled there.
    tags: Vec<String>,
    /// `null` when it has none.
    note: Option<String>,
    /// "day", "weekday", "week", "month", "N days", "N weeks", "N months", "elsewhere"
    /// (another app's rule), or `null`.
    every: Option<String>,
}

impl TodoJson {
    /// `t` with its note (read apart: pages carry only whether there is one).
    pub fn new(t: &Todo, note: Option<String>) -> Self {
        TodoJson {
            id: t.id.0,
            title: t.title.clone(),
            list: t.list.as_ref().map(|(_, name)| name.clone()),
            done: t.done && !t.cancelled,
            cancelled: t.cancelled,
            created_at: rfc3339(t.created_at),
            due: t.due.map(|d| rfc3339(d.at)),
            due_has_time: t.due.is_some_and(|d| d.has_time),
            priority: t.priority.map(|p| p.name()),
            tags: crate::fields::tags_of(&t.title)
                .into_iter()
                .chain(t.own_tags.iter().cloned())
                .collect(),
            note,
            every: t.every.map(|e| e.text()),
        }
    }
}

#[derive(Serialize)]
pub struct ListJson {
    /// `null` for the Inbox.
    id: Option<i64>,
    name: String,
    todos: i64,
}

impl ListJson {
    /// The Inbox, as `softly lists` shows it first.
    pub fn inbox(todos: i64) -> Self {
        ListJson {
            id: None,
            name: crate::text::INBOX.to_string(),
            todos,
        }
    }
}

impl From<&ListSummary> for ListJson {
    fn from(l: &ListSummary) -> Self {
        ListJson {
            id: Some(l.id.0),
            name: l.name.clone(),
            todos: l.todos,
        }
    }
}

#[derive(Serialize)]
pub struct TrashJson {
    entry: i64,
    kind: &'static str,
    title: String,
    todos: i64,
    deleted_at: String,
    /// `null` when pinned (kept until unpinned) or retention is `never`.
    purge_at: Option<String>,
    pinned: bool,
    /// The list a todo entry's todo came from (`null`: the Inbox, or a list entry).
    from_list: Option<String>,
    /// A todo entry's due date, if its todo had one.
    due: Option<String>,
    /// Why sync put it here: "elsewhere" (deleted on another device), "replaced" (the
    /// version a newer edit replaced); `null` for what was deleted here.
    cause: Option<String>,
}

impl TrashJson {
    pub fn new(e: &TrashEntry, retention: Retention) -> Self {
        TrashJson {
            entry: e.id.0,
            kind: e.kind.as_str(),
            title: e.title.clone(),
            todos: e.todos,
            deleted_at: rfc3339(e.deleted_at),
            purge_at: (!e.pinned)
                .then(|| retention.purge_at(e.deleted_at))
                .flatten()
                .map(rfc3339),
            pinned: e.pinned,
            from_list: e.from_list.clone(),
            due: e.due.map(|d| rfc3339(d.at)),
            cause: e.cause.clone(),
        }
    }
}

#[derive(Serialize)]
pub struct PurgeJson {
    entries: i64,
    todos: i64,
    lists: i64,
    cutoff: Option<String>,
    dry_run: bool,
    /// What a newly shortened retention would take beyond this purge, kept until accepted.
    held_back: Option<HeldBackJson>,
}

#[derive(Serialize)]
struct HeldBackJson {
    entries: i64,
    todos: i64,
    lists: i64,
    retention: String,
    retention_was: String,
}

impl PurgeJson {
    pub fn new(report: &PurgeReport, dry_run: bool) -> Self {
        PurgeJson {
            entries: report.counts.entries,
            todos: report.counts.todos,
            lists: report.counts.lists,
            cutoff: report.cutoff.map(rfc3339),
            dry_run,
            held_back: report.held_back.map(|h| HeldBackJson {
                entries: h.counts.entries,
                todos: h.counts.todos,
                lists: h.counts.lists,
                retention: h.now.to_string(),
                retention_was: h.was.to_string(),
            }),
        }
    }
}

#[derive(Serialize)]
pub struct LogJson {
    at: String,
    reason: &'static str,
    trigger: &'static str,
    entries: i64,
    todos: i64,
    lists: i64,
}

impl From<&LogRecord> for LogJson {
    fn from(r: &LogRecord) -> Self {
        LogJson {
            at: rfc3339(r.at),
            reason: r.reason.as_str(),
            trigger: r.trigger.as_str(),
            entries: r.counts.entries,
            todos: r.counts.todos,
            lists: r.counts.lists,
        }
    }
}

/// What `softly import --json` added.
#[derive(Serialize)]
pub struct ImportJson {
    lists: i64,
    todos: i64,
    entries: i64,
    /// Live lists whose name was taken: the name in the file and the one given.
    renamed: Vec<RenamedJson>,
    /// Another app's projects that went into the live list here of their name.
    joined: Vec<String>,
}

#[derive(Serialize)]
struct RenamedJson {
    from: String,
    to: String,
}

impl From<&Imported> for ImportJson {
    fn from(i: &Imported) -> Self {
        ImportJson {
            lists: i.lists,
            todos: i.todos,
            entries: i.entries,
            renamed: i
                .renamed
                .iter()
                .map(|(from, to)| RenamedJson {
                    from: from.clone(),
                    to: to.clone(),
                })
                .collect(),
            joined: i.joined.clone(),
        }
    }
}
