//! The database schema, as an ordered list of migrations. Never edit a migration that has
//! shipped: append a new one. `PRAGMA user_version` records how many have run.

use rusqlite_migration::{M, Migrations};

/// Stamped into the file header so softly recognises its own databases ("soft" in ASCII)
/// and refuses to add tables to somebody else's SQLite file.
pub const APPLICATION_ID: i64 = 0x736f_6674;

/// Version 1: lists, todos, trash entries, the purge log, and a small key/value table.
///
/// Soft delete is a nullable `trash_entry_id` on todos and lists: NULL means live. Every
/// delete creates one `trash_entries` row and points the deleted rows at it, so restoring or
/// erasing an entry is one indexed update or delete. Ids use AUTOINCREMENT so an erased id is
/// never handed out again (a script holding an old id can never touch a newer todo).
const V1: &str = r#"
PRAGMA application_id = 1936680564; -- APPLICATION_ID

CREATE TABLE trash_entries (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    kind        TEXT    NOT NULL CHECK (kind IN ('todo', 'list')),
    deleted_at  INTEGER NOT NULL              -- UTC milliseconds
);
-- Purge asks "which entries were deleted at or before the cutoff"; the Trash view lists
-- entries oldest first.
CREATE INDEX trash_entries_by_deleted_at ON trash_entries (deleted_at, id);

CREATE TABLE lists (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    name            TEXT    NOT NULL,
    name_key        TEXT    NOT NULL,         -- trimmed + lowercased, for uniqueness
    position        INTEGER NOT NULL,
    created_at      INTEGER NOT NULL,
    trash_entry_id  INTEGER REFERENCES trash_entries (id)
);
-- Names are unique among live lists only: a list in the Trash never blocks a new one.
CREATE UNIQUE INDEX lists_live_name ON lists (name_key) WHERE trash_entry_id IS NULL;
CREATE INDEX lists_live_order ON lists (position, id) WHERE trash_entry_id IS NULL;
CREATE INDEX lists_by_entry ON lists (trash_entry_id) WHERE trash_entry_id IS NOT NULL;

CREATE TABLE todos (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    title           TEXT    NOT NULL,
    list_id         INTEGER REFERENCES lists (id) ON DELETE SET NULL,  -- NULL: the Inbox
    -- Set when the todo's list was erased while the todo sat in its own trash entry, so a
    -- later restore can say why it lands in the Inbox.
    list_erased     INTEGER NOT NULL DEFAULT 0 CHECK (list_erased IN (0, 1)),
    done            INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1)),
    position        INTEGER NOT NULL,
    created_at      INTEGER NOT NULL,
    trash_entry_id  INTEGER REFERENCES trash_entries (id)
);
-- The hot query: live todos of one list (or the Inbox) in order, a screenful at a time.
CREATE INDEX todos_live_by_list ON todos (list_id, position, id) WHERE trash_entry_id IS NULL;
-- Restore, erase and purge find an entry's todos.
CREATE INDEX todos_by_entry ON todos (trash_entry_id) WHERE trash_entry_id IS NOT NULL;
-- Erasing a list finds every todo that still points at it (the foreign key needs this too).
CREATE INDEX todos_by_list ON todos (list_id);

-- How many live todos each list (key 0: the Inbox) holds, and how many are open, kept
-- exact by the triggers below, so a count costs the same at ten todos or a million.
CREATE TABLE list_counts (
    list_key  INTEGER PRIMARY KEY,             -- lists.id, or 0 for the Inbox
    todos     INTEGER NOT NULL,
    open      INTEGER NOT NULL
);

CREATE TRIGGER list_counts_on_insert AFTER INSERT ON todos
WHEN NEW.trash_entry_id IS NULL
BEGIN
    INSERT INTO list_counts (list_key, todos, open)
    VALUES (coalesce(NEW.list_id, 0), 1, NOT NEW.done)
    ON CONFLICT (list_key) DO UPDATE SET todos = todos + 1, open = open + excluded.open;
END;

CREATE TRIGGER list_counts_on_delete AFTER DELETE ON todos
WHEN OLD.trash_entry_id IS NULL
BEGIN
    UPDATE list_counts SET todos = todos - 1, open = open - (NOT OLD.done)
    WHERE list_key = coalesce(OLD.list_id, 0);
END;

