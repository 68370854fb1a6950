//! The Trash: moving todos and lists into it, and reading its entries. Getting them out is
//! `restore.rs` (back) and `erase.rs` (gone for good).

use jiff::Timestamp;
use rusqlite::{OptionalExtension, Transaction, params};

use super::distinct;
use super::ids::{EntryId, ListId, TodoId, new_id};
use super::lists::require_live_list;
use super::page::{Page, RowKey, like_pattern, query_page};
use super::todos::require_live_todos;
use super::{Result, Store, StoreError, ms, ts};

/// What a trash entry holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryKind {
    /// One todo.
    Todo,
    /// A list and the todos that were live in it when it was deleted.
    List,
}

impl EntryKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EntryKind::Todo => "todo",
            EntryKind::List => "list",
        }
    }

    pub(super) fn parse(s: &str) -> EntryKind {
        if s == "list" {
            EntryKind::List
        } else {
            EntryKind::Todo
        }
    }
}

/// One entry in the Trash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrashEntry {
    pub id: EntryId,
    pub kind: EntryKind,
    /// The todo's title, or the list's name.
    pub title: String,
    /// How many todos the entry holds (1 for a todo entry, more for a batch).
    pub todos: i64,
    pub deleted_at: Timestamp,
    /// Kept until unpinned: the purge passes it by.
    pub pinned: bool,
    /// The list a todo entry's (first) todo came from, if it had one.
    pub from_list: Option<String>,
    /// The due date of a todo entry's (first) todo, if it had one.
    pub due: Option<crate::fields::Due>,
    /// Why sync put it here, if it did: "elsewhere" (deleted on another device) or
    /// "replaced" (the version a newer edit replaced).
    pub cause: Option<String>,
}

impl TrashEntry {
    /// The key that orders the Trash, for paging.
    pub fn key(&self) -> RowKey {
        (self.deleted_at.as_millisecond(), self.id.0)
    }
}

/// Entries with their title (the todo's, or the list's name) as column `title`. A batch
/// entry's title, list and due date are those of its first todo (by id), joined once per
/// entry. A filter tests only the entry's id (see [`ENTRY_MATCH`]), which SQLite checks
/// before it makes the join, so a filter's pass over the Trash reads no titles through it.
pub(super) const ENTRY_SELECT: &str = "
    SELECT e.id, e.kind, e.deleted_at,
           CASE e.kind
             WHEN 'list' THEN (SELECT name FROM lists WHERE trash_entry_id = e.id)
             ELSE f.title
           END AS title,
           (SELECT count(*) FROM todos WHERE trash_entry_id = e.id) AS todos,
           e.pinned,
           (SELECT name FROM lists WHERE id = f.list_id),
           f.due_at, f.due_has_time, e.cause
    FROM trash_entries e
    LEFT JOIN todos f ON e.kind = 'todo'
                     AND f.id = (SELECT min(id) FROM todos WHERE trash_entry_id = e.id)";

/// The condition on `e` for an entry a view shows (`?1`: the purge cutoff).
pub(super) const SHOWN: &str = "(e.deleted_at > ?1 OR e.pinned)";

pub(super) fn entry_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<TrashEntry> {
    Ok(TrashEntry {
        id: r.get(0)?,
        kind: EntryKind::parse(&r.get::<_, String>(1)?),
        deleted_at: ts(r.get(2)?),
        title: r.get::<_, Option<String>>(3)?.unwrap_or_default(),
        todos: r.get(4)?,
        pinned: r.get(5)?,
        from_list: r.get(6)?,
        due: super::todos::due_from(r.get(7)?, r.get::<_, Option<bool>>(8)?.unwrap_or(false)),
        cause: r.get(9)?,
    })
}

impl Store {
    /// Moves todos to the Trash, one entry each, all stamped `now`. Returns the entry ids in
    /// the order of `ids`. All or nothing.
    pub fn trash_todos(&mut self, ids: &[TodoId], now: Timestamp) -> Result<Vec<EntryId>> {
        let ids = distinct(ids);
        self.write(|tx| {
            require_live_todos(tx, &ids)?;
            let mut new_entry =
                tx.prepare("INSERT INTO trash_entries (kind, deleted_at) VALUES ('todo', ?1)")?;
            let mut mark = tx.prepare("UPDATE todos SET trash_entry_id = ?2 WHERE id = ?1")?;
            let mut entries = Vec::with_capacity(ids.len());
            for id in &ids {
                new_entry.execute([ms(now)])?;
                let entry = EntryId(new_id(tx, "trash_entries")?);
                mark.execute(params![id, entry])?;
                entries.push(entry);
            }
            Ok(entries)
        })
    }

