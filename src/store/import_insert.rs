//! The rows of an import going in, a batch at a time: ids shifted past those in use, places
//! after the lists and Inbox todos already here, and the big indexes built once at the end
//! rather than kept sorted row by row.

use std::collections::HashMap;

use rusqlite::Transaction;

use super::Result;
use super::ids::MAX_POSITION;
use super::import_batches::{
    IdShift, Statements, drop_indexes_and_triggers, insert_in_batches, recount,
    refuse_unchecked_entries, refuse_unchecked_todos,
};
use super::import_tally::Tally;
use super::rows::{EntryRow, Imported, TodoRow};

/// From this many todos on, an import drops the indexes and count triggers of the todos and
/// the trash entries and builds them afresh after.
pub(super) const BULK_TODOS: usize = 10_000;
/// The most todo text held while that is being decided, in bytes: todos with long notes
/// are added as they come once this much is held (they are few for their size).
const HELD_BYTES: usize = 8 << 20;

/// An import under way, inside its transaction.
pub(super) struct Importer<'t> {
    pub(super) tx: &'t Transaction<'t>,
    pub(super) entry_id: IdShift,
    pub(super) list_id: IdShift,
    todo_id: IdShift,
    /// How far the file's list places and Inbox places move, after those here.
    pub(super) list_shift: i64,
    pub(super) inbox_shift: i64,
    /// Todos held until it is clear whether the file has enough for the bulk path (the
    /// place in the file of the first, and the rows).
    held: Option<(usize, Vec<TodoRow>)>,
    held_bytes: usize,
    /// The SQL that makes the dropped indexes and triggers again (bulk path only).
    rebuild: Option<Vec<String>>,
    pub(super) imported: Imported,
    statements: Statements<'t>,
    /// The file's trash entries and what is in them, to know without asking the database
    /// that they fit together.
    pub(super) tally: Tally,
    /// A live list of the file goes into the live list here of its name (another app's
    /// projects), rather than beside it renamed (softly's own exports).
    pub(super) join: bool,
    /// The file's lists that joined one here: its id here, and how far the file's todo
    /// places in it move, after the todos already there.
    pub(super) joined: HashMap<i64, (i64, i64)>,
}

