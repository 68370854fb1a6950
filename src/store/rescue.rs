//! Reading every row that can still be read from a damaged file, for `softly export`.
//!
//! A damaged page ends a plain scan of its table, though the rows after it are fine. So a
//! table is read in id order, and where a read fails the reading probes forward for the
//! first id it can seek to again (doubling the step, then halving back) and goes on from
//! there. The indexes then say which rows exist: a row they name that the scan missed is
//! looked up alone, and a live todo whose table page is gone is taken from the index of
//! live todos, which holds every column a live todo has. What is left is reported by id.
//! Finally the references are mended (a list or trash entry that could not be read is made
//! again as a placeholder) so that the export always imports.

use std::collections::{BTreeMap, BTreeSet};

use rusqlite::{Connection, ErrorCode, Row};

use super::Result;
use super::rows::{EntryRow, ListRow, Rescue, Rows, TODO_COLUMNS, TodoRow, todo_from_row};

pub(super) fn is_corrupt(e: &rusqlite::Error) -> bool {
    e.sqlite_error_code() == Some(ErrorCode::DatabaseCorrupt)
}

/// Runs `sql` (with `?1` bound to `from`) and keeps each row until the first damaged one.
/// Returns the rows and whether damage stopped the reading.
fn read_until_damage<T>(
    conn: &Connection,
    sql: &str,
    from: i64,
    row: &impl Fn(&Row<'_>) -> rusqlite::Result<T>,
) -> Result<(Vec<T>, bool)> {
    let mut out = Vec::new();
    let mut stmt = match conn.prepare(sql) {
        Ok(stmt) => stmt,
        Err(e) if is_corrupt(&e) => return Ok((out, true)),
        Err(e) => return Err(e.into()),
    };
    let params: &[&dyn rusqlite::ToSql] = if stmt.parameter_count() > 0 {
        &[&from]
    } else {
        &[]
    };
    let mut rows = match stmt.query(params) {
        Ok(rows) => rows,
        Err(e) if is_corrupt(&e) => return Ok((out, true)),
        Err(e) => return Err(e.into()),
    };
    loop {
        match rows.next() {
            Ok(Some(r)) => match row(r) {
                Ok(value) => out.push(value),
                Err(e) if is_corrupt(&e) => return Ok((out, true)),
                Err(e) => return Err(e.into()),
            },
            Ok(None) => return Ok((out, false)),
            Err(e) if is_corrupt(&e) => return Ok((out, true)),
            Err(e) => return Err(e.into()),
        }
    }
}

/// Every row of `table` that can be read, in id order, stepping over damaged pages.
/// `columns` starts with the id. Returns the rows and whether any damage was met.
pub(super) fn table_around_damage<T>(
    conn: &Connection,
    table: &str,
    columns: &str,
    row: impl Fn(&Row<'_>) -> rusqlite::Result<T>,
    id_of: impl Fn(&T) -> i64,
) -> Result<(Vec<T>, bool)> {
    let sql = format!("SELECT {columns} FROM {table} WHERE id >= ?1 ORDER BY id");
    let mut all = Vec::new();
    let mut from = i64::MIN;
    let mut damaged = false;
    loop {
        let (rows, stopped) = read_until_damage(conn, &sql, from, &row)?;
        let last = rows.last().map(&id_of);
        all.extend(rows);
        if !stopped {
            return Ok((all, damaged));
        }
        damaged = true;
        // Past the last row read, or past where this round started if it read none.
        let after = last.unwrap_or(from).max(from);
        match next_readable(conn, table, after)? {
            Some(next) => from = next,
            None => return Ok((all, damaged)),
        }
    }
}

/// The smallest id above `after` from which `table` can be read again (a seek there no
/// longer meets damage), found by doubling the step until a seek works and then halving
/// back. `None` when no seek past `after` works.
fn next_readable(conn: &Connection, table: &str, after: i64) -> Result<Option<i64>> {
    let sql = format!("SELECT id FROM {table} WHERE id >= ?1 ORDER BY id LIMIT 1");
    let seeks = |at: i64| -> Result<bool> {
        let found: rusqlite::Result<Option<i64>> =
            rusqlite::OptionalExtension::optional(conn.query_row(&sql, [at], |r| r.get(0)));
        match found {
            Ok(_) => Ok(true),
            Err(e) if is_corrupt(&e) => Ok(false),
            Err(e) => Err(e.into()),
        }
    };
    let (mut bad, mut good) = (after, None);
    for step in (0..63).map(|k| 1i64 << k) {
        let Some(at) = after.checked_add(step) else {
            break;
        };
        if seeks(at)? {
            good = Some(at);
            break;
        }
        bad = at;
    }
    let Some(mut good) = good else {
        return Ok(None);
    };
    while good - bad > 1 {
        let mid = bad + (good - bad) / 2;
        if seeks(mid)? {
            good = mid;
        } else {
            bad = mid;
        }
    }
    Ok(Some(good))
}

/// The ids any of these index scans names, each read until that index is damaged.
fn ids_in_any(conn: &Connection, scans: &[&str]) -> Result<BTreeSet<i64>> {
    let mut ids = BTreeSet::new();
    for sql in scans {
        ids.extend(read_until_damage(conn, sql, 0, &|r| r.get::<_, i64>(0))?.0);
    }
    Ok(ids)
}

/// Reads `rows`' tables again around damage and fills in what the indexes still know,
/// mending references so that the rows import. Called only once a read met damage.
pub(super) fn rescue(conn: &Connection, rows: &mut Rows, now_ms: i64) -> Result<Rescue> {
    let mut report = Rescue::default();

    // Todos the table lost: from the index of live todos, or looked up one by one.
    let known_todos = ids_in_any(
        conn,
        &[
            "SELECT id FROM todos INDEXED BY todos_live WHERE trash_entry_id IS NULL",
            "SELECT id FROM todos INDEXED BY todos_by_entry WHERE trash_entry_id IS NOT NULL",
            "SELECT id FROM todos INDEXED BY todos_by_list WHERE list_id IS NOT NULL",
        ],
    )?;
    let have: BTreeSet<i64> = rows.todos.iter().map(|t| t.id).collect();
    let missing: Vec<i64> = known_todos.difference(&have).copied().collect();
    if !missing.is_empty() {
        let from_index: BTreeMap<i64, TodoRow> = read_until_damage(
            conn,
            "SELECT id, title, list_id, done, created_at, position, due_at, due_has_time, priority,
                    every
             FROM todos INDEXED BY todos_live WHERE trash_entry_id IS NULL",
            0,
            &|r| {
                Ok(TodoRow {
                    id: r.get(0)?,
                    title: r.get(1)?,
                    list: r.get(2)?,
                    list_erased: false,
                    done: r.get(3)?,
                    created_at: r.get(4)?,
                    position: r.get(5)?,
                    trash_entry: None,
                    due_at: r.get(6)?,
                    due_has_time: r.get(7)?,
                    priority: r.get(8)?,
                    every: r.get(9)?,
                    // The note is not in the index; its own table may still hold it.
                    note: None,
                    // Nor is the uid: the todo comes back as one made here.
                    uid: None,
                    done_at: None,
                    cancelled: false,
                    own_tags: Vec::new(),
                })
            },
        )?
        .0
        .into_iter()
        .map(|t| (t.id, t))
        .collect();
        for id in missing {
            let alone = read_until_damage(
                conn,
                &format!("SELECT {TODO_COLUMNS} FROM todos WHERE id = ?1"),
                id,
                &todo_from_row,
            )?
            .0;
            if let Some(todo) = alone.into_iter().next() {
                rows.todos.push(todo);
            } else if let Some(todo) = from_index.get(&id) {
                rows.todos.push(todo.clone());
                report.todos_from_index += 1;
            } else {
                report.lost_todos.push(id);
            }
        }
        rows.todos.sort_by_key(|t| t.id);
    }

    // Lists and entries the table lost but an index names.
    let known_lists = ids_in_any(
        conn,
        &[
            "SELECT id FROM lists INDEXED BY lists_live_order WHERE trash_entry_id IS NULL",
            "SELECT id FROM lists INDEXED BY lists_by_entry WHERE trash_entry_id IS NOT NULL",
        ],
    )?;
    let have: BTreeSet<i64> = rows.lists.iter().map(|l| l.id).collect();
    report.lost_lists = known_lists.difference(&have).copied().collect();
    let entry_times: BTreeMap<i64, i64> = read_until_damage(
        conn,
        "SELECT id, deleted_at FROM trash_entries INDEXED BY trash_entries_by_deleted_at",
        0,
        &|r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)),
    )?
    .0
    .into_iter()
    .collect();
    mend_references(rows, &entry_times, now_ms, &mut report);
    Ok(report)
}

