//! Reading live todos a screenful at a time (keyset paging along the index of live todos),
//! and counting them, for views over lists of any size.

use rusqlite::{OptionalExtension, params};

use super::ids::ListId;
use super::page::{Page, RowKey, Seek, TITLE_MATCH, like_pattern, query_page};
use super::todos::{Todo, TodoScope, due_from, every_from, own_tags_marker, scope_list, scope_sql};
use super::{Result, Store, ts};
use crate::fields::Priority;

/// The columns of a page of todos: all in the `todos_live` index, so no row of the table is
/// read. The list's name is not among them (see [`Store::complete_rows`]).
pub(super) const PAGE_COLUMNS: &str = "t.id, t.title, t.list_id, t.done, t.created_at, t.position, \
     t.due_at, t.due_has_time, t.priority, t.has_note, t.every, t.cancelled, t.has_own_tags";

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
pub(super) fn unnamed_todo_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Todo> {
    let list_id: Option<ListId> = r.get(2)?;
    Ok(Todo {
        id: r.get(0)?,
        title: r.get(1)?,
        list: list_id.map(|id| (id, String::new())),
        done: r.get(3)?,
        created_at: ts(r.get(4)?),
        position: r.get(5)?,
        due: due_from(r.get(6)?, r.get(7)?),
        priority: r.get::<_, Option<i64>>(8)?.and_then(Priority::from_stored),
        has_note: r.get(9)?,
        every: every_from(r.get(10)?),
        cancelled: r.get(11)?,
        own_tags: own_tags_marker(r.get(12)?),
    })
}

impl Store {
    /// The first `limit` of [`live_todos`](Store::live_todos), in the same order. Read a list
    /// at a time along the index that is already in that order, so nothing is sorted and the
    /// top of a million todos costs what the top costs; one read transaction keeps the lists
    /// and their todos to one snapshot while another process writes.
    pub fn first_live_todos(&self, scope: TodoScope, limit: usize) -> Result<Vec<Todo>> {
        let snapshot = self.conn.unchecked_transaction()?;
        let scopes = self.scopes_in_order(scope)?;
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

    /// The first `limit` live todos of `scope` (in the order of [`live_todos`](Store::live_todos))
    /// that `keep` keeps. Read a chunk at a time, so the first few of a million cost a few
    /// chunks, not the million; one read transaction keeps it to one snapshot.
    pub fn first_live_todos_where(
        &self,
        scope: TodoScope,
        limit: usize,
        keep: &mut dyn FnMut(&Todo) -> bool,
    ) -> Result<Vec<Todo>> {
        // The first chunk is what `limit` needs (most todos pass an open-only filter), and
        // each next one twice the last, up to 4,096: `ls --limit 50` reads ~50 rows, and a
        // million are read in a few hundred statements.
        let mut chunk_size = (limit.clamp(64, 4096)) as i64;
        let snapshot = self.conn.unchecked_transaction()?;
        let scopes = self.scopes_in_order(scope)?;
        let mut kept = Vec::new();
        'scopes: for scope in scopes {
            let mut seek = Seek::Start;
            loop {
                let page = Page {
                    seek,
                    limit: Some(chunk_size),
                    ..Page::default()
                };
                let chunk = self.live_todos_page(scope, page)?;
                let full = chunk.len() as i64 == chunk_size;
                chunk_size = (chunk_size * 2).min(4096);
                if let Some(last) = chunk.last() {
                    seek = Seek::From((last.position, last.id.0 + 1));
                }
                for todo in chunk {
                    if kept.len() == limit {
                        break 'scopes;
                    }
                    if keep(&todo) {
                        kept.push(todo);
                    }
                }
                if !full {
                    break;
                }
            }
        }
        snapshot.finish()?;
        Ok(kept)
    }

    /// The Inbox and the lists `scope` covers, in the order `live_todos` reads them.
    fn scopes_in_order(&self, scope: TodoScope) -> Result<Vec<TodoScope>> {
        Ok(match scope {
            TodoScope::All => std::iter::once(TodoScope::Inbox)
                .chain(
                    self.live_lists()?
                        .into_iter()
                        .map(|l| TodoScope::List(l.id)),
                )
                .collect(),
            one => vec![one],
        })
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
        self.complete_rows(&mut todos)?;
        Ok(todos)
    }

    /// Fills in what a page's rows do not carry: the names of the lists `todos` belong to,
    /// one look-up per list rather than a join per row (a page holds the todos of one list;
    /// `softly ls` reads a list at a time), and the tags of their own of the few todos that
    /// have some. A list that is not there (no live todo can point at one) leaves its todos
    /// without a list, as the join did.
    pub(super) fn complete_rows(&self, todos: &mut [Todo]) -> Result<()> {
        let mut names: Vec<(ListId, Option<String>)> = Vec::new();
        let mut lookup = self
            .conn
            .prepare_cached("SELECT name FROM lists WHERE id = ?1")?;
        for todo in todos {
            // Rare (another app's categories): the statement is made only when needed.
            if !todo.own_tags.is_empty() {
                todo.own_tags = self.own_tags(todo.id)?;
            }
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
}

#[cfg(test)]
mod tests {
    use super::*;

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
