//! Live todos: add, read, mark done, edit, move, and move to the Trash.

use jiff::Timestamp;
use rusqlite::{OptionalExtension, Transaction, params};

use super::ids::{EntryId, ListId, TodoId};
use super::page::{Page, RowKey, TITLE_MATCH, like_pattern, query_page};
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
    /// Its place in its list (with the id, the key that orders the list).
    pub position: i64,
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
fn scope_sql(scope: TodoScope) -> &'static str {
    match scope {
        TodoScope::All => "?1 IS NULL", // always true: this scope binds no list
        TodoScope::Inbox | TodoScope::List(_) => "t.list_id IS ?1",
    }
}

fn scope_list(scope: TodoScope) -> Option<ListId> {
    match scope {
        TodoScope::List(id) => Some(id),
        TodoScope::All | TodoScope::Inbox => None,
    }
}

const TODO_COLUMNS: &str = "t.id, t.title, t.list_id, l.name, t.done, t.created_at, t.position";

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

    /// Live todos in display order: the Inbox first, then each list in order.
    pub fn live_todos(&self, scope: TodoScope) -> Result<Vec<Todo>> {
        self.first_live_todos(scope, usize::MAX)
    }

    /// The first `limit` of [`live_todos`](Store::live_todos), in the same order. Read a list
    /// at a time along the index that is already in that order, so nothing is sorted and the
    /// top of a million todos costs what the top costs; one read transaction keeps the lists
    /// and their todos to one snapshot while another process writes.
    pub fn first_live_todos(&self, scope: TodoScope, limit: usize) -> Result<Vec<Todo>> {
        let snapshot = self.conn.unchecked_transaction()?;
        let scopes = match scope {
            TodoScope::All => std::iter::once(TodoScope::Inbox)
                .chain(
                    self.live_lists()?
                        .into_iter()
                        .map(|l| TodoScope::List(l.id)),
                )
                .collect(),
            one => vec![one],
        };
        // Sized once from the counters (free), rather than grown and copied list by list.
        let total = usize::try_from(self.count_live_todos(scope, "")?).unwrap_or(0);
        let mut todos = Vec::with_capacity(total.min(limit));
        for scope in scopes {
            let left = limit.saturating_sub(todos.len());
            if left == 0 {
                break;
            }
            let page = Page {
                limit: i64::try_from(left).ok(),
                ..Page::default()
            };
            todos.extend(self.live_todos_page(scope, page)?);
        }
        snapshot.finish()?;
        Ok(todos)
    }

    /// One page of the live todos of the Inbox or a list, in order (see [`Page`]). Views
    /// read only the rows on screen, so a list of a million todos costs what a screenful does.
    pub fn live_todos_page(&self, scope: TodoScope, page: Page<'_>) -> Result<Vec<Todo>> {
        let (keys, order) = page.key_sql("t.position", "t.id");
        let scope_sql = scope_sql(scope);
        // INDEXED BY: the planner, without statistics, may prefer the plain list index and
        // then read a million rows to sort them; this one is already in view order.
        let sql = format!(
            "SELECT {TODO_COLUMNS} FROM todos t INDEXED BY todos_live_titled
                 LEFT JOIN lists l ON l.id = t.list_id
             WHERE t.trash_entry_id IS NULL AND {scope_sql} AND {TITLE_MATCH} AND {keys}
             ORDER BY {order} LIMIT ?3 OFFSET ?4"
        );
        Ok(query_page(
            &self.conn,
            &sql,
            &scope_list(scope),
            &page,
            todo_from_row,
        )?)
    }

    /// How many live todos `scope` holds whose title contains `filter`. Without a filter the
    /// answer comes from the counters the schema keeps, so it costs the same at any size.
    pub fn count_live_todos(&self, scope: TodoScope, filter: &str) -> Result<i64> {
        if filter.is_empty() {
            return Ok(match scope {
                TodoScope::All => self.conn.query_row(
                    "SELECT coalesce(sum(todos), 0) FROM list_counts",
                    [],
                    |r| r.get(0),
                )?,
                TodoScope::Inbox | TodoScope::List(_) => self.counts_of(scope_list(scope))?.0,
            });
        }
        let sql = format!(
            "SELECT count(*) FROM todos t INDEXED BY todos_live_titled
             WHERE t.trash_entry_id IS NULL AND {} AND {TITLE_MATCH}",
            scope_sql(scope)
        );
        Ok(self
            .conn
            .prepare_cached(&sql)?
            .query_row(params![scope_list(scope), like_pattern(filter)], |r| {
                r.get(0)
            })?)
    }

    /// How many live todos `scope` holds whose title contains `filter` (not empty) and whose
    /// place in the view is at or after `from`. A view that has read its first screenful
    /// counts the rest from there, so that the screenful and the count cost one pass between
    /// them rather than a pass each.
    pub fn count_live_todos_from(
        &self,
        scope: TodoScope,
        filter: &str,
        from: RowKey,
    ) -> Result<i64> {
        let sql = format!(
            // Not the row value `(t.position, t.id) >= (?3, ?4)`: SQLite seeks on its first
            // column and then tests the whole of it on every row, a quarter of the scan's cost.
            "SELECT count(*) FROM todos t INDEXED BY todos_live_titled
             WHERE t.trash_entry_id IS NULL AND {} AND t.position >= ?3
               AND (t.position > ?3 OR t.id >= ?4) AND {TITLE_MATCH}",
            scope_sql(scope)
        );
        Ok(self.conn.prepare_cached(&sql)?.query_row(
            params![scope_list(scope), like_pattern(filter), from.0, from.1],
            |r| r.get(0),
        )?)
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
