//! The schema's version 14 (a migration of `schema.rs`): a todo's place in its list, and
//! a list's place among the lists, are sent by sync, so every device shows the same order.

/// Version 14.
///
/// The trigger that marks a todo for sending also fires on `position` (`J`/`K`, a move
/// within the list), which sync writes as `X-APPLE-SORT-ORDER`, as Apple Reminders,
/// Nextcloud Tasks and Tasks.org do. `sync_collections.list_order` is a list's place as
/// last sent or seen (the collection's `calendar-order`): a change on one side goes to the
/// other. `sync_items.moved` says the todo was moved within softly (`J`/`K`, another list)
/// since it came from the server: only then, or once the server's copy has an order, is its
/// place sent, so an unrelated edit never gives another app's todo an order it did not have.
pub(super) const V14: &str = r#"
ALTER TABLE sync_collections ADD COLUMN list_order INTEGER;
ALTER TABLE sync_items ADD COLUMN moved INTEGER NOT NULL DEFAULT 0 CHECK (moved IN (0, 1));

CREATE TRIGGER sync_items_on_todo_move AFTER UPDATE OF position ON todos
WHEN OLD.position IS NOT NEW.position
BEGIN
    UPDATE sync_items SET moved = 1 WHERE todo_id = NEW.id AND NOT moved;
END;
DROP TRIGGER sync_items_on_todo_change;
CREATE TRIGGER sync_items_on_todo_change
AFTER UPDATE OF title, done, done_at, due_at, due_has_time, priority, every, list_id,
                trash_entry_id, cancelled, position ON todos
BEGIN
    UPDATE sync_items SET changed_at = -1 WHERE todo_id = NEW.id;
END;
"#;
