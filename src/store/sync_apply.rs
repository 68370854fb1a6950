//! How one thing the server said lands in this database (`Received`), inside the
//! transaction `Store::sync_receive` holds for the collection.

use jiff::Timestamp;
use rusqlite::{OptionalExtension, Transaction, params};

use super::ids::{ListId, TodoId};
use super::positions::next_position;
use super::sync_state::TodoContent;
use super::tags_notes::{write_note, write_tags};
use super::{Result, StoreError, ms};

/// A resource as the server has it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerCopy {
    pub href: String,
    pub etag: String,
    pub ical: String,
}

/// One thing the server says, as it lands here. `seen_changed` is the todo's `changed_at` when
/// sync decided: if it has changed since (an edit made during the round), the decision is not
/// applied and the next round decides again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Received {
    /// A todo this database does not have.
    New {
        list: Option<ListId>,
        content: TodoContent,
        copy: ServerCopy,
    },
    /// The server's version replaces the one here (taken out of the Trash if it was there).
    /// `keep_ours`: the version here had changed too; it goes to the Trash as "replaced".
    Theirs {
        id: TodoId,
        seen_changed: Option<i64>,
        list: Option<ListId>,
        content: TodoContent,
        copy: ServerCopy,
        keep_ours: bool,
    },
    /// Both changed and the one here is newer: it stays and will be sent; the server's goes
    /// to the Trash as "replaced".
    Ours {
        id: TodoId,
        copy: ServerCopy,
        theirs: TodoContent,
    },
    /// The server has what this database has (its own write seen again, or the same edit
    /// made on both sides): bookkeeping only, and nothing left to send.
    Same {
        id: TodoId,
        seen_changed: Option<i64>,
        copy: ServerCopy,
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
            upsert_item(tx, id, Some(copy), &copy.ical)?;
        }
        Received::Theirs {
            id,
            seen_changed,
            list,
            content,
            copy,
            keep_ours,
        } => {
            if !changed_is(*id, *seen_changed)? {
                return Ok(Landed::No);
            }
            if *keep_ours {
                let ours = current(tx, *id)?;
                let entry = new_entry(tx, "todo", now, "replaced")?;
                insert(
                    tx,
                    ours.1,
                    &TodoContent {
                        uid: None,
                        ..ours.0
                    },
                    Some(entry),
                )?;
            }
            let removed = overwrite(tx, *id, *list, content)?;
            upsert_item(tx, *id, Some(copy), &copy.ical)?;
            clear_mark(tx, *id)?;
            return Ok(if removed && !*keep_ours {
                Landed::RemovedText
            } else {
                Landed::Yes
            });
        }
        Received::Ours { id, copy, theirs } => {
            let list: Option<ListId> =
                tx.query_row("SELECT list_id FROM todos WHERE id = ?1", [id], |r| {
                    r.get(0)
                })?;
            let entry = new_entry(tx, "todo", now, "replaced")?;
            insert(
                tx,
                list,
                &TodoContent {
                    uid: None,
                    ..theirs.clone()
                },
                Some(entry),
            )?;
            tx.execute(
                "UPDATE sync_items SET href = ?2, etag = ?3, ical = ?4 WHERE todo_id = ?1",
                params![id, copy.href, copy.etag, copy.ical],
            )?;
        }
        Received::Same {
            id,
            seen_changed,
            copy,
        } => {
            upsert_item(tx, *id, Some(copy), &copy.ical)?;
            if changed_is(*id, *seen_changed)? {
                clear_mark(tx, *id)?;
            }
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
                "UPDATE sync_items SET href = NULL, etag = NULL, changed_at = NULL WHERE todo_id = ?1",
                [id],
            )?;
        }
        Received::GoneButEdited { id } => {
            tx.execute(
                "UPDATE sync_items SET href = NULL, etag = NULL WHERE todo_id = ?1",
                [id],
            )?;
        }
    }
    Ok(Landed::Yes)
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
    let position = next_position(tx, list)?;
    tx.prepare_cached(
        "INSERT INTO todos (title, list_id, position, created_at, due_at, due_has_time, priority,
                            every, uid, done, done_at, trash_entry_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
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
        entry
    ])?;
    let id = tx.last_insert_rowid();
    write_tags(tx, id, &title, false)?;
    write_note(
        tx,
        id,
        crate::text::clean_note(c.note.as_deref().unwrap_or(""))?.as_deref(),
    )?;
    Ok(TodoId(id))
}

/// Replaces a todo's content with `c`, live in `list`. True when text was removed.
fn overwrite(tx: &Transaction, id: TodoId, list: Option<ListId>, c: &TodoContent) -> Result<bool> {
    let title = crate::text::clean_title(&c.title, "title")?;
    let list = live_list_or_inbox(tx, list)?;
    let (old_list, old_entry, old_title): (Option<ListId>, Option<i64>, String) = tx.query_row(
        "SELECT list_id, trash_entry_id, title FROM todos WHERE id = ?1",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    if old_list != list || old_entry.is_some() {
        let position = next_position(tx, list)?;
        tx.execute(
            "UPDATE todos SET list_id = ?2, position = ?3, trash_entry_id = NULL WHERE id = ?1",
            params![id, list, position],
        )?;
    }
    if let Some(entry) = old_entry {
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
                          priority = ?7, every = ?8
         WHERE id = ?1",
        params![
            id,
            title,
            c.done,
            c.done_at,
            c.due_at,
            c.due_has_time,
            c.priority,
            c.every
        ],
    )?;
    write_tags(tx, id.0, &title, true)?;
    let note = crate::text::clean_note(c.note.as_deref().unwrap_or(""))?;
    let note_removed = write_note(tx, id.0, note.as_deref())?;
    Ok(note_removed || old_title != title)
}

fn current(tx: &Transaction, id: TodoId) -> Result<(TodoContent, Option<ListId>)> {
    Ok(tx.query_row(
        "SELECT t.title, t.done, t.done_at, t.due_at, t.due_has_time, t.priority, n.note, t.every,
                t.created_at, t.list_id
         FROM todos t LEFT JOIN todo_notes n ON n.todo_id = t.id WHERE t.id = ?1",
        [id],
        |r| {
            Ok((
                TodoContent {
                    uid: None,
                    title: r.get(0)?,
                    done: r.get(1)?,
                    done_at: r.get(2)?,
                    due_at: r.get(3)?,
                    due_has_time: r.get(4)?,
                    priority: r.get(5)?,
                    note: r.get(6)?,
                    every: r.get(7)?,
                    created_at: r.get(8)?,
                },
                r.get(9)?,
            ))
        },
    )?)
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
                                            ical = excluded.ical",
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

fn clear_mark(tx: &Transaction, id: TodoId) -> Result<()> {
    tx.execute(
        "UPDATE sync_items SET changed_at = NULL WHERE todo_id = ?1",
        [id],
    )?;
    Ok(())
}
