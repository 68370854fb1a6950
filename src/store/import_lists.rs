//! An import's lists: each is added (renamed when a live list has its name, as a restore
//! would), or, for another app's projects, joins the live list here of its name.

use rusqlite::{OptionalExtension, params};

use super::Result;
use super::import_insert::Importer;
use super::rows::{ListRow, TodoRow};
use crate::text::name_key;

impl Importer<'_> {
    /// Lists one at a time: a live list's name may be taken and need a new one.
    pub(super) fn lists(&mut self, first: usize, rows: &[ListRow]) -> Result<()> {
        self.decide_bulk()?;
        for (k, l) in rows.iter().enumerate() {
            let mut name = l.name.clone();
            if self.join && l.trash_entry.is_none() && self.join_list(l)? {
                continue;
            }
            if l.trash_entry.is_none() {
                name = super::restore::first_free_name(self.tx, &l.name)?;
                if name != l.name {
                    self.imported.renamed.push((l.name.clone(), name.clone()));
                }
            }
            let id = self.list_id.of(l.id)?;
            let entry = l.trash_entry.map(|e| self.entry_id.of(e)).transpose()?;
            if let Some(e) = l.trash_entry {
                self.tally.list_in(e);
            }
            let added = self.tx.execute(
                "INSERT INTO lists (id, name, name_key, position, created_at, trash_entry_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    id,
                    name,
                    name_key(&name),
                    l.position + self.list_shift,
                    l.created_at,
                    entry,
                ],
            );
            if let Err(e) = added {
                return Err(super::import_fit::repeated_id(
                    self.tx,
                    "lists",
                    &self.list_id,
                    first + k,
                    std::iter::once(l.id),
                    e,
                ));
            }
            self.imported.lists += 1;
        }
        Ok(())
    }

    /// Puts the file's live list `l` into the live list here of the same name, if there is
    /// one (as `--list` finds it: by its key, whatever the case); true when it did.
    fn join_list(&mut self, l: &ListRow) -> Result<bool> {
        let here: Option<(i64, i64)> = self
            .tx
            .query_row(
                "SELECT l.id, (SELECT coalesce(max(position), 0) FROM todos WHERE list_id = l.id)
                 FROM lists l WHERE l.name_key = ?1 AND l.trash_entry_id IS NULL",
                [name_key(&l.name)],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let Some((id, last)) = here else {
            return Ok(false);
        };
        // Another app's file names its projects as it meets them, after its todos: those
        // already in are moved from the list they were given into this one, after its own.
        self.tx.execute(
            "UPDATE todos SET list_id = ?1, position = position + ?2 WHERE list_id = ?3",
            params![id, last, self.list_id.of(l.id)?],
        )?;
        self.joined.insert(l.id, (id, last));
        self.imported.joined.push(l.name.clone());
        Ok(true)
    }

    /// A todo's list here, and how far its place moves.
    pub(super) fn list_of(&self, t: &TodoRow) -> Result<(Option<i64>, i64)> {
        Ok(match t.list {
            Some(l) => match self.joined.get(&l) {
                Some(&(id, shift)) => (Some(id), shift),
                None => (Some(self.list_id.of(l)?), 0),
            },
            None if t.trash_entry.is_none() => (None, self.inbox_shift),
            None => (None, 0),
        })
    }
}
