//! Checking an export as it is read: the header, then every field of every row and the
//! references to rows already read, each refusal naming the field that is wrong.

use std::collections::HashSet;

use super::{FORMAT, FileEntry, FileList, FileTodo, ImportError, VERSION};
use crate::fields::{Priority, Recurrence};
use crate::store::rows::{EntryRow, ListRow, TodoRow};
use crate::store::{MAX_ID, MAX_POSITION};
use crate::text::{clean_note, clean_title_owned};

/// Refuses a file that is not a softly export, or is one from a newer softly.
pub(super) fn check_header_fields(
    format: Option<&str>,
    version: Option<u32>,
) -> Result<(), ImportError> {
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
pub(super) fn strip_position(message: &str) -> String {
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

/// Checks an export's rows one at a time as they are read, keeping only what later rows
/// are checked against: the ids of the lists (which come before the todos). What points
/// forward in the file (the trash entries rows are in) and ids given twice are checked by
/// the store, in the transaction that adds the rows.
#[derive(Default)]
pub(super) struct RowChecker {
    list_ids: HashSet<i64>,
    trashed_lists: HashSet<i64>,
}

impl RowChecker {
    pub(super) fn list(&mut self, i: usize, l: FileList) -> Result<ListRow, ImportError> {
        check_id(l.id, || format!("lists[{i}].id"))?;
        check_position(l.position, || format!("lists[{i}].position"))?;
        if let Some(entry) = l.trash_entry {
            check_id(entry, || format!("lists[{i}].trash_entry"))?;
        }
        let name = clean_title_owned(l.name, "list name")
            .map_err(|e| field(format!("lists[{i}].name"), e.to_string()))?;
        if !self.list_ids.insert(l.id) {
            return Err(field(
                format!("lists[{i}].id"),
                format!("{} appears twice", l.id),
            ));
        }
        if l.trash_entry.is_some() {
            self.trashed_lists.insert(l.id);
        }
        Ok(ListRow {
            id: l.id,
            name,
            position: l.position,
            created_at: l.created_at.as_millisecond(),
            trash_entry: l.trash_entry,
        })
    }

    pub(super) fn todo(&self, i: usize, t: FileTodo) -> Result<TodoRow, ImportError> {
        check_id(t.id, || format!("todos[{i}].id"))?;
        check_position(t.position, || format!("todos[{i}].position"))?;
        if let Some(entry) = t.trash_entry {
            check_id(entry, || format!("todos[{i}].trash_entry"))?;
        }
        // Set only by erasing the list of a todo that sat in the Trash on its own, which
        // also takes the todo out of the list.
        if t.list_erased && (t.trash_entry.is_none() || t.list.is_some()) {
            return Err(field(
                format!("todos[{i}].list_erased"),
                "only a todo in the Trash with no list can have its list erased",
            ));
        }
        let details = check_details(i, &t)?;
        let title = clean_title_owned(t.title, "title")
            .map_err(|e| field(format!("todos[{i}].title"), e.to_string()))?;
        if let Some(list) = t.list {
            if !self.list_ids.contains(&list) {
                return Err(field(format!("todos[{i}].list"), format!("no list {list}")));
            }
            if t.trash_entry.is_none() && self.trashed_lists.contains(&list) {
                return Err(field(
                    format!("todos[{i}].list"),
                    format!("a live todo cannot be in list {list}, which is in the Trash"),
                ));
            }
        }
        Ok(TodoRow {
            id: t.id,
            title,
            list: t.list,
            list_erased: t.list_erased,
            done: t.done,
            position: t.position,
            created_at: t.created_at.as_millisecond(),
            trash_entry: t.trash_entry,
            due_at: t.due.map(|due| due.as_millisecond()),
            due_has_time: t.due_has_time,
            priority: details.priority,
            note: details.note,
            every: details.every,
            uid: check_uid(i, t.uid)?,
            done_at: match t.done_at {
                Some(_) if !t.done => {
                    return Err(field(
                        format!("todos[{i}].done_at"),
                        "a todo that is not done has no time it was done",
                    ));
                }
                at => at.map(|at| at.as_millisecond()),
            },
            cancelled: match t.cancelled {
                true if !t.done => {
                    return Err(field(
                        format!("todos[{i}].cancelled"),
                        "a cancelled todo is closed: done is true",
                    ));
                }
                cancelled => cancelled,
            },
            own_tags: check_own_tags(i, t.own_tags)?,
        })
    }

    pub(super) fn entry(&self, i: usize, e: FileEntry) -> Result<EntryRow, ImportError> {
        check_id(e.id, || format!("trash[{i}].id"))?;
        if e.kind != "todo" && e.kind != "list" {
            return Err(field(
                format!("trash[{i}].kind"),
                format!("must be \"todo\" or \"list\", not \"{}\"", e.kind),
            ));
        }
        Ok(EntryRow {
            id: e.id,
            kind: e.kind,
            deleted_at: e.deleted_at.as_millisecond(),
            pinned: e.pinned,
        })
    }
}

/// The longest uid an import takes (iCalendar UIDs are usually a UUID, 36 characters).
const MAX_UID_CHARS: usize = 255;

/// A uid is 1 to `MAX_UID_CHARS` visible characters, no spaces at its ends.
fn check_uid(i: usize, uid: Option<String>) -> Result<Option<String>, ImportError> {
    let Some(uid) = uid else { return Ok(None) };
    let fits = (1..=MAX_UID_CHARS).contains(&uid.chars().count())
        && !uid.chars().any(char::is_control)
        && uid.trim() == uid;
    if fits {
        Ok(Some(uid))
    } else {
        Err(field(
            format!("todos[{i}].uid"),
            format!("must be 1 to {MAX_UID_CHARS} visible characters"),
        ))
    }
}

/// A todo's details as they are stored, once checked.
struct CheckedDetails {
    priority: Option<i64>,
    note: Option<String>,
    every: Option<String>,
}

/// Checks the details of `todos[i]`: a time of day only with a due date, a known priority,
/// a note as softly would store it, a recurrence in softly's words and only with a due date.
fn check_details(i: usize, t: &FileTodo) -> Result<CheckedDetails, ImportError> {
    if t.due_has_time && t.due.is_none() {
        return Err(field(
            format!("todos[{i}].due_has_time"),
            "a todo without a due date has no time of day",
        ));
    }
    let priority = match &t.priority {
        None => None,
        Some(word) => match Priority::parse(word) {
            Ok(Some(p)) if p.name() == word => Some(p.stored()),
            _ => {
                return Err(field(
                    format!("todos[{i}].priority"),
                    format!("'{word}' is not high, medium or low"),
                ));
            }
        },
    };
    let note = match &t.note {
        None => None,
        Some(note) => match clean_note(note) {
            Ok(Some(clean)) if &clean == note => Some(clean),
            Ok(_) => {
                return Err(field(
                    format!("todos[{i}].note"),
                    "empty, or with control characters or blank lines at its ends",
                ));
            }
            Err(e) => return Err(field(format!("todos[{i}].note"), e.to_string())),
        },
    };
    let every = match &t.every {
        None => None,
        Some(words) if words == crate::fields::recurrence::ELSEWHERE => Some(words.clone()),
        Some(words) => match Recurrence::parse(words) {
            Ok(Some(r)) if &r.text() == words && t.due.is_some() => Some(r.text()),
            Ok(Some(r)) if &r.text() == words => {
                return Err(field(
                    format!("todos[{i}].every"),
                    "a recurring todo needs a due date",
                ));
            }
            _ => {
                return Err(field(
                    format!("todos[{i}].every"),
                    format!("'{words}' is not a recurrence softly writes"),
                ));
            }
        },
    };
    Ok(CheckedDetails {
        priority,
        note,
        every,
    })
}

/// Tags of a todo's own: each a name as a title could not hold, none empty or too long.
fn check_own_tags(i: usize, tags: Vec<String>) -> Result<Vec<String>, ImportError> {
    tags.into_iter()
        .enumerate()
        .map(|(k, tag)| {
            crate::text::clean_title(&tag, "tag")
                .map_err(|e| field(format!("todos[{i}].own_tags[{k}]"), e.to_string()))
        })
        .collect()
}