    /// Moves todos to the Trash as one entry stamped `now` (restored, erased and purged
    /// together). All or nothing; at least one id.
    pub fn trash_todos_together(&mut self, ids: &[TodoId], now: Timestamp) -> Result<EntryId> {
        let ids = distinct(ids);
        self.write(|tx| {
            require_live_todos(tx, &ids)?;
            trash_as_one(tx, &ids, now)
        })
    }

    /// Moves every done live todo of `scope` to the Trash as one entry stamped `now`.
    /// Returns the entry and how many todos it holds, or `None` when none was done.
    pub fn trash_done_todos(
        &mut self,
        scope: super::todos::TodoScope,
        now: Timestamp,
    ) -> Result<Option<(EntryId, usize)>> {
        self.write(|tx| {
            let done: Vec<TodoId> = tx
                .prepare(&format!(
                    "SELECT t.id FROM todos t INDEXED BY todos_live
                     WHERE t.trash_entry_id IS NULL AND t.done AND {}",
                    super::todos::scope_sql(scope)
                ))?
                .query_map([super::todos::scope_list(scope)], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            if done.is_empty() {
                return Ok(None);
            }
            Ok(Some((trash_as_one(tx, &done, now)?, done.len())))
        })
    }

    /// Moves a list and every todo live in it to the Trash as one entry stamped `now`.
    /// Todos of the list already in the Trash keep their own entries and clocks.
    pub fn trash_list(&mut self, id: ListId, now: Timestamp) -> Result<EntryId> {
        self.write(|tx| {
            require_live_list(tx, id)?;
            tx.execute(
                "INSERT INTO trash_entries (kind, deleted_at) VALUES ('list', ?1)",
                [ms(now)],
            )?;
            let entry = EntryId(new_id(tx, "trash_entries")?);
            tx.execute(
                "UPDATE todos SET trash_entry_id = ?2 WHERE list_id = ?1 AND trash_entry_id IS NULL",
                params![id, entry],
            )?;
            tx.execute(
                "UPDATE lists SET trash_entry_id = ?2 WHERE id = ?1",
                params![id, entry],
            )?;
            Ok(entry)
        })
    }

    /// Every trash entry, the soonest purge (the oldest delete) first.
    pub fn trash_entries(&self) -> Result<Vec<TrashEntry>> {
        self.trash_page(None, Page::default())
    }

    /// One page of the Trash, the soonest purge first (see [`Page`]): entries deleted after
    /// `after` (the purge cutoff, so that nothing past its time is shown even before the purge
    /// has run) whose title contains `page.filter`.
    pub fn trash_page(&self, after: Option<Timestamp>, page: Page<'_>) -> Result<Vec<TrashEntry>> {
        self.find_entry_hits(page.filter)?;
        let (keys, order) = page.key_sql("t.deleted_at", "t.id");
        let sql = format!(
            "SELECT * FROM ({ENTRY_SELECT} WHERE {SHOWN}) t
             WHERE {ENTRY_MATCH} AND {keys}
             ORDER BY {order} LIMIT ?3 OFFSET ?4"
        );
        Ok(query_page(
            &self.conn,
            &sql,
            &after.map_or(i64::MIN, ms),
            &page,
            entry_from_row,
        )?)
    }

    /// How many entries `trash_page(after, …)` would show in all.
    pub fn count_trash(&self, after: Option<Timestamp>, filter: &str) -> Result<i64> {
        let after = after.map_or(i64::MIN, ms);
        if filter.is_empty() {
            // The common case needs no titles and no counting: the size the triggers keep,
            // less the entries at or before `after` (expired ones the purge has not taken
            // yet: usually none, so the index finds nothing to count).
            return Ok(self
                .conn
                .prepare_cached(
                    "SELECT (SELECT entries FROM trash_size)
                          - (SELECT count(*) FROM trash_entries
                             WHERE deleted_at <= ?1 AND NOT pinned)",
                )?
                .query_row([after], |r| r.get(0))?);
        }
        self.find_entry_hits(filter)?;
        let sql = format!(
            "SELECT count(*) FROM trash_entries e WHERE {SHOWN} AND {}",
            entry_match("e")
        );
        Ok(self
            .conn
            .prepare_cached(&sql)?
            .query_row(params![after, like_pattern(filter)], |r| r.get(0))?)
    }

    /// How many entries `trash_page(after, …)` would show whose title contains `filter` and
    /// whose place in the view is at or after `from` (see
    /// [`count_live_todos_from`](Store::count_live_todos_from)).
    pub fn count_trash_from(
        &self,
        after: Option<Timestamp>,
        filter: &str,
        from: RowKey,
    ) -> Result<i64> {
        self.find_entry_hits(filter)?;
        let sql = format!(
            "SELECT count(*) FROM trash_entries e WHERE {SHOWN}
               AND e.deleted_at >= ?3 AND (e.deleted_at > ?3 OR e.id >= ?4) AND {}",
            entry_match("e")
        );
        Ok(self.conn.prepare_cached(&sql)?.query_row(
            params![
                after.map_or(i64::MIN, ms),
                like_pattern(filter),
                from.0,
                from.1
            ],
            |r| r.get(0),
        )?)
    }

    /// [`count_trash`](Store::count_trash) without a filter, unless more than `budget` entries
    /// are at or before `after`: then `None`, having looked at no more than `budget + 1` of
    /// them. Those are a purge backlog (after weeks away, it can be most of the Trash), which
    /// costs a walk to count and which the purge is about to take anyway.
    pub fn count_trash_within(&self, after: Option<Timestamp>, budget: u32) -> Result<Option<i64>> {
        let (size, expired): (i64, i64) = self
            .conn
            .prepare_cached(
                "SELECT (SELECT entries FROM trash_size),
                        (SELECT count(*) FROM (SELECT 1 FROM trash_entries
                                               WHERE deleted_at <= ?1 AND NOT pinned
                                               LIMIT ?2 + 1))",
            )?
            .query_row(params![after.map_or(i64::MIN, ms), budget], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?;
        Ok((expired <= i64::from(budget)).then_some(size - expired))
    }

    /// The ids of the entries `trash_page(after, …)` shows whose title (or a todo's) matches
    /// `filter`: what marking all of the Trash marks.
    pub fn trash_entry_ids(&self, after: Option<Timestamp>, filter: &str) -> Result<Vec<EntryId>> {
        self.find_entry_hits(filter)?;
        let sql = format!(
            "SELECT e.id FROM trash_entries e WHERE {SHOWN} AND {}
             ORDER BY e.deleted_at, e.id",
            entry_match("e")
        );
        Ok(self
            .conn
            .prepare_cached(&sql)?
            .query_map(
                params![after.map_or(i64::MIN, ms), like_pattern(filter)],
                |r| r.get(0),
            )?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// One trash entry.
    pub fn trash_entry(&self, id: EntryId) -> Result<TrashEntry> {
        let sql = format!("{ENTRY_SELECT} WHERE e.id = ?1");
        self.conn
            .query_row(&sql, [id], entry_from_row)
            .optional()?
            .ok_or(StoreError::NoSuchEntry(id))
    }

    /// The number of entries in the Trash.
    pub fn trash_count(&self) -> Result<i64> {
        self.count_trash(None, "")
    }

    /// The delete time of the oldest entry, which is the next one the purge will take.
    pub fn oldest_deleted_at(&self) -> Result<Option<Timestamp>> {
        self.oldest_deleted_after(None)
    }

    /// The delete time of the oldest unpinned entry deleted after `after` (the next one a
    /// view that hides expired entries will see expire). Pinned entries never expire.
    pub fn oldest_deleted_after(&self, after: Option<Timestamp>) -> Result<Option<Timestamp>> {
        let oldest: Option<i64> = self
            .conn
            .prepare_cached(
                "SELECT min(deleted_at) FROM trash_entries WHERE deleted_at > ?1 AND NOT pinned",
            )?
            .query_row([after.map_or(i64::MIN, ms)], |r| r.get(0))?;
        Ok(oldest.map(ts))
    }
}

/// Whether an entry (`t.id`; `?2` the LIKE pattern, NULL for no filter) matches a filter:
/// the title of any todo it holds, or its list's name. The entries that match are found
/// once per filter text and change of the data (`Store::find_entry_hits`), not per query.
const ENTRY_MATCH: &str = "(?2 IS NULL OR entry_hit(t.id))";

/// [`ENTRY_MATCH`] for entries under another alias.
fn entry_match(alias: &str) -> String {
    ENTRY_MATCH.replace("t.id", &format!("{alias}.id"))
}

/// Moves live todos `ids` into one new todo entry stamped `now`.
fn trash_as_one(tx: &Transaction, ids: &[TodoId], now: Timestamp) -> Result<EntryId> {
    tx.execute(
        "INSERT INTO trash_entries (kind, deleted_at) VALUES ('todo', ?1)",
        [ms(now)],
    )?;
    let entry = EntryId(new_id(tx, "trash_entries")?);
    let mut mark = tx.prepare_cached("UPDATE todos SET trash_entry_id = ?2 WHERE id = ?1")?;
    for id in ids {
        mark.execute(params![id, entry])?;
    }
    Ok(entry)
}

/// Fails with the first id that is not a trash entry.
pub(super) fn require_entries(tx: &Transaction, ids: &[EntryId]) -> Result<()> {
    let mut stmt = tx.prepare_cached("SELECT 1 FROM trash_entries WHERE id = ?1")?;
    for &id in ids {
        if !stmt.exists([id])? {
            return Err(StoreError::NoSuchEntry(id));
        }
    }
    Ok(())
}