CREATE TRIGGER list_counts_on_update AFTER UPDATE OF list_id, done, trash_entry_id ON todos
BEGIN
    UPDATE list_counts SET todos = todos - 1, open = open - (NOT OLD.done)
    WHERE OLD.trash_entry_id IS NULL AND list_key = coalesce(OLD.list_id, 0);
    INSERT INTO list_counts (list_key, todos, open)
    SELECT coalesce(NEW.list_id, 0), 1, NOT NEW.done WHERE NEW.trash_entry_id IS NULL
    ON CONFLICT (list_key) DO UPDATE SET todos = todos + 1, open = open + excluded.open;
END;

CREATE TRIGGER list_counts_on_list_delete AFTER DELETE ON lists
BEGIN
    DELETE FROM list_counts WHERE list_key = OLD.id;
END;

CREATE TABLE purge_log (
    id        INTEGER PRIMARY KEY,
    at        INTEGER NOT NULL,
    reason    TEXT    NOT NULL CHECK (reason IN ('erase', 'empty', 'purge')),
    trigger   TEXT    NOT NULL CHECK (trigger IN ('startup', 'timer', 'manual')),
    cutoff    INTEGER,                        -- purges only
    entries   INTEGER NOT NULL,
    todos     INTEGER NOT NULL,
    lists     INTEGER NOT NULL
);

CREATE TABLE meta (
    key    TEXT PRIMARY KEY,
    value
) WITHOUT ROWID;
"#;

/// Version 2: the index of live todos carries the title too, so filtering a list reads that
/// index alone, in order, instead of looking up every row in the table: at a million todos
/// that halves what a filter keystroke costs. It replaces the version 1 index, which the hot
/// queries named with `INDEXED BY`; they name this one now.
const V2: &str = r#"
DROP INDEX todos_live_by_list;
CREATE INDEX todos_live_titled ON todos (list_id, position, id, title)
    WHERE trash_entry_id IS NULL;
"#;

/// Version 3: how many entries the Trash holds, kept exact by triggers like `list_counts`,
/// so that the count the app shows before its first frame costs the same at any size
/// (counting 250,000 entries along their index took several milliseconds at startup).
const V3: &str = r#"
CREATE TABLE trash_size (
    only     INTEGER PRIMARY KEY CHECK (only = 1),
    entries  INTEGER NOT NULL
);
INSERT INTO trash_size (only, entries) SELECT 1, count(*) FROM trash_entries;

CREATE TRIGGER trash_size_on_insert AFTER INSERT ON trash_entries
BEGIN
    UPDATE trash_size SET entries = entries + 1;
END;

CREATE TRIGGER trash_size_on_delete AFTER DELETE ON trash_entries
BEGIN
    UPDATE trash_size SET entries = entries - 1;
END;
"#;

/// Version 4: the index of live todos carries everything a view or `softly ls` shows of a
/// todo (done, created) besides the title, so reading a list never looks a row up in the
/// table: that lookup was half of what listing 25,000 todos cost. It adds some 8 bytes a
/// row to the index, a few percent to a filter's pass over it.
///
/// And the index of todos by list leaves out the Inbox's: every search of it asks for one
/// list (`list_id = ?`, `IN (…)`, the foreign key's own look-up), which never matches NULL,
/// and an Inbox of thousands made it bigger and every import slower for nothing.
const V4: &str = r#"
DROP INDEX todos_live_titled;
CREATE INDEX todos_live ON todos (list_id, position, id, title, done, created_at)
    WHERE trash_entry_id IS NULL;
DROP INDEX todos_by_list;
CREATE INDEX todos_by_list ON todos (list_id) WHERE list_id IS NOT NULL;
"#;

/// Version 5: a random id for the database, written into its exports as their `source`, so
/// that importing the same export twice (or an export into the database it came from) is
/// recognised instead of adding every row again.
const V5: &str = r#"
INSERT OR IGNORE INTO meta (key, value) VALUES ('database_id', lower(hex(randomblob(16))));
"#;

/// Version 6: a due date (UTC milliseconds; without a time of day it is the last millisecond
/// of the day in the zone it was typed in) and a priority (3 high, 2 medium, 1 low) on
/// todos. Both are in the index of live todos, which keeps holding every column a view
/// shows, so a page is still read from the index alone.
const V6: &str = r#"
ALTER TABLE todos ADD COLUMN due_at INTEGER;
ALTER TABLE todos ADD COLUMN due_has_time INTEGER NOT NULL DEFAULT 0 CHECK (due_has_time IN (0, 1));
ALTER TABLE todos ADD COLUMN priority INTEGER CHECK (priority IN (1, 2, 3));
DROP INDEX todos_live;
CREATE INDEX todos_live ON todos
    (list_id, position, id, title, done, created_at, due_at, due_has_time, priority)
    WHERE trash_entry_id IS NULL;
