//! What the app says after a change to the marked todos: what changed, how many, and how
//! many were so already (and so are not part of the step `u` takes back).

use crate::text::{count, display_safe};

/// `did` (a sentence about `changed` todos), then the ones that needed no change.
fn with_already(did: String, already: usize) -> String {
    match already {
        0 => format!("{did} — u to undo"),
        1 => format!("{did} (1 was so already) — u to undo"),
        n => format!("{did} ({n} were so already) — u to undo"),
    }
}

fn todos(n: usize) -> String {
    count(n as i64, "todo")
}

/// None of the `n` marked todos needed the change.
pub fn all_so_already(n: usize) -> String {
    match n {
        1 => "Nothing changed: the todo is so already".to_string(),
        n => format!("Nothing changed: all {n} todos are so already"),
    }
}

pub fn ticked(changed: usize, done: bool, already: usize, recurring: usize) -> String {
    let state = if done { "done" } else { "not done" };
    let mut did = format!("Marked {} {state}", todos(changed));
    if recurring > 0 {
        let verb = if recurring == 1 { "comes" } else { "come" };
        let ones = count(recurring as i64, "recurring one");
        did.push_str(&format!("; {ones} {verb} back"));
    }
    with_already(did, already)
}

/// `list`: its name, or `None` for the Inbox.
pub fn moved(changed: usize, list: Option<&str>, already: usize) -> String {
    let to = match list {
        Some(name) => format!("'{}'", display_safe(name)),
        None => "the Inbox".to_string(),
    };
    with_already(format!("Moved {} to {to}", todos(changed)), already)
}

/// `due`: the new date in words, or `None` when it was cleared.
pub fn due_set(changed: usize, due: Option<&str>, already: usize) -> String {
    let did = match due {
        Some(due) => format!("Due {due}: {}", todos(changed)),
        None => format!("Cleared the due date of {}", todos(changed)),
    };
    with_already(did, already)
}

/// `priority`: its name, or `None` when it was cleared.
pub fn priority_set(changed: usize, priority: Option<&str>, already: usize) -> String {
    let did = match priority {
        Some(p) => format!("Priority {p}: {}", todos(changed)),
        None => format!("Cleared the priority of {}", todos(changed)),
    };
    with_already(did, already)
}

pub fn tagged(changed: usize, tag: &str, add: bool, already: usize) -> String {
    let tag = display_safe(tag);
    let did = match add {
        true => format!("Tagged {} #{tag}", todos(changed)),
        false => format!("Took #{tag} off {}", todos(changed)),
    };
    with_already(did, already)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_batch_says_how_many_changed_and_how_many_were_so_already() {
        assert_eq!(
            ticked(3, true, 1, 1),
            "Marked 3 todos done; 1 recurring one comes back (1 was so already) — u to undo"
        );
        assert_eq!(moved(2, None, 0), "Moved 2 todos to the Inbox — u to undo");
        assert_eq!(
            tagged(1, "x\u{1b}[2J", false, 2),
            "Took #x␛[2J off 1 todo (2 were so already) — u to undo"
        );
        assert_eq!(
            all_so_already(3),
            "Nothing changed: all 3 todos are so already"
        );
    }
}
