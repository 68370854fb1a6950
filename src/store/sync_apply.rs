//! How one thing the server said lands in this database (`Received`), inside the
//! transaction `Store::sync_receive` holds for the collection.

use jiff::Timestamp;
use rusqlite::{OptionalExtension, Transaction, params};

use super::ids::{ListId, TodoId};
use super::positions::next_position;
use super::sync_state::TodoContent;
use super::tags_notes::{write_note, write_own_tags, write_tags};
use super::{Result, StoreError, ms};

/// A resource as the server has it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerCopy {
    pub href: String,
    pub etag: String,
    pub ical: String,
}

/// What a todo has left to send once something from the server landed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// Nothing: the server has what this database has.
    Clear,
    /// What it had: changes made here wait to be sent on top of the server's copy.
    Keep,
    /// Something: the todo became what neither side had (both sides' changes merged).
    Set,
}

/// One thing the server says, as it lands here. `seen_changed` is the todo's `changed_at`
/// when sync decided: if it has changed since (an edit made during the round), the decision
/// is not applied and the next round decides again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Received {
    /// A todo this database does not have.
    New {
        list: Option<ListId>,
        content: TodoContent,
        copy: ServerCopy,
    },
    /// The server's copy of a todo here, and what the todo becomes: `content` in `list`
    /// (out of the Trash if `restore`; a todo in the Trash otherwise stays there). `replaced`
    /// is a version that lost to a newer edit, kept in the Trash, "replaced by a newer edit".
    Merged {
        id: TodoId,
        seen_changed: Option<i64>,
        list: Option<ListId>,
        content: TodoContent,
        copy: ServerCopy,
        restore: bool,
        mark: Mark,
        replaced: Option<Box<(TodoContent, Option<ListId>)>>,
    },
    /// Deleted on the server: into the Trash, "deleted on another device".
    Gone {
        id: TodoId,
        seen_changed: Option<i64>,
        at: Timestamp,
    },
    /// Deleted on the server but edited here: the edit wins, and it is sent again.
    GoneButEdited { id: TodoId },
}

pub(super) enum Landed {
    No,
    Yes,
    RemovedText,
}

pub(super) fn apply(tx: &Transaction, r: &Received, now: Timestamp) -> Result<Landed> {
    let changed_is = |id: TodoId, seen: Option<i64>| -> Result<bool> {
        let now: Option<Option<i64>> = tx
            .query_row(
                "SELECT changed_at FROM sync_items WHERE todo_id = ?1",
                [id],
                |r| r.get(0),
            )
            .optional()?;
        Ok(now.flatten() == seen)
    };
    match r {
        Received::New {
            list,
            content,
            copy,
        } => {
            if find_by_uid(tx, content.uid.as_deref())?.is_some() {
                return Ok(Landed::No);
            }
            let id = insert(tx, *list, content, None)?;
            move_item(tx, id, copy)?;
        }
        Received::Merged {
            id,
            seen_changed,
            list,
            content,
            copy,
            restore,
            mark,
            replaced,
        } => {
            if !changed_is(*id, *seen_changed)? {
                return Ok(Landed::No);
            }
            if let Some(lost) = replaced {
                let (lost, lost_list) = lost.as_ref();
                let entry = new_entry(tx, "todo", now, "replaced")?;
                let lost = TodoContent {
                    uid: None,
                    ..lost.clone()
                };
                insert(tx, *lost_list, &lost, Some(entry))?;
            }
            let removed = overwrite(tx, *id, *list, content, *restore)?;
            move_item(tx, *id, copy)?;
            if !matches!(mark, Mark::Clear) {
                // The server's copy says what the todo here does not (an older title, the
                // version that lost): kept without it until it is sent.
                super::sync_scrub::scrub_copy_later(tx, *id)?;
            }
            let changed = match mark {
                Mark::Clear => None,
                Mark::Keep => *seen_changed,
                Mark::Set => Some(ms(now)),
            };
            tx.execute(
                "UPDATE sync_items SET changed_at = ?2 WHERE todo_id = ?1",
                params![id, changed],
            )?;
            return Ok(if removed && replaced.is_none() {
                Landed::RemovedText
            } else {
                Landed::Yes
            });
        }
        Received::Gone {
            id,
            seen_changed,
            at,
        } => {
            if !changed_is(*id, *seen_changed)? {
                return Ok(Landed::No);
            }
            let live: bool = tx.query_row(
                "SELECT trash_entry_id IS NULL FROM todos WHERE id = ?1",
                [id],
                |r| r.get(0),
            )?;
            if live {
                let entry = new_entry(tx, "todo", *at, "elsewhere")?;
                tx.execute(
                    "UPDATE todos SET trash_entry_id = ?2 WHERE id = ?1",
                    params![id, entry],
                )?;
            }
            tx.execute(
                "UPDATE sync_items SET href = NULL, etag = NULL, changed_at = NULL, unconfirmed = 0
                 WHERE todo_id = ?1",
                [id],
            )?;
        }
        Received::GoneButEdited { id } => {
            tx.execute(
                "UPDATE sync_items SET href = NULL, etag = NULL, unconfirmed = 0 WHERE todo_id = ?1",
                [id],
            )?;
        }
    }
    Ok(Landed::Yes)
}

