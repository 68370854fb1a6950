//! Ticking todos done, where a recurring one makes its next occurrence: a new todo with
//! the next due date, the same title, list, priority and note, which takes the recurrence
//! over (so unticking and ticking the old one again does not make a second). Taken back by
//! [`Store::take_back_occurrence`].

use jiff::Timestamp;
use jiff::tz::TimeZone;
use rusqlite::{Transaction, params};

use super::ids::{TodoId, new_id};
use super::positions::next_position;
use super::rows::{TODO_COLUMNS, TodoRow, todo_from_row};
use super::tags_notes::{write_note, write_tags};
use super::todos::{Details, due_from, every_from, insert_todo, require_live_todos};
use super::{Result, Store};
use crate::fields::series::{self, Anchor};
use crate::fields::{Due, Priority, Recurrence};

/// The todo a recurring one made when it was ticked done.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NextOccurrence {
    /// The todo ticked done.
    pub done: TodoId,
    /// The new todo.
    pub next: TodoId,
    pub due: Due,
    /// The recurrence, which moved from the done todo to the new one.
    pub every: Recurrence,
}

/// What ticking a todo done reads of it.
struct Ticked {
    done: bool,
    cancelled: bool,
    list: Option<super::ids::ListId>,
    title: String,
    due: Option<Due>,
    priority: Option<i64>,
    every: Option<Recurrence>,
    /// Where its series is anchored, if an earlier occurrence said (`fields/series.rs`).
    anchor: Option<Anchor>,
}

impl Store {
    /// Marks todos done, in one transaction; each recurring one (with a due date) makes its
    /// next occurrence, due by its rule after the one ticked and after `now` (ticking a daily
    /// todo three days late makes one due today or later, not three overdue ones), in
    /// `zone`'s calendar. All or nothing. Todos already done are left as they are.
    pub fn mark_done(
        &mut self,
        ids: &[TodoId],
        now: Timestamp,
        zone: &TimeZone,
    ) -> Result<Vec<NextOccurrence>> {
        self.write(|tx| mark_done_in(tx, ids, now, zone))
    }

    /// Takes back a [`NextOccurrence`]: removes the new todo (it was never meant to exist
    /// apart from the tick), gives the recurrence back to the done one and unticks it.
    /// Refused, changing nothing, when either is no longer live. Returns what the tick made,
    /// for a redo to put back exactly.
    pub fn take_back_occurrence(&mut self, made: &NextOccurrence) -> Result<TakenBack> {
        let mut taken = None;
        self.write_removing_text(|tx| {
            taken = Some(take_back_in(tx, made)?);
            Ok(true)
        })?;
        Ok(taken.expect("read in the transaction"))
    }

    /// Ticks `made.done` again as it was, and puts back the very occurrence the tick had
    /// made (its id, place, note and all): a redo of a taken-back tick.
    pub fn redo_occurrence(&mut self, made: &NextOccurrence, taken: &TakenBack) -> Result<()> {
        self.write(|tx| redo_in(tx, made, taken))
    }
}

