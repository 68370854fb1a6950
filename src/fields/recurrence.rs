//! Recurrence: how often a todo with a due date comes back. Ticking one done makes the next
//! occurrence, due by this rule after the one ticked.

use jiff::Span;
use jiff::civil::Weekday;
use jiff::tz::TimeZone;
use thiserror::Error;

use super::due::Due;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recurrence {
    Days(u16),
    /// Monday to Friday.
    Weekdays,
    Weeks(u16),
    Months(u16),
    /// Another app's rule, or its own series of occurrences (from sync): the todo recurs
    /// there, and softly makes no occurrences of it.
    Elsewhere,
}

/// How another app's recurrence is stored and shown.
pub const ELSEWHERE: &str = "elsewhere";

#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("'{0}' is not a recurrence; use day, weekday, week, month, N days, N weeks or N months")]
pub struct RecurrenceError(pub String);

impl Recurrence {
    /// Reads `day`, `weekday`, `week`, `month`, `N days`, `N weeks`, `N months` (1 to 999);
    /// `Ok(None)` is
    /// "none".
    pub fn parse(text: &str) -> Result<Option<Recurrence>, RecurrenceError> {
        let refuse = || RecurrenceError(text.trim().to_string());
        let lower = text.trim().to_lowercase();
        let words: Vec<&str> = lower.split_whitespace().collect();
        let count = |n: &str| {
            n.parse::<u16>()
                .ok()
                .filter(|n| (1..=999).contains(n))
                .ok_or_else(refuse)
        };
        Ok(Some(match words.as_slice() {
            ["none"] => return Ok(None),
            ["day" | "daily"] => Recurrence::Days(1),
            ["weekday" | "weekdays"] => Recurrence::Weekdays,
            ["week" | "weekly"] => Recurrence::Weeks(1),
            ["month" | "monthly"] => Recurrence::Months(1),
            [n, "day" | "days"] => Recurrence::Days(count(n)?),
            [n, "week" | "weeks"] => Recurrence::Weeks(count(n)?),
            [n, "month" | "months"] => Recurrence::Months(count(n)?),
            _ => return Err(refuse()),
        }))
    }

    /// A recurrence as stored: [`parse`](Self::parse)'s words, or another app's rule. Words
    /// this build cannot read count as none.
    pub fn from_stored(text: &str) -> Option<Recurrence> {
        if text == ELSEWHERE {
            return Some(Recurrence::Elsewhere);
        }
        Recurrence::parse(text).ok().flatten()
    }

    /// The words it is stored and shown as; [`from_stored`](Self::from_stored) reads them
    /// back.
    pub fn text(self) -> String {
        match self {
            Recurrence::Elsewhere => ELSEWHERE.into(),
            Recurrence::Days(1) => "day".into(),
            Recurrence::Weekdays => "weekday".into(),
            Recurrence::Weeks(1) => "week".into(),
            Recurrence::Months(1) => "month".into(),
            Recurrence::Days(n) => format!("{n} days"),
            Recurrence::Weeks(n) => format!("{n} weeks"),
            Recurrence::Months(n) => format!("{n} months"),
        }
    }

    /// The due date of the occurrence after one due `due`: the same time of day (or the end
    /// of the day) on the next day the rule gives, in `zone`'s calendar, so a daily todo at
    /// 09:00 stays at 09:00 across a daylight-saving change.
    pub fn next(self, due: Due, zone: &TimeZone) -> Option<Due> {
        let when = due.at.to_zoned_datetime(zone.clone());
        let span = match self {
            Recurrence::Elsewhere => return None,
            Recurrence::Days(n) => Span::new().days(i64::from(n)),
            Recurrence::Weeks(n) => Span::new().weeks(i64::from(n)),
            Recurrence::Months(n) => Span::new().months(i64::from(n)),
            Recurrence::Weekdays => {
                let days = match when.weekday() {
                    Weekday::Friday => 3,
                    Weekday::Saturday => 2,
                    _ => 1,
                };
                Span::new().days(days)
            }
        };
        if due.has_time {
            let at = when.checked_add(span).ok()?.timestamp();
            Some(Due { at, has_time: true })
        } else {
            let day = when.date().checked_add(span).ok()?;
            super::due::end_of_day(day, zone)
        }
    }
}
