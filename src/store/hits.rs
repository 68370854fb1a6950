//! What a filter's text matches outside the rows a view walks: the todos whose note holds
//! it (for the todo views), and the trash entries whose todos' titles or list's name hold
//! it (for the Trash). Each set is found in one pass per filter text and change of the
//! data, split over two connections (`split.rs`), and then asked about row by row through
//! the SQL functions `note_hit(todo_id)` and `entry_hit(entry_id)` (a binary search).
//!
//! As a subquery (`id IN (SELECT …)`), SQLite made the set again for every statement: a
//! filter keystroke reads a screenful and then counts, so the notes of a million todos
//! were read twice a key, and the Trash's titles twice.

use std::cell::RefCell;
use std::sync::{Arc, RwLock};

use rusqlite::Connection;
use rusqlite::functions::FunctionFlags;

use super::page::like_pattern;
use super::{Result, Store};

/// The ids each function answers for, sorted.
#[derive(Default)]
pub(super) struct Hits {
    notes: RwLock<Vec<i64>>,
    entries: RwLock<Vec<i64>>,
}

/// The pattern and data each set was found for: the pattern, `PRAGMA data_version` (other
/// connections' commits) and this connection's own changes.
type FoundFor = (String, i64, u64);

/// What each set of [`Hits`] was found for, `None` before the first.
#[derive(Default)]
pub(super) struct HitsFoundFor {
    notes: RefCell<Option<FoundFor>>,
    entries: RefCell<Option<FoundFor>>,
}

/// Makes `note_hit` and `entry_hit` known to `conn`. Direct-only: no trigger or view in a
/// file can call them.
pub(super) fn register_hit_functions(conn: &Connection, hits: &Arc<Hits>) -> rusqlite::Result<()> {
    let flags = FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DIRECTONLY;
    let notes = Arc::clone(hits);
    conn.create_scalar_function("note_hit", 1, flags, move |ctx| {
        let id: i64 = ctx.get(0)?;
        Ok(read(&notes.notes).binary_search(&id).is_ok())
    })?;
    let entries = Arc::clone(hits);
    conn.create_scalar_function("entry_hit", 1, flags, move |ctx| {
        let id: i64 = ctx.get(0)?;
        Ok(read(&entries.entries).binary_search(&id).is_ok())
    })
}

/// A set's ids; a writer that panicked left them whole (they are replaced, never edited).
fn read(set: &RwLock<Vec<i64>>) -> std::sync::RwLockReadGuard<'_, Vec<i64>> {
    set.read().unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn replace(set: &RwLock<Vec<i64>>, ids: Vec<i64>) {
    *set.write().unwrap_or_else(|poisoned| poisoned.into_inner()) = ids;
}

impl Store {
    /// Makes `note_hit(id)` true for the todos whose note contains `text` (nothing to do
    /// for an empty text, which tests no note).
    pub(super) fn find_note_hits(&self, text: &str) -> Result<()> {
        let Some((pattern, found_for)) = self.hits_stale(&self.hits_found_for.notes, text)? else {
            return Ok(());
        };
        let ids = self.ids_in_two(
            "SELECT (SELECT min(todo_id) FROM todo_notes), (SELECT max(todo_id) FROM todo_notes)",
            "SELECT todo_id FROM todo_notes
             WHERE todo_id >= ?1 AND todo_id < ?2 AND note LIKE ?3 ESCAPE '\\'",
            &pattern,
        )?;
        replace(&self.hits.notes, ids);
        *self.hits_found_for.notes.borrow_mut() = Some(found_for);
        Ok(())
    }

    /// Makes `entry_hit(id)` true for the trash entries holding a todo whose title
    /// contains `text`, or a list whose name does.
    pub(super) fn find_entry_hits(&self, text: &str) -> Result<()> {
        let Some((pattern, found_for)) = self.hits_stale(&self.hits_found_for.entries, text)?
        else {
            return Ok(());
        };
        // Along the index of trashed todos, which holds their titles, in entry order.
        let mut ids = self.ids_in_two(
            "SELECT (SELECT min(trash_entry_id) FROM todos INDEXED BY todos_by_entry
                     WHERE trash_entry_id IS NOT NULL),
                    (SELECT max(trash_entry_id) FROM todos INDEXED BY todos_by_entry
                     WHERE trash_entry_id IS NOT NULL)",
            "SELECT DISTINCT trash_entry_id FROM todos INDEXED BY todos_by_entry
             WHERE trash_entry_id >= ?1 AND trash_entry_id < ?2 AND title LIKE ?3 ESCAPE '\\'",
            &pattern,
        )?;
        let lists = self
            .conn
            .prepare_cached(
                "SELECT trash_entry_id FROM lists
                 WHERE trash_entry_id IS NOT NULL AND name LIKE ?1 ESCAPE '\\'",
            )?
            .query_map([&pattern], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<i64>>>()?;
        if !lists.is_empty() {
            ids.extend(lists);
            ids.sort_unstable();
            ids.dedup();
        }
        replace(&self.hits.entries, ids);
        *self.hits_found_for.entries.borrow_mut() = Some(found_for);
        Ok(())
    }

    /// The LIKE pattern of `text`, and what a set found now is found for, when the set
    /// `found_for` describes was found for another text or before the data last changed;
    /// `None` when it is current, or `text` is empty.
    fn hits_stale(
        &self,
        found_for: &RefCell<Option<FoundFor>>,
        text: &str,
    ) -> Result<Option<(String, FoundFor)>> {
        let Some(pattern) = like_pattern(text) else {
            return Ok(None);
        };
        let now = (
            pattern.clone(),
            self.data_version()?,
            self.conn.total_changes(),
        );
        if found_for.borrow().as_ref() == Some(&now) {
            return Ok(None);
        }
        Ok(Some((pattern, now)))
    }

    /// The ids `select` finds for `pattern` (as `?3`) in the id range `[?1, ?2)`, read as
    /// two halves of the range that `bounds` gives (its least and greatest id), in order.
    fn ids_in_two(&self, bounds: &str, select: &str, pattern: &str) -> Result<Vec<i64>> {
        let (low, high): (Option<i64>, Option<i64>) = self
            .conn
            .prepare_cached(bounds)?
            .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        let (Some(low), Some(high)) = (low, high) else {
            return Ok(Vec::new());
        };
        let middle = low + (high - low) / 2;
        let half = |conn: &Connection, from: i64, to: i64| -> Result<Vec<i64>> {
            Ok(conn
                .prepare_cached(select)?
                .query_map(rusqlite::params![from, to, pattern], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?)
        };
        let (mut ids, right) = self.in_two(
            |conn| half(conn, low, middle),
            |conn| half(conn, middle, high.saturating_add(1)),
        )?;
        ids.extend(right);
        Ok(ids)
    }
}
