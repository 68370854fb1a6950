//! What can go wrong in the store, in terms a user can act on.

use std::path::PathBuf;

use rusqlite::ErrorCode;
use thiserror::Error;

use super::ids::{EntryId, ListId, TodoId};
use crate::text::TitleError;

/// Why a database could not be opened. Each names the file, and none of them has changed it.
#[derive(Debug, Error)]
pub enum OpenError {
    #[error("{path} is not a SQLite database; softly left it untouched")]
    NotADatabase { path: PathBuf },
    #[error(
        "{path} is a SQLite database of another application (application id {app_id:#x}); softly left it untouched"
    )]
    Foreign { path: PathBuf, app_id: i64 },
    #[error(
        "{path} was written by a newer softly (schema version {found}; this softly knows up to {supported}); upgrade softly to open it"
    )]
    TooNew {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    #[error(
        "{path} needs an upgrade from schema version {found} to {supported}, but it is read-only"
    )]
    UpgradeNeedsWrite {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot create {path}: {source}")]
    Create {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot create the directory {path}: {source}")]
    CreateDir {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot open {path}: {source}")]
    Sqlite {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error("cannot prepare the schema of {path}: {source}")]
    Migration {
        path: PathBuf,
        source: rusqlite_migration::Error,
    },
}

/// Why a store operation failed. Nothing was changed when one of these is returned.
#[derive(Debug, Error)]
pub enum StoreError {
    #[error("the database is read-only")]
    ReadOnly,
    #[error("the database is locked by another program; nothing was changed, try again")]
    Busy,
    #[error("the disk is full; nothing was changed")]
    DiskFull,
    #[error("the database file is damaged ({0})")]
    Corrupt(String),
    #[error("no todo with id {0}")]
    NoSuchTodo(TodoId),
    #[error("todo {id} is in the Trash (entry {entry}); restore it first")]
    TodoInTrash { id: TodoId, entry: EntryId },
    #[error("{}", no_such_list_message(.name, .live))]
    NoSuchList { name: String, live: Vec<String> },
    #[error("list {0} no longer exists (it was deleted meanwhile)")]
    ListGone(ListId),
    #[error("list {0} has todos now, so it stays")]
    ListInUse(ListId),
    #[error("can't undo: it is no longer in the Trash (erased or purged)")]
    UndoGone,
    #[error("'Inbox' is the built-in Inbox, for todos in no list; choose another name")]
    InboxName,
    #[error("a list named '{0}' already exists")]
    ListNameTaken(String),
    #[error("no trash entry with id {0}")]
    NoSuchEntry(EntryId),
    #[error(transparent)]
    BadTitle(#[from] TitleError),
    #[error(
        "a recurring todo needs a due date: give one with --due, or clear the recurrence with --every none"
    )]
    RecurrenceNeedsDue,
    #[error(
        "this file was imported into this database before (on {}); importing it again would add every row a second time, so nothing was imported",
        crate::when::local(*.0)
    )]
    AlreadyImported(jiff::Timestamp),
    #[error(
        "this export was made from this very database; importing it would add every row a second time, so nothing was imported"
    )]
    ImportOfItself,
    /// An id the file gives two rows; `rows` is the file's name for them ("todos").
    #[error("{rows}[{index}].id: {id} appears twice")]
    RepeatedId {
        rows: &'static str,
        index: usize,
        id: i64,
    },
    /// Rows of an import that do not fit together (a reference to a row the file lacks, an
    /// entry holding what its kind does not allow): what, in words.
    #[error("{0}")]
    ImportDoesNotFit(String),
    /// A row of an import whose uid a todo here has: the same item, imported before.
    #[error(
        "the item with uid {uid} was imported before (it is '{}' here)",
        crate::text::display_safe(.title)
    )]
    ImportedBefore { uid: String, title: String },
    /// The reader of an import stopped before the end of its file (it says why).
    #[error("the import stopped before the end of its file; nothing was imported")]
    ImportStopped,
    #[error("every {} id up to 2^53 has been given out; nothing was changed", id_noun(.0))]
    IdsExhausted(&'static str),
    #[error("database error: {0}")]
    Sqlite(rusqlite::Error),
}

/// What the ids of a table number, in words.
fn id_noun(table: &str) -> &'static str {
    match table {
        "todos" => "todo",
        "lists" => "list",
        _ => "trash entry",
    }
}

fn no_such_list_message(name: &str, live: &[String]) -> String {
    let name = crate::text::display_safe(name);
    if live.is_empty() {
        format!("no list named '{name}'; there are no lists yet")
    } else {
        let names: Vec<String> = live
            .iter()
            .map(|n| format!("'{}'", crate::text::display_safe(n)))
            .collect();
        format!(
            "no list named '{name}'; the lists are: {}",
            names.join(", ")
        )
    }
}

impl From<rusqlite::Error> for StoreError {
    /// Sorts SQLite failures into the ones a user can act on; the rest stay raw.
    fn from(e: rusqlite::Error) -> Self {
        match e.sqlite_error_code() {
            Some(ErrorCode::ReadOnly) => StoreError::ReadOnly,
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreError::Busy,
            Some(ErrorCode::DiskFull) => StoreError::DiskFull,
            Some(ErrorCode::DatabaseCorrupt) => StoreError::Corrupt(e.to_string()),
            _ => StoreError::Sqlite(e),
        }
    }
}
