//! What sync says of a round it held (see `sync/breaker.rs`): on the command line, in
//! `sync status`, and in the app's question.

use crate::sync::held::Held;
use crate::text::{count, display_safe};

/// The flag that applies a held round.
pub const ACCEPT_FLAG: &str = "softly sync --accept-deletes";

/// A stored account ("username url") as a person reads it: "alice at https://…".
fn account(stored: &str) -> String {
    let shown = match stored.split_once(' ') {
        Some((user, url)) => format!("{user} at {url}"),
        None => stored.to_string(),
    };
    display_safe(&shown).into_owned()
}

/// What the round would have done, in a sentence.
pub fn what_held(held: &Held) -> String {
    match held {
        Held::Deletes { todos, live, .. } => format!(
            "The server says {todos} of {} were deleted.",
            count(*live as i64, "todo")
        ),
        Held::Account { was, now } => format!(
            "[sync] names another server or account than the last round: {} (was {}).",
            account(now),
            account(was)
        ),
        Held::Home { was, now } => format!(
            "The server keeps your calendars somewhere else now: {} (was {}).",
            display_safe(now),
            display_safe(was)
        ),
    }
}

/// What applying it does, in a clause.
fn what_accepting_does(held: &Held) -> &'static str {
    match held {
        Held::Deletes { .. } => "moves them to the Trash (restorable there)",
        Held::Account { .. } | Held::Home { .. } => {
            "syncs with it: todos are matched again by their UID and nothing is deleted"
        }
    }
}

/// The error of a held round (`softly sync`, the app's status line, `sync status`).
pub fn held(held: &Held) -> String {
    format!(
        "sync held: {} Nothing of this round was applied, here or on the server. If that is right, `{ACCEPT_FLAG}` {}; `softly sync status` says more",
        what_held(held),
        what_accepting_does(held)
    )
}

/// `sync status`: the held round, and what it would move (`titles`: those of the first
/// still here).
pub fn status_held(held: &Held, titles: &[String]) -> Vec<String> {
    let mut lines = vec![format!(
        "Held: {} Nothing of it is applied until `{ACCEPT_FLAG}`, which {}.",
        what_held(held),
        what_accepting_does(held)
    )];
    if let Held::Deletes { todos, .. } = held {
        lines.extend(titles.iter().map(|t| format!("  {}", display_safe(t))));
        if *todos > titles.len() {
            lines.push(format!("  … and {} more", todos - titles.len()));
        }
    }
    lines
}

/// The app's question's buttons: yes applies the round, no (the default) keeps all.
pub fn question_yes(held: &Held) -> &'static str {
    match held {
        Held::Deletes { .. } => "Move them to the Trash",
        Held::Account { .. } | Held::Home { .. } => "Sync with it",
    }
}

pub const QUESTION_NO: &str = "Keep them and stop syncing";

/// Said after the app's question was answered no.
pub const KEPT: &str = "Kept: the app syncs no more this session; softly sync status says why, softly sync --accept-deletes applies it";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_held_round_says_what_it_would_do_and_how_to_apply_it() {
        let deletes = Held::Deletes {
            todos: 214,
            live: 260,
            first: vec![1, 2],
        };
        assert_eq!(
            what_held(&deletes),
            "The server says 214 of 260 todos were deleted."
        );
        let said = held(&deletes);
        assert!(said.contains("softly sync --accept-deletes` moves them to the Trash"));
        let titles = ["pay rent".to_string(), "call \u{1b}c mum".to_string()];
        let status = status_held(&deletes, &titles).join("\n");
        assert!(status.contains("  call ␛c mum") && status.contains("… and 212 more"));
        let account = Held::Account {
            was: "alice https://old.example/".into(),
            now: "bob https://new.example/".into(),
        };
        assert!(what_held(&account).contains("bob at https://new.example/ (was alice at"));
        assert!(held(&account).contains("nothing is deleted"));
    }
}
