//! The first screenful of a filtered view and how many todos it holds in all: what a
//! filter keystroke reads, in one pass (see `page::screen_and_count`). A big view is read
//! as two halves of its order at once, on two connections (`split.rs`): at a million
//! todos that pass is the whole cost of the key.

use super::page::screen_and_count;
use super::todos::Todo;
use super::views::{Part, ViewQuery, ViewScope, count_on, page_on};
use super::{Result, Store};

/// Views smaller than this are read in one piece: a pass over them is a few milliseconds,
/// less than a second connection costs to open.
const SPLIT_FROM: i64 = 10_000;

impl Store {
    /// The first `height` todos of a view (its filter applied) and how many it holds.
    pub fn view_start(&self, q: &ViewQuery<'_>, height: i64) -> Result<(Vec<Todo>, i64)> {
        self.find_note_hits(&q.filter.text)?;
        let (mut rows, total) = match self.split_point(q)? {
            None => start_on(&self.conn, q, height, Part::Whole)?,
            Some(middle) => {
                let ((mut rows, left), (right_rows, right)) = self.in_two(
                    |conn| start_on(conn, q, height, Part::Below(middle)),
                    |conn| start_on(conn, q, height, Part::From(middle)),
                )?;
                rows.extend(right_rows);
                rows.truncate(height.max(0) as usize);
                (rows, left + right)
            }
        };
        self.name_lists(&mut rows)?;
        Ok((rows, total))
    }

    /// Where a big view is cut in two: the middle of its first key column's range (the
    /// positions of a list, the ids of All). `None` for a small view, and for Today and
    /// Upcoming, whose index holds only the open todos with a due date.
    fn split_point(&self, q: &ViewQuery<'_>) -> Result<Option<i64>> {
        let Some(size) = self.count_unfiltered(q.scope, false)? else {
            return Ok(None);
        };
        if size < SPLIT_FROM {
            return Ok(None);
        }
        let bounds = |r: &rusqlite::Row<'_>| Ok((r.get(0)?, r.get(1)?));
        let (low, high): (Option<i64>, Option<i64>) = match q.scope {
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
        Ok(low.zip(high).map(|(low, high)| low + (high - low) / 2 + 1))
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

/// The first `height` todos of `part` of a view and how many it holds, on `conn`.
fn start_on(
    conn: &rusqlite::Connection,
    q: &ViewQuery<'_>,
    height: i64,
    part: Part,
) -> Result<(Vec<Todo>, i64)> {
    screen_and_count(
        height,
        |todo| q.scope.key(todo),
        |page| page_on(conn, q, page, part),
        |from| count_on(conn, q, Some(from), part),
    )
}
