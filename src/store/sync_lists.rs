//! Sync's writes about lists and their collections: which collection a list is, what each is
//! called on either side, and a collection deleted on another device.

use jiff::Timestamp;
use rusqlite::{OptionalExtension, params};

use super::ids::{ListId, TodoId};
use super::sync_apply::new_entry;
use super::{Result, Store};

impl Store {
    /// Records that a list (or the Inbox) is the collection at `href`, named `name` there
    /// and `local_name` here.
    pub fn sync_map_collection(
        &mut self,
        list: Option<ListId>,
        href: &str,
        name: &str,
        local_name: &str,
    ) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO sync_collections (list_key, href, name, local_name)
                 VALUES (coalesce(?1, 0), ?2, ?3, ?4)
                 ON CONFLICT (list_key) DO UPDATE SET href = excluded.href, name = excluded.name,
                     local_name = excluded.local_name, sync_token = NULL",
                params![list, href, name, local_name],
            )?;
            Ok(())
        })
    }

    /// Records the collection's display name and the list's name, as synced.
    pub fn sync_collection_named(
        &mut self,
        list: Option<ListId>,
        name: &str,
        local_name: &str,
    ) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "UPDATE sync_collections SET name = ?2, local_name = ?3
                 WHERE list_key = coalesce(?1, 0)",
                params![list, name, local_name],
            )?;
            Ok(())
        })
    }

    /// Records a list's place as synced (its collection's `calendar-order`), and puts the
    /// list there when `place` (the order another device gave it).
    pub fn sync_list_ordered(&mut self, list: ListId, order: i64, place: bool) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "UPDATE sync_collections SET list_order = ?2 WHERE list_key = ?1",
                params![list, order],
            )?;
            if place {
                tx.execute(
                    "UPDATE lists SET position = ?2 WHERE id = ?1 AND trash_entry_id IS NULL",
                    params![list, order],
                )?;
            }
            Ok(())
        })
    }

    /// Forgets a list's collection (deleted on the server, from here or elsewhere): its todos
    /// are no longer there either.
    pub fn sync_unmap_collection(&mut self, list: Option<ListId>, href: &str) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "DELETE FROM sync_collections WHERE list_key = coalesce(?1, 0)",
                [list],
            )?;
            tx.execute(
                "UPDATE sync_items SET href = NULL, etag = NULL
                 WHERE href > ?1 AND substr(href, 1, length(?1)) = ?1",
                [href],
            )?;
            Ok(())
        })
    }

    /// A collection deleted on another device: its list goes to the Trash with its todos, as
    /// one entry, "deleted on another device"; the Inbox's todos go as one entry of their own.
    /// But an edit or an add wins over a delete, as for a single todo: a todo changed or
    /// added here since the last round stays, in the Inbox, and is sent there. Returns how
    /// many stayed.
    pub fn sync_list_gone(
        &mut self,
        list: Option<ListId>,
        href: &str,
        now: Timestamp,
    ) -> Result<usize> {
        self.write(|tx| {
            // Its places on the server are gone with it; its unsent edits are not.
            tx.execute(
                "UPDATE sync_items SET href = NULL, etag = NULL, unconfirmed = 0
                 WHERE href > ?1 AND substr(href, 1, length(?1)) = ?1",
                [href],
            )?;
            let kept: Vec<i64> = tx
                .prepare(
                    "SELECT t.id FROM todos t LEFT JOIN sync_items s ON s.todo_id = t.id
                     WHERE t.list_id IS ?1 AND t.trash_entry_id IS NULL
                       AND (s.todo_id IS NULL OR s.changed_at IS NOT NULL)
                     ORDER BY t.position, t.id",
                )?
                .query_map([list], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            for id in &kept {
                let position = super::positions::next_position(tx, None)?;
                tx.execute(
                    "UPDATE todos SET list_id = NULL, position = ?2 WHERE id = ?1",
                    params![id, position],
                )?;
            }
            let kind = if list.is_some() { "list" } else { "todo" };
            let left: i64 = match list {
                Some(l) => tx.query_row(
                    "SELECT count(*) FROM lists WHERE id = ?1 AND trash_entry_id IS NULL",
                    [l],
                    |r| r.get(0),
                )?,
                None => tx.query_row(
                    "SELECT count(*) FROM todos t LEFT JOIN sync_items s ON s.todo_id = t.id
                     WHERE t.list_id IS NULL AND t.trash_entry_id IS NULL
                       AND s.todo_id IS NOT NULL AND s.changed_at IS NULL",
                    [],
                    |r| r.get(0),
                )?,
            };
            if left > 0 {
                let entry = new_entry(tx, kind, now, "elsewhere")?;
                if let Some(l) = list {
                    tx.execute(
                        "UPDATE lists SET trash_entry_id = ?2 WHERE id = ?1",
                        params![l, entry],
                    )?;
                }
                tx.execute(
                    "UPDATE todos SET trash_entry_id = ?2
                     WHERE list_id IS ?1 AND trash_entry_id IS NULL
                       AND id NOT IN (SELECT todo_id FROM sync_items WHERE changed_at IS NOT NULL)
                       AND id IN (SELECT todo_id FROM sync_items)",
                    params![list, entry],
                )?;
            }
            tx.execute(
                "DELETE FROM sync_collections WHERE list_key = coalesce(?1, 0)",
                [list],
            )?;
            // What went to the Trash has nothing left to send.
            tx.execute(
                "UPDATE sync_items SET changed_at = NULL
                 WHERE todo_id IN (SELECT id FROM todos WHERE trash_entry_id IS NOT NULL)
                   AND href IS NULL",
                [],
            )?;
            Ok(kept.len())
        })
    }

    /// The list in the Trash that sync put there as deleted on another device, by name: when
    /// its collection comes back (restored elsewhere), so does the list, from the Trash.
    pub fn sync_list_deleted_elsewhere(&self, name_key: &str) -> Result<Option<super::EntryId>> {
        Ok(self
            .conn
            .query_row(
                "SELECT e.id FROM trash_entries e JOIN lists l ON l.trash_entry_id = e.id
                 WHERE e.cause = 'elsewhere' AND l.name_key = ?1 ORDER BY e.deleted_at DESC",
                [name_key],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// What [`Store::sync_list_gone`] would move to the Trash, without moving anything: the
    /// list's (or the Inbox's) live todos the server has had and that have not changed here
    /// since.
    pub fn sync_list_gone_would_trash(&self, list: Option<ListId>) -> Result<Vec<TodoId>> {
        let mut stmt = self.conn.prepare(
            "SELECT t.id FROM todos t JOIN sync_items s ON s.todo_id = t.id
             WHERE t.list_id IS ?1 AND t.trash_entry_id IS NULL AND s.changed_at IS NULL
             ORDER BY t.position, t.id",
        )?;
        let rows = stmt.query_map([list], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
