//! The export file: one JSON document with every list, todo and trash entry, times as
//! RFC 3339 UTC, and a format version. Reading one checks everything before anything is
//! written, and names the line or the field that is wrong.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::fields::Priority;
use crate::store::rows::Rows;
use crate::when::from_millis;

mod check;
mod timestamp;

use check::{check, check_header, check_header_fields, strip_position};

/// What the `format` field says.
pub const FORMAT: &str = "softly-export";
/// The newest format version this softly reads and the one it writes. Version 2 adds a
/// todo's due date, priority, tags, note and recurrence, and pinned trash entries (each
/// absent when unset); version 1 documents still import.
pub const VERSION: u32 = 2;

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
    /// The `#word`s of the title, for readers of the file; an import reads them from the
    /// title again.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Free text, lines kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// How often it comes back: "day", "weekday", "week", "month", "N days", "N weeks".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub every: Option<String>,
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
        "the file is format version {found}, newer than this softly reads ({VERSION}); upgrade softly"
    )]
    TooNew { found: u32 },
    #[error("{field}: {message}")]
    Field { field: String, message: String },
}

/// The document for `rows`, stamped `now`, made from the database whose id is `source`.
pub fn to_document(rows: &Rows, now: Timestamp, source: Option<String>) -> Document {
    Document {
        format: FORMAT.to_string(),
        version: VERSION,
        source,
        exported_at: now,
        lists: rows
            .lists
            .iter()
            .map(|l| FileList {
                id: l.id,
                name: l.name.clone(),
                position: l.position,
                created_at: from_millis(l.created_at),
                trash_entry: l.trash_entry,
            })
            .collect(),
        todos: rows
            .todos
            .iter()
            .map(|t| FileTodo {
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
                tags: crate::fields::tags_of(&t.title),
                note: t.note.clone(),
                every: t.every.clone(),
            })
            .collect(),
        trash: rows
            .entries
            .iter()
            .map(|e| FileEntry {
                id: e.id,
                kind: e.kind.clone(),
                deleted_at: from_millis(e.deleted_at),
                pinned: e.pinned,
            })
            .collect(),
    }
}

/// Reads and checks an export: syntax, format and version, then every reference between its
/// rows, so that the import that follows cannot fail halfway.
pub fn parse(text: &str) -> Result<Rows, ImportError> {
    let syntax = |e: serde_json::Error| ImportError::Syntax {
        line: e.line(),
        column: e.column(),
        message: strip_position(&e.to_string()),
    };
    // Read the whole document in one pass (a million todos take a while to read); only
    // when it does not fit does the header decide the message, so that a newer file says
    // "upgrade" and another kind of file says what it is, rather than "unknown field".
    let doc: Document = match serde_json::from_str(text) {
        Ok(doc) => doc,
        Err(e) => {
            check_header(text)?;
            return Err(syntax(e));
        }
    };
    check_header_fields(Some(&doc.format), Some(doc.version))?;
    check(doc)
}
