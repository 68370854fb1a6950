//! The schema's version 13 (a migration of `schema.rs`): a recurring todo's series keeps its
//! anchor.

/// Version 13.
///
/// `todos.every_anchor` is the calendar day and time of day of a series' first due date
/// (`fields/series.rs`), carried from each occurrence to the next, so the series never
/// drifts (a monthly one from Jan 31 is back on the 31st after February). NULL: the todo's
/// own due date is the anchor. A due date or rule changed by anyone starts the series
/// afresh from there.
pub(super) const V13: &str = r#"
ALTER TABLE todos ADD COLUMN every_anchor TEXT;

CREATE TRIGGER todos_series_starts_afresh AFTER UPDATE OF due_at, due_has_time, every ON todos
WHEN NEW.every_anchor IS NOT NULL
 AND (OLD.due_at IS NOT NEW.due_at OR OLD.due_has_time IS NOT NEW.due_has_time
      OR OLD.every IS NOT NEW.every)
BEGIN
    UPDATE todos SET every_anchor = NULL WHERE id = NEW.id;
END;
"#;
