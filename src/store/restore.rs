//! Restoring trash entries, and taking a restore back exactly.

use jiff::Timestamp;
use rusqlite::{OptionalExtension, Transaction, params};

use super::distinct;
use super::ids::{EntryId, ListId, TodoId};
use super::positions::next_position;
use super::trash::{EntryKind, require_entries};
use super::{Result, Store, StoreError, ms, ts};
use crate::text::{is_inbox_name, name_key};

/// Where a restored entry went, when it could not go back exactly where it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RestoreNote {
    /// The todo's list is in the Trash itself, so the todo went to the Inbox.
    ListInTrash { list: String },
    /// The todo's list was erased, so the todo went to the Inbox.
    ListErased,
    /// A live list took the name meanwhile, so the restored list was renamed.
    Renamed { from: String },
}

/// The row an entry brought back, by id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RestoredRow {
    Todo(TodoId),
    List(ListId),
}

/// What restoring one entry did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RestoredEntry {
    pub entry: EntryId,
    pub kind: EntryKind,
    /// The restored todo (todo entries) or list (list entries).
    pub row: RestoredRow,
    /// The todo's title, or the list's name as restored (after any rename).
    pub title: String,
    /// For a todo: the list it is in now, `None` for the Inbox. For a list: `None`.
    pub list: Option<String>,
    /// How many todos came back.
    pub todos: i64,
    pub note: Option<RestoreNote>,
    /// Everything the restore changed, as it was before: what [`Store::unrestore`] puts back.
    pub before: RestoreSnapshot,
}

/// The rows of a trash entry as they stood in the Trash, taken just before a restore, so
/// that the restore can be taken back exactly: the same entry, delete time, name and places.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RestoreSnapshot {
    pub entry: EntryId,
    pub kind: EntryKind,
    pub deleted_at: Timestamp,
    /// Whether the entry was pinned.
    pub pinned: bool,
    /// The list of a list entry, with its name in the Trash.
    pub list: Option<(ListId, String)>,
    /// Each todo of the entry, where it was.
    pub todos: Vec<TrashedTodo>,
}

/// A todo as it sat in the Trash: its list, place and "list erased" mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TrashedTodo {
    pub id: TodoId,
    pub list: Option<ListId>,
    pub position: i64,
    pub list_erased: bool,
}

impl Store {
    /// Restores entries, in the order given, in one transaction: every row comes back as it
    /// was (same ids, titles, done state, list and order), except that a todo whose list is
    /// gone goes to the Inbox and a list whose name is taken is renamed `NAME (restored)`.
    pub fn restore_entries(&mut self, ids: &[EntryId]) -> Result<Vec<RestoredEntry>> {
        let ids = distinct(ids);
        self.write(|tx| {
            require_entries(tx, &ids)?;
            ids.iter().map(|&id| restore_one(tx, id)).collect()
        })
    }

    /// Takes a restore back: the rows go back into the very entry they came from (same id,
    /// delete time, name and places), so its purge clock runs on and an earlier step that
    /// names the entry still finds it. Refused, changing nothing, if a row is no longer live
    /// or the list has gained todos meanwhile.
    pub fn unrestore(&mut self, before: &RestoreSnapshot) -> Result<()> {
        self.unrestore_all(std::slice::from_ref(before))
    }

    /// [`unrestore`](Store::unrestore) of several entries restored together, all or
    /// nothing, in one transaction.
    pub fn unrestore_all(&mut self, snapshots: &[RestoreSnapshot]) -> Result<()> {
        self.write(|tx| {
            for before in snapshots {
                put_back_in_trash(tx, before)?;
            }
            Ok(())
        })
    }
}

