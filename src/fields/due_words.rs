//! Reading a due date as people type it, and as softly shows one: "today", "tomorrow 14:30",
//! "fri 9am", "next friday", "in 3 days", "in 2w", "end of month", "yesterday" (a due already
//! past), "Dec 24", "24 dec 2027", "2026-12-24 14:30", "12-24", or "none". A day with a time
//! of day is due then; a day alone at its end. A time alone ("9am") is today's, or
//! tomorrow's once today's has passed.

use jiff::civil::{Date, DateTime, Time, Weekday};
use jiff::tz::{AmbiguousOffset, TimeZone};
use jiff::{Span, Timestamp};

use super::due::{Due, DueError, end_of_day};

/// Reads a due date typed at `now` in `zone`. `Ok(None)` is "none": clear the due date.
pub fn parse_due(text: &str, now: Timestamp, zone: &TimeZone) -> Result<Option<Due>, DueError> {
    let lower = text.trim().to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    if words == ["none"] {
        return Ok(None);
    }
    let unreadable = || DueError::Unreadable(text.trim().to_string());
    let out_of_range = || DueError::OutOfRange(text.trim().to_string());
    let today = now.to_zoned_datetime(zone.clone()).date();
    let (day_words, time) = split_time(&words);
    let date = match (day_words, time) {
        ([], None) => return Err(unreadable()),
        ([], Some(time)) => {
            // A time alone: today's, or tomorrow's once today's has passed.
            let at_today = DateTime::from_parts(today, time).to_zoned_datetime(zone.clone());
            match at_today {
                Ok(at) if at.timestamp() > now => today,
                _ => today.tomorrow().map_err(|_| out_of_range())?,
            }
        }
        (day, _) => day_of(day, today, text)?,
    };
    let Some(time) = time else {
        return end_of_day(date, zone).map(Some).ok_or_else(out_of_range);
    };
    let civil = DateTime::from_parts(date, time);
    if let AmbiguousOffset::Gap { before, after } = zone.to_ambiguous_timestamp(civil).offset() {
        // The clocks skip this time that day: said, with the moment it would be.
        let instead = civil
            .checked_add(jiff::SignedDuration::from_secs(i64::from(
                after.seconds() - before.seconds(),
            )))
            .map_err(|_| out_of_range())?;
        return Err(DueError::NoSuchTime {
            time: civil.strftime("%H:%M").to_string(),
            day: date.strftime("%b %-d %Y").to_string(),
            instead: instead.strftime("%H:%M").to_string(),
        });
    }
    let at = civil
        .to_zoned_datetime(zone.clone())
        .map_err(|_| out_of_range())?
        .timestamp();
    Ok(Some(Due { at, has_time: true }))
}

