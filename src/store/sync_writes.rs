//! Sync's writes: what came from the server, applied in one transaction per collection
//! together with the collection's new sync token (so a round cut short starts that collection
//! again, and applying the same thing twice changes nothing); and what was sent, recorded one
//! todo at a time as the server takes it.

use jiff::Timestamp;
use rusqlite::{OptionalExtension, Transaction, params};

use super::ids::{ListId, TodoId};
use super::sync_apply::{Landed, Received, ServerCopy, apply, move_item, new_entry, wrote};
use super::{Result, Store, ms};

impl Store {
    /// Applies what one listing of a collection brought, in one transaction; when every
    /// one of `received` landed, the collection's sync token becomes `token` (if given) and
    /// what softly wrote there counts as confirmed by the listing. A token never moves past
    /// what did not land (a todo edited here meanwhile): the next round lists it again.
    /// Returns whether everything landed.
    pub fn sync_receive(
        &mut self,
        collection: (Option<ListId>, &str),
        received: &[Received],
        token: Option<&str>,
        now: Timestamp,
    ) -> Result<bool> {
        let mut all = true;
        let all_ref = &mut all;
        self.write_removing_text(|tx| {
            let mut removed = false;
            for r in received {
                match apply(tx, r, now)? {
                    Landed::No => *all_ref = false,
                    Landed::Yes => {}
                    Landed::RemovedText => removed = true,
                }
            }
            if let (true, Some(token)) = (*all_ref, token) {
                tx.execute(
                    "UPDATE sync_collections SET sync_token = ?2, written = 0
                     WHERE list_key = coalesce(?1, 0)",
                    params![collection.0, token],
                )?;
                tx.execute(
                    "UPDATE sync_items SET unconfirmed = 0
                     WHERE unconfirmed AND href > ?1 AND substr(href, 1, length(?1)) = ?1",
                    [collection.1],
                )?;
            }
            Ok(removed)
        })?;
        Ok(all)
    }

    /// Applies one thing the server said outside a listing (a write or a delete it refused
    /// because the resource had changed): the collection's token stays.
    pub fn sync_receive_one(&mut self, received: &Received, now: Timestamp) -> Result<bool> {
        let mut landed = false;
        let landed_ref = &mut landed;
        self.write_removing_text(|tx| {
            Ok(match apply(tx, received, now)? {
                Landed::No => false,
                Landed::Yes => {
                    *landed_ref = true;
                    false
                }
                Landed::RemovedText => {
                    *landed_ref = true;
                    true
                }
            })
        })?;
        Ok(landed)
    }

    /// Records that the server took the todo as `copy`: its old place, if it moved, goes
    /// from the server next (a tombstone), and the next listing must name the new one. Its
    /// change mark is cleared unless it changed again while it was being sent (`sent_changed`
    /// is the mark it had then).
    pub fn sync_sent(
        &mut self,
        id: TodoId,
        copy: &ServerCopy,
        sent_changed: Option<i64>,
    ) -> Result<()> {
        self.write(|tx| {
            move_item(tx, id, copy)?;
            wrote(tx, &copy.href)?;
            tx.execute(
                "UPDATE sync_items SET unconfirmed = 1 WHERE todo_id = ?1",
                [id],
            )?;
            tx.execute(
                "UPDATE sync_items SET changed_at = NULL WHERE todo_id = ?1 AND changed_at IS ?2",
                params![id, sent_changed],
            )?;
            Ok(())
        })
    }

    /// Records that nothing of the todo needs sending: the server's copy already says it.
    pub fn sync_nothing_to_send(&mut self, id: TodoId, sent_changed: Option<i64>) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "UPDATE sync_items SET changed_at = NULL WHERE todo_id = ?1 AND changed_at IS ?2",
                params![id, sent_changed],
            )?;
            Ok(())
        })
    }

    /// Leaves what the server has at `href` (ETag `etag`) as it is, for `reason`: it is not
    /// fetched again, nor written over, until it changes there.
    pub fn sync_skip(&mut self, href: &str, etag: Option<&str>, reason: &str) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "INSERT OR REPLACE INTO sync_skipped (href, etag, reason) VALUES (?1, ?2, ?3)",
                params![href, etag, reason],
            )?;
            Ok(())
        })
    }

    /// Forgets that `href` was left on the server: it changed there, or is gone.
    pub fn sync_unskip(&mut self, href: &str) -> Result<()> {
        self.write(|tx| {
            tx.execute("DELETE FROM sync_skipped WHERE href = ?1", [href])?;
            Ok(())
        })
    }

    /// A tombstone's resource changed on the server: its DELETE is made on the new ETag.
    pub fn sync_tombstone_now(&mut self, href: &str, etag: &str) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "UPDATE sync_tombstones SET etag = ?2 WHERE href = ?1",
                params![href, etag],
            )?;
            Ok(())
        })
    }

    /// Records that the server deleted the todo, as this database asked: nothing is left to send.
    pub fn sync_off_server(&mut self, id: TodoId) -> Result<()> {
        self.write(|tx| {
            let href: Option<String> = tx
                .query_row("SELECT href FROM sync_items WHERE todo_id = ?1", [id], |r| {
                    r.get(0)
                })
                .optional()?
                .flatten();
            if let Some(href) = href {
                wrote(tx, &href)?;
            }
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
                 DELETE FROM sync_skipped;
                 UPDATE sync_items SET href = NULL, etag = NULL, unconfirmed = 0;
                 DELETE FROM meta WHERE key IN ('sync.home', 'sync.not_todos');",
            )?;
            Ok(())
        })
    }

    /// Forgets a tombstone: the server no longer has what it pointed at.
    pub fn sync_bury(&mut self, href: &str) -> Result<()> {
        self.write(|tx| {
            wrote(tx, href)?;
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
