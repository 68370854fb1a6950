//! What a round the circuit breaker holds is (see `breaker.rs`), and when one is held: kept
//! apart from the checks, so that what says it (`wording`) needs nothing of the round.

use serde::{Deserialize, Serialize};

/// The fewest todos one round may move to the Trash before it can be held: deleting a few
/// todos on the phone is the daily use of sync, whatever share of a short list they are.
pub const HOLD_FROM: usize = 10;

/// Why a round was held, and what it would have done.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Held {
    /// The round would move `todos` of this device's `live` todos to the Trash; `first`
    /// are the ids of the first of them (their titles are looked up when shown, so nothing
    /// erased meanwhile is kept here).
    Deletes {
        todos: usize,
        live: usize,
        first: Vec<i64>,
    },
    /// Another server or account than the last round's (as "username url").
    Account { was: String, now: String },
    /// The same server and account, but the calendars are somewhere else now.
    Home { was: String, now: String },
}

impl Held {
    /// What the app's question is about: once kept, the same hold is not asked again.
    pub fn key(&self) -> String {
        match self {
            Held::Deletes { todos, .. } => format!("deletes {todos}"),
            Held::Account { now, .. } => format!("account {now}"),
            Held::Home { now, .. } => format!("home {now}"),
        }
    }
}

/// True when moving `todos` of `live` to the Trash in one round is more than a quarter of
/// them, and at least [`HOLD_FROM`].
pub fn too_many(todos: usize, live: usize) -> bool {
    todos >= HOLD_FROM && todos * 4 > live
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn more_than_a_quarter_and_at_least_ten() {
        assert!(!too_many(9, 10), "fewer than ten is the daily use of sync");
        assert!(
            too_many(10, 39) && !too_many(10, 40),
            "a quarter is not more"
        );
        assert!(too_many(214, 260));
        assert!(!too_many(100, 1000));
    }
}
