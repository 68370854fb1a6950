//! The tags and notes of todos, each in a table of its own (see schema version 7). A
//! title's `#word`s are its tags, written whenever the title is; a todo can also have tags
//! of its own that its title does not carry (another app's categories, schema version 11),
//! kept as spelled there. A note is set, changed or cleared on its own. All leave with their
//! todo's row (a trigger in the schema).

use rusqlite::{OptionalExtension, Transaction, params};

use super::ids::TodoId;
use super::{Result, Store};
use crate::fields::tags_of;

/// Makes the title's tag rows of todo `id` those of `title` (a tag of its own that the title
/// now carries becomes the title's). Called in the transaction that writes the title. A
/// title without `#` (most) costs one look-up of an empty range.
pub(super) fn write_tags(tx: &Transaction, id: i64, title: &str, replacing: bool) -> Result<()> {
    if replacing {
        tx.prepare_cached("DELETE FROM todo_tags WHERE todo_id = ?1 AND in_title = 1")?
            .execute([id])?;
    }
    if !title.contains('#') {
        return Ok(());
    }
    let mut add = tx.prepare_cached(
        "INSERT INTO todo_tags (todo_id, tag) VALUES (?1, ?2)
         ON CONFLICT (todo_id, tag) DO UPDATE SET in_title = 1, spelled = NULL",
    )?;
    for tag in tags_of(title) {
        add.execute(params![id, tag])?;
    }
    // A new todo has no tags of its own yet; an edited title may have taken one over.
    if replacing {
        mark_own_tags(tx, id)?;
    }
    Ok(())
}

/// Keeps `has_own_tags` true exactly when the todo has tags its title does not carry.
fn mark_own_tags(tx: &Transaction, id: i64) -> Result<()> {
    tx.prepare_cached(
        "UPDATE todos SET has_own_tags =
             EXISTS (SELECT 1 FROM todo_tags WHERE todo_id = ?1 AND in_title = 0)
         WHERE id = ?1 AND has_own_tags IS NOT
             EXISTS (SELECT 1 FROM todo_tags WHERE todo_id = ?1 AND in_title = 0)",
    )?
    .execute([id])?;
    Ok(())
}

/// Makes todo `id`'s own tags `tags` (as spelled), but those its title carries.
pub(super) fn write_own_tags(
    tx: &Transaction,
    id: i64,
    title: &str,
    tags: &[String],
) -> Result<()> {
    tx.prepare_cached("DELETE FROM todo_tags WHERE todo_id = ?1 AND in_title = 0")?
        .execute([id])?;
    let in_title = tags_of(title);
    let mut add = tx.prepare_cached(
        "INSERT OR IGNORE INTO todo_tags (todo_id, tag, spelled, in_title) VALUES (?1, ?2, ?3, 0)",
    )?;
    for tag in tags {
        let key = crate::fields::tag_key(tag);
        if key.is_empty() || in_title.contains(&key) {
            continue;
        }
        let spelled = (tag.trim() != key).then(|| tag.trim());
        add.execute(params![id, key, spelled])?;
    }
    mark_own_tags(tx, id)
}

/// Sets the note of todo `id` (`None` clears it) and the flag the index of live todos
/// carries. Returns true when text was replaced or removed (so the disk is scrubbed of it).
pub(super) fn write_note(tx: &Transaction, id: i64, note: Option<&str>) -> Result<bool> {
    let old: Option<String> = tx
        .prepare_cached("SELECT note FROM todo_notes WHERE todo_id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?;
    if old.as_deref() == note {
        return Ok(false);
    }
    match note {
        Some(note) => {
            tx.prepare_cached(
                "INSERT INTO todo_notes (todo_id, note) VALUES (?1, ?2)
                 ON CONFLICT (todo_id) DO UPDATE SET note = excluded.note",
            )?
            .execute(params![id, note])?;
        }
        None => {
            tx.prepare_cached("DELETE FROM todo_notes WHERE todo_id = ?1")?
                .execute([id])?;
        }
    }
    tx.prepare_cached("UPDATE todos SET has_note = ?2 WHERE id = ?1 AND has_note IS NOT ?2")?
        .execute(params![id, note.is_some()])?;
    Ok(old.is_some())
}

impl Store {
    /// The note of a todo (live or in the Trash), if it has one.
    pub fn note(&self, id: TodoId) -> Result<Option<String>> {
        Ok(self
            .conn
            .prepare_cached("SELECT note FROM todo_notes WHERE todo_id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?)
    }

    /// The tags of a todo as spelled, in the order of their lower case: its title's and
    /// its own.
    pub fn tags(&self, id: TodoId) -> Result<Vec<String>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT coalesce(spelled, tag) FROM todo_tags WHERE todo_id = ?1 ORDER BY tag",
            )?
            .query_map([id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// The tags of a todo its title does not carry (another app's categories), as spelled.
    pub fn own_tags(&self, id: TodoId) -> Result<Vec<String>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT coalesce(spelled, tag) FROM todo_tags
                 WHERE todo_id = ?1 AND in_title = 0 ORDER BY tag",
            )?
            .query_map([id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// The live todos tagged `tag` (any case, with or without its `#`): an index look-up.
    pub fn live_todos_tagged(&self, tag: &str) -> Result<std::collections::HashSet<TodoId>> {
        let tag = tag.trim().trim_start_matches('#').to_lowercase();
        Ok(self
            .conn
            .prepare_cached(
                "SELECT g.todo_id FROM todo_tags g JOIN todos t ON t.id = g.todo_id
                 WHERE g.tag = ?1 AND t.trash_entry_id IS NULL",
            )?
            .query_map([tag], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// The live todos whose title or note contains `text` (ASCII letters in any case, as
    /// the app's filter matches).
    pub fn live_todos_matching(&self, text: &str) -> Result<std::collections::HashSet<TodoId>> {
        let pattern = super::page::like_pattern(text);
        Ok(self
            .conn
            .prepare_cached(
                "SELECT id FROM todos INDEXED BY todos_live
                 WHERE trash_entry_id IS NULL AND title LIKE ?1 ESCAPE '\\'
                 UNION
                 SELECT n.todo_id FROM todo_notes n JOIN todos t ON t.id = n.todo_id
                 WHERE n.note LIKE ?1 ESCAPE '\\' AND t.trash_entry_id IS NULL",
            )?
            .query_map([pattern], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// Every tag a live todo carries, with how many live todos carry it, most used first.
    pub fn live_tags(&self) -> Result<Vec<(String, i64)>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT g.tag, count(*) FROM todo_tags g JOIN todos t ON t.id = g.todo_id
                 WHERE t.trash_entry_id IS NULL GROUP BY g.tag ORDER BY count(*) DESC, g.tag",
            )?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `--tag` (and a `#tag` filter) is a look-up in the index of tags, not a pass over
    /// every todo.
    #[test]
    fn todos_are_found_by_tag_through_the_index_of_tags() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("softly.db")).unwrap();
        let plan: Vec<String> = store
            .conn
            .prepare(
                "EXPLAIN QUERY PLAN SELECT g.todo_id FROM todo_tags g JOIN todos t ON t.id = g.todo_id
                 WHERE g.tag = 'x' AND t.trash_entry_id IS NULL",
            )
            .unwrap()
            .query_map([], |r| r.get(3))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert!(
            plan.iter().any(|p| p.contains("todo_tags_by_tag (tag=?)")),
            "{plan:?}"
        );
        assert!(!plan.iter().any(|p| p.starts_with("SCAN")), "{plan:?}");
    }
}
