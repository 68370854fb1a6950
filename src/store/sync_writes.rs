//! Sync's writes: what came from the server, applied in one transaction per collection
//! together with the collection's new sync token (so a round cut short starts that collection
//! again, and applying the same thing twice changes nothing); and what was sent, recorded one
//! todo at a time as the server takes it.

use jiff::Timestamp;
use rusqlite::{OptionalExtension, Transaction, params};

use super::ids::{ListId, TodoId};
use super::sync_apply::{Landed, Received, ServerCopy, apply, new_entry, upsert_item};
use super::{Result, Store, ms};

impl Store {
    /// Applies what one collection's listing brought and records its new sync token, in one
    /// transaction. Returns how many of `received` were applied.
    pub fn sync_receive(
        &mut self,
        collection: Option<ListId>,
        received: &[Received],
        token: Option<&str>,
        now: Timestamp,
    ) -> Result<usize> {
        let mut applied = 0;
        let applied_ref = &mut applied;
        self.write_removing_text(|tx| {
            let mut removed = false;
            for r in received {
                match apply(tx, r, now)? {
                    Landed::No => {}
                    Landed::Yes => *applied_ref += 1,
                    Landed::RemovedText => {
                        *applied_ref += 1;
                        removed = true;
                    }
                }
            }
            tx.execute(
                "UPDATE sync_collections SET sync_token = ?2 WHERE list_key = coalesce(?1, 0)",
                params![collection, token],
            )?;
            Ok(removed)
        })?;
        Ok(applied)
    }

    /// Records that the server took the todo as `copy`. Its change mark is cleared unless it
    /// changed again while it was being sent (`sent_changed` is the mark it had then).
    pub fn sync_sent(
        &mut self,
        id: TodoId,
        copy: &ServerCopy,
        sent_changed: Option<i64>,
    ) -> Result<()> {
        self.write(|tx| {
            upsert_item(tx, id, Some(copy), &copy.ical)?;
            tx.execute(
                "UPDATE sync_items SET changed_at = NULL WHERE todo_id = ?1 AND changed_at IS ?2",
                params![id, sent_changed],
            )?;
            Ok(())
        })
    }

    /// Records that the server deleted the todo, as this database asked: nothing is left to send.
    pub fn sync_off_server(&mut self, id: TodoId) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "UPDATE sync_items SET href = NULL, etag = NULL, changed_at = NULL WHERE todo_id = ?1",
                [id],
            )?;
            Ok(())
        })
    }

    /// Forgets everything known of the server (the user pointed sync at another one): the
    /// collections, where each todo was and its ETag, the tombstones, the home and tokens.
    /// The text last seen stays, so other clients' properties still travel.
    pub fn sync_forget_server(&mut self) -> Result<()> {
        self.write(|tx| {
            tx.execute_batch(
                "DELETE FROM sync_collections;
                 DELETE FROM sync_tombstones;
                 UPDATE sync_items SET href = NULL, etag = NULL;
                 DELETE FROM meta WHERE key IN ('sync.home', 'sync.not_todos');",
            )?;
            Ok(())
        })
    }

    /// Forgets a tombstone: the server no longer has what it pointed at.
    pub fn sync_bury(&mut self, href: &str) -> Result<()> {
        self.write(|tx| {
            tx.execute("DELETE FROM sync_tombstones WHERE href = ?1", [href])?;
            Ok(())
        })
    }

    /// Gives todos the iCalendar UIDs they will keep (`uids` pairs each with a fresh one);
    /// a todo that has one keeps it.
    pub fn sync_give_uids(&mut self, uids: &[(TodoId, String)]) -> Result<()> {
        self.write(|tx| {
            let mut stmt = tx.prepare("UPDATE todos SET uid = ?2 WHERE id = ?1 AND uid IS NULL")?;
            for (id, uid) in uids {
                stmt.execute(params![id, uid])?;
            }
            Ok(())
        })
    }

    /// Records that a list (or the Inbox) is the collection at `href`, named `name` there.
    pub fn sync_map_collection(
        &mut self,
        list: Option<ListId>,
        href: &str,
        name: &str,
    ) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO sync_collections (list_key, href, name) VALUES (coalesce(?1, 0), ?2, ?3)
                 ON CONFLICT (list_key) DO UPDATE SET href = excluded.href, name = excluded.name,
                                                      sync_token = NULL",
                params![list, href, name],
            )?;
            Ok(())
        })
    }

    /// Records the collection's display name as synced.
    pub fn sync_collection_named(&mut self, list: Option<ListId>, name: &str) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "UPDATE sync_collections SET name = ?2 WHERE list_key = coalesce(?1, 0)",
                params![list, name],
            )?;
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
    pub fn sync_list_gone(
        &mut self,
        list: Option<ListId>,
        href: &str,
        now: Timestamp,
    ) -> Result<()> {
        self.write(|tx| {
            let kind = if list.is_some() { "list" } else { "todo" };
            let live = match list {
                Some(l) => {
                    tx.query_row(
                        "SELECT count(*) FROM lists WHERE id = ?1 AND trash_entry_id IS NULL",
                        [l],
                        |r| r.get::<_, i64>(0),
                    )? > 0
                }
                None => tx.query_row(
                    "SELECT count(*) FROM todos WHERE list_id IS NULL AND trash_entry_id IS NULL",
                    [],
                    |r| r.get::<_, i64>(0),
                )? > 0,
            };
            if live {
                let entry = new_entry(tx, kind, now, "elsewhere")?;
                if let Some(l) = list {
                    tx.execute(
                        "UPDATE lists SET trash_entry_id = ?2 WHERE id = ?1",
                        params![l, entry],
                    )?;
                }
                tx.execute(
                    "UPDATE todos SET trash_entry_id = ?2
                     WHERE list_id IS ?1 AND trash_entry_id IS NULL",
                    params![list, entry],
                )?;
            }
            tx.execute(
                "DELETE FROM sync_collections WHERE list_key = coalesce(?1, 0)",
                [list],
            )?;
            tx.execute(
                "UPDATE sync_items SET href = NULL, etag = NULL, changed_at = NULL
                 WHERE href > ?1 AND substr(href, 1, length(?1)) = ?1",
                [href],
            )?;
            Ok(())
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

    /// Stamps the changes the triggers marked (`changed_at = -1`) with `now`.
    pub fn sync_stamp_changes(&mut self, now: Timestamp) -> Result<()> {
        self.write(|tx| stamp_changes(tx, now))
    }

    /// Keeps a value in the meta table under `sync.<key>`.
    pub fn set_sync_meta(&mut self, key: &str, value: &str) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO meta (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                params![format!("sync.{key}"), value],
            )?;
            Ok(())
        })
    }
}

/// Marks made by the triggers get the time of the write that made them.
pub(super) fn stamp_changes(tx: &Transaction, now: Timestamp) -> Result<()> {
    tx.prepare_cached("UPDATE sync_items SET changed_at = ?1 WHERE changed_at = -1")?
        .execute([ms(now)])?;
    Ok(())
}
