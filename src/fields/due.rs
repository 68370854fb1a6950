//! Due dates: what a person types ("tomorrow", "fri", "in 2w", "12-24 14:30"), the instant it
//! means, and how it reads back ("today", "Fri", "Dec 24", "2d overdue"). Pure: the caller
//! gives `now` and the zone, so the same words mean the same instant in every test.
//!
//! A day without a time is due at the end of that day in the local zone: its last
//! millisecond, found through the zone's own calendar, so a day that daylight saving makes
//! 23 or 25 hours long still ends at its midnight.

use jiff::civil::{Date, DateTime, Time, Weekday};
use jiff::tz::TimeZone;
use jiff::{Span, Timestamp};
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
        "'{0}' is not a due date; try today, tomorrow, fri, next week, in 3d, in 2w, in 1m, 2026-12-24, 2026-12-24 14:30, 12-24 or none"
    )]
    Unreadable(String),
    #[error("'{0}' is not a day of the calendar")]
    NoSuchDay(String),
    #[error("'{0}' is too far away")]
    OutOfRange(String),
}

/// Reads a due date typed at `now` in `zone`. `Ok(None)` is "none": clear the due date.
pub fn parse_due(text: &str, now: Timestamp, zone: &TimeZone) -> Result<Option<Due>, DueError> {
    let words = text.trim().to_lowercase();
    let words: Vec<&str> = words.split_whitespace().collect();
    let today = now.to_zoned_datetime(zone.clone()).date();
    let unreadable = || DueError::Unreadable(text.trim().to_string());
    let out_of_range = || DueError::OutOfRange(text.trim().to_string());
    let day = |date: Date| end_of_day(date, zone).map(Some).ok_or_else(out_of_range);
    match words.as_slice() {
        ["none"] => Ok(None),
        ["today"] => day(today),
        // For a due already past (a bill that was due, entered late).
        ["yesterday"] => day(today.yesterday().map_err(|_| out_of_range())?),
        ["tomorrow"] => day(today.tomorrow().map_err(|_| out_of_range())?),
        ["next", "week"] => day(next_weekday(today, Weekday::Monday)),
        [name] if weekday_named(name).is_some() => day(next_weekday(
            today,
            weekday_named(name).unwrap_or(Weekday::Monday),
        )),
        ["in", amount] => {
            let span = relative_span(amount).ok_or_else(unreadable)?;
            day(today.checked_add(span).map_err(|_| out_of_range())?)
        }
        [date] => day(calendar_day(date, today, text)?),
        [date, time] => {
            let date = calendar_day(date, today, text)?;
            let time = clock_time(time).ok_or_else(unreadable)?;
            let at = DateTime::from_parts(date, time)
                .to_zoned_datetime(zone.clone())
                .map_err(|_| out_of_range())?
                .timestamp();
            Ok(Some(Due { at, has_time: true }))
        }
        _ => Err(unreadable()),
    }
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

/// The first `weekday` after `today`: never today itself.
fn next_weekday(today: Date, weekday: Weekday) -> Date {
    let ahead = (weekday.to_monday_zero_offset() - today.weekday().to_monday_zero_offset() + 7) % 7;
    let ahead = if ahead == 0 { 7 } else { ahead };
    today
        .checked_add(Span::new().days(i64::from(ahead)))
        .unwrap_or(today)
}

fn weekday_named(name: &str) -> Option<Weekday> {
    const DAYS: [(&str, Weekday); 7] = [
        ("monday", Weekday::Monday),
        ("tuesday", Weekday::Tuesday),
        ("wednesday", Weekday::Wednesday),
        ("thursday", Weekday::Thursday),
        ("friday", Weekday::Friday),
        ("saturday", Weekday::Saturday),
        ("sunday", Weekday::Sunday),
    ];
    DAYS.iter()
        .find(|(full, _)| *full == name || (name.len() >= 3 && full.starts_with(name)))
        .map(|(_, day)| *day)
}

/// "3d", "2w", "1m": days, weeks or calendar months ahead.
fn relative_span(amount: &str) -> Option<Span> {
    let unit = amount.chars().last()?;
    let count: i64 = amount[..amount.len() - unit.len_utf8()].parse().ok()?;
    if !(1..=10_000).contains(&count) {
        return None;
    }
    match unit {
        'd' => Some(Span::new().days(count)),
        'w' => Some(Span::new().weeks(count)),
        'm' => Some(Span::new().months(count)),
        _ => None,
    }
}

/// "2026-12-24", or "12-24": this year's, or next year's once this year's has passed.
fn calendar_day(word: &str, today: Date, typed: &str) -> Result<Date, DueError> {
    let unreadable = || DueError::Unreadable(typed.trim().to_string());
    let no_such_day = || DueError::NoSuchDay(word.to_string());
    let parts: Vec<&str> = word.split('-').collect();
    let number = |s: &str, digits: std::ops::RangeInclusive<usize>| -> Option<i64> {
        (digits.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let (year, month, day) = match parts.as_slice() {
        [y, m, d] => (
            Some(number(y, 4..=4).ok_or_else(unreadable)?),
            number(m, 1..=2).ok_or_else(unreadable)?,
            number(d, 1..=2).ok_or_else(unreadable)?,
        ),
        [m, d] => (
            None,
            number(m, 1..=2).ok_or_else(unreadable)?,
            number(d, 1..=2).ok_or_else(unreadable)?,
        ),
        _ => return Err(unreadable()),
    };
    let on = |year: i64| Date::new(year as i16, month as i8, day as i8).map_err(|_| no_such_day());
    match year {
        Some(year) => on(year),
        None => {
            let this_year = i64::from(today.year());
            // 02-29 in a year without one waits for the next year that has it.
            match on(this_year) {
                Ok(date) if date >= today => Ok(date),
                _ => (1..=8)
                    .find_map(|ahead| on(this_year + ahead).ok())
                    .ok_or_else(no_such_day),
            }
        }
    }
}

/// "14:30", "9:05".
fn clock_time(word: &str) -> Option<Time> {
    let (hour, minute) = word.split_once(':')?;
    let ok = |s: &str| (1..=2).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
    if !ok(hour) || minute.len() != 2 || !ok(minute) {
        return None;
    }
    Time::new(hour.parse().ok()?, minute.parse().ok()?, 0, 0).ok()
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