"#;

/// Version 7: tags, notes, recurrence and pinned trash entries.
///
/// Tags are the `#word`s of a title, kept in their own table (by todo, and by tag for the
/// look-up `--tag` and `#tag` filters do); softly writes them whenever it writes a title.
/// Notes live in their own table too, so a filter that searches them reads the notes alone
/// rather than every todo; `has_note` on the todo (in the index of live todos) lets a view
/// show which rows have one without reading it. `every` is a recurrence in words
/// ("week", "3 days"). Both are in the index, which keeps holding every column a view
/// shows. Deleting a todo row (erase, purge, taking back an add) takes its tags and note
/// with it, whichever program deletes it. A pinned trash entry is never purged. And the open
/// todos with a due date get an index of their own, in due order, for the Today and
/// Upcoming views.
const V7: &str = r#"
ALTER TABLE todos ADD COLUMN has_note INTEGER NOT NULL DEFAULT 0 CHECK (has_note IN (0, 1));
ALTER TABLE todos ADD COLUMN every TEXT;
ALTER TABLE trash_entries ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1));
-- The header counts pinned entries apart: a look at the few, not a pass over the Trash.
CREATE INDEX trash_entries_pinned ON trash_entries (id) WHERE pinned;
-- The purge and the views ask for "deleted at or before the cutoff and not pinned": the
-- index by delete time holds the pin too, so they read it alone.
DROP INDEX trash_entries_by_deleted_at;
CREATE INDEX trash_entries_by_deleted_at ON trash_entries (deleted_at, id, pinned);
-- The Trash's filter reads the titles of trashed todos along this index alone.
DROP INDEX todos_by_entry;
CREATE INDEX todos_by_entry ON todos (trash_entry_id, title) WHERE trash_entry_id IS NOT NULL;

CREATE TABLE todo_tags (
    todo_id  INTEGER NOT NULL,
    tag      TEXT    NOT NULL,                -- lower case, without the '#'
    PRIMARY KEY (todo_id, tag)
) WITHOUT ROWID;
CREATE INDEX todo_tags_by_tag ON todo_tags (tag, todo_id);

CREATE TABLE todo_notes (
    todo_id  INTEGER PRIMARY KEY,
    note     TEXT    NOT NULL
);

CREATE TRIGGER todo_extras_on_delete AFTER DELETE ON todos
BEGIN
    DELETE FROM todo_tags WHERE todo_id = OLD.id;
    DELETE FROM todo_notes WHERE todo_id = OLD.id;
END;

DROP INDEX todos_live;
CREATE INDEX todos_live ON todos
    (list_id, position, id, title, done, created_at, due_at, due_has_time, priority, has_note,
     every)
    WHERE trash_entry_id IS NULL;

-- The Today and Upcoming views: open todos with a due date, soonest first, with every
-- column a page shows, so a page (and a count, and a filter) reads this index alone.
CREATE INDEX todos_open_due ON todos
    (due_at, id, list_id, title, done, created_at, position, due_has_time, priority, has_note,
     every)
    WHERE trash_entry_id IS NULL AND due_at IS NOT NULL AND done = 0;
"#;

/// Version 8: a todo's `uid`, the identity it has in the world outside this file: the uuid
/// of the Taskwarrior task it was imported from (and, with sync, its iCalendar UID). A file
/// imported again is recognised by it, item by item. NULL for todos made here.
const V8: &str = r#"
ALTER TABLE todos ADD COLUMN uid TEXT;
CREATE UNIQUE INDEX todos_by_uid ON todos (uid) WHERE uid IS NOT NULL;
"#;

/// Version 9: when a todo was done (`done_at`, UTC milliseconds), for todo.txt's completion
/// date and iCalendar's COMPLETED. NULL while it is not done, and for todos done before.
const V9: &str = r#"
ALTER TABLE todos ADD COLUMN done_at INTEGER;
"#;

