//! Adding every row of an export, for `softly import`: one transaction, ids shifted past
//! those in use, names that are taken renamed as a restore would.

use rusqlite::{OptionalExtension, params};

use super::ids::{MAX_ID, MAX_POSITION};
use super::rows::{Imported, Rows};
use super::{Result, Store, StoreError};
use crate::text::name_key;

/// SQLite's own default page cache, in KiB.
const DEFAULT_CACHE_KIB: i64 = 2000;
/// The page cache an import runs with, in KiB; given back when it ends.
const IMPORT_CACHE_KIB: i64 = 256 * 1024;
/// From this many todos on, an import drops the indexes and count triggers of the todos and
/// the trash entries and builds them afresh after.
const BULK_TODOS: usize = 10_000;
/// Rows per INSERT statement in an import (13 columns: 832 parameters, well under SQLite's
/// limit of 32,766).
const ROWS_PER_INSERT: usize = 64;

impl Store {
    /// Adds `rows` (already checked for consistency by the caller) in one transaction. Into
    /// an empty database the ids are kept, so an export imported there exports identically;
    /// otherwise every row gets a new id and the references follow. Times are kept, so
    /// imported trash entries keep their purge clocks. A live list whose name is taken is
    /// renamed as a restore would (`NAME (restored)`), and imported Inbox todos and lists go
    /// after the ones already there.
    pub fn import(&mut self, rows: &Rows, now: jiff::Timestamp) -> Result<Imported> {
        // One transaction over a million rows dirties far more pages than the default cache
        // (2 MB) holds; SQLite then spills them to the log again and again as they change.
        // A bigger cache for this transaction writes each page about once.
        self.conn
            .pragma_update(None, "cache_size", -IMPORT_CACHE_KIB)?;
        // SQLite tests `CHECK (priority IN (1, 2, 3))` by building a small table for every
        // row it inserts (a list of three or more), which was a third of the time spent
        // inserting todos. When the rows' checked values hold, tested here once, the
        // CHECKs are off for this transaction; the others are booleans bound from Rust.
        // Otherwise they stay on, and SQLite refuses the rows as before.
        let checks_hold = rows
            .todos
            .iter()
            .all(|t| t.priority.is_none_or(|p| (1..=3).contains(&p)))
            && rows
                .entries
                .iter()
                .all(|e| e.kind == "todo" || e.kind == "list");
        self.conn
            .pragma_update(None, "ignore_check_constraints", checks_hold)?;
        let imported = self.write_empty_directly(|store| store.import_rows(rows, now));
        self.conn
            .pragma_update(None, "ignore_check_constraints", false)?;
        self.conn
            .pragma_update(None, "cache_size", -DEFAULT_CACHE_KIB)?;
        imported
    }

