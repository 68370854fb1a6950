//! Due dates: what a person types ("tomorrow", "fri", "in 2w", "12-24 14:30"), the instant it
//! means, and how it reads back ("today", "Fri", "Dec 24", "2d overdue"). Pure: the caller
//! gives `now` and the zone, so the same words mean the same instant in every test.
//!
//! A day without a time is due at the end of that day in the local zone: its last
//! millisecond, found through the zone's own calendar, so a day that daylight saving makes
//! 23 or 25 hours long still ends at its midnight.

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use thiserror::Error;

/// When a todo is due: an instant, and whether the user gave a time of day (without one, the
/// instant is the last millisecond of the day).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Due {
    pub at: Timestamp,
    pub has_time: bool,
}

/// Why typed words are not a due date. Each names what was typed and what would be.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DueError {
    #[error(
        "'{0}' is not a due date; try today, tomorrow 14:30, fri 9am, next friday, in 3 days, \
         end of month, Dec 24, 2026-12-24 14:30 or none"
    )]
    Unreadable(String),
    #[error(
        "{time} does not exist on {day}: the clocks go forward then; {instead} is the same moment"
    )]
    NoSuchTime {
        time: String,
        day: String,
        instead: String,
    },
    #[error("'{0}' is not a day of the calendar")]
    NoSuchDay(String),
    #[error("'{0}' is too far away")]
    OutOfRange(String),
}

/// `date` as a due date: its last millisecond in `zone`.
pub fn end_of_day(date: Date, zone: &TimeZone) -> Option<Due> {
    let next = date.tomorrow().ok()?.to_zoned_datetime(zone.clone()).ok()?;
    let at = next.start_of_day().ok()?.timestamp();
    let at = Timestamp::from_millisecond(at.as_millisecond() - 1).ok()?;
    Some(Due {
        at,
        has_time: false,
    })
}

/// How a due date reads at `now`: "today", "tomorrow", "Fri", "Dec 24" (with the year when
/// it is not this one's), a time after the day when one was given ("today 14:30"), and for
/// a day already past "2d overdue". `overdue` is true once the due instant has passed, for
/// the error colour.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueLabel {
    pub text: String,
    pub overdue: bool,
}

/// The due label of a todo that may be closed: a done or cancelled todo is never overdue,
/// so one whose due has passed shows none (what is done needs no reminder of its date).
pub fn open_due_label(due: Due, closed: bool, now: Timestamp, zone: &TimeZone) -> Option<DueLabel> {
    let label = due_label(due, now, zone);
    (!(closed && label.overdue)).then_some(label)
}

pub fn due_label(due: Due, now: Timestamp, zone: &TimeZone) -> DueLabel {
    let when = due.at.to_zoned_datetime(zone.clone());
    let today = now.to_zoned_datetime(zone.clone()).date();
    let day = when.date();
    let overdue = due.at < now;
    let days_ahead = today
        .until(day)
        .map(|span| i64::from(span.get_days()))
        .unwrap_or(i64::MAX);
    let text = if days_ahead < 0 {
        format!("{}d overdue", -days_ahead)
    } else {
        let name = match days_ahead {
            0 => "today".to_string(),
            1 => "tomorrow".to_string(),
            2..=6 => day.strftime("%a").to_string(),
            _ if day.year() == today.year() => day.strftime("%b %-d").to_string(),
            _ => day.strftime("%b %-d %Y").to_string(),
        };
        if due.has_time {
            format!("{name} {}", when.strftime("%H:%M"))
        } else {
            name
        }
    };
    DueLabel { text, overdue }
}
