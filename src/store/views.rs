//! The app's views of live todos: a list or the Inbox in its own order, every todo (All),
//! or the open todos due in a span of time (Today, Upcoming), each narrowed by a filter of
//! words (titles and notes), tags, due dates, priority and done state. Read a screenful at a
//! time along an index in the view's order (keyset paging, as `todo_pages.rs`), so a view
//! of a million todos costs what a screenful does.

use jiff::Timestamp;
use rusqlite::types::Value;

use super::ids::{ListId, TodoId};
use super::page::{Page, RowKey, like_pattern};
use super::todo_pages::{PAGE_COLUMNS, unnamed_todo_from_row};
use super::todos::Todo;
use super::{Result, Store, ms};
use crate::fields::TodoFilter;

/// Which todos a view is about, before its filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ViewScope {
    Inbox,
    List(ListId),
    /// Every live todo of every list, oldest first.
    All,
    /// Open todos due after `after` (if given) and by `until`, soonest first.
    Due {
        after: Option<Timestamp>,
        until: Timestamp,
    },
}

/// A view: its scope, whether done todos are hidden, and its filter.
#[derive(Debug, Clone, Copy)]
pub struct ViewQuery<'a> {
    pub scope: ViewScope,
    pub hide_done: bool,
    pub filter: &'a TodoFilter,
}

/// A view's conditions, with the values they bind as `?1`, `?2`… in order.
pub(super) struct Conditions {
    sql: Vec<String>,
    pub(super) values: Vec<Value>,
}

impl Conditions {
    /// Adds a condition whose `?` stand for `values`, numbered as they come.
    fn add(&mut self, condition: &str, values: Vec<Value>) {
        let mut numbered = String::with_capacity(condition.len() + 8);
        let mut rest = values.into_iter();
        for c in condition.chars() {
            if c == '?' {
                self.values.push(rest.next().expect("a value for every ?"));
                numbered.push_str(&format!("?{}", self.values.len()));
            } else {
                numbered.push(c);
            }
        }
        self.sql.push(numbered);
    }

    pub(super) fn and(&self) -> String {
        self.sql.join(" AND ")
    }
}

impl ViewScope {
    /// The view's order, as the key columns a page is sought by.
    pub(super) fn key_columns(self) -> (&'static str, &'static str) {
        match self {
            ViewScope::Inbox | ViewScope::List(_) => ("t.position", "t.id"),
            ViewScope::All => ("t.id", "t.id"),
            ViewScope::Due { .. } => ("t.due_at", "t.id"),
        }
    }

    /// The index that holds the view in its order, with every column a page shows.
    pub(super) fn index(self) -> &'static str {
        match self {
            ViewScope::Inbox | ViewScope::List(_) => "INDEXED BY todos_live",
            // The table itself, in id order (a sort of a million index rows otherwise).
            ViewScope::All => "",
            ViewScope::Due { .. } => "INDEXED BY todos_open_due",
        }
    }

    /// The key of a row in this view's order.
    pub fn key(self, todo: &Todo) -> RowKey {
        match self {
            ViewScope::Inbox | ViewScope::List(_) => (todo.position, todo.id.0),
            ViewScope::All => (todo.id.0, todo.id.0),
            ViewScope::Due { .. } => (todo.due.map_or(i64::MAX, |d| ms(d.at)), todo.id.0),
        }
    }
}

/// Everything but the key: scope, done todos hidden, and the filter.
pub(super) fn conditions(q: &ViewQuery<'_>) -> Conditions {
    let mut c = Conditions {
        sql: vec!["t.trash_entry_id IS NULL".into()],
        values: Vec::new(),
    };
    match q.scope {
        ViewScope::Inbox => c.add("t.list_id IS NULL", vec![]),
        ViewScope::List(id) => c.add("t.list_id = ?", vec![Value::Integer(id.0)]),
        ViewScope::All => {}
        ViewScope::Due { after, until } => {
            // The partial index's own terms, so the planner may use it.
            c.add("t.due_at IS NOT NULL AND t.done = 0", vec![]);
            c.add("t.due_at <= ?", vec![Value::Integer(ms(until))]);
            if let Some(after) = after {
                c.add("t.due_at > ?", vec![Value::Integer(ms(after))]);
            }
        }
    }
    if q.hide_done {
        c.add("t.done = 0", vec![]);
    }
    let f = q.filter;
    if let Some(pattern) = like_pattern(&f.text) {
        // The notes that match are found once per filter (`Store::find_note_hits`).
        c.add(
            "(t.title LIKE ? ESCAPE '\\' OR (t.has_note AND note_hit(t.id)))",
            vec![Value::Text(pattern)],
        );
    }
    for tag in &f.tags {
        c.add(
            "t.id IN (SELECT todo_id FROM todo_tags WHERE tag = ?)",
            vec![Value::Text(tag.clone())],
        );
    }
    if let Some(until) = f.due_until {
        c.add("t.due_at <= ?", vec![Value::Integer(ms(until))]);
    }
    if let Some(after) = f.due_after {
        c.add("t.due_at > ?", vec![Value::Integer(ms(after))]);
    }
    if f.no_due {
        c.add("t.due_at IS NULL", vec![]);
    }
    if let Some(p) = f.priority {
        c.add("t.priority = ?", vec![Value::Integer(p.stored())]);
    }
    match f.done {
        Some(true) => c.add("t.done = 1 AND t.cancelled = 0", vec![]),
        Some(false) => c.add("t.done = 0", vec![]),
        None => {}
    }
    if f.cancelled {
        c.add("t.cancelled = 1", vec![]);
    }
    if f.no_priority {
        c.add("t.priority IS NULL", vec![]);
    }
    if !f.not_understood.is_empty() {
        // A filter with a word it does not understand matches nothing (the app names it).
        c.add("0", vec![]);
    }
    c
}

