//! What sync knows of this database: which collection each list is, where each todo is on
//! the server and what it was there, and what changed here since (see `sync_schema.rs`).
//! Reads only; the writes are `sync_writes.rs`.

use rusqlite::{OptionalExtension, params};

use super::ids::{ListId, TodoId};
use super::{Result, Store};

/// A list (or the Inbox, `list: None`) and the calendar collection it is on the server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncedCollection {
    pub list: Option<ListId>,
    pub href: String,
    /// The collection's display name as last synced.
    pub name: String,
    /// The list's name as last synced: it may differ from the collection's (a name taken
    /// here, or too long for a list), and then only the list has it.
    pub local_name: String,
    pub sync_token: Option<String>,
    /// softly wrote or deleted there since the token: the token no longer says it all.
    pub written: bool,
    /// The list's name now, or `None` when the list is in the Trash (the Inbox: "").
    pub live_name: Option<String>,
    /// The list's place as last synced (the collection's `calendar-order`), and now.
    pub order: Option<i64>,
    pub position: Option<i64>,
}

/// What a todo is, in the terms sync moves: the fields a VTODO carries.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TodoContent {
    pub uid: Option<String>,
    pub title: String,
    /// Closed: done, or cancelled.
    pub done: bool,
    /// Closed without being done (`done` is true too).
    pub cancelled: bool,
    pub done_at: Option<i64>,
    pub due_at: Option<i64>,
    pub due_has_time: bool,
    /// 3 high, 2 medium, 1 low.
    pub priority: Option<i64>,
    pub note: Option<String>,
    pub every: Option<String>,
    /// Tags the title does not carry (another app's categories), as spelled there, in the
    /// order of their lower case.
    pub tags: Vec<String>,
    pub created_at: i64,
    /// Its place in its list (`X-APPLE-SORT-ORDER` on the server, as Apple Reminders,
    /// Nextcloud Tasks and Tasks.org write it); `None` when the server's copy does not say.
    pub order: Option<i64>,
}

/// A todo here, with its sync bookkeeping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncTodo {
    pub id: TodoId,
    pub list: Option<ListId>,
    pub live: bool,
    pub content: TodoContent,
    /// Where it is on the server and the ETag it had there (`None`: not there).
    pub href: Option<String>,
    pub etag: Option<String>,
    /// The iCalendar text last seen or sent.
    pub ical: Option<String>,
    /// When it last changed here, if since it was sent (UTC milliseconds; -1: not stamped).
    pub changed_at: Option<i64>,
    /// Written to the server since its collection was last listed: the next listing names
    /// it, or it was deleted there.
    pub unconfirmed: bool,
}

const SYNC_TODO_SELECT: &str = "
    SELECT t.id, t.list_id, t.trash_entry_id IS NULL, t.uid, t.title, t.done, t.done_at,
           t.due_at, t.due_has_time, t.priority, n.note, t.every, t.created_at,
           s.href, s.etag, s.ical, s.changed_at,
           (SELECT group_concat(coalesce(spelled, tag), char(31)) FROM
              (SELECT spelled, tag FROM todo_tags WHERE todo_id = t.id AND in_title = 0
               ORDER BY tag)),
           t.cancelled, coalesce(s.unconfirmed, 0),
           -- Its place, when it is softly's to send (see schema version 14).
           CASE WHEN s.href IS NULL OR s.moved OR instr(s.ical, 'X-APPLE-SORT-ORDER') > 0
                THEN t.position END
    FROM todos t
    LEFT JOIN sync_items s ON s.todo_id = t.id
    LEFT JOIN todo_notes n ON n.todo_id = t.id";

fn sync_todo_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<SyncTodo> {
    let tags: Option<String> = r.get(17)?;
    Ok(SyncTodo {
        id: r.get(0)?,
        list: r.get(1)?,
        live: r.get(2)?,
        content: TodoContent {
            uid: r.get(3)?,
            title: r.get(4)?,
            done: r.get(5)?,
            cancelled: r.get(18)?,
            done_at: r.get(6)?,
            due_at: r.get(7)?,
            due_has_time: r.get(8)?,
            priority: r.get(9)?,
            note: r.get(10)?,
            every: r.get(11)?,
            tags: tags
                .map(|t| t.split('\u{1f}').map(str::to_string).collect())
                .unwrap_or_default(),
            created_at: r.get(12)?,
            order: r.get(20)?,
        },
        href: r.get(13)?,
        etag: r.get(14)?,
        ical: r.get(15)?,
        changed_at: r.get(16)?,
        unconfirmed: r.get(19)?,
    })
}

