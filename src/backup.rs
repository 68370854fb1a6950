//! The export file: one JSON document with every list, todo and trash entry, times as
//! RFC 3339 UTC, and a format version. Reading one checks everything before anything is
//! written, and names the line or the field that is wrong.

use std::collections::{HashMap, HashSet};

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::store::backup::{EntryRow, ListRow, Origin, Rows, TodoRow};
use crate::store::{MAX_ID, MAX_POSITION};
use crate::text::clean_title_owned;

mod timestamp;

/// What the `format` field says.
pub const FORMAT: &str = "softly-export";
/// The newest format version this softly reads and the one it writes.
pub const VERSION: u32 = 1;

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    pub format: String,
    pub version: u32,
    /// The id of the database it was made from, so an import can tell one it has taken
    /// before (absent from exports older than this field).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(
        serialize_with = "timestamp::serialize",
        deserialize_with = "timestamp::deserialize"
    )]
    pub exported_at: Timestamp,
    pub lists: Vec<List>,
    pub todos: Vec<Todo>,
    pub trash: Vec<Entry>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct List {
    pub id: i64,
    pub name: String,
    pub position: i64,
    #[serde(
        serialize_with = "timestamp::serialize",
        deserialize_with = "timestamp::deserialize"
    )]
    pub created_at: Timestamp,
    /// The trash entry the list is in, or null for a live list.
    pub trash_entry: Option<i64>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Todo {
    pub id: i64,
    pub title: String,
    /// The list's id, or null for the Inbox.
    pub list: Option<i64>,
    /// True when its list was erased while the todo sat in the Trash.
    #[serde(default)]
    pub list_erased: bool,
    pub done: bool,
    pub position: i64,
    #[serde(
        serialize_with = "timestamp::serialize",
        deserialize_with = "timestamp::deserialize"
    )]
    pub created_at: Timestamp,
    /// The trash entry the todo is in, or null for a live todo.
    pub trash_entry: Option<i64>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub id: i64,
    /// "todo" or "list".
    pub kind: String,
    #[serde(
        serialize_with = "timestamp::serialize",
        deserialize_with = "timestamp::deserialize"
    )]
    pub deleted_at: Timestamp,
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

fn ms(t: Timestamp) -> i64 {
    t.as_millisecond()
}

