//! Live lists: create, rename, read with counts, and move to the Trash with their todos.

use jiff::Timestamp;
use rusqlite::{OptionalExtension, Transaction, params};

use super::ids::{ListId, new_id};
use super::positions::next_list_position;
use super::{Result, Store, StoreError, ms, ts};
use crate::text::{clean_title, is_inbox_name, name_key};

/// A live list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct List {
    pub id: ListId,
    pub name: String,
    pub created_at: Timestamp,
}

/// A live list with the number of live todos in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListSummary {
    pub id: ListId,
    pub name: String,
    /// Live todos in the list, done or not.
    pub todos: i64,
    /// Live todos not yet done.
    pub open: i64,
}

impl Store {
    /// Creates a list at the end of the list order. Names are unique among live lists,
    /// compared case-insensitively after trimming.
    pub fn add_list(&mut self, name: &str, now: Timestamp) -> Result<ListId> {
        let name = clean_title(name, "list name")?;
        self.write(|tx| {
            require_free_name(tx, &name, None)?;
            let position = next_list_position(tx)?;
            tx.execute(
                "INSERT INTO lists (name, name_key, position, created_at) VALUES (?1, ?2, ?3, ?4)",
                params![name, name_key(&name), position, ms(now)],
            )?;
            Ok(ListId(new_id(tx, "lists")?))
        })
    }

    /// Renames a live list. Changing only the case of a name is allowed.
    pub fn rename_list(&mut self, id: ListId, new_name: &str) -> Result<()> {
        let name = clean_title(new_name, "list name")?;
        self.write_removing_text(|tx| {
            require_live_list(tx, id)?;
            require_free_name(tx, &name, Some(id))?;
            // The old name, if it changed, is removed text.
            Ok(tx.execute(
                "UPDATE lists SET name = ?2, name_key = ?3 WHERE id = ?1 AND name IS NOT ?2",
                params![id, name, name_key(&name)],
            )? > 0)
        })
    }

    /// Live lists in order, with their todo counts (from the counters, not by counting).
    pub fn live_lists(&self) -> Result<Vec<ListSummary>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT l.id, l.name, coalesce(c.todos, 0), coalesce(c.open, 0)
             FROM lists l LEFT JOIN list_counts c ON c.list_key = l.id
             WHERE l.trash_entry_id IS NULL ORDER BY l.position, l.id",
        )?;
        let lists = stmt
            .query_map([], |r| {
                Ok(ListSummary {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    todos: r.get(2)?,
                    open: r.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(lists)
    }

    /// The number of live todos in the Inbox, and how many of them are open.
    pub fn inbox_counts(&self) -> Result<(i64, i64)> {
        self.counts_of(None)
    }

    /// Finds a live list by name (case-insensitive, trimmed). The error lists the live lists.
    pub fn find_list(&self, name: &str) -> Result<List> {
        let found = self
            .conn
            .query_row(
                "SELECT id, name, created_at FROM lists
                 WHERE name_key = ?1 AND trash_entry_id IS NULL",
                [name_key(name)],
                |r| {
                    Ok(List {
                        id: r.get(0)?,
                        name: r.get(1)?,
                        created_at: ts(r.get(2)?),
                    })
                },
            )
            .optional()?;
        match found {
            Some(list) => Ok(list),
            None => Err(StoreError::NoSuchList {
                name: name.trim().to_string(),
                live: self.live_lists()?.into_iter().map(|l| l.name).collect(),
            }),
        }
    }
}

/// Fails unless `id` is a live list.
pub(super) fn require_live_list(tx: &Transaction, id: ListId) -> Result<()> {
    let live = tx.query_row(
        "SELECT trash_entry_id IS NULL FROM lists WHERE id = ?1",
        [id],
        |r| r.get::<_, bool>(0),
    );
    match live.optional()? {
        Some(true) => Ok(()),
        _ => Err(StoreError::ListGone(id)),
    }
}

/// Fails if a live list other than `except` already uses `name`, or `name` is the Inbox's.
pub(super) fn require_free_name(
    tx: &Transaction,
    name: &str,
    except: Option<ListId>,
) -> Result<()> {
    if is_inbox_name(name) {
        return Err(StoreError::InboxName);
    }
    let taken: Option<String> = tx
        .query_row(
            "SELECT name FROM lists
             WHERE name_key = ?1 AND trash_entry_id IS NULL AND id IS NOT ?2",
            params![name_key(name), except],
            |r| r.get(0),
        )
        .optional()?;
    match taken {
        Some(existing) => Err(StoreError::ListNameTaken(existing)),
        None => Ok(()),
    }
}
