//! The schema's sync tables (a migration of `schema.rs`, kept apart for its size).

/// Version 10: sync with a CalDAV server.
///
/// `sync_collections` maps a list (or the Inbox, key 0) to its calendar collection;
/// `sync_items` holds, per todo, where it is on the server, the ETag it had there and the
/// iCalendar text last seen or sent (so another client's properties are written back).
/// `changed_at` says the todo changed here since it was last sent: the triggers set it to -1
/// ("changed, time not yet stamped") for whichever program writes, and softly stamps it with
/// its own clock in the same transaction (`Store::stamp_changes`). A todo with no row was never
/// synced. Deleting a todo (erase, purge) or a list takes its sync rows with it, so erased text
/// leaves the sync bookkeeping too; a todo row deleted while still on the server leaves only
/// its place there (`sync_tombstones`), so the next round deletes it there rather than bring
/// it back. A trash entry's `cause` says why sync put it there: the
/// item was deleted on another device, or it is the version a newer edit replaced.
pub(super) const V10: &str = r#"
CREATE TABLE sync_collections (
    list_key    INTEGER PRIMARY KEY,          -- lists.id, or 0 for the Inbox
    href        TEXT    NOT NULL UNIQUE,
    name        TEXT    NOT NULL,             -- the display name as last synced
    sync_token  TEXT                          -- RFC 6578; NULL: list it whole next time
);

CREATE TABLE sync_items (
    todo_id     INTEGER PRIMARY KEY,          -- todos.id
    href        TEXT,                         -- NULL: not on the server
    etag        TEXT,
    ical        TEXT    NOT NULL,
    changed_at  INTEGER                       -- NULL: nothing to send; -1: not yet stamped
);
CREATE UNIQUE INDEX sync_items_by_href ON sync_items (href) WHERE href IS NOT NULL;
CREATE INDEX sync_items_changed ON sync_items (changed_at) WHERE changed_at IS NOT NULL;

CREATE TRIGGER sync_items_on_todo_change
AFTER UPDATE OF title, done, done_at, due_at, due_has_time, priority, every, list_id,
                trash_entry_id ON todos
BEGIN
    UPDATE sync_items SET changed_at = -1 WHERE todo_id = NEW.id;
END;
CREATE TRIGGER sync_items_on_note_insert AFTER INSERT ON todo_notes
BEGIN
    UPDATE sync_items SET changed_at = -1 WHERE todo_id = NEW.todo_id;
END;
CREATE TRIGGER sync_items_on_note_update AFTER UPDATE ON todo_notes
BEGIN
    UPDATE sync_items SET changed_at = -1 WHERE todo_id = NEW.todo_id;
END;
CREATE TRIGGER sync_items_on_note_delete AFTER DELETE ON todo_notes
BEGIN
    UPDATE sync_items SET changed_at = -1 WHERE todo_id = OLD.todo_id;
END;
CREATE TRIGGER sync_items_on_todo_delete AFTER DELETE ON todos
BEGIN
    DELETE FROM sync_items WHERE todo_id = OLD.id;
END;

-- A todo row deleted while the server still has it (an add taken back by undo, an erase
-- before the next round): where it is on the server, until the next round deletes it there.
-- Only the place and the ETag: none of its text.
CREATE TABLE sync_tombstones (
    href  TEXT PRIMARY KEY,
    etag  TEXT
) WITHOUT ROWID;
CREATE TRIGGER sync_tombstone_on_item_delete AFTER DELETE ON sync_items
WHEN OLD.href IS NOT NULL
BEGIN
    INSERT OR REPLACE INTO sync_tombstones (href, etag) VALUES (OLD.href, OLD.etag);
END;
CREATE TRIGGER sync_collections_on_list_delete AFTER DELETE ON lists
BEGIN
    DELETE FROM sync_collections WHERE list_key = OLD.id;
END;

ALTER TABLE trash_entries ADD COLUMN cause TEXT CHECK (cause IN ('elsewhere', 'replaced'));
"#;

/// Version 12: the text sync keeps per todo loses a title or note the todo no longer has.
///
/// `sync_items.text_changed` says the todo's title or note changed since its copy was kept:
/// the write that changed it replaces the copy's SUMMARY and DESCRIPTION by digests before it
/// commits (`sync_scrub.rs`). The triggers set it for any program that writes; edits made
/// before this version and not yet sent are scrubbed by the first write after it.
pub(super) const V12: &str = r#"
ALTER TABLE sync_items ADD COLUMN text_changed INTEGER NOT NULL DEFAULT 0
    CHECK (text_changed IN (0, 1));
CREATE INDEX sync_items_text_changed ON sync_items (todo_id) WHERE text_changed = 1;

CREATE TRIGGER sync_items_on_title_change AFTER UPDATE OF title ON todos
WHEN OLD.title IS NOT NEW.title
BEGIN
    UPDATE sync_items SET text_changed = 1 WHERE todo_id = NEW.id;
END;
CREATE TRIGGER sync_items_on_note_text_insert AFTER INSERT ON todo_notes
BEGIN
    UPDATE sync_items SET text_changed = 1 WHERE todo_id = NEW.todo_id;
END;
CREATE TRIGGER sync_items_on_note_text_update AFTER UPDATE ON todo_notes
WHEN OLD.note IS NOT NEW.note
BEGIN
    UPDATE sync_items SET text_changed = 1 WHERE todo_id = NEW.todo_id;
END;
CREATE TRIGGER sync_items_on_note_text_delete AFTER DELETE ON todo_notes
BEGIN
    UPDATE sync_items SET text_changed = 1 WHERE todo_id = OLD.todo_id;
END;

UPDATE sync_items SET text_changed = 1 WHERE changed_at IS NOT NULL;
"#;
