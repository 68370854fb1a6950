//! Every row, out and in: the store's side of `softly export` and `softly import`. The file
//! format itself lives in `crate::backup`; here are plain rows and the one transaction that
//! adds them.

use std::collections::HashMap;

use rusqlite::params;

use super::{Result, Store, StoreError};
use crate::text::name_key;

/// SQLite's own default page cache, in KiB.
const DEFAULT_CACHE_KIB: i64 = 2000;
/// The page cache an import runs with, in KiB; given back when it ends.
const IMPORT_CACHE_KIB: i64 = 256 * 1024;
/// From this many todos on, an import drops the todo indexes and count triggers and builds
/// both afresh after.
const BULK_TODOS: usize = 10_000;

/// A list as stored (live, or in the Trash with its entry).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListRow {
    pub id: i64,
    pub name: String,
    pub position: i64,
    pub created_at: i64,
    pub trash_entry: Option<i64>,
}

/// A todo as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TodoRow {
    pub id: i64,
    pub title: String,
    pub list: Option<i64>,
    pub list_erased: bool,
    pub done: bool,
    pub position: i64,
    pub created_at: i64,
    pub trash_entry: Option<i64>,
}

/// A trash entry as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryRow {
    pub id: i64,
    pub kind: String,
    pub deleted_at: i64,
}

/// Every list, todo and trash entry, in id order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rows {
    pub lists: Vec<ListRow>,
    pub todos: Vec<TodoRow>,
    pub entries: Vec<EntryRow>,
    /// True when a damaged file stopped the reading early: the rows are what could be read.
    pub incomplete: bool,
}

/// How many rows an import added, and the lists it had to rename.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Imported {
    pub lists: i64,
    pub todos: i64,
    pub entries: i64,
    /// (name in the file, name given) for live lists whose name was taken.
    pub renamed: Vec<(String, String)>,
}

impl Store {
    /// Reads every row, in one read transaction so the picture is consistent. From a
    /// damaged file it reads what it can and says so (`Rows::incomplete`).
    pub fn dump(&mut self) -> Result<Rows> {
        let mut rows = Rows::default();
        let tx = self.conn.unchecked_transaction()?;
        rows.lists = readable(
            &tx,
            "SELECT id, name, position, created_at, trash_entry_id FROM lists ORDER BY id",
            |r| {
                Ok(ListRow {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    position: r.get(2)?,
                    created_at: r.get(3)?,
                    trash_entry: r.get(4)?,
                })
            },
            &mut rows.incomplete,
        )?;
        rows.todos = readable(
            &tx,
            "SELECT id, title, list_id, list_erased, done, position, created_at, trash_entry_id
             FROM todos ORDER BY id",
            |r| {
                Ok(TodoRow {
                    id: r.get(0)?,
                    title: r.get(1)?,
                    list: r.get(2)?,
                    list_erased: r.get(3)?,
                    done: r.get(4)?,
                    position: r.get(5)?,
                    created_at: r.get(6)?,
                    trash_entry: r.get(7)?,
                })
            },
            &mut rows.incomplete,
        )?;
        rows.entries = readable(
            &tx,
            "SELECT id, kind, deleted_at FROM trash_entries ORDER BY id",
            |r| {
                Ok(EntryRow {
                    id: r.get(0)?,
                    kind: r.get(1)?,
                    deleted_at: r.get(2)?,
                })
            },
            &mut rows.incomplete,
        )?;
        // A read: ending it with a rollback cannot fail the way a commit after an error can.
        drop(tx);
        Ok(rows)
    }

    /// Adds `rows` (already checked for consistency by the caller) in one transaction. Into
    /// an empty database the ids are kept, so an export imported there exports identically;
    /// otherwise every row gets a new id and the references follow. Times are kept, so
    /// imported trash entries keep their purge clocks. A live list whose name is taken is
    /// renamed as a restore would (`NAME (restored)`), and imported Inbox todos and lists go
    /// after the ones already there.
    pub fn import(&mut self, rows: &Rows) -> Result<Imported> {
        // One transaction over a million rows dirties far more pages than the default cache
        // (2 MB) holds; SQLite then spills them to the log again and again as they change.
        // A bigger cache for this transaction writes each page about once.
        self.conn
            .pragma_update(None, "cache_size", -IMPORT_CACHE_KIB)?;
        let imported = self.import_rows(rows);
        self.conn
            .pragma_update(None, "cache_size", -DEFAULT_CACHE_KIB)?;
        imported
    }

