//! What `rm` and `list rm` say on a terminal; piped, they print the bare entry id, for
//! scripts.

/// `softly rm 12` on a terminal.
pub fn todo_trashed(todo: i64, entry: i64) -> String {
    format!("Moved todo {todo} to the Trash (entry {entry}).")
}

/// `softly rm --batch 3 4 5` on a terminal.
pub fn todos_trashed_together(todos: usize, entry: i64) -> String {
    format!("Moved {todos} todos to the Trash as one entry (entry {entry}).")
}

/// `softly list rm NAME` on a terminal.
pub fn list_trashed(name: &str, entry: i64) -> String {
    format!(
        "Moved list '{}' to the Trash with its todos (entry {entry}).",
        crate::text::display_safe(name)
    )
}