/// How a write the server refused is marked among what is left as it is (its ETag column
/// holds this and the version of the todo that was refused).
pub const REFUSED_WRITE: &str = "refused: ";

impl Store {
    /// Every list that has a collection, live or in the Trash.
    pub fn sync_collections(&self) -> Result<Vec<SyncedCollection>> {
        let mut stmt = self.conn.prepare(
            "SELECT c.list_key, c.href, c.name, c.sync_token,
                    CASE WHEN c.list_key = 0 THEN '' WHEN l.trash_entry_id IS NULL THEN l.name END,
                    coalesce(c.local_name, c.name), c.written, c.list_order, l.position
             FROM sync_collections c LEFT JOIN lists l ON l.id = c.list_key
             ORDER BY c.list_key",
        )?;
        let rows = stmt.query_map([], |r| {
            let key: i64 = r.get(0)?;
            Ok(SyncedCollection {
                list: (key != 0).then_some(ListId(key)),
                href: r.get(1)?,
                name: r.get(2)?,
                sync_token: r.get(3)?,
                live_name: r.get(4)?,
                local_name: r.get(5)?,
                written: r.get(6)?,
                order: r.get(7)?,
                position: r.get(8)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Live todos in live lists (or the Inbox) that the server does not have as they are
    /// here (never sent, not there any more, or changed since they were sent): the first
    /// `limit` of them after todo `after`, in id order, so a first round of a big database
    /// holds a page of them at a time rather than all.
    pub fn sync_todos_to_send(&self, after: TodoId, limit: usize) -> Result<Vec<SyncTodo>> {
        let sql = format!(
            "{SYNC_TODO_SELECT}
             WHERE t.trash_entry_id IS NULL AND t.id > ?1
               AND (s.todo_id IS NULL OR s.href IS NULL OR s.changed_at IS NOT NULL)
             ORDER BY t.id LIMIT ?2"
        );
        self.sync_todos(&sql, params![after, limit as i64])
    }

    /// Todos in the Trash that are still on the server.
    pub fn sync_todos_to_delete(&self) -> Result<Vec<SyncTodo>> {
        let sql = format!(
            "{SYNC_TODO_SELECT} WHERE t.trash_entry_id IS NOT NULL AND s.href IS NOT NULL
             ORDER BY t.id"
        );
        self.sync_todos(&sql, [])
    }

    /// The todo (live or in the Trash) with this iCalendar UID.
    pub fn sync_todo_by_uid(&self, uid: &str) -> Result<Option<SyncTodo>> {
        let sql = format!("{SYNC_TODO_SELECT} WHERE t.uid = ?1");
        Ok(self.sync_todos(&sql, [uid])?.pop())
    }

    /// The todo with this id, live or in the Trash, with its sync bookkeeping.
    pub fn sync_todo_by_id(&self, id: TodoId) -> Result<Option<SyncTodo>> {
        let sql = format!("{SYNC_TODO_SELECT} WHERE t.id = ?1");
        Ok(self.sync_todos(&sql, [id])?.pop())
    }

    /// The todo that is at `href` on the server.
    pub fn sync_todo_by_href(&self, href: &str) -> Result<Option<SyncTodo>> {
        let sql = format!("{SYNC_TODO_SELECT} WHERE s.href = ?1");
        Ok(self.sync_todos(&sql, [href])?.pop())
    }

    /// Every href under a collection's, and whether it was written there since the
    /// collection was last listed: what a listing of the collection is compared with.
    pub fn sync_hrefs_under(&self, collection: &str) -> Result<Vec<(String, bool)>> {
        let mut stmt = self.conn.prepare(
            "SELECT href, unconfirmed FROM sync_items
             WHERE href > ?1 AND substr(href, 1, length(?1)) = ?1",
        )?;
        let rows = stmt.query_map(params![collection], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Whether softly wrote to the collection at `href` since it was last listed.
    pub fn sync_wrote_to(&self, collection: &str) -> Result<bool> {
        Ok(self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM sync_items
                            WHERE unconfirmed AND href > ?1 AND substr(href, 1, length(?1)) = ?1)",
            [collection],
            |r| r.get(0),
        )?)
    }

    /// What the server has at `href` that softly left there, unread or not held: the ETag
    /// it had then and why.
    pub fn sync_skipped(&self, href: &str) -> Result<Option<(Option<String>, String)>> {
        Ok(self
            .conn
            .prepare_cached("SELECT etag, reason FROM sync_skipped WHERE href = ?1")?
            .query_row([href], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?)
    }

    /// Everything softly left on the server, unread or not held, with why: `sync status`
    /// lists it until it changes there.
    pub fn sync_all_skipped(&self) -> Result<Vec<(String, String)>> {
        let mut stmt = self
            .conn
            .prepare("SELECT href, reason FROM sync_skipped ORDER BY href")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// How many resources on the server softly left unread (not the writes it refused):
    /// the app's header says it until they can be read.
    pub fn sync_unread_count(&self) -> Result<usize> {
        let n: i64 = self.conn.query_row(
            "SELECT count(*) FROM sync_skipped
             WHERE etag IS NULL OR substr(etag, 1, length(?1)) <> ?1",
            [REFUSED_WRITE],
            |r| r.get(0),
        )?;
        Ok(n as usize)
    }

    /// Places on the server of todos whose rows are gone here (see `sync_schema.rs`).
    pub fn sync_tombstones(&self) -> Result<Vec<(String, Option<String>)>> {
        let mut stmt = self
            .conn
            .prepare("SELECT href, etag FROM sync_tombstones")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The titles of synced todos with nothing to send, with the text last seen of them,
    /// `limit` at a time after todo `after`, in id order.
    pub fn sync_titles_and_texts(
        &self,
        after: TodoId,
        limit: usize,
    ) -> Result<Vec<(TodoId, String, String)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT t.id, t.title, s.ical FROM sync_items s JOIN todos t ON t.id = s.todo_id
             WHERE s.todo_id > ?1 AND s.changed_at IS NULL ORDER BY s.todo_id LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![after, limit as i64], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The ETag recorded for what is at `href` on the server, if a todo is there.
    pub fn sync_etag_at(&self, href: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .prepare_cached("SELECT etag FROM sync_items WHERE href = ?1")?
            .query_row([href], |r| r.get(0))
            .optional()?
            .flatten())
    }

    /// Whether `href` is a tombstone's: a place on the server softly is to delete.
    pub fn sync_is_tombstone(&self, href: &str) -> Result<bool> {
        Ok(self
            .conn
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM sync_tombstones WHERE href = ?1)")?
            .query_row([href], |r| r.get(0))?)
    }

    /// Whether a tombstone is the old place of a todo that moved.
    pub fn sync_tombstone_moved(&self, href: &str) -> Result<bool> {
        Ok(self
            .conn
            .query_row(
                "SELECT moved FROM sync_tombstones WHERE href = ?1",
                [href],
                |r| r.get(0),
            )
            .optional()?
            .unwrap_or(false))
    }

    /// How many todos a round would send.
    pub fn sync_pending_sends(&self) -> Result<i64> {
        Ok(self.conn.query_row(
            "SELECT count(*) FROM todos t LEFT JOIN sync_items s ON s.todo_id = t.id
             WHERE t.trash_entry_id IS NULL
               AND (s.todo_id IS NULL OR s.href IS NULL OR s.changed_at IS NOT NULL)",
            [],
            |r| r.get(0),
        )?)
    }

    /// How many todos wait to be sent or deleted on the server.
    pub fn sync_pending(&self) -> Result<i64> {
        Ok(self.conn.query_row(
            "SELECT (SELECT count(*) FROM sync_items WHERE changed_at IS NOT NULL)
                  + (SELECT count(*) FROM sync_tombstones)
                  + (SELECT count(*) FROM todos t WHERE t.trash_entry_id IS NULL AND NOT EXISTS
                       (SELECT 1 FROM sync_items s WHERE s.todo_id = t.id AND s.href IS NOT NULL))",
            [],
            |r| r.get(0),
        )?)
    }

    /// A value sync keeps in the meta table (`sync.*`): the last round's time and outcome.
    pub fn sync_meta(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row(
                "SELECT value FROM meta WHERE key = ?1",
                [format!("sync.{key}")],
                |r| r.get(0),
            )
            .optional()?)
    }

    fn sync_todos<P: rusqlite::Params>(&self, sql: &str, p: P) -> Result<Vec<SyncTodo>> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        let rows = stmt.query_map(p, sync_todo_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