/// Notes that softly wrote (or deleted) `href` on the server: its collection's token no
/// longer says all that is there.
pub(super) fn wrote(tx: &Transaction, href: &str) -> Result<()> {
    tx.prepare_cached(
        "UPDATE sync_collections SET written = 1
         WHERE NOT written AND substr(?1, 1, length(href)) = href",
    )?
    .execute([href])?;
    Ok(())
}

/// Records the server's copy of todo `id`. When it is at another place than the one
/// recorded (moved, on either side), the old place gets a tombstone: it goes from the
/// server, unless it is gone already, so a todo is never left in two collections.
pub(super) fn move_item(tx: &Transaction, id: TodoId, copy: &ServerCopy) -> Result<()> {
    let old: Option<(Option<String>, Option<String>)> = tx
        .query_row(
            "SELECT href, etag FROM sync_items WHERE todo_id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    if let Some((Some(href), etag)) = old
        && href != copy.href
    {
        tx.execute(
            "INSERT OR REPLACE INTO sync_tombstones (href, etag, moved) VALUES (?1, ?2, 1)",
            params![href, etag],
        )?;
    }
    tx.execute("DELETE FROM sync_tombstones WHERE href = ?1", [&copy.href])?;
    upsert_item(tx, id, Some(copy), &copy.ical)?;
    tx.execute(
        "UPDATE sync_items SET unconfirmed = 0 WHERE todo_id = ?1",
        [id],
    )?;
    Ok(())
}

fn find_by_uid(tx: &Transaction, uid: Option<&str>) -> Result<Option<TodoId>> {
    let Some(uid) = uid else { return Ok(None) };
    Ok(tx
        .query_row("SELECT id FROM todos WHERE uid = ?1", [uid], |r| r.get(0))
        .optional()?)
}

pub(super) fn new_entry(tx: &Transaction, kind: &str, at: Timestamp, cause: &str) -> Result<i64> {
    tx.execute(
        "INSERT INTO trash_entries (kind, deleted_at, cause) VALUES (?1, ?2, ?3)",
        params![kind, ms(at), cause],
    )?;
    Ok(tx.last_insert_rowid())
}

/// Inserts a todo (live, or into `entry`) at the end of its list.
fn insert(
    tx: &Transaction,
    list: Option<ListId>,
    c: &TodoContent,
    entry: Option<i64>,
) -> Result<TodoId> {
    let title = crate::text::clean_title(&c.title, "title")?;
    let list = live_list_or_inbox(tx, list)?;
    // At the place the other device gave it, so lists read the same on every device.
    let position = match c.order {
        Some(order) => order,
        None => next_position(tx, list)?,
    };
    tx.prepare_cached(
        "INSERT INTO todos (title, list_id, position, created_at, due_at, due_has_time, priority,
                            every, uid, done, done_at, trash_entry_id, cancelled)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?
    .execute(params![
        title,
        list,
        position,
        c.created_at,
        c.due_at,
        c.due_has_time,
        c.priority,
        c.every,
        c.uid,
        c.done,
        c.done_at,
        entry,
        c.cancelled
    ])?;
    let id = tx.last_insert_rowid();
    write_tags(tx, id, &title, false)?;
    write_own_tags(tx, id, &title, &c.tags)?;
    write_note(
        tx,
        id,
        crate::text::clean_note(c.note.as_deref().unwrap_or(""))?.as_deref(),
    )?;
    Ok(TodoId(id))
}

/// Replaces a todo's content with `c`, in `list` (out of the Trash when `restore`). True when
/// text was removed.
fn overwrite(
    tx: &Transaction,
    id: TodoId,
    list: Option<ListId>,
    c: &TodoContent,
    restore: bool,
) -> Result<bool> {
    let title = crate::text::clean_title(&c.title, "title")?;
    let (old_list, old_entry, old_title): (Option<ListId>, Option<i64>, String) = tx.query_row(
        "SELECT list_id, trash_entry_id, title FROM todos WHERE id = ?1",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    let restoring = restore && old_entry.is_some();
    // A place the server gave is not a move made here (schema version 14).
    let moved_here: bool = tx.query_row(
        "SELECT coalesce((SELECT moved FROM sync_items WHERE todo_id = ?1), 0)",
        [id],
        |r| r.get(0),
    )?;
    // A todo that stays in the Trash stays where it would be restored to.
    let list = match old_entry {
        Some(_) if !restoring => old_list,
        _ => live_list_or_inbox(tx, list)?,
    };
    if old_list != list || restoring {
        let position = match c.order {
            Some(order) => order,
            None => next_position(tx, list)?,
        };
        tx.execute(
            "UPDATE todos SET list_id = ?2, position = ?3 WHERE id = ?1",
            params![id, list, position],
        )?;
    } else if let Some(order) = c.order {
        // Moved up or down its list on another device.
        tx.execute(
            "UPDATE todos SET position = ?2 WHERE id = ?1 AND position <> ?2",
            params![id, order],
        )?;
    }
    tx.execute(
        "UPDATE sync_items SET moved = ?2 WHERE todo_id = ?1 AND moved <> ?2",
        params![id, moved_here],
    )?;
    if let (true, Some(entry)) = (restoring, old_entry) {
        tx.execute("UPDATE todos SET trash_entry_id = NULL WHERE id = ?1", [id])?;
        // Taken back out of the Trash (edited elsewhere wins over deleted here): an entry
        // left holding nothing goes.
        tx.execute(
            "DELETE FROM trash_entries WHERE id = ?1
               AND NOT EXISTS (SELECT 1 FROM todos WHERE trash_entry_id = ?1)
               AND NOT EXISTS (SELECT 1 FROM lists WHERE trash_entry_id = ?1)",
            [entry],
        )?;
    }
    tx.execute(
        "UPDATE todos SET title = ?2, done = ?3, done_at = ?4, due_at = ?5, due_has_time = ?6,
                          priority = ?7, every = ?8, cancelled = ?9
         WHERE id = ?1",
        params![
            id,
            title,
            c.done,
            c.done_at,
            c.due_at,
            c.due_has_time,
            c.priority,
            c.every,
            c.cancelled
        ],
    )?;
    write_tags(tx, id.0, &title, true)?;
    write_own_tags(tx, id.0, &title, &c.tags)?;
    let note = crate::text::clean_note(c.note.as_deref().unwrap_or(""))?;
    let note_removed = write_note(tx, id.0, note.as_deref())?;
    Ok(note_removed || old_title != title)
}

fn live_list_or_inbox(tx: &Transaction, list: Option<ListId>) -> Result<Option<ListId>> {
    let Some(list) = list else { return Ok(None) };
    let live = tx
        .query_row(
            "SELECT 1 FROM lists WHERE id = ?1 AND trash_entry_id IS NULL",
            [list],
            |_| Ok(()),
        )
        .optional()?
        .is_some();
    Ok(live.then_some(list))
}

pub(super) fn upsert_item(
    tx: &Transaction,
    id: TodoId,
    copy: Option<&ServerCopy>,
    ical: &str,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO sync_items (todo_id, href, etag, ical) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (todo_id) DO UPDATE SET href = excluded.href, etag = excluded.etag,
                                            ical = excluded.ical, text_changed = 0",
    )?
    .execute(params![
        id,
        copy.map(|c| &c.href),
        copy.map(|c| &c.etag),
        ical
    ])
    .map_err(StoreError::from)?;
    Ok(())
}
