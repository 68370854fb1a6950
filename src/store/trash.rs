//! The Trash: entries, restore, erase, empty and purge (their scrub is `scrub.rs`).

use jiff::Timestamp;
use rusqlite::{OptionalExtension, Transaction, params};

use super::ids::EntryId;
use super::log::{LogReason, Trigger, write_log};
use super::page::{Page, RowKey, TITLE_MATCH, like_pattern, query_page};
use super::scrub::mark_scrub_pending;
use super::todos::distinct;
use super::{Result, Store, StoreError, ms, ts};

/// What a trash entry holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryKind {
    /// One todo.
    Todo,
    /// A list and the todos that were live in it when it was deleted.
    List,
}

impl EntryKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EntryKind::Todo => "todo",
            EntryKind::List => "list",
        }
    }

    pub(super) fn parse(s: &str) -> EntryKind {
        if s == "list" {
            EntryKind::List
        } else {
            EntryKind::Todo
        }
    }
}

/// One entry in the Trash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrashEntry {
    pub id: EntryId,
    pub kind: EntryKind,
    /// The todo's title, or the list's name.
    pub title: String,
    /// How many todos the entry holds (1 for a todo entry).
    pub todos: i64,
    pub deleted_at: Timestamp,
}

impl TrashEntry {
    /// The key that orders the Trash, for paging.
    pub fn key(&self) -> RowKey {
        (self.deleted_at.as_millisecond(), self.id.0)
    }
}

/// How many rows an erase or purge removed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct EraseCounts {
    pub entries: i64,
    pub todos: i64,
    pub lists: i64,
}

impl EraseCounts {
    pub fn is_empty(&self) -> bool {
        self.entries == 0
    }
}

/// The result of an erase, empty or purge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EraseOutcome {
    pub counts: EraseCounts,
    /// False when another reader kept the write-ahead log busy, so erased text may still sit
    /// in the `-wal` file; the scrub is retried at the next open (or the next timer tick).
    pub scrubbed: bool,
}

/// Entries with their title (the todo's, or the list's name) as column `title`.
const ENTRY_SELECT: &str = "
    SELECT e.id, e.kind, e.deleted_at,
           CASE e.kind
             WHEN 'list' THEN (SELECT name FROM lists WHERE trash_entry_id = e.id)
             ELSE (SELECT title FROM todos WHERE trash_entry_id = e.id)
           END AS title,
           (SELECT count(*) FROM todos WHERE trash_entry_id = e.id)
    FROM trash_entries e";

fn entry_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<TrashEntry> {
    Ok(TrashEntry {
        id: r.get(0)?,
        kind: EntryKind::parse(&r.get::<_, String>(1)?),
        deleted_at: ts(r.get(2)?),
        title: r.get::<_, Option<String>>(3)?.unwrap_or_default(),
        todos: r.get(4)?,
    })
}

impl Store {
    /// Every trash entry, the soonest purge (the oldest delete) first.
    pub fn trash_entries(&self) -> Result<Vec<TrashEntry>> {
        self.trash_page(None, Page::default())
    }

    /// One page of the Trash, the soonest purge first (see [`Page`]): entries deleted after
    /// `after` (the purge cutoff, so that nothing past its time is shown even before the purge
    /// has run) whose title contains `page.filter`.
    pub fn trash_page(&self, after: Option<Timestamp>, page: Page<'_>) -> Result<Vec<TrashEntry>> {
        let (keys, order) = page.key_sql("t.deleted_at", "t.id");
        let sql = format!(
            "SELECT * FROM ({ENTRY_SELECT} WHERE e.deleted_at > ?1) t
             WHERE {TITLE_MATCH} AND {keys}
             ORDER BY {order} LIMIT ?3 OFFSET ?4"
        );
        Ok(query_page(
            &self.conn,
            &sql,
            &after.map_or(i64::MIN, ms),
            &page,
            entry_from_row,
        )?)
    }

    /// How many entries `trash_page(after, …)` would show in all.
    pub fn count_trash(&self, after: Option<Timestamp>, filter: &str) -> Result<i64> {
        let after = after.map_or(i64::MIN, ms);
        if filter.is_empty() {
            // The common case needs no titles and no counting: the size the triggers keep,
            // less the entries at or before `after` (expired ones the purge has not taken
            // yet: usually none, so the index finds nothing to count).
            return Ok(self
                .conn
                .prepare_cached(
                    "SELECT (SELECT entries FROM trash_size)
                          - (SELECT count(*) FROM trash_entries WHERE deleted_at <= ?1)",
                )?
                .query_row([after], |r| r.get(0))?);
        }
        let sql = format!(
            "SELECT count(*) FROM ({ENTRY_SELECT} WHERE e.deleted_at > ?1) t WHERE {TITLE_MATCH}"
        );
        Ok(self
            .conn
            .prepare_cached(&sql)?
            .query_row(params![after, like_pattern(filter)], |r| r.get(0))?)
    }

