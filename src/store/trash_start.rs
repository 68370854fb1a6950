//! The first screenful of the Trash's filter, and how many entries it finds: what a
//! keystroke in the Trash's filter reads. A small Trash is read whole at once. In a big one
//! the keystroke looks only at the first stretch of the Trash's order, testing each entry
//! there by its own index look-ups (the titles of its todos, its list's name), and leaves
//! the rest (the rows a screenful lacks, the count) to a worker (`background.rs`), which
//! finds every matching entry at once (`hits.rs`): at a million todos that is a pass over
//! half a million titles.

use jiff::Timestamp;

use super::page::{BIG_VIEW, Page, RowKey, like_pattern, screen_and_count};
use super::trash::{ENTRY_SELECT, SHOWN, TrashEntry, entry_from_row};
use super::view_start::ViewStart;
use super::{Result, Store, ms};

/// An entry's own look-ups cost about as much as this many rows of a view's pass, so the
/// stretch of the Trash a keystroke reads is the todo views' (`view_start.rs`) over this.
const LOOKUP_COST: i64 = 15;

impl Store {
    /// The first `height` entries `trash_page(after, …)` shows for `filter`, and how many
    /// it shows in all: all of that for a small Trash; for a big one, what its first
    /// stretch holds (see the module's note and [`ViewStart`]).
    pub fn trash_start(
        &self,
        after: Option<Timestamp>,
        filter: &str,
        height: i64,
    ) -> Result<ViewStart<TrashEntry>> {
        let page = |page: Page<'_>| self.trash_page(after, Page { filter, ..page });
        if self.trash_count()? < BIG_VIEW {
            let (rows, total) = screen_and_count(height, TrashEntry::key, page, |from| {
                self.count_trash_from(after, filter, from)
            })?;
            return Ok(ViewStart {
                rows,
                total: Some(total),
                rest: None,
            });
        }
        let after = after.map_or(i64::MIN, ms);
        let stretch = (self.quick_rows.get() / LOOKUP_COST).max(1);
        let end: Option<RowKey> = self
            .conn
            .prepare_cached(&format!(
                "SELECT e.deleted_at, e.id FROM trash_entries e WHERE {SHOWN}
                 ORDER BY e.deleted_at, e.id LIMIT 1 OFFSET ?2"
            ))?
            .query_row(rusqlite::params![after, stretch], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .map(Some)
            .or_else(|e| match e {
                rusqlite::Error::QueryReturnedNoRows => Ok(None),
                e => Err(e),
            })?;
        let Some(end) = end else {
            // The whole Trash is one stretch.
            let rows = page(Page {
                limit: Some(height + 1),
                ..Page::default()
            })?;
            return Ok(ViewStart::from_stretch(rows, height, TrashEntry::key, None));
        };
        let rows = self
            .conn
            .prepare_cached(&format!(
                "SELECT * FROM ({ENTRY_SELECT} WHERE {SHOWN}) t
                 WHERE (EXISTS (SELECT 1 FROM todos INDEXED BY todos_by_entry
                                WHERE trash_entry_id = t.id AND title LIKE ?2 ESCAPE '\\')
                        OR EXISTS (SELECT 1 FROM lists
                                   WHERE trash_entry_id = t.id AND name LIKE ?2 ESCAPE '\\'))
                   AND (t.deleted_at, t.id) < (?3, ?4)
                 ORDER BY t.deleted_at, t.id LIMIT ?5"
            ))?
            .query_map(
                rusqlite::params![after, like_pattern(filter), end.0, end.1, height + 1],
                entry_from_row,
            )?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(ViewStart::from_stretch(
            rows,
            height,
            TrashEntry::key,
            Some(end),
        ))
    }
}