/// [`Store::mark_done`] in the caller's transaction.
pub(super) fn mark_done_in(
    tx: &Transaction,
    ids: &[TodoId],
    now: Timestamp,
    zone: &TimeZone,
) -> Result<Vec<NextOccurrence>> {
    require_live_todos(tx, ids)?;
    let mut made = Vec::new();
    for &id in ids {
        let Ticked {
            done,
            cancelled,
            list,
            title,
            due,
            priority,
            every,
            anchor,
        } = tx.query_row(
            "SELECT done, list_id, title, due_at, due_has_time, priority, every, cancelled,
                    every_anchor
             FROM todos WHERE id = ?1",
            [id],
            |r| {
                Ok(Ticked {
                    done: r.get(0)?,
                    cancelled: r.get(7)?,
                    list: r.get(1)?,
                    title: r.get(2)?,
                    due: due_from(r.get(3)?, r.get(4)?),
                    priority: r.get(5)?,
                    every: every_from(r.get(6)?),
                    anchor: r
                        .get::<_, Option<String>>(8)?
                        .as_deref()
                        .and_then(Anchor::parse),
                })
            },
        )?;
        // Done already; a cancelled one is done after all.
        if done && !cancelled {
            continue;
        }
        tx.execute(
            "UPDATE todos SET done = 1, done_at = ?2, cancelled = 0 WHERE id = ?1",
            params![id, super::ms(now)],
        )?;
        let (Some(every), Some(due)) = (every, due) else {
            continue;
        };
        let anchor = anchor.unwrap_or_else(|| Anchor::of(due, zone));
        let Some(next_due) = series::next_after(every, anchor, due, now, zone) else {
            continue;
        };
        let details = Details {
            due: Some(next_due),
            priority: priority.and_then(Priority::from_stored),
            note: None,
            every: Some(every),
        };
        let position = next_position(tx, list)?;
        insert_todo(tx, &title, list, position, &details, now)?;
        let next = new_id(tx, "todos")?;
        tx.execute(
            "UPDATE todos SET every_anchor = ?2 WHERE id = ?1",
            params![next, anchor.text()],
        )?;
        write_tags(tx, next, &title, false)?;
        let note: Option<String> = tx.query_row(
            "SELECT (SELECT note FROM todo_notes WHERE todo_id = ?1)",
            [id],
            |r| r.get(0),
        )?;
        write_note(tx, next, note.as_deref())?;
        tx.execute("UPDATE todos SET every = NULL WHERE id = ?1", [id])?;
        made.push(NextOccurrence {
            done: id,
            next: TodoId(next),
            due: next_due,
            every,
        });
    }
    Ok(made)
}

/// [`Store::take_back_occurrence`] in the caller's transaction (which removes text: the
/// occurrence's title and note).
pub(super) fn take_back_in(tx: &Transaction, made: &NextOccurrence) -> Result<TakenBack> {
    require_live_todos(tx, &[made.done, made.next])?;
    let next = tx.query_row(
        &format!("SELECT {TODO_COLUMNS} FROM todos WHERE id = ?1"),
        [made.next],
        todo_from_row,
    )?;
    let done_at: Option<i64> = tx.query_row(
        "SELECT done_at FROM todos WHERE id = ?1",
        [made.done],
        |r| r.get(0),
    )?;
    // The series' anchor went on to the occurrence: it comes back with the rule.
    let anchor: Option<String> = tx.query_row(
        "SELECT every_anchor FROM todos WHERE id = ?1",
        [made.next],
        |r| r.get(0),
    )?;
    tx.execute("DELETE FROM todos WHERE id = ?1", [made.next])?;
    tx.execute(
        "UPDATE todos SET done = 0, done_at = NULL, every = ?2 WHERE id = ?1",
        params![made.done, made.every.text()],
    )?;
    tx.execute(
        "UPDATE todos SET every_anchor = ?2 WHERE id = ?1",
        params![made.done, anchor],
    )?;
    Ok(TakenBack {
        next,
        done_at,
        anchor,
    })
}

/// [`Store::redo_occurrence`] in the caller's transaction.
pub(super) fn redo_in(tx: &Transaction, made: &NextOccurrence, taken: &TakenBack) -> Result<()> {
    require_live_todos(tx, &[made.done])?;
    tx.execute(
        "UPDATE todos SET done = 1, done_at = ?2, cancelled = 0, every = NULL
         WHERE id = ?1",
        params![made.done, taken.done_at],
    )?;
    super::revert::insert_row(tx, &taken.next)?;
    tx.execute(
        "UPDATE todos SET every_anchor = ?2 WHERE id = ?1",
        params![taken.next.id, taken.anchor],
    )?;
    Ok(())
}

/// What taking back a tick removed: the occurrence it made, and when the todo was done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TakenBack {
    pub next: TodoRow,
    pub done_at: Option<i64>,
    /// Where the series is anchored (`fields/series.rs`).
    pub anchor: Option<String>,
}
