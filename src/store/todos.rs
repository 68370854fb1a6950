//! Live todos: add, read, mark done, edit, move, and move to the Trash.

use jiff::Timestamp;
use rusqlite::{OptionalExtension, Transaction, params};

use super::ids::{EntryId, ListId, TodoId, new_id};
use super::page::RowKey;
use super::positions::next_position;
use super::tags_notes::{write_note, write_tags};
use super::{Result, Store, StoreError, ms, ts};
use crate::fields::{Due, Priority, Recurrence};
use crate::text::{clean_note, clean_title};

/// A live todo as the views show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Todo {
    pub id: TodoId,
    pub title: String,
    /// The list it belongs to (id and name), or `None` for the Inbox.
    pub list: Option<(ListId, String)>,
    /// Closed: done, or cancelled.
    pub done: bool,
    /// Closed without being done (another app's STATUS:CANCELLED).
    pub cancelled: bool,
    pub created_at: Timestamp,
    /// Its place in its list (with the id, the key that orders the list).
    pub position: i64,
    pub due: Option<Due>,
    pub priority: Option<Priority>,
    /// Whether it has a note ([`Store::note`] reads it).
    pub has_note: bool,
    pub every: Option<Recurrence>,
    /// Tags the title does not carry (another app's categories), as spelled there.
    pub own_tags: Vec<String>,
}

/// What a todo carries besides its title, as it is given on a new todo.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Details {
    pub due: Option<Due>,
    pub priority: Option<Priority>,
    /// As typed: cleaned (and an empty one dropped) by the store.
    pub note: Option<String>,
    /// Needs a due date.
    pub every: Option<Recurrence>,
}

/// A change to a todo's details: `None` keeps a field as it is, `Some(None)` clears it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DetailsChange {
    pub due: Option<Option<Due>>,
    pub priority: Option<Option<Priority>>,
    pub note: Option<Option<String>>,
    pub every: Option<Option<Recurrence>>,
}

/// A recurrence as stored (its words); words this build cannot read count as none.
pub(super) fn every_from(text: Option<String>) -> Option<Recurrence> {
    text.and_then(|t| Recurrence::from_stored(&t))
}

/// The due date stored as `due_at` and `due_has_time`.
pub(super) fn due_from(at: Option<i64>, has_time: bool) -> Option<Due> {
    at.map(|at| Due {
        at: ts(at),
        has_time,
    })
}

impl Todo {
    /// The key that orders a list's todos, for paging.
    pub fn key(&self) -> RowKey {
        (self.position, self.id.0)
    }
}

/// Which live todos to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TodoScope {
    /// Every live todo: the Inbox first, then each list in order.
    All,
    /// Todos with no list.
    Inbox,
    /// Todos of one list.
    List(ListId),
}

/// The SQL condition for a scope; `?1` is the list id from [`scope_list`].
pub(super) fn scope_sql(scope: TodoScope) -> &'static str {
    match scope {
        TodoScope::All => "?1 IS NULL", // always true: this scope binds no list
        TodoScope::Inbox | TodoScope::List(_) => "t.list_id IS ?1",
    }
}

pub(super) fn scope_list(scope: TodoScope) -> Option<ListId> {
    match scope {
        TodoScope::List(id) => Some(id),
        TodoScope::All | TodoScope::Inbox => None,
    }
}

const TODO_COLUMNS: &str = "t.id, t.title, t.list_id, l.name, t.done, t.created_at, t.position, \
     t.due_at, t.due_has_time, t.priority, t.has_note, t.every, t.cancelled, t.has_own_tags";

fn todo_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Todo> {
    let list_id: Option<ListId> = r.get(2)?;
    let list_name: Option<String> = r.get(3)?;
    Ok(Todo {
        id: r.get(0)?,
        title: r.get(1)?,
        list: list_id.zip(list_name),
        done: r.get(4)?,
        created_at: ts(r.get(5)?),
        position: r.get(6)?,
        due: due_from(r.get(7)?, r.get(8)?),
        priority: r.get::<_, Option<i64>>(9)?.and_then(Priority::from_stored),
        has_note: r.get(10)?,
        every: every_from(r.get(11)?),
        cancelled: r.get(12)?,
        own_tags: own_tags_marker(r.get(13)?),
    })
}

/// A row says only whether a todo has tags of its own; [`Store::complete_rows`] reads them
/// for those that do (this empty-named one stands for "some, not read yet").
pub(super) fn own_tags_marker(has: bool) -> Vec<String> {
    if has { vec![String::new()] } else { Vec::new() }
}

