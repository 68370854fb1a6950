//! The purge log: one row per erase, empty or purge that removed something. It records when,
//! why, what set it off and how much went; never a title, so the log cannot undo an erase.

use jiff::Timestamp;
use rusqlite::{Transaction, params};

use super::trash::EraseCounts;
use super::{Result, Store, ms, ts};

/// Why rows were erased.
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
