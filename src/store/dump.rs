//! Reading every row out, for `softly export`: in one read transaction, a row at a time,
//! or all at once around any damaged page (see `rescue`).

use rusqlite::Row;

use super::Result;
use super::Store;
use super::rescue::{is_corrupt, rescue, table_around_damage};
use super::rows::{
    ENTRY_COLUMNS, EntryRow, LIST_COLUMNS, ListRow, Rows, TODO_COLUMNS, TodoRow, entry_from_row,
    list_from_row, todo_from_row,
};

/// One row, as [`Store::each_row`] hands it over.
pub enum AnyRow<'a> {
    List(&'a ListRow),
    Todo(&'a TodoRow),
    Entry(&'a EntryRow),
}

/// How [`Store::each_row`] ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadAll {
    /// Every row was handed over.
    Complete,
    /// The caller said stop.
    Stopped,
    /// A damaged page was met: what was handed over is not everything, and
    /// [`Store::dump`] reads around the damage instead.
    Damaged,
}

impl Store {
    /// Reads every row, in one read transaction so the picture is consistent. From a
    /// damaged file it reads every row that can still be read, says what it could not
    /// (`Rows::rescue`), and records the damage so that nothing writes to the file again;
    /// `now` stamps any trash entry it has to make again.
    pub fn dump(&self, now: jiff::Timestamp) -> Result<Rows> {
        let tx = self.conn.unchecked_transaction()?;
        let (lists, lists_damaged) =
            table_around_damage(&tx, "lists", LIST_COLUMNS, list_from_row, |l| l.id)?;
        let (todos, todos_damaged) =
            table_around_damage(&tx, "todos", TODO_COLUMNS, todo_from_row, |t| t.id)?;
        let (entries, entries_damaged) =
            table_around_damage(&tx, "trash_entries", ENTRY_COLUMNS, entry_from_row, |e| {
                e.id
            })?;
        let mut rows = Rows {
            lists,
            todos,
            entries,
            rescue: None,
            origin: None,
        };
        if lists_damaged || todos_damaged || entries_damaged {
            rows.rescue = Some(rescue(&tx, &mut rows, now.as_millisecond())?);
        }
        // A read: ending it with a rollback cannot fail the way a commit after an error can.
        drop(tx);
        if rows.rescue.is_some() {
            self.note_damage("a damaged page was met while exporting");
        }
        Ok(rows)
    }
}

impl Store {
    /// Hands every row to `each` (lists, then todos, then trash entries, each in id order)
    /// in one read transaction, holding one row at a time; `each` returns false to stop.
    pub fn each_row(&self, mut each: impl FnMut(AnyRow<'_>) -> bool) -> Result<ReadAll> {
        let tx = self.conn.unchecked_transaction()?;
        let lists = each_of(&tx, "lists", LIST_COLUMNS, &mut |r| {
            Ok(each(AnyRow::List(&list_from_row(r)?)))
        })?;
        if lists != ReadAll::Complete {
            return Ok(self.noting_damage(lists));
        }
        let todos = each_of(&tx, "todos", TODO_COLUMNS, &mut |r| {
            Ok(each(AnyRow::Todo(&todo_from_row(r)?)))
        })?;
        if todos != ReadAll::Complete {
            return Ok(self.noting_damage(todos));
        }
        let entries = each_of(&tx, "trash_entries", ENTRY_COLUMNS, &mut |r| {
            Ok(each(AnyRow::Entry(&entry_from_row(r)?)))
        })?;
        Ok(self.noting_damage(entries))
    }

    /// Damage met by a read is recorded, so that nothing writes to the file again.
    fn noting_damage(&self, end: ReadAll) -> ReadAll {
        if end == ReadAll::Damaged {
            self.note_damage("a damaged page was met while exporting");
        }
        end
    }

    /// How many lists, todos and trash entries there are in all (for a progress bar).
    pub fn row_count(&self) -> Result<u64> {
        Ok(self.conn.query_row(
            "SELECT (SELECT count(*) FROM lists) + (SELECT count(*) FROM todos)
                    + (SELECT count(*) FROM trash_entries)",
            [],
            |r| r.get::<_, i64>(0),
        )? as u64)
    }
}

/// Hands each row of `table` to `hand`, in id order, until it says stop.
fn each_of(
    conn: &rusqlite::Connection,
    table: &str,
    columns: &str,
    hand: &mut dyn FnMut(&Row<'_>) -> rusqlite::Result<bool>,
) -> Result<ReadAll> {
    let mut read = || -> rusqlite::Result<ReadAll> {
        let mut stmt = conn.prepare(&format!("SELECT {columns} FROM {table} ORDER BY id"))?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            if !hand(r)? {
                return Ok(ReadAll::Stopped);
            }
        }
        Ok(ReadAll::Complete)
    };
    match read() {
        Ok(end) => Ok(end),
        Err(e) if is_corrupt(&e) => Ok(ReadAll::Damaged),
        Err(e) => Err(e.into()),
    }
}