impl<'t> Importer<'t> {
    pub(super) fn new(tx: &'t Transaction<'t>, join: bool) -> Result<Self> {
        let empty: bool = tx.query_row(
            "SELECT NOT EXISTS (SELECT 1 FROM lists) AND NOT EXISTS (SELECT 1 FROM todos)
                AND NOT EXISTS (SELECT 1 FROM trash_entries)",
            [],
            |r| r.get(0),
        )?;
        let (list_shift, inbox_shift) = if empty {
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
        let mut importer = Importer {
            tx,
            entry_id: IdShift::new(tx, "trash_entries")?,
            list_id: IdShift::new(tx, "lists")?,
            todo_id: IdShift::new(tx, "todos")?,
            list_shift,
            inbox_shift,
            held: Some((0, Vec::new())),
            held_bytes: 0,
            rebuild: None,
            imported: Imported::default(),
            statements: HashMap::new(),
            tally: Tally::default(),
            join,
            joined: HashMap::new(),
        };
        // Into an empty database the indexes hold only what is imported: building them at
        // the end is cheaper whatever the size, and nothing need be held to decide, so the
        // rows go in while the file is still being read.
        if empty {
            importer.held = None;
            importer.rebuild = Some(drop_indexes_and_triggers(tx, &["todos", "trash_entries"])?);
        }
        Ok(importer)
    }

    pub(super) fn todos(&mut self, first: usize, rows: Vec<TodoRow>) -> Result<()> {
        let Some((held_from, held)) = &mut self.held else {
            return self.add_todos(first, &rows);
        };
        if held.is_empty() {
            *held_from = first;
        }
        self.held_bytes += rows
            .iter()
            .map(|t| t.title.len() + t.note.as_ref().map_or(0, String::len))
            .sum::<usize>();
        held.extend(rows);
        if held.len() >= BULK_TODOS || self.held_bytes >= HELD_BYTES {
            self.settle_bulk()?;
        }
        Ok(())
    }

    pub(super) fn entries(&mut self, first: usize, rows: &[EntryRow]) -> Result<()> {
        self.decide_bulk()?;
        refuse_unchecked_entries(rows)?;
        for e in rows {
            self.tally.entry(e.id, &e.kind);
        }
        // Pins are rare: without any, the column is left to its default.
        let pins = rows.iter().any(|e| e.pinned);
        let (columns, width) = if pins {
            ("trash_entries (id, kind, deleted_at, pinned)", 4)
        } else {
            ("trash_entries (id, kind, deleted_at)", 3)
        };
        let shift = &self.entry_id;
        let ids: Vec<i64> = rows.iter().map(|e| shift.of(e.id)).collect::<Result<_>>()?;
        let inserted = insert_in_batches(
            self.tx,
            &mut self.statements,
            columns,
            width,
            rows,
            |stmt, at, (k, e)| {
                stmt.raw_bind_parameter(at, ids[k])?;
                stmt.raw_bind_parameter(at + 1, &e.kind)?;
                stmt.raw_bind_parameter(at + 2, e.deleted_at)?;
                if pins {
                    stmt.raw_bind_parameter(at + 3, e.pinned)?;
                }
                Ok(())
            },
        );
        if let Err((at, e)) = inserted {
            let file_ids = rows[at..].iter().map(|e| e.id);
            return Err(super::import_fit::repeated_id(
                self.tx,
                "trash",
                &self.entry_id,
                first + at,
                file_ids,
                e,
            ));
        }
        self.imported.entries += rows.len() as i64;
        Ok(())
    }

    /// Once it is clear how many todos the file has (enough held, other rows after them,
    /// or the end): at [`BULK_TODOS`] or more, the indexes and count triggers go until the
    /// end. Rows before the first todo decide nothing.
    pub(super) fn decide_bulk(&mut self) -> Result<()> {
        if self.held.as_ref().is_some_and(|(_, held)| held.is_empty()) {
            return Ok(());
        }
        self.settle_bulk()
    }

    fn settle_bulk(&mut self) -> Result<()> {
        let Some((first, held)) = self.held.take() else {
            return Ok(());
        };
        if held.len() >= BULK_TODOS {
            // Without its index a uid taken here is found only at the end; the usual case
            // (the same file again) is found now, from the first rows, while it is there.
            if let Some(taken) = super::import_fit::uid_here(self.tx, &held)? {
                return Err(taken);
            }
            self.rebuild = Some(drop_indexes_and_triggers(
                self.tx,
                &["todos", "trash_entries"],
            )?);
        }
        self.add_todos(first, &held)
    }

    fn add_todos(&mut self, first: usize, rows: &[TodoRow]) -> Result<()> {
        if rows.is_empty() {
            return Ok(());
        }
        refuse_unchecked_todos(rows)?;
        let mut ids = Vec::with_capacity(rows.len());
        let mut shifts = Vec::with_capacity(rows.len());
        for t in rows {
            if let Some(e) = t.trash_entry {
                self.tally.todo_in(e);
            }
            let (list, shift) = self.list_of(t)?;
            ids.push([
                Some(self.todo_id.of(t.id)?),
                list,
                t.trash_entry.map(|e| self.entry_id.of(e)).transpose()?,
            ]);
            shifts.push(shift);
        }
        // Recurrences, notes, uids… are rare: without any, the columns keep their defaults.
        let extras = rows.iter().any(TodoRow::has_extras);
        let (columns, width) = if extras {
            (
                "todos (id, title, list_id, list_erased, done, position, created_at,
                        trash_entry_id, due_at, due_has_time, priority, every, has_note, uid,
                        done_at, cancelled)",
                16,
            )
        } else {
            (
                "todos (id, title, list_id, list_erased, done, position, created_at,
                        trash_entry_id, due_at, due_has_time, priority)",
                11,
            )
        };
        let inserted = insert_in_batches(
            self.tx,
            &mut self.statements,
            columns,
            width,
            rows,
            |stmt, at, (k, t)| {
                let [id, list, entry] = ids[k];
                let shift = shifts[k];
                stmt.raw_bind_parameter(at, id)?;
                stmt.raw_bind_parameter(at + 1, &t.title)?;
                stmt.raw_bind_parameter(at + 2, list)?;
                stmt.raw_bind_parameter(at + 3, t.list_erased)?;
                stmt.raw_bind_parameter(at + 4, t.done)?;
                stmt.raw_bind_parameter(at + 5, t.position + shift)?;
                stmt.raw_bind_parameter(at + 6, t.created_at)?;
                stmt.raw_bind_parameter(at + 7, entry)?;
                stmt.raw_bind_parameter(at + 8, t.due_at)?;
                stmt.raw_bind_parameter(at + 9, t.due_has_time)?;
                stmt.raw_bind_parameter(at + 10, t.priority)?;
                if extras {
                    stmt.raw_bind_parameter(at + 11, &t.every)?;
                    stmt.raw_bind_parameter(at + 12, t.note.is_some())?;
                    stmt.raw_bind_parameter(at + 13, &t.uid)?;
                    stmt.raw_bind_parameter(at + 14, t.done_at)?;
                    stmt.raw_bind_parameter(at + 15, t.cancelled)?;
                }
                Ok(())
            },
        );
        if let Err((at, e)) = inserted {
            if let Some(taken) = super::import_fit::uid_taken(self.tx, first + at, &rows[at..], &e)
            {
                return Err(taken);
            }
            let file_ids = rows[at..].iter().map(|t| t.id);
            return Err(super::import_fit::repeated_id(
                self.tx,
                "todos",
                &self.todo_id,
                first + at,
                file_ids,
                e,
            ));
        }
        self.imported.todos += rows.len() as i64;
        let noted: Vec<(i64, &str)> = rows
            .iter()
            .zip(&ids)
            .filter_map(|(t, [id, ..])| Some(((*id)?, t.note.as_deref()?)))
            .collect();
        insert_in_batches(
            self.tx,
            &mut self.statements,
            "todo_notes (todo_id, note)",
            2,
            &noted,
            |stmt, at, (_, n)| {
                stmt.raw_bind_parameter(at, n.0)?;
                stmt.raw_bind_parameter(at + 1, n.1)
            },
        )
        .map_err(|(_, e)| e)?;
        let tagged: Vec<(i64, String)> = rows
            .iter()
            .zip(&ids)
            .filter(|(t, _)| t.title.contains('#'))
            .flat_map(|(t, [id, ..])| {
                let id = id.unwrap_or_default();
                crate::fields::tags_of(&t.title)
                    .into_iter()
                    .map(move |tag| (id, tag))
            })
            .collect();
        insert_in_batches(
            self.tx,
            &mut self.statements,
            "todo_tags (todo_id, tag)",
            2,
            &tagged,
            |stmt, at, (_, g)| {
                stmt.raw_bind_parameter(at, g.0)?;
                stmt.raw_bind_parameter(at + 1, &g.1)
            },
        )
        .map_err(|(_, e)| e)?;
        // Tags of their own (another app's categories) are rare: one todo at a time.
        for (t, [id, ..]) in rows.iter().zip(&ids) {
            if let (false, Some(id)) = (t.own_tags.is_empty(), id) {
                super::tags_notes::write_own_tags(self.tx, *id, &t.title, &t.own_tags)?;
            }
        }
        Ok(())
    }

    /// Every row is in: the indexes come back, the file's references are checked, places
    /// past the largest are renumbered and the counts made right.
    pub(super) fn finish(mut self) -> Result<Imported> {
        self.settle_bulk()?;
        // Statements prepared with the CHECKs off go with the import.
        self.statements.clear();
        let tx = self.tx;
        if let Some(rebuild) = &self.rebuild {
            for sql in rebuild {
                if let Err(e) = tx.execute(sql, []) {
                    // The unique index of uids, built again over a uid brought twice.
                    return Err(super::import_fit::uid_clash(tx, &self.todo_id, e.into())?);
                }
            }
        }
        if !self.tally.fits() {
            super::import_fit::check_fit(tx, [&self.entry_id, &self.list_id, &self.todo_id])?;
        }
        // Moved after the lists and Inbox todos already here, the file's places may pass
        // the largest softly gives out: then the lists, or the Inbox, are renumbered in
        // their order, as a new list or todo there would renumber them.
        if self.list_shift > 0 {
            let top: i64 =
                tx.query_row("SELECT coalesce(max(position), 0) FROM lists", [], |r| {
                    r.get(0)
                })?;
            if top > MAX_POSITION {
                super::positions::renumber_lists(tx)?;
            }
        }
        if self.inbox_shift > 0 && super::positions::last_position(tx, None)? > MAX_POSITION {
            super::positions::renumber_todos(tx, None)?;
        }
        if self.rebuild.is_some() {
            recount(tx)?;
        }
        Ok(self.imported)
    }
}