fn ts(ms: i64) -> Timestamp {
    Timestamp::from_millisecond(ms).unwrap_or(Timestamp::UNIX_EPOCH)
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
            .map(|l| List {
                id: l.id,
                name: l.name.clone(),
                position: l.position,
                created_at: ts(l.created_at),
                trash_entry: l.trash_entry,
            })
            .collect(),
        todos: rows
            .todos
            .iter()
            .map(|t| Todo {
                id: t.id,
                title: t.title.clone(),
                list: t.list,
                list_erased: t.list_erased,
                done: t.done,
                position: t.position,
                created_at: ts(t.created_at),
                trash_entry: t.trash_entry,
            })
            .collect(),
        trash: rows
            .entries
            .iter()
            .map(|e| Entry {
                id: e.id,
                kind: e.kind.clone(),
                deleted_at: ts(e.deleted_at),
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

/// Refuses a file that is not a softly export, or is one from a newer softly.
fn check_header(text: &str) -> Result<(), ImportError> {
    #[derive(Deserialize)]
    struct Header {
        format: Option<String>,
        version: Option<u32>,
    }
    match serde_json::from_str::<Header>(text) {
        Ok(header) => check_header_fields(header.format.as_deref(), header.version),
        // Not even JSON with a header: the syntax error says more.
        Err(_) => Ok(()),
    }
}

fn check_header_fields(format: Option<&str>, version: Option<u32>) -> Result<(), ImportError> {
    if format != Some(FORMAT) {
        return Err(ImportError::NotAnExport(
            format.unwrap_or("missing").to_string(),
        ));
    }
    match version.filter(|v| *v > VERSION) {
        Some(found) => Err(ImportError::TooNew { found }),
        None => Ok(()),
    }
}

/// serde_json ends its messages with " at line L column C"; the error says that itself.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

fn field(field: String, message: impl Into<String>) -> ImportError {
    ImportError::Field {
        field,
        message: message.into(),
    }
}

/// Ids are positive whole numbers, as softly writes them.
fn check_id(id: i64, place: impl FnOnce() -> String) -> Result<(), ImportError> {
    if (1..=MAX_ID).contains(&id) {
        Ok(())
    } else {
        Err(field(place(), format!("{id} is not an id (1 to {MAX_ID})")))
    }
}

/// Places in a list are positive whole numbers up to the largest softly gives out.
fn check_position(position: i64, place: impl FnOnce() -> String) -> Result<(), ImportError> {
    if (1..=MAX_POSITION).contains(&position) {
        Ok(())
    } else {
        Err(field(
            place(),
            format!("{position} is not a place in a list (1 to {MAX_POSITION})"),
        ))
    }
}

/// Where an id first appears for the second time, if one does. An export lists ids in
/// increasing order, which is checked in one pass with nothing to hash.
fn first_repeat(ids: impl Iterator<Item = i64> + Clone) -> Option<usize> {
    if ids.clone().is_sorted_by(|a, b| a < b) {
        return None;
    }
    let mut seen = HashSet::new();
    ids.enumerate()
        .find_map(|(i, id)| (!seen.insert(id)).then_some(i))
}

fn check(doc: Document) -> Result<Rows, ImportError> {
    let origin = Origin {
        source: doc.source.clone(),
        exported_at: ms(doc.exported_at),
    };
    let mut kinds = HashMap::with_capacity(doc.trash.len());
    for (i, e) in doc.trash.iter().enumerate() {
        check_id(e.id, || format!("trash[{i}].id"))?;
        if e.kind != "todo" && e.kind != "list" {
            return Err(field(
                format!("trash[{i}].kind"),
                format!("must be \"todo\" or \"list\", not \"{}\"", e.kind),
            ));
        }
        if kinds
            .insert(e.id, (e.kind.as_str(), 0usize, 0usize))
            .is_some()
        {
            return Err(field(
                format!("trash[{i}].id"),
                format!("{} appears twice", e.id),
            ));
        }
    }
    let mut list_ids = HashSet::with_capacity(doc.lists.len());
    let mut trashed_lists = HashSet::new();
    let mut lists = Vec::with_capacity(doc.lists.len());
    for (i, l) in doc.lists.into_iter().enumerate() {
        check_id(l.id, || format!("lists[{i}].id"))?;
        check_position(l.position, || format!("lists[{i}].position"))?;
        let name = clean_title_owned(l.name, "list name")
            .map_err(|e| field(format!("lists[{i}].name"), e.to_string()))?;
        if !list_ids.insert(l.id) {
            return Err(field(
                format!("lists[{i}].id"),
                format!("{} appears twice", l.id),
            ));
        }
        if let Some(entry) = l.trash_entry {
            trashed_lists.insert(l.id);
            match kinds.get_mut(&entry) {
                Some(("list", lists_in, _)) => *lists_in += 1,
                Some(_) => {
                    return Err(field(
                        format!("lists[{i}].trash_entry"),
                        format!("entry {entry} is a todo entry"),
                    ));
                }
                None => {
                    return Err(field(
                        format!("lists[{i}].trash_entry"),
                        format!("no trash entry {entry}"),
                    ));
                }
            }
        }
        lists.push(ListRow {
            id: l.id,
            name,
            position: l.position,
            created_at: ms(l.created_at),
            trash_entry: l.trash_entry,
        });
    }
    let repeated_todo = first_repeat(doc.todos.iter().map(|t| t.id));
    let mut todos = Vec::with_capacity(doc.todos.len());
    for (i, t) in doc.todos.into_iter().enumerate() {
        check_id(t.id, || format!("todos[{i}].id"))?;
        check_position(t.position, || format!("todos[{i}].position"))?;
        // Set only by erasing the list of a todo that sat in the Trash on its own, which
        // also takes the todo out of the list.
        if t.list_erased && (t.trash_entry.is_none() || t.list.is_some()) {
            return Err(field(
                format!("todos[{i}].list_erased"),
                "only a todo in the Trash with no list can have its list erased",
            ));
        }
        let title = clean_title_owned(t.title, "title")
            .map_err(|e| field(format!("todos[{i}].title"), e.to_string()))?;
        if repeated_todo == Some(i) {
            return Err(field(
                format!("todos[{i}].id"),
                format!("{} appears twice", t.id),
            ));
        }
        if let Some(list) = t.list {
            if !list_ids.contains(&list) {
                return Err(field(format!("todos[{i}].list"), format!("no list {list}")));
            }
            if t.trash_entry.is_none() && trashed_lists.contains(&list) {
                return Err(field(
                    format!("todos[{i}].list"),
                    format!("a live todo cannot be in list {list}, which is in the Trash"),
                ));
            }
        }
        if let Some(entry) = t.trash_entry {
            match kinds.get_mut(&entry) {
                Some((_, _, todos_in)) => *todos_in += 1,
                None => {
                    return Err(field(
                        format!("todos[{i}].trash_entry"),
                        format!("no trash entry {entry}"),
                    ));
                }
            }
        }
        todos.push(TodoRow {
            id: t.id,
            title,
            list: t.list,
            list_erased: t.list_erased,
            done: t.done,
            position: t.position,
            created_at: ms(t.created_at),
            trash_entry: t.trash_entry,
        });
    }
    // Every entry holds what its kind says: one todo, or one list (and any todos).
    for (i, e) in doc.trash.iter().enumerate() {
        let (kind, lists_in, todos_in) = kinds[&e.id];
        let ok = match kind {
            "todo" => lists_in == 0 && todos_in == 1,
            _ => lists_in == 1,
        };
        if !ok {
            return Err(field(
                format!("trash[{i}]"),
                format!("a {kind} entry holding {lists_in} lists and {todos_in} todos"),
            ));
        }
    }
    let entries = doc
        .trash
        .into_iter()
        .map(|e| EntryRow {
            id: e.id,
            kind: e.kind,
            deleted_at: ms(e.deleted_at),
        })
        .collect();
    Ok(Rows {
        lists,
        todos,
        entries,
        rescue: None,
        origin: Some(origin),
    })
}

#[cfg(test)]
mod tests {
    use super::first_repeat;

    #[test]
    fn a_repeated_id_is_found_where_it_first_repeats_in_any_order() {
        assert_eq!(first_repeat([1, 2, 5, 9].into_iter()), None);
        assert_eq!(first_repeat([9, 2, 5, 1].into_iter()), None);
        assert_eq!(first_repeat([1, 2, 2, 3].into_iter()), Some(2));
        assert_eq!(first_repeat([7, 3, 9, 3, 7].into_iter()), Some(3));
        assert_eq!(first_repeat(std::iter::empty()), None);
    }
}
