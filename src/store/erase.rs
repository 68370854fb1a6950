//! Erasing forever: by hand (`E`, `X`, `softly erase`, `softly empty`) or by the purge.
//! Each erase removes exactly its entries' rows in one transaction, records the scrub in
//! that same transaction, and writes one line to the purge log, which is read back here too.

use jiff::Timestamp;
use rusqlite::{Transaction, params};

use super::distinct;
use super::ids::EntryId;
use super::scrub::mark_scrub_pending;
use super::trash::require_entries;
use super::{Result, Store, ms, ts};

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

/// Why rows were erased (a line of the purge log, which never holds a title, so it cannot
/// undo an erase).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogReason {
    /// The user erased chosen entries.
    Erase,
    /// The user emptied the Trash.
    Empty,
    /// The retention purge took entries past their time.
    Purge,
}

/// What set an erase or purge off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trigger {
    /// The purge that runs whenever softly opens the database.
    Startup,
    /// The purge the running app schedules for itself.
    Timer,
    /// A user's command or keystroke.
    Manual,
}

impl LogReason {
    pub fn as_str(self) -> &'static str {
        match self {
            LogReason::Erase => "erase",
            LogReason::Empty => "empty",
            LogReason::Purge => "purge",
        }
    }

    fn parse(s: &str) -> Option<Self> {
        [LogReason::Erase, LogReason::Empty, LogReason::Purge]
            .into_iter()
            .find(|r| r.as_str() == s)
    }
}

impl Trigger {
    pub fn as_str(self) -> &'static str {
        match self {
            Trigger::Startup => "startup",
            Trigger::Timer => "timer",
            Trigger::Manual => "manual",
        }
    }

    fn parse(s: &str) -> Option<Self> {
        [Trigger::Startup, Trigger::Timer, Trigger::Manual]
            .into_iter()
            .find(|t| t.as_str() == s)
    }
}

/// One line of the purge log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogRecord {
    pub at: Timestamp,
    pub reason: LogReason,
    pub trigger: Trigger,
    /// The purge cutoff (purges only): entries deleted at or before it were erased.
    pub cutoff: Option<Timestamp>,
    pub counts: EraseCounts,
}

impl Store {
    /// The purge log, oldest first.
    pub fn purge_log(&self) -> Result<Vec<LogRecord>> {
        let mut stmt = self.conn.prepare(
            "SELECT at, reason, trigger, cutoff, entries, todos, lists FROM purge_log ORDER BY id",
        )?;
        let records = stmt
            .query_map([], |r| {
                let reason: String = r.get(1)?;
                let trigger: String = r.get(2)?;
                Ok(LogRecord {
                    at: ts(r.get(0)?),
                    // The table's CHECK constraints admit only the known words.
                    reason: LogReason::parse(&reason).unwrap_or(LogReason::Erase),
                    trigger: Trigger::parse(&trigger).unwrap_or(Trigger::Manual),
                    cutoff: r.get::<_, Option<i64>>(3)?.map(ts),
                    counts: EraseCounts {
                        entries: r.get(4)?,
                        todos: r.get(5)?,
                        lists: r.get(6)?,
                    },
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(records)
    }
}

pub(super) fn write_log(
    tx: &Transaction,
    now: Timestamp,
    reason: LogReason,
    trigger: Trigger,
    cutoff: Option<Timestamp>,
    counts: EraseCounts,
) -> Result<()> {
    tx.execute(
        "INSERT INTO purge_log (at, reason, trigger, cutoff, entries, todos, lists)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            ms(now),
            reason.as_str(),
            trigger.as_str(),
            cutoff.map(ms),
            counts.entries,
            counts.todos,
            counts.lists
        ],
    )?;
    Ok(())
}

impl Store {
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

    /// Erases every entry in the Trash but the pinned ones (a pin says "keep this"; `E` on
    /// the entry itself erases it).
    pub fn empty_trash(&mut self, now: Timestamp, trigger: Trigger) -> Result<EraseOutcome> {
        let counts = self.write_unchecked(|tx| {
            let counts = erase_where(tx, "NOT pinned", params![])?;
            if !counts.is_empty() {
                write_log(tx, now, LogReason::Empty, trigger, None, counts)?;
                mark_scrub_pending(tx)?;
            }
            Ok(counts)
        })?;
        Ok(self.after_erase(counts))
    }

    /// Erases, in one transaction, every unpinned entry deleted at or before `cutoff`. Entries
    /// stamped after it (including any deleted while this waited for the lock, and any "in
    /// the future" after the clock moved back) are untouched, and so are pinned ones. Logged
    /// only when it erased something.
    pub fn purge(
        &mut self,
        cutoff: Timestamp,
        now: Timestamp,
        trigger: Trigger,
    ) -> Result<EraseOutcome> {
        let counts = self.write_unchecked(|tx| {
            let counts = erase_where(tx, "deleted_at <= ?1 AND NOT pinned", [ms(cutoff)])?;
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
             FROM trash_entries e
             WHERE e.deleted_at <= ?1 AND e.deleted_at > ?2 AND NOT e.pinned",
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