/// Makes the rows fit together again: a lost list that todos belong to is made again where
/// they need it (live for a live todo, in the list entry its todos were deleted with), a
/// lost trash entry that rows are in is made again, and an entry left holding nothing goes.
fn mend_references(
    rows: &mut Rows,
    entry_times: &BTreeMap<i64, i64>,
    now_ms: i64,
    report: &mut Rescue,
) {
    /// Where a lost list has to be, for the todos that name it.
    #[derive(Clone, Copy, PartialEq, Eq)]
    enum Need {
        Live,
        InEntry(i64),
        /// Only todos in entries of their own name it: they keep no list (restored to the
        /// Inbox, saying their list was erased).
        Nowhere,
    }
    let lists: BTreeSet<i64> = rows.lists.iter().map(|l| l.id).collect();
    let kinds: BTreeMap<i64, String> = rows
        .entries
        .iter()
        .map(|e| (e.id, e.kind.clone()))
        .collect();
    let mut needs: BTreeMap<i64, Need> = BTreeMap::new();
    for t in &rows.todos {
        let Some(list) = t.list.filter(|l| !lists.contains(l)) else {
            continue;
        };
        let need = match t.trash_entry {
            None => Need::Live,
            Some(e) if kinds.get(&e).is_none_or(|k| k == "list") => Need::InEntry(e),
            Some(_) => Need::Nowhere,
        };
        let slot = needs.entry(list).or_insert(need);
        *slot = match (*slot, need) {
            (Need::Live, _) | (_, Need::Live) => Need::Live,
            (Need::InEntry(e), _) | (_, Need::InEntry(e)) => Need::InEntry(e),
            _ => Need::Nowhere,
        };
    }
    let mut position = rows.lists.iter().map(|l| l.position).max().unwrap_or(0);
    for (&id, &need) in &needs {
        let trash_entry = match need {
            Need::Live => None,
            Need::InEntry(e) => Some(e),
            Need::Nowhere => continue,
        };
        position += 1;
        rows.lists.push(ListRow {
            id,
            name: format!("Unreadable list {id}"),
            position,
            created_at: now_ms,
            trash_entry,
        });
        report.placeholder_lists.push(id);
    }
    for t in &mut rows.todos {
        if let Some(list) = t.list
            && needs.get(&list) == Some(&Need::Nowhere)
        {
            t.list = None;
            t.list_erased = true;
        }
    }
    rows.lists.sort_by_key(|l| l.id);

    // Entries that rows are in but that could not be read: made again.
    let entries: BTreeSet<i64> = rows.entries.iter().map(|e| e.id).collect();
    let mut needed: BTreeMap<i64, &'static str> = BTreeMap::new();
    for l in &rows.lists {
        if let Some(e) = l.trash_entry.filter(|e| !entries.contains(e)) {
            needed.insert(e, "list");
        }
    }
    for t in &rows.todos {
        if let Some(e) = t.trash_entry.filter(|e| !entries.contains(e)) {
            needed.entry(e).or_insert("todo");
        }
    }
    for (&id, &kind) in &needed {
        rows.entries.push(EntryRow {
            id,
            kind: kind.to_string(),
            // Deleted "now" if its time is lost too: nothing is ever purged early.
            deleted_at: entry_times.get(&id).copied().unwrap_or(now_ms),
            pinned: false,
        });
        report.remade_entries.push(id);
    }
    // An entry whose rows were all lost holds nothing to restore.
    let used: BTreeSet<i64> = rows
        .lists
        .iter()
        .filter_map(|l| l.trash_entry)
        .chain(rows.todos.iter().filter_map(|t| t.trash_entry))
        .collect();
    rows.entries.retain(|e| used.contains(&e.id));
    rows.entries.sort_by_key(|e| e.id);
    let kept: BTreeSet<i64> = rows.entries.iter().map(|e| e.id).collect();
    report.lost_entries = entry_times
        .keys()
        .chain(entries.iter())
        .filter(|id| !kept.contains(id))
        .copied()
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
}