    fn import_rows(&mut self, rows: &Rows) -> Result<Imported> {
        // Every reference goes through `entry_ids` / `list_ids` to a row this transaction
        // inserted, so it is valid by construction; SQLite's per-row probes of the parent
        // tables would only repeat that (a tenth of a 10,000-todo import).
        self.write_unchecked(|tx| {
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
            let mut imported = Imported::default();

            let mut entry_ids = HashMap::new();
            let mut add_entry =
                tx.prepare("INSERT INTO trash_entries (id, kind, deleted_at) VALUES (?1, ?2, ?3)")?;
            for e in &rows.entries {
                add_entry.execute(params![empty.then_some(e.id), e.kind, e.deleted_at])?;
                entry_ids.insert(e.id, tx.last_insert_rowid());
                imported.entries += 1;
            }

            let mut list_ids = HashMap::new();
            let mut add_list = tx.prepare(
                "INSERT INTO lists (id, name, name_key, position, created_at, trash_entry_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            for l in &rows.lists {
                let mut name = l.name.clone();
                if l.trash_entry.is_none() {
                    name = super::trash::first_free_name(tx, &l.name)?;
                    if name != l.name {
                        imported.renamed.push((l.name.clone(), name.clone()));
                    }
                }
                add_list.execute(params![
                    empty.then_some(l.id),
                    name,
                    name_key(&name),
                    l.position + list_shift,
                    l.created_at,
                    l.trash_entry.map(|e| entry_ids[&e]),
                ])?;
                list_ids.insert(l.id, tx.last_insert_rowid());
                imported.lists += 1;
            }

            // Building the todo indexes once, after the rows are in, is cheaper than keeping
            // them sorted row by row, and so is counting each list once rather than running
            // the count trigger per row. The definitions come from the schema itself, so this
            // cannot drift from it; a failure anywhere rolls the drop back with the rest.
            let bulk = rows.todos.len() >= BULK_TODOS;
            let rebuild: Vec<(String, String)> = if bulk {
                let mut stmt = tx.prepare(
                    "SELECT name, sql FROM sqlite_schema
                     WHERE type IN ('index', 'trigger') AND tbl_name = 'todos'
                       AND sql IS NOT NULL",
                )?;
                let indexes = stmt
                    .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                    .collect::<rusqlite::Result<Vec<(String, String)>>>()?;
                for (name, sql) in &indexes {
                    let kind = if sql.starts_with("CREATE TRIGGER") {
                        "TRIGGER"
                    } else {
                        "INDEX"
                    };
                    tx.execute(&format!("DROP {kind} \"{name}\""), [])?;
                }
                indexes
            } else {
                Vec::new()
            };
            let mut add_todo = tx.prepare(
                "INSERT INTO todos (id, title, list_id, list_erased, done, position, created_at,
                                    trash_entry_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?;
            for t in &rows.todos {
                let shift = if t.list.is_none() && t.trash_entry.is_none() {
                    inbox_shift
                } else {
                    0
                };
                add_todo.execute(params![
                    empty.then_some(t.id),
                    t.title,
                    t.list.map(|l| list_ids[&l]),
                    t.list_erased,
                    t.done,
                    t.position + shift,
                    t.created_at,
                    t.trash_entry.map(|e| entry_ids[&e]),
                ])?;
                imported.todos += 1;
            }
            for (_, sql) in &rebuild {
                tx.execute(sql, [])?;
            }
            if bulk {
                // What the insert trigger would have counted: live todos and open ones per
                // list (0: the Inbox). Lists the import added nothing to keep their counts.
                tx.execute(
                    "INSERT INTO list_counts (list_key, todos, open)
                     SELECT coalesce(list_id, 0), count(*), sum(NOT done) FROM todos
                     WHERE trash_entry_id IS NULL GROUP BY coalesce(list_id, 0)
                     ON CONFLICT (list_key) DO UPDATE
                     SET todos = excluded.todos, open = excluded.open",
                    [],
                )?;
            }
            Ok(imported)
        })
    }
}

/// Runs `sql` and collects its rows until the first error. A damaged page ends the table
/// early (setting `incomplete`) rather than losing everything read so far; any other
/// error is an error.
fn readable<T>(
    tx: &rusqlite::Transaction<'_>,
    sql: &str,
    row: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
    incomplete: &mut bool,
) -> Result<Vec<T>> {
    let mut stmt = match tx.prepare(sql) {
        Ok(stmt) => stmt,
        Err(e) => return damaged_or(e.into(), incomplete),
    };
    let rows = match stmt.query_map([], row) {
        Ok(rows) => rows,
        Err(e) => return damaged_or(e.into(), incomplete),
    };
    let mut out = Vec::new();
    for r in rows {
        match r.map_err(StoreError::from) {
            Ok(r) => out.push(r),
            Err(StoreError::Corrupt(_)) => {
                *incomplete = true;
                break;
            }
            Err(e) => return Err(e),
        }
    }
    Ok(out)
}

fn damaged_or<T>(e: StoreError, incomplete: &mut bool) -> Result<Vec<T>> {
    match e {
        StoreError::Corrupt(_) => {
            *incomplete = true;
            Ok(Vec::new())
        }
        other => Err(other),
    }
}