/// The words of the day, and the time of day typed after them ("14:30", "9am", "9 pm").
fn split_time<'w>(words: &'w [&'w str]) -> (&'w [&'w str], Option<Time>) {
    if let [day @ .., hour, half @ ("am" | "pm")] = words
        && let Some(time) = clock_time(&format!("{hour}{half}"))
    {
        return (day, Some(time));
    }
    match words {
        [day @ .., last] => match clock_time(last) {
            Some(time) => (day, Some(time)),
            None => (words, None),
        },
        [] => (words, None),
    }
}

/// The day named by `words` (a time of day taken off already).
fn day_of(words: &[&str], today: Date, typed: &str) -> Result<Date, DueError> {
    let unreadable = || DueError::Unreadable(typed.trim().to_string());
    let out_of_range = || DueError::OutOfRange(typed.trim().to_string());
    let ahead = |span: Span| today.checked_add(span).map_err(|_| out_of_range());
    match words {
        ["today"] => Ok(today),
        // For a due already past (a bill that was due, entered late).
        ["yesterday"] => today.yesterday().map_err(|_| out_of_range()),
        ["tomorrow"] => today.tomorrow().map_err(|_| out_of_range()),
        ["next", "week"] => Ok(next_weekday(today, Weekday::Monday)),
        ["next", "month"] => ahead(Span::new().months(1)).map(|d| d.first_of_month()),
        [name] | ["next", name] if weekday_named(name).is_some() => Ok(next_weekday(
            today,
            weekday_named(name).unwrap_or(Weekday::Monday),
        )),
        ["end", "of", "month"] | ["end", "of", "the", "month"] => Ok(today.last_of_month()),
        ["end", "of", "week"] | ["end", "of", "the", "week"] => {
            let to_sunday = 6 - today.weekday().to_monday_zero_offset();
            ahead(Span::new().days(i64::from(to_sunday)))
        }
        ["in", amount] => ahead(relative_span(amount).ok_or_else(unreadable)?),
        ["in", count, unit] => {
            ahead(relative_span(&format!("{count}{}", unit_letter(unit)?)).ok_or_else(unreadable)?)
        }
        [date] => calendar_day(date, today, typed),
        _ => named_month_day(words, today).unwrap_or_else(|| Err(unreadable())),
    }
}

/// "days", "week", "mo"…: the letter `relative_span` reads.
fn unit_letter(unit: &str) -> Result<char, DueError> {
    match unit {
        "d" | "day" | "days" => Ok('d'),
        "w" | "wk" | "week" | "weeks" => Ok('w'),
        "m" | "mo" | "month" | "months" => Ok('m'),
        _ => Err(DueError::Unreadable(unit.to_string())),
    }
}

/// "dec 24", "24 dec", with a year after ("dec 24 2027"); without one, the next such day.
fn named_month_day(words: &[&str], today: Date) -> Option<Result<Date, DueError>> {
    let (month, day, year) = match words {
        [m, d] => (
            month_named(m).or(month_named(d))?,
            day_number(d).or(day_number(m))?,
            None,
        ),
        [m, d, y] => (
            month_named(m).or(month_named(d))?,
            day_number(d).or(day_number(m))?,
            Some(
                y.parse::<i16>()
                    .ok()
                    .filter(|y| (1000..=9999).contains(y))?,
            ),
        ),
        _ => return None,
    };
    let no_such_day = || DueError::NoSuchDay(words.join(" "));
    let on = |year: i16| Date::new(year, month, day).map_err(|_| no_such_day());
    Some(match year {
        Some(year) => on(year),
        None => match on(today.year()) {
            Ok(date) if date >= today => Ok(date),
            _ => (1..=8)
                .find_map(|ahead| on(today.year() + ahead).ok())
                .ok_or_else(no_such_day),
        },
    })
}

fn month_named(word: &str) -> Option<i8> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let word = word.trim_end_matches('.');
    MONTHS
        .iter()
        .position(|m| *m == word || (word.len() >= 3 && m.starts_with(word)))
        .map(|i| i as i8 + 1)
}

fn day_number(word: &str) -> Option<i8> {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic() || c == ',');
    digits
        .parse::<i8>()
        .ok()
        .filter(|d| (1..=31).contains(d))
        .filter(|_| digits.len() <= 2)
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

/// "14:30", "9:00", "9am", "9:30pm", "12am" (midnight): a time of day.
fn clock_time(word: &str) -> Option<Time> {
    let (clock, half) = match word.strip_suffix("am").or(word.strip_suffix("a.m.")) {
        Some(clock) => (clock, Some(false)),
        None => match word.strip_suffix("pm").or(word.strip_suffix("p.m.")) {
            Some(clock) => (clock, Some(true)),
            None => (word, None),
        },
    };
    let (hour, minute) = match (clock.split_once(':'), half) {
        (Some((hour, minute)), _) => (hour, minute),
        (None, Some(_)) => (clock, "00"),
        (None, None) => return None,
    };
    let ok = |s: &str| (1..=2).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
    if !ok(hour) || minute.len() != 2 || !ok(minute) {
        return None;
    }
    let (mut hour, minute): (i8, i8) = (hour.parse().ok()?, minute.parse().ok()?);
    match half {
        Some(pm) if (1..=12).contains(&hour) => hour = hour % 12 + if pm { 12 } else { 0 },
        Some(_) => return None,
        None => {}
    }
    Time::new(hour, minute, 0, 0).ok()
}