/// Which part of a view's rows a read covers: all of them, or those whose first key
/// column is below a value (the first stretch of a big view, `view_start.rs`).
#[derive(Debug, Clone, Copy)]
pub(super) enum Part {
    Whole,
    Below(i64),
}

impl Part {
    fn add_to(self, c: &mut Conditions, scope: ViewScope) {
        let (first, _) = scope.key_columns();
        match self {
            Part::Whole => {}
            Part::Below(v) => c.add(&format!("{first} < ?"), vec![Value::Integer(v)]),
        }
    }
}

/// One page of `part` of a view, on `conn`, its todos' list names still to be filled in.
pub(super) fn page_on(
    conn: &rusqlite::Connection,
    q: &ViewQuery<'_>,
    page: Page<'_>,
    part: Part,
) -> Result<Vec<Todo>> {
    let mut c = conditions(q);
    part.add_to(&mut c, q.scope);
    let (first, second) = q.scope.key_columns();
    if let Some((a, b)) = page.key() {
        let op = if page.backwards() { "<" } else { ">=" };
        c.add(
            &format!("({first}, {second}) {op} (?, ?)"),
            vec![Value::Integer(a), Value::Integer(b)],
        );
    }
    let direction = if page.backwards() { "DESC" } else { "ASC" };
    let sql = format!(
        "SELECT {PAGE_COLUMNS} FROM todos t {} WHERE {} ORDER BY {first} {direction}, \
         {second} {direction} LIMIT ? OFFSET ?",
        q.scope.index(),
        c.and()
    );
    let mut values = c.values;
    values.push(Value::Integer(page.limit.unwrap_or(-1)));
    values.push(Value::Integer(page.skip));
    let mut todos = conn
        .prepare_cached(&sql)?
        .query_map(rusqlite::params_from_iter(values), unnamed_todo_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    if page.backwards() {
        todos.reverse();
    }
    Ok(todos)
}

/// How many todos of `part` of a view are at or after `from` in its order (all of them
/// without `from`), on `conn`.
pub(super) fn count_on(
    conn: &rusqlite::Connection,
    q: &ViewQuery<'_>,
    from: Option<RowKey>,
    part: Part,
) -> Result<i64> {
    let mut c = conditions(q);
    part.add_to(&mut c, q.scope);
    if let Some((a, b)) = from {
        let (first, second) = q.scope.key_columns();
        // Not a row value: SQLite would test all of it on every row (see todo_pages.rs).
        c.add(
            &format!("{first} >= ? AND ({first} > ? OR {second} >= ?)"),
            vec![Value::Integer(a), Value::Integer(a), Value::Integer(b)],
        );
    }
    let sql = format!(
        "SELECT count(*) FROM todos t {} WHERE {}",
        q.scope.index(),
        c.and()
    );
    Ok(conn
        .prepare_cached(&sql)?
        .query_row(rusqlite::params_from_iter(c.values), |r| r.get(0))?)
}

impl Store {
    /// One page of a view, in its order (see [`Page`]; its `filter` is not used: the
    /// view's is).
    pub fn view_page(&self, q: &ViewQuery<'_>, page: Page<'_>) -> Result<Vec<Todo>> {
        self.find_note_hits(&q.filter.text)?;
        let mut todos = page_on(&self.conn, q, page, Part::Whole)?;
        self.complete_rows(&mut todos)?;
        Ok(todos)
    }

    /// How many todos a view holds. Without a filter, a list's count (open or all) and the
    /// count of every todo come from the counters the schema keeps.
    pub fn count_view(&self, q: &ViewQuery<'_>) -> Result<i64> {
        if q.filter.is_empty()
            && let Some(count) = self.count_unfiltered(q.scope, q.hide_done)?
        {
            return Ok(count);
        }
        self.find_note_hits(&q.filter.text)?;
        count_on(&self.conn, q, None, Part::Whole)
    }

    /// A list's, the Inbox's or All's count of todos (open ones, with `open_only`) from
    /// the schema's counters; `None` for a view they do not count (Today, Upcoming).
    pub(super) fn count_unfiltered(
        &self,
        scope: ViewScope,
        open_only: bool,
    ) -> Result<Option<i64>> {
        let column = if open_only { "open" } else { "todos" };
        let key = match scope {
            ViewScope::Inbox => Some(0),
            ViewScope::List(id) => Some(id.0),
            ViewScope::All => None,
            ViewScope::Due { .. } => return Ok(None),
        };
        Ok(Some(
            self.conn
                .prepare_cached(&format!(
                    "SELECT coalesce(sum({column}), 0) FROM list_counts
                     WHERE ?1 IS NULL OR list_key = ?1"
                ))?
                .query_row([key], |r| r.get(0))?,
        ))
    }

    /// How many todos of a view are at or after `from` in its order (see
    /// [`count_live_todos_from`](Store::count_live_todos_from)).
    pub fn count_view_from(&self, q: &ViewQuery<'_>, from: RowKey) -> Result<i64> {
        self.find_note_hits(&q.filter.text)?;
        count_on(&self.conn, q, Some(from), Part::Whole)
    }

    /// The ids of every todo of a view, in its order: what marking all of it marks.
    pub fn view_ids(&self, q: &ViewQuery<'_>) -> Result<Vec<TodoId>> {
        self.find_note_hits(&q.filter.text)?;
        let c = conditions(q);
        let (first, second) = q.scope.key_columns();
        let sql = format!(
            "SELECT t.id FROM todos t {} WHERE {} ORDER BY {first}, {second}",
            q.scope.index(),
            c.and()
        );
        Ok(self
            .conn
            .prepare_cached(&sql)?
            .query_map(rusqlite::params_from_iter(c.values), |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?)
    }
}
