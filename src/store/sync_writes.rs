//! Sync's writes: what came from the server, applied in one transaction per collection
//! together with the collection's new sync token (so a round cut short starts that collection
//! again, and applying the same thing twice changes nothing); and what was sent, recorded one
//! todo at a time as the server takes it.

use jiff::Timestamp;
use rusqlite::{OptionalExtension, Transaction, params};

use super::ids::{ListId, TodoId};
use super::sync_apply::{Landed, Received, ServerCopy, apply, move_item, wrote};
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
            // Changed again while it was being sent: what was sent is not what it says now.
            tx.execute(
                "UPDATE sync_items SET text_changed = 1 WHERE todo_id = ?1 AND changed_at IS NOT NULL",
                [id],
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

    /// Gives todos the titles and own tags the text last seen of them says (see
    /// `sync/old_titles.rs`), leaving what they have to send as it was.
    pub fn sync_untangle_titles(&mut self, todos: &[(TodoId, String, Vec<String>)]) -> Result<()> {
        if todos.is_empty() {
            return Ok(());
        }
        self.write_removing_text(|tx| {
            for (id, title, tags) in todos {
                let changed: Option<i64> = tx.query_row(
                    "SELECT changed_at FROM sync_items WHERE todo_id = ?1",
                    [id],
                    |r| r.get(0),
                )?;
                tx.execute(
                    "UPDATE todos SET title = ?2 WHERE id = ?1",
                    params![id, title],
                )?;
                super::tags_notes::write_tags(tx, id.0, title, true)?;
                super::tags_notes::write_own_tags(tx, id.0, title, tags)?;
                tx.execute(
                    "UPDATE sync_items SET changed_at = ?2, text_changed = 0 WHERE todo_id = ?1",
                    params![id, changed],
                )?;
            }
            Ok(true)
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

    /// Stamps the changes the triggers marked (`changed_at = -1`) with `now`.
    pub fn sync_stamp_changes(&mut self, now: Timestamp) -> Result<()> {
        self.write(|tx| stamp_changes(tx, now))
    }

    /// Forgets the value kept under `sync.<key>`.
    pub fn forget_sync_meta(&mut self, key: &str) -> Result<()> {
        self.write(|tx| {
            tx.execute("DELETE FROM meta WHERE key = ?1", [format!("sync.{key}")])?;
            Ok(())
        })
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

#[cfg(test)]
impl Store {
    /// Puts `ical` back as the kept copy of todo `id`, as a build before schema 12 would have
    /// left it after an edit.
    pub fn sync_set_copy_for_tests(&mut self, id: TodoId, ical: &str) {
        self.write(|tx| {
            tx.execute(
                "UPDATE sync_items SET ical = ?2 WHERE todo_id = ?1",
                params![id, ical],
            )?;
            Ok(())
        })
        .unwrap();
    }

    /// As if softly had been killed after the server took the todo's first write and
    /// before this database recorded it: no record of it here at all.
    pub fn sync_forget_item_for_tests(&mut self, id: TodoId) {
        self.write(|tx| {
            tx.execute("DELETE FROM sync_items WHERE todo_id = ?1", [id])?;
            tx.execute("DELETE FROM sync_tombstones", [])?;
            Ok(())
        })
        .unwrap();
    }
}
