//! The export file: one JSON document with every list, todo and trash entry, times as
//! RFC 3339 UTC, and a format version. Reading one checks everything before anything is
//! written, and names the line or the field that is wrong.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::fields::Priority;
use crate::store::rows::{EntryRow, ListRow, Piece, Rows, TodoRow};
use crate::when::from_millis;

mod check;
mod reader;
mod timestamp;
mod writer;

pub use reader::{json_error, read_export, read_export_slice};
pub use writer::DocumentWriter;

/// What the `format` field says.
pub const FORMAT: &str = "softly-export";
/// The newest format version this softly reads and the one it writes. Version 2 adds a
/// todo's due date, priority, tags, note and recurrence, and pinned trash entries (each
/// absent when unset); version 3 a todo's `uid` (its identity outside softly: the uuid of
/// the Taskwarrior task it came from) and `done_at`; version 4 `cancelled` (closed without
/// being done) and `own_tags` (tags the title does not carry, as another app spelled them);
/// older documents still import.
pub const VERSION: u32 = 4;

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    pub format: String,
    pub version: u32,
    /// The id of the database it was made from, so an import can tell one it has taken
    /// before (absent from exports older than this field).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(with = "timestamp")]
    pub exported_at: Timestamp,
    pub lists: Vec<FileList>,
    pub todos: Vec<FileTodo>,
    pub trash: Vec<FileEntry>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename = "List")] // the name serde's messages use
#[serde(deny_unknown_fields)]
pub struct FileList {
    pub id: i64,
    pub name: String,
    pub position: i64,
    #[serde(with = "timestamp")]
    pub created_at: Timestamp,
    /// The trash entry the list is in, or null for a live list.
    pub trash_entry: Option<i64>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename = "Todo")] // the name serde's messages use
#[serde(deny_unknown_fields)]
pub struct FileTodo {
    pub id: i64,
    pub title: String,
    /// The list's id, or null for the Inbox.
    pub list: Option<i64>,
    /// True when its list was erased while the todo sat in the Trash.
    #[serde(default)]
    pub list_erased: bool,
    pub done: bool,
    pub position: i64,
    #[serde(with = "timestamp")]
    pub created_at: Timestamp,
    /// The trash entry the todo is in, or null for a live todo.
    pub trash_entry: Option<i64>,
    /// When it is due; without a time of day, the last millisecond of the day it was set for.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "timestamp::optional"
    )]
    pub due: Option<Timestamp>,
    /// Whether the due date has a time of day.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub due_has_time: bool,
    /// "high", "medium" or "low".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<String>,
    /// Every tag, for readers of the file: the title's `#word`s (an import reads them from
    /// the title again) and its own.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Tags the title does not carry (another app's categories), as spelled there.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub own_tags: Vec<String>,
    /// Closed without being done (`done` is true too).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub cancelled: bool,
    /// Free text, lines kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// How often it comes back: "day", "weekday", "week", "month", "N days", "N weeks".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub every: Option<String>,
    /// Its identity outside softly, when it came from elsewhere (a Taskwarrior uuid).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uid: Option<String>,
    /// When it was done (absent when it is not, or from before softly kept it).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "timestamp::optional"
    )]
    pub done_at: Option<Timestamp>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename = "Entry")] // the name serde's messages use
#[serde(deny_unknown_fields)]
pub struct FileEntry {
    pub id: i64,
    /// "todo" or "list".
    pub kind: String,
    #[serde(with = "timestamp")]
    pub deleted_at: Timestamp,
    /// Kept until unpinned, whatever the retention.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub pinned: bool,
}

/// Why a file cannot be imported. Nothing was imported when this is returned.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum ImportError {
    #[error("line {line}, column {column}: {message}")]
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    #[error("this is not a softly export (format is \"{0}\")")]
    NotAnExport(String),
    #[error(
        "this is a list, not a softly export; for Taskwarrior's `task export`, add --from taskwarrior"
    )]
    AList,
    #[error(
        "the file is format version {found}, newer than this softly reads ({VERSION}); upgrade softly"
    )]
    TooNew { found: u32 },
    #[error("{field}: {message}")]
    Field { field: String, message: String },
    /// The file could not be read (the system's reason).
    #[error("{0}")]
    Unreadable(String),
    /// The import the rows were read for stopped (it says why itself).
    #[error("the import stopped before the end of the file")]
    Stopped,
}

/// The document for `rows`, stamped `now`, made from the database whose id is `source`
/// (the whole document in memory: for tests and small files; exports stream with
/// [`DocumentWriter`]).
pub fn to_document(rows: &Rows, now: Timestamp, source: Option<String>) -> Document {
    Document {
        format: FORMAT.to_string(),
        version: VERSION,
        source,
        exported_at: now,
        lists: rows.lists.iter().map(FileList::from_row).collect(),
        todos: rows.todos.iter().map(FileTodo::from_row).collect(),
        trash: rows.entries.iter().map(FileEntry::from_row).collect(),
    }
}

impl FileList {
    pub fn from_row(l: &ListRow) -> Self {
        FileList {
            id: l.id,
            name: l.name.clone(),
            position: l.position,
            created_at: from_millis(l.created_at),
            trash_entry: l.trash_entry,
        }
    }
}

impl FileTodo {
    pub fn from_row(t: &TodoRow) -> Self {
        FileTodo {
            id: t.id,
            title: t.title.clone(),
            list: t.list,
            list_erased: t.list_erased,
            done: t.done,
            position: t.position,
            created_at: from_millis(t.created_at),
            trash_entry: t.trash_entry,
            due: t.due_at.map(from_millis),
            due_has_time: t.due_has_time,
            priority: t
                .priority
                .and_then(Priority::from_stored)
                .map(|p| p.name().to_string()),
            tags: crate::fields::tags_of(&t.title)
                .into_iter()
                .chain(t.own_tags.iter().cloned())
                .collect(),
            own_tags: t.own_tags.clone(),
            cancelled: t.cancelled,
            note: t.note.clone(),
            every: t.every.clone(),
            uid: t.uid.clone(),
            done_at: t.done_at.map(from_millis),
        }
    }
}

impl FileEntry {
    pub fn from_row(e: &EntryRow) -> Self {
        FileEntry {
            id: e.id,
            kind: e.kind.clone(),
            deleted_at: from_millis(e.deleted_at),
            pinned: e.pinned,
        }
    }
}

/// Reads and checks a whole export held in memory, into rows (see [`read_export`]; the
/// references the store checks as it adds the rows are not checked here).
pub fn parse(text: &str) -> Result<Rows, ImportError> {
    let mut rows = Rows::default();
    read_export(text.as_bytes(), |piece| {
        match piece {
            Piece::Origin(origin) => rows.origin = origin,
            Piece::Lists { rows: l, .. } => rows.lists.extend(l),
            Piece::Todos { rows: t, .. } => rows.todos.extend(t),
            Piece::Entries { rows: e, .. } => rows.entries.extend(e),
            Piece::End => {}
        }
        true
    })?;
    Ok(rows)
}
