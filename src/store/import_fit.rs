//! Whether the rows of an import fit together, checked in its transaction before the
//! commit: every trash entry a todo or list is in came with the file, and every entry holds
//! what its kind says. The file's reader checks each row as it comes, with nothing to hold;
//! these references point forward in the file (the Trash comes last), so the rows
//! themselves, already in the database with their indexes, answer them.

use std::collections::HashSet;

use rusqlite::{OptionalExtension, Transaction};

use super::import_batches::IdShift;
use super::rows::TodoRow;
use super::{Result, StoreError};

/// Checks the rows an import added, whose ids moved by `[entries, lists, todos]`.
pub(super) fn check_fit(
    tx: &Transaction<'_>,
    [entries, lists, todos]: [&IdShift; 3],
) -> Result<()> {
    let misfit = |what: String| Err(StoreError::ImportDoesNotFit(what));
    // Only this import's rows point past the entries that were here before it.
    for (table, shift, noun) in [("todos", todos, "todo"), ("lists", lists, "list")] {
        let orphan: Option<(i64, i64)> = tx
            .query_row(
                &format!(
                    "SELECT r.id, r.trash_entry_id FROM {table} r
                     WHERE r.trash_entry_id IS NOT NULL AND r.trash_entry_id > ?1
                       AND NOT EXISTS (SELECT 1 FROM trash_entries e WHERE e.id = r.trash_entry_id)
                     LIMIT 1"
                ),
                [entries.used],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        if let Some((row, entry)) = orphan {
            return misfit(format!(
                "{noun} {} is in trash entry {}, which the file does not have",
                row - shift.shift,
                entry - entries.shift
            ));
        }
    }
    // A todo entry holds todos (one, or a batch) and no list; a list entry holds one list
    // (and any todos).
    let wrong: Option<(i64, String)> = tx
        .query_row(
            "SELECT e.id, e.kind FROM trash_entries e
             WHERE e.id > ?1 AND CASE e.kind
                 WHEN 'todo' THEN EXISTS (SELECT 1 FROM lists l WHERE l.trash_entry_id = e.id)
                               OR NOT EXISTS (SELECT 1 FROM todos t WHERE t.trash_entry_id = e.id)
                 ELSE (SELECT count(*) FROM lists l WHERE l.trash_entry_id = e.id) <> 1 END
             LIMIT 1",
            [entries.used],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    if let Some((entry, kind)) = wrong {
        let (lists_in, todos_in): (i64, i64) = tx.query_row(
            "SELECT (SELECT count(*) FROM lists WHERE trash_entry_id = ?1),
                    (SELECT count(*) FROM todos WHERE trash_entry_id = ?1)",
            [entry],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        return misfit(format!(
            "trash entry {} is a {kind} entry holding {} and {}",
            entry - entries.shift,
            crate::text::count(lists_in, "list"),
            crate::text::count(todos_in, "todo"),
        ));
    }
    Ok(())
}

/// When an insert of `rows` (from place `first` in the file) failed because a uid is taken
/// (imported before, or twice in the file), which row and by what.
pub(super) fn uid_taken(
    tx: &Transaction<'_>,
    first: usize,
    rows: &[TodoRow],
    error: &StoreError,
) -> Option<StoreError> {
    let StoreError::Sqlite(e) = error else {
        return None;
    };
    if e.sqlite_extended_error_code() != Some(rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE) {
        return None;
    }
    let mut seen = HashSet::new();
    rows.iter().enumerate().find_map(|(k, t)| {
        let uid = t.uid.as_deref()?;
        let here: Option<String> = tx
            .query_row("SELECT title FROM todos WHERE uid = ?1", [uid], |r| {
                r.get(0)
            })
            .optional()
            .ok()
            .flatten();
        match here {
            Some(title) => Some(StoreError::ImportedBefore {
                uid: uid.to_string(),
                title,
            }),
            None if !seen.insert(uid) => Some(StoreError::ImportDoesNotFit(format!(
                "todos[{}].uid: {uid} appears twice",
                first + k
            ))),
            None => None,
        }
    })
}

/// An insert that failed: when it is because the file gives an id twice, which row.
pub(super) fn repeated_id(
    tx: &Transaction<'_>,
    rows: &'static str,
    shift: &IdShift,
    first: usize,
    file_ids: impl Iterator<Item = i64>,
    error: impl Into<StoreError>,
) -> StoreError {
    let error = error.into();
    let StoreError::Sqlite(e) = &error else {
        return error;
    };
    if e.sqlite_extended_error_code() != Some(rusqlite::ffi::SQLITE_CONSTRAINT_PRIMARYKEY) {
        return error;
    }
    let table = shift.table();
    let mut seen = HashSet::new();
    for (k, id) in file_ids.enumerate() {
        let here: bool = shift.of(id).is_ok_and(|stored| {
            tx.query_row(
                &format!("SELECT EXISTS (SELECT 1 FROM {table} WHERE id = ?1)"),
                [stored],
                |r| r.get(0),
            )
            .unwrap_or(false)
        });
        if here || !seen.insert(id) {
            return StoreError::RepeatedId {
                rows,
                index: first + k,
                id,
            };
        }
    }
    error
}

/// When an index could not be built again after a bulk import (`error`): if a uid came
/// twice, or came that a todo here already had, that, by name.
pub(super) fn uid_clash(
    tx: &Transaction<'_>,
    todos: &IdShift,
    error: StoreError,
) -> Result<StoreError> {
    let StoreError::Sqlite(e) = &error else {
        return Ok(error);
    };
    if e.sqlite_extended_error_code() != Some(rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE) {
        return Ok(error);
    }
    let twice: Option<String> = tx
        .query_row(
            "SELECT uid FROM todos WHERE uid IS NOT NULL GROUP BY uid HAVING count(*) > 1 LIMIT 1",
            [],
            |r| r.get(0),
        )
        .optional()?;
    let Some(uid) = twice else {
        return Ok(error);
    };
    let here: Option<String> = tx
        .query_row(
            "SELECT title FROM todos WHERE uid = ?1 AND id <= ?2 LIMIT 1",
            rusqlite::params![uid, todos.used],
            |r| r.get(0),
        )
        .optional()?;
    Ok(match here {
        Some(title) => StoreError::ImportedBefore { uid, title },
        None => StoreError::ImportDoesNotFit(format!("uid {uid} appears twice in the file")),
    })
}

/// The first of `rows` whose uid a todo here already has, as the error that says so.
pub(super) fn uid_here(tx: &Transaction<'_>, rows: &[TodoRow]) -> Result<Option<StoreError>> {
    let mut find = tx.prepare("SELECT title FROM todos WHERE uid = ?1")?;
    for uid in rows.iter().filter_map(|t| t.uid.as_deref()) {
        if let Some(title) = find.query_row([uid], |r| r.get(0)).optional()? {
            return Ok(Some(StoreError::ImportedBefore {
                uid: uid.to_string(),
                title,
            }));
        }
    }
    Ok(None)
}