/// Puts the rows of a restored entry back into it, as they stood in the Trash.
fn put_back_in_trash(tx: &Transaction, before: &RestoreSnapshot) -> Result<()> {
    let todos: Vec<TodoId> = before.todos.iter().map(|t| t.id).collect();
    super::todos::require_live_todos(tx, &todos)?;
    if let Some((list, _)) = &before.list {
        super::lists::require_live_list(tx, *list)?;
        // Only the todos that came back with it may be live in it now.
        let live: Vec<TodoId> = tx
            .prepare_cached("SELECT id FROM todos WHERE list_id = ?1 AND trash_entry_id IS NULL")?
            .query_map([list], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        if live.iter().any(|id| !todos.contains(id)) {
            return Err(StoreError::ListInUse(*list));
        }
    }
    tx.execute(
        "INSERT INTO trash_entries (id, kind, deleted_at, pinned) VALUES (?1, ?2, ?3, ?4)",
        params![
            before.entry,
            before.kind.as_str(),
            ms(before.deleted_at),
            before.pinned
        ],
    )?;
    if let Some((list, name)) = &before.list {
        tx.execute(
            "UPDATE lists SET trash_entry_id = ?2, name = ?3, name_key = ?4 WHERE id = ?1",
            params![list, before.entry, name, name_key(name)],
        )?;
    }
    let mut put_back = tx.prepare(
        "UPDATE todos SET trash_entry_id = ?2, list_id = ?3, position = ?4,
                              list_erased = ?5
             WHERE id = ?1",
    )?;
    for t in &before.todos {
        put_back.execute(params![
            t.id,
            before.entry,
            t.list,
            t.position,
            t.list_erased
        ])?;
    }
    Ok(())
}

fn restore_one(tx: &Transaction, id: EntryId) -> Result<RestoredEntry> {
    let before = snapshot(tx, id)?;
    let mut restored = match before.kind {
        EntryKind::Todo => restore_todo_entry(tx, id, before.clone())?,
        EntryKind::List => restore_list_entry(tx, id, before.clone())?,
    };
    restored.before = before;
    tx.execute("DELETE FROM trash_entries WHERE id = ?1", [id])?;
    Ok(restored)
}

/// The entry's rows as they stand in the Trash.
fn snapshot(tx: &Transaction, entry: EntryId) -> Result<RestoreSnapshot> {
    let (kind, deleted_at, pinned): (String, i64, bool) = tx.query_row(
        "SELECT kind, deleted_at, pinned FROM trash_entries WHERE id = ?1",
        [entry],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    let list = tx
        .query_row(
            "SELECT id, name FROM lists WHERE trash_entry_id = ?1",
            [entry],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let todos = tx
        .prepare_cached(
            "SELECT id, list_id, position, list_erased FROM todos WHERE trash_entry_id = ?1",
        )?
        .query_map([entry], |r| {
            Ok(TrashedTodo {
                id: r.get(0)?,
                list: r.get(1)?,
                position: r.get(2)?,
                list_erased: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(RestoreSnapshot {
        entry,
        kind: EntryKind::parse(&kind),
        deleted_at: ts(deleted_at),
        pinned,
        list,
        todos,
    })
}

/// Restores a todo entry: one todo, or the several a batch delete put in one entry. Each
/// goes back to its own list, or to the end of the Inbox when that list is gone. What is
/// reported (title, list, note) is the first todo's, in their order in the Trash.
fn restore_todo_entry(
    tx: &Transaction,
    entry: EntryId,
    before: RestoreSnapshot,
) -> Result<RestoredEntry> {
    let todos: Vec<(TodoId, String, Option<ListId>, bool)> = tx
        .prepare_cached(
            "SELECT id, title, list_id, list_erased FROM todos WHERE trash_entry_id = ?1
             ORDER BY list_id IS NOT NULL, list_id, position, id",
        )?
        .query_map([entry], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut first = None;
    for (todo, title, list, list_erased) in &todos {
        let (destination, note) = restore_one_todo(tx, *todo, *list, *list_erased)?;
        first.get_or_insert((*todo, title.clone(), destination, note));
    }
    let (todo, title, destination, note) = first.ok_or(StoreError::NoSuchEntry(entry))?;
    Ok(RestoredEntry {
        entry,
        kind: EntryKind::Todo,
        row: RestoredRow::Todo(todo),
        title,
        list: destination,
        todos: todos.len() as i64,
        note,
        before,
    })
}

/// Makes one trashed todo live again, in its list if that is live, else at the end of the
/// Inbox (with the reason). Returns the name of the list it is in and that reason.
fn restore_one_todo(
    tx: &Transaction,
    todo: TodoId,
    list: Option<ListId>,
    list_erased: bool,
) -> Result<(Option<String>, Option<RestoreNote>)> {
    // Where its list stands now: live (name), in the Trash (name), or gone.
    let list_state: Option<(String, bool)> = match list {
        Some(list) => tx
            .query_row(
                "SELECT name, trash_entry_id IS NULL FROM lists WHERE id = ?1",
                [list],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?,
        None => None,
    };
    let (destination, note) = match list_state {
        Some((name, true)) => (Some(name), None),
        Some((name, false)) => (None, Some(RestoreNote::ListInTrash { list: name })),
        None if list_erased => (None, Some(RestoreNote::ListErased)),
        None => (None, None),
    };
    if note.is_some() {
        // To the end of the Inbox, so it does not jump in between the todos already there.
        let position = next_position(tx, None)?;
        tx.execute(
            "UPDATE todos SET trash_entry_id = NULL, list_id = NULL, list_erased = 0,
                              position = ?2
             WHERE id = ?1",
            params![todo, position],
        )?;
    } else {
        tx.execute(
            "UPDATE todos SET trash_entry_id = NULL WHERE id = ?1",
            [todo],
        )?;
    }
    Ok((destination, note))
}

fn restore_list_entry(
    tx: &Transaction,
    entry: EntryId,
    before: RestoreSnapshot,
) -> Result<RestoredEntry> {
    let (list, name): (ListId, String) = tx.query_row(
        "SELECT id, name FROM lists WHERE trash_entry_id = ?1",
        [entry],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let free_name = first_free_name(tx, &name)?;
    tx.execute(
        "UPDATE lists SET trash_entry_id = NULL, name = ?2, name_key = ?3 WHERE id = ?1",
        params![list, free_name, name_key(&free_name)],
    )?;
    let todos = tx.execute(
        "UPDATE todos SET trash_entry_id = NULL WHERE trash_entry_id = ?1",
        [entry],
    )?;
    let note = (free_name != name).then_some(RestoreNote::Renamed { from: name });
    Ok(RestoredEntry {
        entry,
        kind: EntryKind::List,
        row: RestoredRow::List(list),
        title: free_name,
        list: None,
        todos: todos as i64,
        note,
        before,
    })
}

/// `name` if no live list uses it (and it is not the Inbox's), else `name (restored)`, `name (restored 2)`, and so on.
pub(super) fn first_free_name(tx: &Transaction, name: &str) -> Result<String> {
    let mut taken =
        tx.prepare("SELECT 1 FROM lists WHERE name_key = ?1 AND trash_entry_id IS NULL")?;
    let mut candidate = name.to_string();
    let mut n = 1;
    while is_inbox_name(&candidate) || taken.exists([name_key(&candidate)])? {
        candidate = if n == 1 {
            format!("{name} (restored)")
        } else {
            format!("{name} (restored {n})")
        };
        n += 1;
    }
    Ok(candidate)
}