    fn import_rows(&mut self, rows: &Rows, now: jiff::Timestamp) -> Result<Imported> {
        // Every reference goes through the id shifts below to a row this transaction
        // inserted, so it is valid by construction; SQLite's per-row probes of the parent
        // tables would only repeat that (a tenth of a 10,000-todo import).
        let own_id = self.database_id()?;
        self.write_unchecked(|tx| {
            if let Some(origin) = &rows.origin {
                if origin.source.is_some() && origin.source == own_id {
                    return Err(StoreError::ImportOfItself);
                }
                let before: Option<i64> = tx
                    .query_row(
                        "SELECT value FROM meta WHERE key = ?1",
                        [origin.key()],
                        |r| r.get(0),
                    )
                    .optional()?;
                if let Some(at) = before {
                    return Err(StoreError::AlreadyImported(super::ts(at)));
                }
                tx.execute(
                    "INSERT INTO meta (key, value) VALUES (?1, ?2)",
                    params![origin.key(), super::ms(now)],
                )?;
            }
            let empty: bool = tx.query_row(
                "SELECT NOT EXISTS (SELECT 1 FROM lists) AND NOT EXISTS (SELECT 1 FROM todos)
                    AND NOT EXISTS (SELECT 1 FROM trash_entries)",
                [],
                |r| r.get(0),
            )?;
            let (list_shift, inbox_shift): (i64, i64) = if empty {
                (0, 0)
            } else {
                tx.query_row(
                    "SELECT (SELECT coalesce(max(position), 0) FROM lists),
                            (SELECT coalesce(max(position), 0) FROM todos
                              WHERE list_id IS NULL AND trash_entry_id IS NULL)",
                    [],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )?
            };
            let entry_id = IdShift::new(tx, "trash_entries", rows.entries.iter().map(|e| e.id))?;
            let list_id = IdShift::new(tx, "lists", rows.lists.iter().map(|l| l.id))?;
            let todo_id = IdShift::new(tx, "todos", rows.todos.iter().map(|t| t.id))?;
            let mut imported = Imported::default();

            // Building the indexes once, after the rows are in, is cheaper than keeping them
            // sorted row by row, and so is counting once rather than running the count
            // triggers per row. The definitions come from the schema itself, so this cannot
            // drift from it; a failure anywhere rolls the drop back with the rest.
            let bulk = rows.todos.len() >= BULK_TODOS;
            let rebuild = if bulk {
                drop_indexes_and_triggers(tx, &["todos", "trash_entries"])?
            } else {
                Vec::new()
            };

            // Columns that are all at their default in a file (pins, recurrences, notes: most
            // files have none) are left to the default rather than bound row by row.
            let pins = rows.entries.iter().any(|e| e.pinned);
            insert_in_batches(
                tx,
                if pins {
                    "trash_entries (id, kind, deleted_at, pinned)"
                } else {
                    "trash_entries (id, kind, deleted_at)"
                },
                if pins { 4 } else { 3 },
                &rows.entries,
                |stmt, at, e| {
                    stmt.raw_bind_parameter(at, entry_id.of(e.id))?;
                    stmt.raw_bind_parameter(at + 1, &e.kind)?;
                    stmt.raw_bind_parameter(at + 2, e.deleted_at)?;
                    if pins {
                        stmt.raw_bind_parameter(at + 3, e.pinned)?;
                    }
                    Ok(())
                },
            )?;
            imported.entries = rows.entries.len() as i64;

            // Lists one at a time: a live list's name may be taken and need a new one.
            let mut add_list = tx.prepare(
                "INSERT INTO lists (id, name, name_key, position, created_at, trash_entry_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            for l in &rows.lists {
                let mut name = l.name.clone();
                if l.trash_entry.is_none() {
                    name = super::restore::first_free_name(tx, &l.name)?;
                    if name != l.name {
                        imported.renamed.push((l.name.clone(), name.clone()));
                    }
                }
                add_list.execute(params![
                    list_id.of(l.id),
                    name,
                    name_key(&name),
                    l.position + list_shift,
                    l.created_at,
                    l.trash_entry.map(|e| entry_id.of(e)),
                ])?;
                imported.lists += 1;
            }

            let extras = rows
                .todos
                .iter()
                .any(|t| t.every.is_some() || t.note.is_some());
            insert_in_batches(
                tx,
                if extras {
                    "todos (id, title, list_id, list_erased, done, position, created_at,
                            trash_entry_id, due_at, due_has_time, priority, every, has_note)"
                } else {
                    "todos (id, title, list_id, list_erased, done, position, created_at,
                            trash_entry_id, due_at, due_has_time, priority)"
                },
                if extras { 13 } else { 11 },
                &rows.todos,
                |stmt, at, t| {
                    let shift = if t.list.is_none() && t.trash_entry.is_none() {
                        inbox_shift
                    } else {
                        0
                    };
                    stmt.raw_bind_parameter(at, todo_id.of(t.id))?;
                    stmt.raw_bind_parameter(at + 1, &t.title)?;
                    stmt.raw_bind_parameter(at + 2, t.list.map(|l| list_id.of(l)))?;
                    stmt.raw_bind_parameter(at + 3, t.list_erased)?;
                    stmt.raw_bind_parameter(at + 4, t.done)?;
                    stmt.raw_bind_parameter(at + 5, t.position + shift)?;
                    stmt.raw_bind_parameter(at + 6, t.created_at)?;
                    stmt.raw_bind_parameter(at + 7, t.trash_entry.map(|e| entry_id.of(e)))?;
                    stmt.raw_bind_parameter(at + 8, t.due_at)?;
                    stmt.raw_bind_parameter(at + 9, t.due_has_time)?;
                    stmt.raw_bind_parameter(at + 10, t.priority)?;
                    if extras {
                        stmt.raw_bind_parameter(at + 11, &t.every)?;
                        stmt.raw_bind_parameter(at + 12, t.note.is_some())?;
                    }
                    Ok(())
                },
            )?;
            imported.todos = rows.todos.len() as i64;
            let noted: Vec<(i64, &str)> = rows
                .todos
                .iter()
                .filter_map(|t| Some((todo_id.of(t.id), t.note.as_deref()?)))
                .collect();
            insert_in_batches(
                tx,
                "todo_notes (todo_id, note)",
                2,
                &noted,
                |stmt, at, n| {
                    stmt.raw_bind_parameter(at, n.0)?;
                    stmt.raw_bind_parameter(at + 1, n.1)
                },
            )?;
            let tagged: Vec<(i64, String)> = rows
                .todos
                .iter()
                .filter(|t| t.title.contains('#'))
                .flat_map(|t| {
                    let id = todo_id.of(t.id);
                    crate::fields::tags_of(&t.title)
                        .into_iter()
                        .map(move |tag| (id, tag))
                })
                .collect();
            insert_in_batches(tx, "todo_tags (todo_id, tag)", 2, &tagged, |stmt, at, g| {
                stmt.raw_bind_parameter(at, g.0)?;
                stmt.raw_bind_parameter(at + 1, &g.1)
            })?;

            for sql in &rebuild {
                tx.execute(sql, [])?;
            }
            // Moved after the lists and Inbox todos already here, the file's places may
            // pass the largest softly gives out: then the lists, or the Inbox, are
            // renumbered in their order, as a new list or todo there would renumber them.
            if list_shift > 0 {
                let top: i64 =
                    tx.query_row("SELECT coalesce(max(position), 0) FROM lists", [], |r| {
                        r.get(0)
                    })?;
                if top > MAX_POSITION {
                    super::positions::renumber_lists(tx)?;
                }
            }
            if inbox_shift > 0 && super::positions::last_position(tx, None)? > MAX_POSITION {
                super::positions::renumber_todos(tx, None)?;
            }
            if bulk {
                // What the count triggers would have counted: live todos and open ones per
                // list (0: the Inbox), and the size of the Trash. Lists the import added
                // nothing to keep their counts.
                // Grouped by the column, not by coalesce(): the index of live todos is in
                // that order and holds `done`, so the count reads it alone, without sorting.
                tx.execute_batch(
                    "INSERT INTO list_counts (list_key, todos, open)
                     SELECT coalesce(list_id, 0), count(*), sum(NOT done)
                     FROM todos INDEXED BY todos_live
                     WHERE trash_entry_id IS NULL GROUP BY list_id
                     ON CONFLICT (list_key) DO UPDATE
                     SET todos = excluded.todos, open = excluded.open;
                     UPDATE trash_size SET entries = (SELECT count(*) FROM trash_entries);",
                )?;
            }
            Ok(imported)
        })
    }
}