    /// How many entries `trash_page(after, …)` would show whose title contains `filter` and
    /// whose place in the view is at or after `from` (see
    /// [`count_live_todos_from`](Store::count_live_todos_from)).
    pub fn count_trash_from(
        &self,
        after: Option<Timestamp>,
        filter: &str,
        from: RowKey,
    ) -> Result<i64> {
        let sql = format!(
            "SELECT count(*) FROM ({ENTRY_SELECT} WHERE e.deleted_at > ?1) t
             WHERE t.deleted_at >= ?3 AND (t.deleted_at > ?3 OR t.id >= ?4)
               AND {TITLE_MATCH}"
        );
        Ok(self.conn.prepare_cached(&sql)?.query_row(
            params![
                after.map_or(i64::MIN, ms),
                like_pattern(filter),
                from.0,
                from.1
            ],
            |r| r.get(0),
        )?)
    }

    /// [`count_trash`](Store::count_trash) without a filter, unless more than `budget` entries
    /// are at or before `after`: then `None`, having looked at no more than `budget + 1` of
    /// them. Those are a purge backlog (after weeks away, it can be most of the Trash), which
    /// costs a walk to count and which the purge is about to take anyway.
    pub fn count_trash_within(&self, after: Option<Timestamp>, budget: u32) -> Result<Option<i64>> {
        let (size, expired): (i64, i64) = self
            .conn
            .prepare_cached(
                "SELECT (SELECT entries FROM trash_size),
                        (SELECT count(*) FROM (SELECT 1 FROM trash_entries
                                               WHERE deleted_at <= ?1 LIMIT ?2 + 1))",
            )?
            .query_row(params![after.map_or(i64::MIN, ms), budget], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?;
        Ok((expired <= i64::from(budget)).then_some(size - expired))
    }

    /// One trash entry.
    pub fn trash_entry(&self, id: EntryId) -> Result<TrashEntry> {
        let sql = format!("{ENTRY_SELECT} WHERE e.id = ?1");
        self.conn
            .query_row(&sql, [id], entry_from_row)
            .optional()?
            .ok_or(StoreError::NoSuchEntry(id))
    }

    /// The number of entries in the Trash.
    pub fn trash_count(&self) -> Result<i64> {
        self.count_trash(None, "")
    }

    /// Erases entries forever: all their rows, and nothing else. Logged with `trigger`.
    pub fn erase_entries(
        &mut self,
        ids: &[EntryId],
        now: Timestamp,
        trigger: Trigger,
    ) -> Result<EraseOutcome> {
        let ids = distinct(ids);
        let counts = self.write_unchecked(|tx| {
            require_entries(tx, &ids)?;
            let mut total = EraseCounts::default();
            for id in &ids {
                let c = erase_where(tx, "trash_entries.id = ?1", [id])?;
                total.entries += c.entries;
                total.todos += c.todos;
                total.lists += c.lists;
            }
            if !total.is_empty() {
                write_log(tx, now, LogReason::Erase, trigger, None, total)?;
                mark_scrub_pending(tx)?;
            }
            Ok(total)
        })?;
        Ok(self.after_erase(counts))
    }

    /// Erases every entry in the Trash.
    pub fn empty_trash(&mut self, now: Timestamp, trigger: Trigger) -> Result<EraseOutcome> {
        let counts = self.write_unchecked(|tx| {
            let counts = erase_where(tx, "1", params![])?;
            if !counts.is_empty() {
                write_log(tx, now, LogReason::Empty, trigger, None, counts)?;
                mark_scrub_pending(tx)?;
            }
            Ok(counts)
        })?;
        Ok(self.after_erase(counts))
    }

    /// Erases, in one transaction, every entry deleted at or before `cutoff`. Entries stamped
    /// after it (including any deleted while this waited for the lock, and any "in the
    /// future" after the clock moved back) are untouched. Logged only when it erased something.
    pub fn purge(
        &mut self,
        cutoff: Timestamp,
        now: Timestamp,
        trigger: Trigger,
    ) -> Result<EraseOutcome> {
        let counts = self.write_unchecked(|tx| {
            let counts = erase_where(tx, "deleted_at <= ?1", [ms(cutoff)])?;
            if !counts.is_empty() {
                write_log(tx, now, LogReason::Purge, trigger, Some(cutoff), counts)?;
                mark_scrub_pending(tx)?;
            }
            Ok(counts)
        })?;
        Ok(self.after_erase(counts))
    }

    /// What `purge(cutoff)` would erase, without erasing it.
    pub fn purge_preview(&self, cutoff: Timestamp) -> Result<EraseCounts> {
        self.purge_preview_after(None, cutoff)
    }

    /// What `purge(cutoff)` would erase among the entries deleted after `after`: what a
    /// purge to `cutoff` takes beyond one to `after`.
    pub fn purge_preview_after(
        &self,
        after: Option<Timestamp>,
        cutoff: Timestamp,
    ) -> Result<EraseCounts> {
        Ok(self.conn.query_row(
            "SELECT count(*),
                    coalesce(sum((SELECT count(*) FROM todos WHERE trash_entry_id = e.id)), 0),
                    coalesce(sum((SELECT count(*) FROM lists WHERE trash_entry_id = e.id)), 0)
             FROM trash_entries e WHERE e.deleted_at <= ?1 AND e.deleted_at > ?2",
            params![ms(cutoff), after.map_or(i64::MIN, ms)],
            |r| {
                Ok(EraseCounts {
                    entries: r.get(0)?,
                    todos: r.get(1)?,
                    lists: r.get(2)?,
                })
            },
        )?)
    }

    /// The delete time of the oldest entry, which is the next one the purge will take.
    pub fn oldest_deleted_at(&self) -> Result<Option<Timestamp>> {
        self.oldest_deleted_after(None)
    }

    /// The delete time of the oldest entry deleted after `after` (the oldest one a view that
    /// hides expired entries still shows).
    pub fn oldest_deleted_after(&self, after: Option<Timestamp>) -> Result<Option<Timestamp>> {
        let oldest: Option<i64> = self
            .conn
            .prepare_cached("SELECT min(deleted_at) FROM trash_entries WHERE deleted_at > ?1")?
            .query_row([after.map_or(i64::MIN, ms)], |r| r.get(0))?;
        Ok(oldest.map(ts))
    }

    /// Scrubs the disk after an erase; returns what was erased and whether the text is now
    /// gone from disk.
    fn after_erase(&mut self, counts: EraseCounts) -> EraseOutcome {
        if counts.is_empty() {
            return EraseOutcome {
                counts,
                scrubbed: true,
            };
        }
        let scrubbed = self.scrub_after_removal();
        EraseOutcome { counts, scrubbed }
    }
}

/// Fails with the first id that is not a trash entry.
pub(super) fn require_entries(tx: &Transaction, ids: &[EntryId]) -> Result<()> {
    let mut stmt = tx.prepare_cached("SELECT 1 FROM trash_entries WHERE id = ?1")?;
    for &id in ids {
        if !stmt.exists([id])? {
            return Err(StoreError::NoSuchEntry(id));
        }
    }
    Ok(())
}

/// Hard-deletes the entries matching `condition` (SQL over `trash_entries`, with `id`
/// written `trash_entries.id`) and exactly
/// their rows. Todos trashed earlier from a list erased here stay in the Trash on their own
/// clock; they are marked so that a later restore can say why they land in the Inbox.
///
/// The statements keep every reference valid themselves (children go before their parents,
/// and todos left pointing at an erased list are detached explicitly), which is what lets
/// [`Store::write_unchecked`] skip SQLite's per-row foreign-key probes: a catch-up purge of
/// 250,000 entries spends a fifth of its time on them otherwise.
fn erase_where(
    tx: &Transaction,
    condition: &str,
    params: impl rusqlite::Params + Copy,
) -> Result<EraseCounts> {
    let entries = format!("SELECT id FROM trash_entries WHERE {condition}");
    // Lists are few, so start from the lists in the Trash rather than from the (possibly
    // hundreds of thousands of) entries being erased.
    // (CROSS JOIN keeps lists as the outer loop.)
    let erased_lists = format!(
        "SELECT lists.id FROM lists CROSS JOIN trash_entries
         ON trash_entries.id = lists.trash_entry_id
         WHERE lists.trash_entry_id IS NOT NULL AND {condition}"
    );
    tx.execute(
        &format!(
            "UPDATE todos SET list_id = NULL, list_erased = 1
             WHERE list_id IN ({erased_lists})
               AND trash_entry_id IS NOT (SELECT trash_entry_id FROM lists WHERE id = todos.list_id)"
        ),
        params,
    )?;
    let todos = tx.execute(
        &format!("DELETE FROM todos WHERE trash_entry_id IN ({entries})"),
        params,
    )?;
    let lists = tx.execute(
        &format!("DELETE FROM lists WHERE id IN ({erased_lists})"),
        params,
    )?;
    let entries = tx.execute(
        &format!("DELETE FROM trash_entries WHERE {condition}"),
        params,
    )?;
    Ok(EraseCounts {
        entries: entries as i64,
        todos: todos as i64,
        lists: lists as i64,
    })
}