impl Store {
    /// Adds a todo at the end of `list` (or the Inbox) and returns its id.
    pub fn add_todo(
        &mut self,
        title: &str,
        list: Option<ListId>,
        now: Timestamp,
    ) -> Result<TodoId> {
        self.add_todo_with(title, list, Details::default(), now)
    }

    /// [`add_todo`](Store::add_todo) with its details, in the same transaction.
    pub fn add_todo_with(
        &mut self,
        title: &str,
        list: Option<ListId>,
        details: Details,
        now: Timestamp,
    ) -> Result<TodoId> {
        let title = clean_title(title, "title")?;
        let note = details
            .note
            .as_deref()
            .map(clean_note)
            .transpose()?
            .flatten();
        if details.every.is_some() && details.due.is_none() {
            return Err(StoreError::RecurrenceNeedsDue);
        }
        self.write(|tx| {
            if let Some(list) = list {
                super::lists::require_live_list(tx, list)?;
            }
            let position = next_position(tx, list)?;
            insert_todo(tx, &title, list, position, &details, now)?;
            let id = new_id(tx, "todos")?;
            write_tags(tx, id, &title, false)?;
            write_note(tx, id, note.as_deref())?;
            Ok(TodoId(id))
        })
    }

    /// Live todos in display order: the Inbox first, then each list in order.
    pub fn live_todos(&self, scope: TodoScope) -> Result<Vec<Todo>> {
        self.first_live_todos(scope, usize::MAX)
    }

