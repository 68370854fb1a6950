//! The pieces an import is built of: where a table's rows go (their ids shifted), checks
//! of what SQLite's CHECKs would test, and multi-row INSERTs.

use std::collections::HashMap;

use rusqlite::{Statement, Transaction};

use super::ids::MAX_ID;
use super::rows::{EntryRow, TodoRow};
use super::{Result, StoreError};

/// Rows per INSERT statement (13 columns: 832 parameters, well under SQLite's 32,766).
const ROWS_PER_INSERT: usize = 64;

/// The importer's INSERT statements, by table and columns and by rows per statement.
pub(super) type Statements<'t> = HashMap<(&'static str, usize), Statement<'t>>;

/// Where an import puts a table's rows: at the ids the file gives when the table never gave
/// out an id here (so an export imported into a new database exports identically),
/// otherwise all moved past the highest id it ever gave out, in the same order. Ids are
/// never reused, not even those of rows erased long ago.
pub(super) struct IdShift {
    table: &'static str,
    /// The highest id the table ever gave out (0: none).
    pub(super) used: i64,
    pub(super) shift: i64,
}

impl IdShift {
    pub(super) fn new(tx: &Transaction<'_>, table: &'static str) -> Result<Self> {
        let used: i64 = tx.query_row(
            &format!(
                "SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = '{table}'), 0),
                            coalesce((SELECT max(id) FROM {table}), 0))"
            ),
            [],
            |r| r.get(0),
        )?;
        Ok(IdShift {
            table,
            used,
            shift: used,
        })
    }

    pub(super) fn table(&self) -> &'static str {
        self.table
    }

    /// The id a row of the file gets here; refused past the largest id softly gives out.
    pub(super) fn of(&self, id: i64) -> Result<i64> {
        id.checked_add(self.shift)
            .filter(|stored| (1..=MAX_ID).contains(stored))
            .ok_or(StoreError::IdsExhausted(self.table))
    }
}

/// The importer's statements run with SQLite's CHECKs off; what they would test is tested
/// here. (The file's reader refuses these with the field's place first; rows handed to
/// the store directly are held to the same.)
pub(super) fn refuse_unchecked_todos(rows: &[TodoRow]) -> Result<()> {
    match rows
        .iter()
        .find(|t| t.priority.is_some_and(|p| !(1..=3).contains(&p)))
    {
        Some(t) => Err(StoreError::ImportDoesNotFit(format!(
            "todo {}: priority {} is not 1, 2 or 3",
            t.id,
            t.priority.unwrap_or_default()
        ))),
        None => Ok(()),
    }
}

pub(super) fn refuse_unchecked_entries(rows: &[EntryRow]) -> Result<()> {
    match rows.iter().find(|e| e.kind != "todo" && e.kind != "list") {
        Some(e) => Err(StoreError::ImportDoesNotFit(format!(
            "trash entry {}: kind must be \"todo\" or \"list\", not \"{}\"",
            e.id, e.kind
        ))),
        None => Ok(()),
    }
}

/// Drops the indexes and triggers of `tables`; returns the SQL that makes them again. The
/// definitions come from the schema itself, so this cannot drift from it; a failure
/// anywhere rolls the drop back with the rest.
pub(super) fn drop_indexes_and_triggers(
    tx: &Transaction<'_>,
    tables: &[&str],
) -> Result<Vec<String>> {
    let names = tables
        .iter()
        .map(|t| format!("'{t}'"))
        .collect::<Vec<_>>()
        .join(", ");
    let found = tx
        .prepare(&format!(
            "SELECT type, name, sql FROM sqlite_schema
             WHERE type IN ('index', 'trigger') AND tbl_name IN ({names}) AND sql IS NOT NULL"
        ))?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<Vec<(String, String, String)>>>()?;
    let mut rebuild = Vec::with_capacity(found.len());
    for (kind, name, sql) in found {
        tx.execute(&format!("DROP {kind} \"{name}\""), [])?;
        rebuild.push(sql);
    }
    Ok(rebuild)
}

/// Inserts `rows` into `table_columns` (`"table (a, b, …)"`, `columns` of them) with one
/// statement per `ROWS_PER_INSERT` rows rather than per row: each statement has a cost of
/// its own (cursors, and the AUTOINCREMENT counter written back), and at a million rows that
/// was a good part of an import. `bind(statement, first, (k, row))` binds the `k`th row's
/// values from parameter `first` on. Statements are kept in `statements` for the import.
/// A failure says where the batch that failed starts in `rows` (none of it went in).
pub(super) fn insert_in_batches<'t, R>(
    tx: &'t Transaction<'t>,
    statements: &mut Statements<'t>,
    table_columns: &'static str,
    columns: usize,
    rows: &[R],
    bind: impl Fn(&mut Statement<'t>, usize, (usize, &R)) -> rusqlite::Result<()>,
) -> std::result::Result<(), (usize, StoreError)> {
    for (b, batch) in rows.chunks(ROWS_PER_INSERT).enumerate() {
        let start = b * ROWS_PER_INSERT;
        let fail = |e: rusqlite::Error| (start, StoreError::from(e));
        let stmt = match statements.entry((table_columns, batch.len())) {
            std::collections::hash_map::Entry::Occupied(found) => found.into_mut(),
            std::collections::hash_map::Entry::Vacant(new) => {
                let row = format!("({})", vec!["?"; columns].join(", "));
                let sql = format!(
                    "INSERT INTO {table_columns} VALUES {}",
                    vec![row; batch.len()].join(", ")
                );
                new.insert(tx.prepare(&sql).map_err(fail)?)
            }
        };
        for (i, row) in batch.iter().enumerate() {
            bind(stmt, i * columns + 1, (start + i, row)).map_err(fail)?;
        }
        stmt.raw_execute().map_err(fail)?;
    }
    Ok(())
}

/// What the count triggers would have counted, after the bulk path dropped them: live todos
/// and open ones per list (0: the Inbox), and the size of the Trash. Lists the import added
/// nothing to keep their counts. Grouped by the column, not by coalesce(): the index of live
/// todos is in that order and holds `done`, so the count reads it alone, without sorting.
pub(super) fn recount(tx: &Transaction<'_>) -> Result<()> {
    tx.execute_batch(
        "INSERT INTO list_counts (list_key, todos, open)
         SELECT coalesce(list_id, 0), count(*), sum(NOT done)
         FROM todos INDEXED BY todos_live
         WHERE trash_entry_id IS NULL GROUP BY list_id
         ON CONFLICT (list_key) DO UPDATE
         SET todos = excluded.todos, open = excluded.open;
         UPDATE trash_size SET entries = (SELECT count(*) FROM trash_entries);",
    )?;
    Ok(())
}
