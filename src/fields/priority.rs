//! Priorities: high, medium, low or none, shown as `!!!`, `!!`, `!`.

use thiserror::Error;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Priority {
    Low = 1,
    Medium = 2,
    High = 3,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("'{0}' is not a priority; use high, medium, low or none")]
pub struct PriorityError(pub String);

impl Priority {
    /// Reads `high`, `medium`, `low` (or `h`, `m`, `l`, any case); `Ok(None)` is "none".
    pub fn parse(text: &str) -> Result<Option<Priority>, PriorityError> {
        match text.trim().to_lowercase().as_str() {
            "high" | "h" => Ok(Some(Priority::High)),
            "medium" | "med" | "m" => Ok(Some(Priority::Medium)),
            "low" | "l" => Ok(Some(Priority::Low)),
            "none" => Ok(None),
            _ => Err(PriorityError(text.trim().to_string())),
        }
    }

    /// The word the command line and JSON use.
    pub fn name(self) -> &'static str {
        match self {
            Priority::High => "high",
            Priority::Medium => "medium",
            Priority::Low => "low",
        }
    }

    /// The marks a row shows.
    pub fn marks(self) -> &'static str {
        match self {
            Priority::High => "!!!",
            Priority::Medium => "!!",
            Priority::Low => "!",
        }
    }

    /// The number stored: higher is more urgent, so a sort by priority is a sort by it.
    pub fn stored(self) -> i64 {
        self as i64
    }

    /// The priority a stored number stands for (anything else: none).
    pub fn from_stored(n: i64) -> Option<Priority> {
        match n {
            3 => Some(Priority::High),
            2 => Some(Priority::Medium),
            1 => Some(Priority::Low),
            _ => None,
        }
    }
}
