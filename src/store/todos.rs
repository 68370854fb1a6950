//! Live todos: add, read, mark done, edit, move, and move to the Trash.

use jiff::Timestamp;
use rusqlite::{OptionalExtension, Transaction, params};

use super::ids::{EntryId, ListId, MAX_POSITION, TodoId, new_id};
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

/// The columns of a page of todos: all in the `todos_live` index, so no row of the table is
/// read. The list's name is not among them (see [`Store::name_lists`]).
const PAGE_COLUMNS: &str = "t.id, t.title, t.list_id, t.done, t.created_at, t.position";

/// The query for a page of live todos (parameters as [`query_page`] binds them).
fn page_sql(scope: TodoScope, page: &Page<'_>) -> String {
    let (keys, order) = page.key_sql("t.position", "t.id");
    let scope_sql = scope_sql(scope);
    // INDEXED BY: the planner, without statistics, may prefer the plain list index and then
    // read a million rows to sort them; this one is already in view order.
    format!(
        "SELECT {PAGE_COLUMNS} FROM todos t INDEXED BY todos_live
         WHERE t.trash_entry_id IS NULL AND {scope_sql} AND {TITLE_MATCH} AND {keys}
         ORDER BY {order} LIMIT ?3 OFFSET ?4"
    )
}

/// A todo from a [`PAGE_COLUMNS`] row, its list's name still to be filled in.
fn unnamed_todo_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Todo> {
    let list_id: Option<ListId> = r.get(2)?;
    Ok(Todo {
        id: r.get(0)?,
        title: r.get(1)?,
        list: list_id.map(|id| (id, String::new())),
        done: r.get(3)?,
        created_at: ts(r.get(4)?),
        position: r.get(5)?,
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
            Ok(TodoId(new_id(tx, "todos")?))
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
        let mut todos = query_page(
            &self.conn,
            &page_sql(scope, &page),
            &scope_list(scope),
            &page,
            unnamed_todo_from_row,
        )?;
        self.name_lists(&mut todos)?;
        Ok(todos)
    }

    /// Fills in the names of the lists `todos` belong to, one look-up per list rather than
    /// a join per row (a page holds the todos of one list; `softly ls` reads a list at a
    /// time). A list that is not there (no live todo can point at one) leaves its todos
    /// without a list, as the join did.
    fn name_lists(&self, todos: &mut [Todo]) -> Result<()> {
        let mut names: Vec<(ListId, Option<String>)> = Vec::new();
        let mut lookup = self
            .conn
            .prepare_cached("SELECT name FROM lists WHERE id = ?1")?;
        for todo in todos {
            let Some((list, _)) = todo.list else {
                continue;
            };
            let name = match names.iter().find(|(id, _)| *id == list) {
                Some((_, name)) => name.clone(),
                None => {
                    let name: Option<String> = lookup.query_row([list], |r| r.get(0)).optional()?;
                    names.push((list, name.clone()));
                    name
                }
            };
            todo.list = name.map(|name| (list, name));
        }
        Ok(())
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
            "SELECT count(*) FROM todos t INDEXED BY todos_live
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
            "SELECT count(*) FROM todos t INDEXED BY todos_live
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
        self.write_removing_text(|tx| {
            require_live_todos(tx, &[id])?;
            // The old title, if it changed, is removed text.
            Ok(tx.execute(
                "UPDATE todos SET title = ?2 WHERE id = ?1 AND title IS NOT ?2",
                params![id, title],
            )? > 0)
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
                let entry = EntryId(new_id(tx, "trash_entries")?);
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

/// The position after the last live todo of `list` (or the Inbox). Past [`MAX_POSITION`]
/// the list's live todos are renumbered 1, 2, 3… in their order first, so a place softly
/// gives out is always one an export can carry.
pub(super) fn next_position(tx: &Transaction, list: Option<ListId>) -> Result<i64> {
    let last = last_position(tx, list)?;
    if last < MAX_POSITION {
        return Ok(last + 1);
    }
    Ok(renumber_todos(tx, list)? + 1)
}

/// The place of the last live todo of `list` (or the Inbox), 0 when it has none.
pub(super) fn last_position(tx: &Transaction, list: Option<ListId>) -> Result<i64> {
    Ok(tx.query_row(
        "SELECT coalesce(max(position), 0) FROM todos
         WHERE list_id IS ?1 AND trash_entry_id IS NULL",
        [list],
        |r| r.get(0),
    )?)
}

/// Gives the live todos of `list` (or the Inbox) the places 1, 2, 3… in their order;
/// returns how many there are.
pub(super) fn renumber_todos(tx: &Transaction, list: Option<ListId>) -> Result<i64> {
    Ok(tx.execute(
        "UPDATE todos SET position = n.place
         FROM (SELECT id, row_number() OVER (ORDER BY position, id) AS place FROM todos
               WHERE list_id IS ?1 AND trash_entry_id IS NULL) AS n
         WHERE todos.id = n.id",
        [list],
    )? as i64)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::page::Seek;

    /// Every page a view or `softly ls` reads comes from the index alone: no row of the
    /// table is read (the table cursor is opened for a deferred seek that never happens) and
    /// nothing is sorted, at any size. (EXPLAIN QUERY PLAN cannot say it: it counts the
    /// partial index's own `trash_entry_id` as a column the query needs.)
    #[test]
    fn a_page_of_todos_is_read_from_the_index_alone() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("softly.db")).unwrap();
        let table: i64 = store
            .conn
            .query_row(
                "SELECT rootpage FROM sqlite_schema WHERE type = 'table' AND name = 'todos'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        for scope in [TodoScope::Inbox, TodoScope::List(ListId(1))] {
            for seek in [
                Seek::Start,
                Seek::From((3, 3)),
                Seek::Before((3, 3)),
                Seek::End,
            ] {
                for filter in ["", "milk"] {
                    let page = Page {
                        filter,
                        seek,
                        ..Page::default()
                    };
                    let mut explain = store
                        .conn
                        .prepare(&format!("EXPLAIN {}", page_sql(scope, &page)))
                        .unwrap();
                    let unbound = vec![rusqlite::types::Null; explain.parameter_count()];
                    // (opcode, p1, p2) of every instruction.
                    let program: Vec<(String, i64, i64)> = explain
                        .query_map(rusqlite::params_from_iter(unbound), |r| {
                            Ok((r.get(1)?, r.get(2)?, r.get(3)?))
                        })
                        .unwrap()
                        .collect::<rusqlite::Result<_>>()
                        .unwrap();
                    let table_cursor = program
                        .iter()
                        .find(|(op, _, root)| op == "OpenRead" && *root == table)
                        .map(|(_, cursor, _)| *cursor);
                    let reads_table = program
                        .iter()
                        .any(|(op, cursor, _)| op == "Column" && Some(*cursor) == table_cursor);
                    let sorts = program.iter().any(|(op, _, _)| op.starts_with("Sorter"));
                    assert!(
                        !reads_table && !sorts,
                        "{scope:?} {seek:?} {filter:?}: {program:?}"
                    );
                }
            }
        }
    }
}
