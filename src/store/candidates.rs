//! What a shell completes from the database: live list names, trash entry ids, todo ids.
//! Read through a connection of its own that opens the file read-only, so that pressing Tab
//! never creates, upgrades or writes a file; anything unreadable completes nothing.

use std::path::Path;

use rusqlite::Connection;

/// The most candidates one Tab offers (ids beyond are reached by typing more digits).
const MOST: i64 = 200;

pub struct Candidates {
    conn: Connection,
}

impl Candidates {
    /// The database at `path`, if it is there and is softly's, read without creating or
    /// changing a file. With a `-wal` and its `-shm` beside it (the app has it open, or a
    /// writer was killed), through them, so that what the app just wrote is seen, but with
    /// the `-shm` read-only; otherwise (no log, or a log without its index) as immutable,
    /// the main file alone.
    pub fn open(path: &Path) -> Option<Candidates> {
        if !path.is_file() {
            return None;
        }
        let logged = super::wal_path(path).exists() && super::shm_path(path).exists();
        let conn = if logged {
            super::open::open_without_touching_the_log(path).ok()?
        } else {
            super::open::open_immutable(path).ok()?
        };
        let app_id: i64 = conn
            .query_row("PRAGMA application_id", [], |r| r.get(0))
            .ok()?;
        (app_id == super::APPLICATION_ID).then_some(Candidates { conn })
    }

    /// Live list names that start with `prefix` (any case), in the app's order.
    pub fn list_names(&self, prefix: &str) -> Vec<String> {
        self.strings(
            "SELECT name FROM lists WHERE trash_entry_id IS NULL
               AND name_key LIKE ?1 ESCAPE '\\' ORDER BY position, id LIMIT ?2",
            &crate::text::name_key(prefix),
        )
    }

    /// Trash entries whose id starts with `prefix`, with the title each shows.
    pub fn entries(&self, prefix: &str) -> Vec<(i64, String)> {
        self.ids(
            "SELECT e.id, coalesce(
                 (SELECT name FROM lists WHERE trash_entry_id = e.id),
                 (SELECT title FROM todos WHERE trash_entry_id = e.id ORDER BY id LIMIT 1), '')
             FROM trash_entries e WHERE CAST(e.id AS TEXT) LIKE ?1 ORDER BY e.id LIMIT ?2",
            prefix,
        )
    }

    /// Live todos whose id starts with `prefix`, with their titles.
    pub fn todos(&self, prefix: &str) -> Vec<(i64, String)> {
        self.ids(
            "SELECT id, title FROM todos WHERE trash_entry_id IS NULL
               AND CAST(id AS TEXT) LIKE ?1 ORDER BY id LIMIT ?2",
            prefix,
        )
    }

    fn strings(&self, sql: &str, prefix: &str) -> Vec<String> {
        let read = || -> rusqlite::Result<Vec<String>> {
            self.conn
                .prepare(sql)?
                .query_map(rusqlite::params![like_prefix(prefix), MOST], |r| r.get(0))?
                .collect()
        };
        read().unwrap_or_default()
    }

    fn ids(&self, sql: &str, prefix: &str) -> Vec<(i64, String)> {
        if !prefix.chars().all(|c| c.is_ascii_digit()) {
            return Vec::new();
        }
        let read = || -> rusqlite::Result<Vec<(i64, String)>> {
            self.conn
                .prepare(sql)?
                .query_map(rusqlite::params![like_prefix(prefix), MOST], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })?
                .collect()
        };
        read().unwrap_or_default()
    }
}

/// A LIKE pattern for text that starts with `prefix`, its own `%` and `_` taken literally.
fn like_prefix(prefix: &str) -> String {
    let mut pattern = String::with_capacity(prefix.len() + 1);
    for c in prefix.chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}
