//! Places in an order: where a new todo or list goes, and renumbering 1, 2, 3… when the
//! places given out would pass [`MAX_POSITION`] (the largest an export can carry).

use rusqlite::Transaction;

use super::Result;
use super::ids::{ListId, MAX_POSITION};

/// The position after the last live todo of `list` (or the Inbox). Past [`MAX_POSITION`]
/// the list's live todos are renumbered 1, 2, 3… in their order first, so a place softly
/// gives out is always one an export can carry.
pub(super) fn next_position(tx: &Transaction, list: Option<ListId>) -> Result<i64> {
    let last = last_position(tx, list)?;
    if last < MAX_POSITION {
        return Ok(last + 1);
    }
    Ok(renumber_todos(tx, list)? + 1)
}

/// The place of the last live todo of `list` (or the Inbox), 0 when it has none.
pub(super) fn last_position(tx: &Transaction, list: Option<ListId>) -> Result<i64> {
    Ok(tx.query_row(
        "SELECT coalesce(max(position), 0) FROM todos
         WHERE list_id IS ?1 AND trash_entry_id IS NULL",
        [list],
        |r| r.get(0),
    )?)
}

/// Gives the live todos of `list` (or the Inbox) the places 1, 2, 3… in their order;
/// returns how many there are.
pub(super) fn renumber_todos(tx: &Transaction, list: Option<ListId>) -> Result<i64> {
    Ok(tx.execute(
        "UPDATE todos SET position = n.place
         FROM (SELECT id, row_number() OVER (ORDER BY position, id) AS place FROM todos
               WHERE list_id IS ?1 AND trash_entry_id IS NULL) AS n
         WHERE todos.id = n.id",
        [list],
    )? as i64)
}

/// The place after every list ever made, trashed ones too, so a restored list returns to
/// its own place instead of tying with a newer one. Past [`MAX_POSITION`] the lists are
/// renumbered 1, 2, 3… in their order first.
pub(super) fn next_list_position(tx: &Transaction) -> Result<i64> {
    let last: i64 = tx.query_row("SELECT coalesce(max(position), 0) FROM lists", [], |r| {
        r.get(0)
    })?;
    if last < MAX_POSITION {
        return Ok(last + 1);
    }
    Ok(renumber_lists(tx)? + 1)
}

/// Gives every list (trashed ones too) the places 1, 2, 3… in their order; returns how
/// many there are.
pub(super) fn renumber_lists(tx: &Transaction) -> Result<i64> {
    Ok(tx.execute(
        "UPDATE lists SET position = n.place
         FROM (SELECT id, row_number() OVER (ORDER BY position, id) AS place FROM lists) AS n
         WHERE lists.id = n.id",
        [],
    )? as i64)
}
