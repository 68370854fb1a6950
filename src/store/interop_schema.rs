//! The schema's version 11 (a migration of `schema.rs`, kept apart for its size): what other
//! apps write, kept as they wrote it, and sync that loses nothing.

/// Version 11.
///
/// - A todo can be **cancelled**: closed but not done (iCalendar's STATUS:CANCELLED). It is
///   `done = 1` too, so nothing that counts or lists open todos changes; `cancelled` says
///   which kind of closed. Both covering indexes carry it, so a page still reads no row.
/// - A tag can come from outside the title (another app's category): `in_title = 0`, spelled
///   as that app spelled it (`spelled`, NULL when it is the lower-case `tag` itself). A
///   title's `#tags` stay `in_title = 1` and are written with the title as before. A todo
///   with such tags says so (`has_own_tags`, in both covering indexes), so a page looks its
///   tags up only for the few that have some.
/// - Sync: `sync_items.unconfirmed` says softly wrote the todo to the server since the
///   collection's last listing, so the next listing must name it or it was deleted there;
///   `sync_collections.local_name` is the list's name as last synced (its name here may
///   differ from the collection's, which softly then never renames), and `written` says softly
///   wrote or deleted there since its token (a round lists it again after its writes; one
///   cut short before that lists it whole next time); a tombstone can be the
///   old place of a todo that moved (`moved`), not only of one deleted here; `sync_skipped` holds
///   what the server has that softly cannot read or hold, with its ETag, until it changes.
pub(super) const V11: &str = r#"
ALTER TABLE todos ADD COLUMN cancelled INTEGER NOT NULL DEFAULT 0 CHECK (cancelled IN (0, 1));
ALTER TABLE todos ADD COLUMN has_own_tags INTEGER NOT NULL DEFAULT 0
    CHECK (has_own_tags IN (0, 1));

DROP INDEX todos_live;
CREATE INDEX todos_live ON todos
    (list_id, position, id, title, done, created_at, due_at, due_has_time, priority, has_note,
     every, cancelled, has_own_tags)
    WHERE trash_entry_id IS NULL;
DROP INDEX todos_open_due;
CREATE INDEX todos_open_due ON todos
    (due_at, id, list_id, title, done, created_at, position, due_has_time, priority, has_note,
     every, cancelled, has_own_tags)
    WHERE trash_entry_id IS NULL AND due_at IS NOT NULL AND done = 0;

ALTER TABLE todo_tags ADD COLUMN spelled TEXT;
ALTER TABLE todo_tags ADD COLUMN in_title INTEGER NOT NULL DEFAULT 1 CHECK (in_title IN (0, 1));

DROP TRIGGER sync_items_on_todo_change;
CREATE TRIGGER sync_items_on_todo_change
AFTER UPDATE OF title, done, done_at, due_at, due_has_time, priority, every, list_id,
                trash_entry_id, cancelled ON todos
BEGIN
    UPDATE sync_items SET changed_at = -1 WHERE todo_id = NEW.id;
END;
CREATE TRIGGER sync_items_on_tag_insert AFTER INSERT ON todo_tags WHEN NEW.in_title = 0
BEGIN
    UPDATE sync_items SET changed_at = -1 WHERE todo_id = NEW.todo_id;
END;
CREATE TRIGGER sync_items_on_tag_delete AFTER DELETE ON todo_tags WHEN OLD.in_title = 0
BEGIN
    UPDATE sync_items SET changed_at = -1 WHERE todo_id = OLD.todo_id;
END;

ALTER TABLE sync_items ADD COLUMN unconfirmed INTEGER NOT NULL DEFAULT 0
    CHECK (unconfirmed IN (0, 1));
ALTER TABLE sync_collections ADD COLUMN local_name TEXT;
ALTER TABLE sync_collections ADD COLUMN written INTEGER NOT NULL DEFAULT 0 CHECK (written IN (0, 1));
ALTER TABLE sync_tombstones ADD COLUMN moved INTEGER NOT NULL DEFAULT 0 CHECK (moved IN (0, 1));

CREATE TABLE sync_skipped (
    href    TEXT PRIMARY KEY,
    etag    TEXT,
    reason  TEXT NOT NULL
) WITHOUT ROWID;
"#;
