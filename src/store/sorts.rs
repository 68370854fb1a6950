//! A view read in an order other than its own (`s`): due, priority, created, title. No
//! index holds a view in those orders, so its ids are read once per change of the data,
//! in that order, and its rows a screenful at a time by id.

use super::ids::TodoId;
use super::todo_pages::{PAGE_COLUMNS, unnamed_todo_from_row};
use super::todos::Todo;
use super::views::{ViewQuery, ViewScope, conditions};
use super::{Result, Store};

/// The order of a view besides its own (`Natural`: a list's manual order, All's oldest
/// first, Today's and Upcoming's soonest due first).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Sort {
    #[default]
    Natural,
    Due,
    Priority,
    Created,
    Title,
}

impl Sort {
    /// The next order `s` steps to.
    pub fn next(self) -> Sort {
        match self {
            Sort::Natural => Sort::Due,
            Sort::Due => Sort::Priority,
            Sort::Priority => Sort::Created,
            Sort::Created => Sort::Title,
            Sort::Title => Sort::Natural,
        }
    }

    /// Stored as a number (see `Store::view_settings`).
    pub fn stored(self) -> i64 {
        self as i64
    }

    pub fn from_stored(n: i64) -> Sort {
        [
            Sort::Natural,
            Sort::Due,
            Sort::Priority,
            Sort::Created,
            Sort::Title,
        ]
        .into_iter()
        .find(|s| s.stored() == n)
        .unwrap_or_default()
    }

    /// ORDER BY terms (before the view's own key, which breaks ties). Done and cancelled
    /// todos come after the open ones in every sort of its own (a list's natural order is
    /// the one its owner made with `J`/`K`, and stays as made).
    fn order_sql(self) -> &'static str {
        match self {
            Sort::Natural => "",
            // Without a due date or a priority: last.
            Sort::Due => "(t.done OR t.cancelled), t.due_at IS NULL, t.due_at, ",
            Sort::Priority => "(t.done OR t.cancelled), coalesce(t.priority, 0) DESC, ",
            Sort::Created => "(t.done OR t.cancelled), t.created_at, ",
            Sort::Title => "(t.done OR t.cancelled), t.title COLLATE NOCASE, ",
        }
    }
}

impl Store {
    /// The ids of a view in `sort`'s order (ties in the view's own). A view sorted other
    /// than its own way has no index in that order: the app reads its ids once per change
    /// and its rows a screenful at a time by id ([`todos_by_ids`](Store::todos_by_ids)).
    pub fn view_ids_sorted(&self, q: &ViewQuery<'_>, sort: Sort) -> Result<Vec<TodoId>> {
        self.find_note_hits(&q.filter.text)?;
        let c = conditions(q);
        let (first, second) = q.scope.key_columns();
        let sql = format!(
            "SELECT t.id FROM todos t {} WHERE {} ORDER BY {}{first}, {second}",
            match q.scope {
                ViewScope::All => "INDEXED BY todos_live",
                other => other.index(),
            },
            c.and(),
            sort.order_sql()
        );
        Ok(self
            .conn
            .prepare_cached(&sql)?
            .query_map(rusqlite::params_from_iter(c.values), |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// The live todos `ids` name, in that order (those no longer live are left out).
    pub fn todos_by_ids(&self, ids: &[TodoId]) -> Result<Vec<Todo>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {PAGE_COLUMNS} FROM todos t WHERE t.id = ?1 AND t.trash_entry_id IS NULL"
        ))?;
        let mut todos = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(todo) =
                rusqlite::OptionalExtension::optional(stmt.query_row([id], unnamed_todo_from_row))?
            {
                todos.push(todo);
            }
        }
        self.complete_rows(&mut todos)?;
        Ok(todos)
    }
}
