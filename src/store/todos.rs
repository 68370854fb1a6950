//! Live todos: add, read, mark done, edit, move, and move to the Trash.

use jiff::Timestamp;
use rusqlite::{OptionalExtension, Transaction, params};

use super::ids::{EntryId, ListId, TodoId};
use super::{Result, Store, StoreError, ms, ts};
use crate::text::clean_title;

/// A live todo as the views show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Todo {
    pub id: TodoId,
    pub title: String,
    /// The list it belongs to (id and name), or `None` for the Inbox.
    pub list: Option<(ListId, String)>,
    pub done: bool,
    pub created_at: Timestamp,
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

/// Which slice of a view to read: rows whose title contains `filter` (empty: all), from
/// `offset`, at most `limit` (`None`: all).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Page<'a> {
    pub filter: &'a str,
    pub offset: i64,
    pub limit: Option<i64>,
}

/// Matches `?2`, a LIKE pattern from [`like_pattern`]; `%` alone matches every title.
pub(super) const TITLE_MATCH: &str = "t.title LIKE ?2 ESCAPE '\\'";

/// The SQL condition and order for a scope; `?1` is the list id from [`scope_list`].
fn scope_sql(scope: TodoScope) -> (&'static str, &'static str) {
    match scope {
        // The Inbox first, then the lists in their order.
        TodoScope::All => (
            "?1 IS NULL", // always true: this scope binds no list
            "t.list_id IS NOT NULL, (SELECT position FROM lists WHERE id = t.list_id), t.list_id, t.position, t.id",
        ),
        TodoScope::Inbox | TodoScope::List(_) => ("t.list_id IS ?1", "t.position, t.id"),
    }
}

fn scope_list(scope: TodoScope) -> Option<ListId> {
    match scope {
        TodoScope::List(id) => Some(id),
        TodoScope::All | TodoScope::Inbox => None,
    }
}

