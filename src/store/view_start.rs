//! The first screenful of a filtered view and how many todos it holds: what a filter
//! keystroke reads. A small view is read whole at once, in one pass (see
//! `page::screen_and_count`). In a big one a keystroke reads only the first stretch of the
//! view, about [`QUICK_ROWS`] rows, and leaves the rest (what a screenful still lacks, and
//! the count) to a worker (`background.rs`): at a million todos a pass over a view takes
//! ~50 ms, and neither typing nor the first rows wait for it.

use super::page::{BIG_VIEW, Page, RowKey, screen_and_count};
use super::todos::Todo;
use super::views::{Part, ViewQuery, ViewScope, count_on, page_on};
use super::{Result, Store};

/// How many rows of a big view a filter keystroke reads itself (a few milliseconds).
pub(super) const QUICK_ROWS: i64 = 30_000;

/// The first screenful of a filtered view, and how many rows it holds when that is known.
#[derive(Debug)]
pub struct ViewStart<T> {
    pub rows: Vec<T>,
    /// `None` while part of the view is still to be read: see `rest`.
    pub total: Option<i64>,
    /// What is left to read (by [`Store::finish_in_background`] or
    /// [`Store::finish_rest`]) when `total` is `None`.
    pub rest: Option<Rest>,
}

/// The part of a view past what a keystroke read: the rows from `from` on, of which a
/// screenful still lacks `rows_wanted`, all to be counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rest {
    pub from: RowKey,
    pub rows_wanted: i64,
}

impl<T> ViewStart<T> {
    /// From `rows`, read in the view's order from its start up to `stretch_end` (the key
    /// where the reading stopped; `None`: the view's end), a screenful and one more at
    /// most.
    pub(super) fn from_stretch(
        mut rows: Vec<T>,
        height: i64,
        key: impl Fn(&T) -> RowKey,
        stretch_end: Option<RowKey>,
    ) -> Self {
        let height = height.max(0);
        let (total, rest) = if rows.len() as i64 > height {
            let from = key(&rows[height as usize]);
            rows.truncate(height as usize);
            let rows_wanted = 0;
            (None, Some(Rest { from, rows_wanted }))
        } else {
            match stretch_end {
                None => (Some(rows.len() as i64), None),
                Some(from) => {
                    let rows_wanted = height - rows.len() as i64;
                    (None, Some(Rest { from, rows_wanted }))
                }
            }
        };
        ViewStart { rows, total, rest }
    }
}

impl Store {
    /// The first `height` todos of a view (its filter applied), and how many it holds: all
    /// of that for a small view; for a big one, what its first stretch holds (see the
    /// module's note and [`ViewStart`]).
    pub fn view_start(&self, q: &ViewQuery<'_>, height: i64) -> Result<ViewStart<Todo>> {
        self.find_note_hits(&q.filter.text)?;
        let mut start = match self.quick_stretch(q)? {
            None => {
                let (rows, total) = screen_and_count(
                    height,
                    |todo| q.scope.key(todo),
                    |page| page_on(&self.conn, q, page, Part::Whole),
                    |from| count_on(&self.conn, q, Some(from), Part::Whole),
                )?;
                ViewStart {
                    rows,
                    total: Some(total),
                    rest: None,
                }
            }
            Some(end) => {
                let page = Page {
                    limit: Some(height + 1),
                    ..Page::default()
                };
                let rows = page_on(&self.conn, q, page, Part::Below(end))?;
                // The rest starts where the stretch ends: first key column at `end`.
                let stretch_end = Some((end, i64::MIN));
                ViewStart::from_stretch(rows, height, |t| q.scope.key(t), stretch_end)
            }
        };
        self.complete_rows(&mut start.rows)?;
        Ok(start)
    }

    /// Where the first stretch of a big view ends: the value of its first key column
    /// (positions of a list, ids of All) about [`QUICK_ROWS`] rows in, as if its values
    /// were spread evenly. `None` for a small view, and for Today and Upcoming, whose
    /// index holds only the open todos with a due date.
    fn quick_stretch(&self, q: &ViewQuery<'_>) -> Result<Option<i64>> {
        let Some(size) = self.count_unfiltered(q.scope, false)? else {
            return Ok(None);
        };
        if size < BIG_VIEW {
            return Ok(None);
        }
        let Some((low, high)) = self.key_bounds(q.scope)? else {
            return Ok(None);
        };
        let span = i128::from(high) - i128::from(low) + 1;
        let quick = i128::from(self.quick_rows.get());
        let end = i128::from(low) + span * quick / i128::from(size);
        Ok((end <= i128::from(high)).then_some(end as i64))
    }

    /// The least and greatest value of a view's first key column (positions of a list,
    /// ids of All); `None` for an empty view, and for Today and Upcoming.
    pub(super) fn key_bounds(&self, scope: ViewScope) -> Result<Option<(i64, i64)>> {
        let bounds = |r: &rusqlite::Row<'_>| Ok((r.get(0)?, r.get(1)?));
        let (low, high): (Option<i64>, Option<i64>) = match scope {
            ViewScope::Inbox => self
                .conn
                .prepare_cached(POSITION_RANGE)?
                .query_row([None::<i64>], bounds)?,
            ViewScope::List(id) => self
                .conn
                .prepare_cached(POSITION_RANGE)?
                .query_row([id.0], bounds)?,
            ViewScope::All => self.conn.prepare_cached(ID_RANGE)?.query_row([], bounds)?,
            ViewScope::Due { .. } => return Ok(None),
        };
        Ok(low.zip(high))
    }
}

/// The least and greatest position of the live todos of list `?1` (NULL: the Inbox), each
/// one step along the index.
const POSITION_RANGE: &str = "
    SELECT (SELECT position FROM todos INDEXED BY todos_live
            WHERE trash_entry_id IS NULL AND list_id IS ?1 ORDER BY position LIMIT 1),
           (SELECT position FROM todos INDEXED BY todos_live
            WHERE trash_entry_id IS NULL AND list_id IS ?1 ORDER BY position DESC LIMIT 1)";

/// The least and greatest todo id, live or not: a cut in the middle of the ids is near the
/// middle of the live ones.
const ID_RANGE: &str = "SELECT (SELECT min(id) FROM todos), (SELECT max(id) FROM todos)";