/// Where an import puts a table's rows: at the ids the file gives when none of them was
/// ever used here (so an export imported into a new database exports identically),
/// otherwise all moved past the highest id the table ever gave out, in the same order.
/// Ids are never reused, not even those of rows erased long ago.
struct IdShift(i64);

impl IdShift {
    fn new(
        tx: &rusqlite::Transaction<'_>,
        table: &'static str,
        ids: impl Iterator<Item = i64> + Clone,
    ) -> Result<Self> {
        let used: i64 = tx.query_row(
            &format!(
                "SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = '{table}'), 0),
                            coalesce((SELECT max(id) FROM {table}), 0))"
            ),
            [],
            |r| r.get(0),
        )?;
        let (Some(lowest), Some(highest)) = (ids.clone().min(), ids.max()) else {
            return Ok(IdShift(0));
        };
        if lowest > used {
            return Ok(IdShift(0));
        }
        // Checked: a table whose counter is near the top cannot take ids past it.
        used.checked_add(1)
            .and_then(|next| next.checked_sub(lowest))
            .filter(|shift| highest.checked_add(*shift).is_some_and(|top| top <= MAX_ID))
            .map(IdShift)
            .ok_or(StoreError::IdsExhausted(table))
    }

    /// The id a row of the file gets here.
    fn of(&self, id: i64) -> i64 {
        id + self.0
    }
}

/// Drops the indexes and triggers of `tables`; returns the SQL that makes them again.
fn drop_indexes_and_triggers(
    tx: &rusqlite::Transaction<'_>,
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
/// was a good part of an import. `bind(statement, first, row)` binds a row's values from
/// parameter `first` on.
fn insert_in_batches<R>(
    tx: &rusqlite::Transaction<'_>,
    table_columns: &str,
    columns: usize,
    rows: &[R],
    bind: impl Fn(&mut rusqlite::Statement<'_>, usize, &R) -> rusqlite::Result<()>,
) -> Result<()> {
    let sql = |n: usize| {
        let row = format!("({})", vec!["?"; columns].join(", "));
        format!(
            "INSERT INTO {table_columns} VALUES {}",
            vec![row; n].join(", ")
        )
    };
    if rows.is_empty() {
        return Ok(());
    }
    let mut full = tx.prepare(&sql(ROWS_PER_INSERT))?;
    for batch in rows.chunks(ROWS_PER_INSERT) {
        let mut last;
        let stmt = if batch.len() == ROWS_PER_INSERT {
            &mut full
        } else {
            last = tx.prepare(&sql(batch.len()))?;
            &mut last
        };
        for (i, row) in batch.iter().enumerate() {
            bind(stmt, i * columns + 1, row)?;
        }
        stmt.raw_execute()?;
    }
    Ok(())
}