/// A LIKE pattern matching titles that contain `text`, with LIKE's own wildcards escaped.
pub(super) fn like_pattern(text: &str) -> String {
    let mut pattern = String::with_capacity(text.len() + 2);
    pattern.push('%');
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

const TODO_COLUMNS: &str = "t.id, t.title, t.list_id, l.name, t.done, t.created_at";

fn todo_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Todo> {
    let list_id: Option<ListId> = r.get(2)?;
    let list_name: Option<String> = r.get(3)?;
    Ok(Todo {
        id: r.get(0)?,
        title: r.get(1)?,
        list: list_id.zip(list_name),
        done: r.get(4)?,
        created_at: ts(r.get(5)?),
    })
}

impl Store {
    /// Adds a todo at the end of `list` (or the Inbox) and returns its id.
    pub fn add_todo(
        &mut self,
        title: &str,
        list: Option<ListId>,
        now: Timestamp,
    ) -> Result<TodoId> {
        let title = clean_title(title, "title")?;
        self.write(|tx| {
            if let Some(list) = list {
                super::lists::require_live_list(tx, list)?;
            }
            let position = next_position(tx, list)?;
            tx.execute(
                "INSERT INTO todos (title, list_id, position, created_at) VALUES (?1, ?2, ?3, ?4)",
                params![title, list, position, ms(now)],
            )?;
            Ok(TodoId(tx.last_insert_rowid()))
        })
    }

    /// Live todos in display order.
    pub fn live_todos(&self, scope: TodoScope) -> Result<Vec<Todo>> {
        self.live_todos_page(scope, Page::default())
    }

    /// One page of live todos in display order: those whose title contains `page.filter`
    /// (ignoring ASCII case), skipping `page.offset`, at most `page.limit`. Views read only
    /// the rows on screen, so a list of a million todos costs what a screenful does.
    pub fn live_todos_page(&self, scope: TodoScope, page: Page<'_>) -> Result<Vec<Todo>> {
        let (scope_sql, order) = scope_sql(scope);
        let sql = format!(
            "SELECT {TODO_COLUMNS} FROM todos t LEFT JOIN lists l ON l.id = t.list_id
             WHERE t.trash_entry_id IS NULL AND {scope_sql} AND {TITLE_MATCH}
             ORDER BY {order} LIMIT ?3 OFFSET ?4"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt
            .query_map(
                params![
                    scope_list(scope),
                    like_pattern(page.filter),
                    page.limit.unwrap_or(-1),
                    page.offset
                ],
                todo_from_row,
            )?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// How many live todos `scope` holds whose title contains `filter`.
    pub fn count_live_todos(&self, scope: TodoScope, filter: &str) -> Result<i64> {
        let (scope_sql, _) = scope_sql(scope);
        let sql = format!(
            "SELECT count(*) FROM todos t
             WHERE t.trash_entry_id IS NULL AND {scope_sql} AND {TITLE_MATCH}"
        );
        Ok(self
            .conn
            .prepare_cached(&sql)?
            .query_row(params![scope_list(scope), like_pattern(filter)], |r| {
                r.get(0)
            })?)
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

    /// Marks todos done or not done. All or nothing: one unknown id changes nothing.
    pub fn set_done(&mut self, ids: &[TodoId], done: bool) -> Result<()> {
        self.write(|tx| {
            require_live_todos(tx, ids)?;
            let mut stmt = tx.prepare("UPDATE todos SET done = ?2 WHERE id = ?1")?;
            for id in ids {
                stmt.execute(params![id, done])?;
            }
            Ok(())
        })
    }

    /// Changes a todo's title.
    pub fn edit_title(&mut self, id: TodoId, title: &str) -> Result<()> {
        let title = clean_title(title, "title")?;
        self.write(|tx| {
            require_live_todos(tx, &[id])?;
            tx.execute(
                "UPDATE todos SET title = ?2 WHERE id = ?1",
                params![id, title],
            )?;
            Ok(())
        })
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

    /// Moves todos to the Trash, one entry each, all stamped `now`. Returns the entry ids in
    /// the order of `ids`. All or nothing.
    pub fn trash_todos(&mut self, ids: &[TodoId], now: Timestamp) -> Result<Vec<EntryId>> {
        let ids = distinct(ids);
        self.write(|tx| {
            require_live_todos(tx, &ids)?;
            let mut new_entry =
                tx.prepare("INSERT INTO trash_entries (kind, deleted_at) VALUES ('todo', ?1)")?;
            let mut mark = tx.prepare("UPDATE todos SET trash_entry_id = ?2 WHERE id = ?1")?;
            let mut entries = Vec::with_capacity(ids.len());
            for id in &ids {
                new_entry.execute([ms(now)])?;
                let entry = EntryId(tx.last_insert_rowid());
                mark.execute(params![id, entry])?;
                entries.push(entry);
            }
            Ok(entries)
        })
    }
}

/// `ids` without repeats, in first-seen order: `rm 3 3` trashes todo 3 once.
pub(super) fn distinct<T: Copy + Eq + std::hash::Hash>(ids: &[T]) -> Vec<T> {
    let mut seen = std::collections::HashSet::new();
    ids.iter().copied().filter(|id| seen.insert(*id)).collect()
}

/// The position after the last live todo of `list` (or the Inbox).
pub(super) fn next_position(tx: &Transaction, list: Option<ListId>) -> Result<i64> {
    Ok(tx.query_row(
        "SELECT coalesce(max(position), 0) + 1 FROM todos
         WHERE list_id IS ?1 AND trash_entry_id IS NULL",
        [list],
        |r| r.get(0),
    )?)
}

/// Fails with the first id that is not a live todo.
fn require_live_todos(tx: &Transaction, ids: &[TodoId]) -> Result<()> {
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
fn missing_todo_error(conn: &rusqlite::Connection, id: TodoId) -> StoreError {
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