    /// The live todos of a list (or the Inbox, `None`), and how many are open, from the
    /// counters that triggers keep up to date on every write.
    pub(super) fn counts_of(&self, list: Option<ListId>) -> Result<(i64, i64)> {
        Ok(self
            .conn
            .prepare_cached("SELECT todos, open FROM list_counts WHERE list_key = coalesce(?1, 0)")?
            .query_row([list], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?
            .unwrap_or((0, 0)))
    }

    /// One live todo, or why there is none.
    pub fn live_todo(&self, id: TodoId) -> Result<Todo> {
        let sql = format!(
            "SELECT {TODO_COLUMNS} FROM todos t LEFT JOIN lists l ON l.id = t.list_id
             WHERE t.id = ?1 AND t.trash_entry_id IS NULL"
        );
        match self.conn.query_row(&sql, [id], todo_from_row).optional()? {
            Some(todo) => Ok(todo),
            None => Err(missing_todo_error(&self.conn, id)),
        }
    }

    /// Marks todos done (at `now`) or not done. All or nothing: one unknown id changes
    /// nothing. A todo already done keeps the time it was done; a cancelled one is done now,
    /// or open.
    pub fn set_done(&mut self, ids: &[TodoId], done: bool, now: jiff::Timestamp) -> Result<()> {
        self.write(|tx| {
            require_live_todos(tx, ids)?;
            // A cancelled todo is closed already: done or open, it is not cancelled after.
            let mut stmt = tx.prepare(
                "UPDATE todos SET done = ?2, done_at = CASE WHEN ?2 THEN ?3 END, cancelled = 0
                 WHERE id = ?1 AND (done <> ?2 OR cancelled)",
            )?;
            for id in ids {
                stmt.execute(params![id, done, super::ms(now)])?;
            }
            Ok(())
        })
    }

    /// Changes a todo's title.
    pub fn edit_title(&mut self, id: TodoId, title: &str) -> Result<()> {
        self.edit_todo(id, Some(title), DetailsChange::default())
    }

    /// Changes a todo's title (when `title` is given) and the details `change` names, in one
    /// transaction. The old title, if it changed, is removed text and leaves the disk.
    pub fn edit_todo(
        &mut self,
        id: TodoId,
        title: Option<&str>,
        change: DetailsChange,
    ) -> Result<()> {
        let title = title.map(|t| clean_title(t, "title")).transpose()?;
        let note = match &change.note {
            Some(Some(note)) => Some(clean_note(note)?),
            Some(None) => Some(None),
            None => None,
        };
        self.write_removing_text(|tx| edit_in(tx, id, title.as_deref(), &change, note.as_ref()))
    }

    /// Moves todos to the end of another list (or the Inbox), keeping their relative order.
    pub fn move_todos(&mut self, ids: &[TodoId], to: Option<ListId>) -> Result<()> {
        self.write(|tx| {
            require_live_todos(tx, ids)?;
            if let Some(list) = to {
                super::lists::require_live_list(tx, list)?;
            }
            let mut position = next_position(tx, to)?;
            let mut stmt = tx.prepare(
                "UPDATE todos SET list_id = ?2, position = ?3
                 WHERE id = ?1 AND list_id IS NOT ?2",
            )?;
            for id in ids {
                if stmt.execute(params![id, to, position])? > 0 {
                    position += 1;
                }
            }
            Ok(())
        })
    }
}

/// Changes todo `id`'s title (when `title` is given) and the details `change` names, in the
/// caller's transaction; `note` is the change's note, cleaned. True when text was replaced
/// or removed (so the disk is scrubbed of it).
pub(super) fn edit_in(
    tx: &Transaction,
    id: TodoId,
    title: Option<&str>,
    change: &DetailsChange,
    note: Option<&Option<String>>,
) -> Result<bool> {
    require_live_todos(tx, &[id])?;
    let (due_before, every_before): (Option<i64>, Option<String>) =
        tx.query_row("SELECT due_at, every FROM todos WHERE id = ?1", [id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
    let has_due = change.due.map_or(due_before.is_some(), |d| d.is_some());
    // Another app's rule needs no due date: softly makes no occurrences of it.
    let own_rule = |e: &Recurrence| !matches!(e, Recurrence::Elsewhere);
    let has_every = match change.every {
        Some(every) => every.is_some_and(|e| own_rule(&e)),
        None => every_from(every_before).is_some_and(|e| own_rule(&e)),
    };
    if has_every && !has_due {
        return Err(StoreError::RecurrenceNeedsDue);
    }
    let title_changed = match &title {
        Some(title) => {
            let changed = tx.execute(
                "UPDATE todos SET title = ?2 WHERE id = ?1 AND title IS NOT ?2",
                params![id, title],
            )? > 0;
            if changed {
                write_tags(tx, id.0, title, true)?;
            }
            changed
        }
        None => false,
    };
    let note_removed = match &note {
        Some(note) => write_note(tx, id.0, note.as_deref())?,
        None => false,
    };
    if let Some(every) = change.every {
        tx.execute(
            "UPDATE todos SET every = ?2 WHERE id = ?1",
            params![id, every.map(Recurrence::text)],
        )?;
    }
    if let Some(due) = change.due {
        tx.execute(
            "UPDATE todos SET due_at = ?2, due_has_time = ?3 WHERE id = ?1",
            params![id, due.map(|d| ms(d.at)), due.is_some_and(|d| d.has_time)],
        )?;
    }
    if let Some(priority) = change.priority {
        tx.execute(
            "UPDATE todos SET priority = ?2 WHERE id = ?1",
            params![id, priority.map(Priority::stored)],
        )?;
    }
    Ok(title_changed || note_removed)
}

/// Inserts a live todo row; its id is the connection's last insert.
pub(super) fn insert_todo(
    tx: &Transaction,
    title: &str,
    list: Option<ListId>,
    position: i64,
    details: &Details,
    now: Timestamp,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO todos (title, list_id, position, created_at, due_at, due_has_time, priority,
                            every)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        title,
        list,
        position,
        ms(now),
        details.due.map(|d| ms(d.at)),
        details.due.is_some_and(|d| d.has_time),
        details.priority.map(Priority::stored),
        details.every.map(Recurrence::text)
    ])?;
    Ok(())
}

/// Fails with the first id that is not a live todo.
pub(super) fn require_live_todos(tx: &Transaction, ids: &[TodoId]) -> Result<()> {
    let mut stmt =
        tx.prepare_cached("SELECT 1 FROM todos WHERE id = ?1 AND trash_entry_id IS NULL")?;
    for &id in ids {
        if !stmt.exists([id])? {
            return Err(missing_todo_error(tx, id));
        }
    }
    Ok(())
}

/// Explains why `id` is not a live todo: it is in the Trash, or it does not exist.
pub(super) fn missing_todo_error(conn: &rusqlite::Connection, id: TodoId) -> StoreError {
    let entry: Option<Option<EntryId>> = conn
        .query_row(
            "SELECT trash_entry_id FROM todos WHERE id = ?1",
            [id],
            |r| r.get(0),
        )
        .optional()
        .unwrap_or(None);
    match entry {
        Some(Some(entry)) => StoreError::TodoInTrash { id, entry },
        _ => StoreError::NoSuchTodo(id),
    }
}
