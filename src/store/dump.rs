//! Reading every row out, for `softly export`: in one read transaction, and around any
//! damaged page (see `rescue`).

use super::Result;
use super::Store;
use super::rescue::{rescue, table_around_damage};
use super::rows::{
    ENTRY_COLUMNS, LIST_COLUMNS, Rows, TODO_COLUMNS, entry_from_row, list_from_row, todo_from_row,
};

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