/// Fills the tag table from the titles already stored, as softly writes it from now on.
fn tag_existing_titles(tx: &rusqlite::Transaction) -> rusqlite_migration::HookResult {
    let mut titled = tx.prepare("SELECT id, title FROM todos WHERE instr(title, '#') > 0")?;
    let mut tag = tx.prepare("INSERT OR IGNORE INTO todo_tags (todo_id, tag) VALUES (?1, ?2)")?;
    let rows = titled
        .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for (id, title) in rows {
        for name in crate::fields::tags_of(&title) {
            tag.execute(rusqlite::params![id, name])?;
        }
    }
    Ok(())
}

/// Every migration, oldest first.
pub fn migrations() -> Migrations<'static> {
    Migrations::new(vec![
        M::up(V1),
        M::up(V2),
        M::up(V3),
        M::up(V4),
        M::up(V5),
        M::up(V6),
        M::up_with_hook(V7, tag_existing_titles),
        M::up(V8),
        M::up(V9),
        M::up(super::sync_schema::V10),
        M::up(super::interop_schema::V11),
        M::up(super::sync_schema::V12),
        M::up(super::series_schema::V13),
        M::up(super::sync_order_schema::V14),
    ])
}

/// The schema version this build writes (the number of migrations).
pub const LATEST_VERSION: i64 = 14;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid_and_latest_version_matches_their_count() {
        let m = migrations();
        m.validate().unwrap();
        let mut conn = rusqlite::Connection::open_in_memory().unwrap();
        m.to_latest(&mut conn).unwrap();
        let v: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, LATEST_VERSION);
        let id: i64 = conn
            .query_row("PRAGMA application_id", [], |r| r.get(0))
            .unwrap();
        assert_eq!(id, APPLICATION_ID);
    }

    /// Erasing a list (and the foreign key's own search for the todos that point at it)
    /// finds them through the index of todos by list, not by reading every todo.
    #[test]
    fn the_todos_of_a_list_are_found_through_an_index() {
        let mut conn = rusqlite::Connection::open_in_memory().unwrap();
        migrations().to_latest(&mut conn).unwrap();
        conn.pragma_update(None, "foreign_keys", "ON").unwrap();
        for sql in [
            "DELETE FROM lists WHERE id = 1",
            "SELECT id FROM todos WHERE list_id IN (1, 2)",
        ] {
            let plan: Vec<String> = conn
                .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
                .unwrap()
                .query_map([], |r| r.get(3))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap();
            let todos: Vec<&String> = plan.iter().filter(|p| p.contains(" todos ")).collect();
            assert!(
                !todos.is_empty() && todos.iter().all(|p| p.contains("todos_by_list")),
                "{sql}: {plan:?}"
            );
        }
    }

    #[test]
    fn a_version_1_database_is_upgraded_with_its_todos_and_trash_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.db");
        {
            let mut conn = rusqlite::Connection::open(&path).unwrap();
            migrations().to_version(&mut conn, 1).unwrap();
            conn.execute_batch(
                "INSERT INTO todos (title, position, created_at) VALUES ('kept', 1, 0);
                 INSERT INTO trash_entries (kind, deleted_at) VALUES ('todo', 0);
                 INSERT INTO todos (title, position, created_at, trash_entry_id)
                 VALUES ('trashed', 2, 0, 1);",
            )
            .unwrap();
        }
        let store = crate::store::Store::open(&path).unwrap();
        let todos = store
            .live_todos_page(
                crate::store::TodoScope::Inbox,
                crate::store::Page::default(),
            )
            .unwrap();
        assert_eq!(todos.len(), 1);
        assert_eq!(todos[0].title, "kept");
        assert_eq!(store.inbox_counts().unwrap(), (1, 1));
        assert_eq!(
            store.trash_count().unwrap(),
            1,
            "the Trash's size starts right"
        );
    }

    #[test]
    fn a_version_6_database_gets_the_tags_of_its_titles() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.db");
        {
            let mut conn = rusqlite::Connection::open(&path).unwrap();
            migrations().to_version(&mut conn, 6).unwrap();
            conn.execute_batch(
                "INSERT INTO todos (title, position, created_at) VALUES ('pay rent #Home #bills', 1, 0);
                 INSERT INTO todos (title, position, created_at) VALUES ('no tags here', 2, 0);",
            )
            .unwrap();
        }
        let store = crate::store::Store::open(&path).unwrap();
        use crate::store::TodoId;
        assert_eq!(store.tags(TodoId(1)).unwrap(), ["bills", "home"]);
        assert!(store.tags(TodoId(2)).unwrap().is_empty());
        assert_eq!(
            store.live_tags().unwrap(),
            [("bills".to_string(), 1), ("home".to_string(), 1)]
        );
    }
}
