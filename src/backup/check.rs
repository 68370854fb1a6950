//! Checking an export before anything is written: the header, then every field and every
//! reference, each refusal naming the field that is wrong.

use std::collections::{HashMap, HashSet};

use serde::Deserialize;

use super::{Document, FORMAT, ImportError, VERSION};
use crate::fields::{Priority, Recurrence};
use crate::store::rows::{EntryRow, ListRow, Origin, Rows, TodoRow};
use crate::store::{MAX_ID, MAX_POSITION};
use crate::text::{clean_note, clean_title_owned};

/// Refuses a file that is not a softly export, or is one from a newer softly.
pub(super) fn check_header(text: &str) -> Result<(), ImportError> {
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

pub(super) fn check(doc: Document) -> Result<Rows, ImportError> {
    let origin = Origin {
        source: doc.source.clone(),
        exported_at: doc.exported_at.as_millisecond(),
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
            created_at: l.created_at.as_millisecond(),
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
        let details = check_details(i, &t)?;
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
            created_at: t.created_at.as_millisecond(),
            trash_entry: t.trash_entry,
            due_at: t.due.map(|due| due.as_millisecond()),
            due_has_time: t.due_has_time,
            priority: details.priority,
            note: details.note,
            every: details.every,
        });
    }
    // Every entry holds what its kind says: todos (one, or a batch), or one list (and any todos).
    for (i, e) in doc.trash.iter().enumerate() {
        let (kind, lists_in, todos_in) = kinds[&e.id];
        let ok = match kind {
            "todo" => lists_in == 0 && todos_in >= 1, // more than one: a batch
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
            deleted_at: e.deleted_at.as_millisecond(),
            pinned: e.pinned,
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

/// A todo's details as they are stored, once checked.
struct CheckedDetails {
    priority: Option<i64>,
    note: Option<String>,
    every: Option<String>,
}

/// Checks the details of `todos[i]`: a time of day only with a due date, a known priority,
/// a note as softly would store it, a recurrence in softly's words and only with a due date.
fn check_details(i: usize, t: &super::FileTodo) -> Result<CheckedDetails, ImportError> {
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
