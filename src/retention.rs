//! The retention policy: how long a trash entry waits before the purge erases it.
//!
//! Retention is elapsed absolute time (a day is 24 hours), so daylight-saving changes never
//! move a purge by an hour. Everything here is pure: callers pass `now`.

use std::fmt;
use std::str::FromStr;

use jiff::{SignedDuration, Span, SpanRelativeTo, Timestamp};
use thiserror::Error;

/// The default retention window: 30 days.
pub const DEFAULT_RETENTION: Retention = Retention::After(SignedDuration::from_hours(30 * 24));

/// How long deleted things stay in the Trash.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Retention {
    /// Entries are erased once they have been in the Trash this long (always positive).
    After(SignedDuration),
    /// Automatic purging is off; entries stay until restored or erased by hand.
    Never,
}

/// Why a retention span was refused (without where it came from; the caller adds that).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum RetentionError {
    #[error(
        "not a time span (use weeks, days, hours, minutes or seconds, e.g. \"30d\", \"12h\", \"2w\", or \"never\")"
    )]
    Unreadable,
    #[error("months and years have no fixed length; use weeks or days instead")]
    CalendarUnits,
    #[error("it must be longer than zero")]
    NotPositive,
    #[error(
        "it is out of range: the longest is {MAX_RETENTION_DAYS} days (about 20,000 years); use \"never\" to keep things until you erase them"
    )]
    OutOfRange,
    #[error("\"m\" could mean minutes or months; write \"min\" for minutes or \"mo\" for months")]
    AmbiguousMinutes,
    #[error("a number needs a unit, e.g. \"{0}d\" for days or \"{0}h\" for hours")]
    NoUnit(i64),
    #[error("it must be at least {0}")]
    TooShort(Retention),
    #[error("an interval cannot be \"never\"")]
    NeverInterval,
}

/// How every span setting's error reads: `invalid sync_interval "5m": …`.
pub fn span_error(key: &str, value: &str, reason: &RetentionError) -> String {
    format!("invalid {key} \"{value}\": {reason}")
}

/// Reads an interval (how often something runs) by the rules of every span setting (see
/// [`parse_retention`]), and no shorter than `min`.
pub fn parse_interval(raw: &str, min: SignedDuration) -> Result<SignedDuration, RetentionError> {
    match parse_retention(raw)? {
        Retention::Never => Err(RetentionError::NeverInterval),
        Retention::After(span) if span < min => {
            Err(RetentionError::TooShort(Retention::After(min)))
        }
        Retention::After(span) => Ok(span),
    }
}

/// The longest retention: the most days a span can hold (about 20,000 years).
pub const MAX_RETENTION_DAYS: i64 = 7_304_484;

/// Reads a span setting (a retention, an interval) as the config file and `--retention`
/// give it. Every span setting reads by these rules: weeks, days, hours, minutes (`min`) or
/// seconds; never months or years (no fixed length); and never a bare "m", since "30m" may
/// be meant as months (a retention read as minutes would wipe the Trash 43,000 times sooner
/// than meant), so "5m" means nothing anywhere and "5min" five minutes everywhere.
pub fn parse_retention(raw: &str) -> Result<Retention, RetentionError> {
    if has_bare_m_unit(raw) {
        return Err(RetentionError::AmbiguousMinutes);
    }
    raw.parse()
}

/// True when a number in `text` is followed by the unit "m" alone ("30m", "1d 30 m").
fn has_bare_m_unit(text: &str) -> bool {
    let chars: Vec<char> = text.to_lowercase().chars().collect();
    chars.iter().enumerate().any(|(i, &c)| {
        let unit_m = c == 'm' && !chars.get(i + 1).is_some_and(|n| n.is_alphabetic());
        let after_number = chars[..i]
            .iter()
            .rev()
            .find(|c| !c.is_whitespace())
            .is_some_and(|c| c.is_ascii_digit());
        unit_m && after_number
    })
}

/// True when `text` reads as a span once its numbers are made small: then it failed only
/// because a number was too big.
fn only_too_big(text: &str) -> bool {
    let mut small = String::with_capacity(text.len());
    let mut in_number = false;
    for c in text.chars() {
        if c.is_ascii_digit() {
            if !in_number {
                small.push('1');
            }
            in_number = true;
        } else {
            in_number = false;
            small.push(c);
        }
    }
    small.parse::<Span>().is_ok()
}

impl FromStr for Retention {
    type Err = RetentionError;

    fn from_str(raw: &str) -> Result<Self, Self::Err> {
        let text = raw.trim();
        if text.eq_ignore_ascii_case("never") {
            return Ok(Retention::Never);
        }
        // A bare number: zero is zero whatever the unit; anything else needs one.
        if let Ok(n) = text.parse::<i64>() {
            return Err(if n <= 0 {
                RetentionError::NotPositive
            } else {
                RetentionError::NoUnit(n)
            });
        }
        let span: Span = text.parse().map_err(|_| {
            if only_too_big(text) {
                RetentionError::OutOfRange
            } else {
                RetentionError::Unreadable
            }
        })?;
        if span.get_years() != 0 || span.get_months() != 0 {
            return Err(RetentionError::CalendarUnits);
        }
        let duration = span
            .to_duration(SpanRelativeTo::days_are_24_hours())
            .map_err(|_| RetentionError::OutOfRange)?;
        // Below a millisecond is zero for a store that keeps milliseconds.
        if duration.as_millis() <= 0 {
            return Err(RetentionError::NotPositive);
        }
        if duration > SignedDuration::from_hours(MAX_RETENTION_DAYS * 24) {
            return Err(RetentionError::OutOfRange);
        }
        Ok(Retention::After(duration))
    }
}

impl Retention {
    /// True when this keeps things for less time than `other` ("never" is the longest).
    pub fn is_shorter_than(self, other: Retention) -> bool {
        match (self, other) {
            (Retention::After(a), Retention::After(b)) => a < b,
            (Retention::After(_), Retention::Never) => true,
            (Retention::Never, _) => false,
        }
    }

    /// The purge cutoff: every entry deleted at or before this instant is due. `None` when
    /// automatic purging is off.
    pub fn cutoff(self, now: Timestamp) -> Option<Timestamp> {
        match self {
            Retention::Never => None,
            // Saturate instead of failing: a retention longer than all of time purges nothing.
            Retention::After(d) => Some(now.checked_sub(d).unwrap_or(Timestamp::MIN)),
        }
    }

    /// When an entry deleted at `deleted_at` will be purged. `None` when purging is off.
    pub fn purge_at(self, deleted_at: Timestamp) -> Option<Timestamp> {
        match self {
            Retention::Never => None,
            Retention::After(d) => Some(deleted_at.checked_add(d).unwrap_or(Timestamp::MAX)),
        }
    }
}

impl fmt::Display for Retention {
    /// The policy in words: "30 days", "12 hours", "90 seconds", or "never".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Retention::After(d) = self else {
            return f.write_str("never");
        };
        let ms = d.as_millis();
        let units: [(i128, &str); 5] = [
            (7 * 86_400_000, "week"),
            (86_400_000, "day"),
            (3_600_000, "hour"),
            (60_000, "minute"),
            (1_000, "second"),
        ];
        // The largest unit that measures the span exactly: "30 days", "2 weeks", "90 seconds".
        for (size, name) in units {
            if ms % size == 0 {
                let n = ms / size;
                return write!(f, "{n} {name}{}", plural(n));
            }
        }
        write!(f, "{ms} ms")
    }
}

fn plural(n: i128) -> &'static str {
    if n == 1 { "" } else { "s" }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hours(h: i64) -> Retention {
        Retention::After(SignedDuration::from_hours(h))
    }

    #[test]
    fn spans_in_weeks_days_hours_minutes_and_seconds_are_read() {
        assert_eq!("30d".parse(), Ok(hours(720)));
        assert_eq!("2w".parse(), Ok(hours(336)));
        assert_eq!("12h".parse(), Ok(hours(12)));
        assert_eq!(
            "90s".parse(),
            Ok(Retention::After(SignedDuration::from_secs(90)))
        );
        assert_eq!(
            "45m".parse(),
            Ok(Retention::After(SignedDuration::from_mins(45)))
        );
        assert_eq!("30 days".parse(), Ok(hours(720)));
        assert_eq!("1d 12h".parse(), Ok(hours(36)));
        assert_eq!("never".parse(), Ok(Retention::Never));
        assert_eq!(" NEVER ".parse(), Ok(Retention::Never));
    }

    #[test]
    fn zero_negative_calendar_and_unreadable_spans_are_refused() {
        assert_eq!("0d".parse::<Retention>(), Err(RetentionError::NotPositive));
        assert_eq!("-5d".parse::<Retention>(), Err(RetentionError::NotPositive));
        assert_eq!(
            "1mo".parse::<Retention>(),
            Err(RetentionError::CalendarUnits)
        );
        assert_eq!(
            "1y".parse::<Retention>(),
            Err(RetentionError::CalendarUnits)
        );
        assert_eq!("soon".parse::<Retention>(), Err(RetentionError::Unreadable));
        assert_eq!("".parse::<Retention>(), Err(RetentionError::Unreadable));
        assert_eq!("30".parse::<Retention>(), Err(RetentionError::NoUnit(30)));
        assert_eq!("0".parse::<Retention>(), Err(RetentionError::NotPositive));
    }

    #[test]
    fn a_span_too_long_is_out_of_range_not_unreadable() {
        for text in [
            "999999999d",
            "7304485d",
            "175307617h",
            "99999999999999999999s",
        ] {
            assert_eq!(
                text.parse::<Retention>(),
                Err(RetentionError::OutOfRange),
                "{text}"
            );
        }
        assert!("7304484d".parse::<Retention>().is_ok());
        let message = RetentionError::OutOfRange.to_string();
        assert!(message.contains("the longest is 7304484 days"), "{message}");
    }

    #[test]
    fn a_bare_m_is_refused_for_retention_naming_both_readings() {
        for text in ["30m", "30 m", "1d 5m", "2M"] {
            assert_eq!(
                parse_retention(text),
                Err(RetentionError::AmbiguousMinutes),
                "{text}"
            );
        }
        assert_eq!(
            parse_retention("30min"),
            Ok(Retention::After(SignedDuration::from_mins(30)))
        );
        assert_eq!(parse_retention("1mo"), Err(RetentionError::CalendarUnits));
        assert_eq!(parse_retention("30d"), Ok(hours(720)));
        let message = RetentionError::AmbiguousMinutes.to_string();
        assert!(
            message.contains("\"min\"") && message.contains("\"mo\""),
            "{message}"
        );
    }

    #[test]
    fn never_is_the_longest_retention() {
        assert!(hours(3).is_shorter_than(hours(720)));
        assert!(!hours(720).is_shorter_than(hours(720)));
        assert!(hours(720).is_shorter_than(Retention::Never));
        assert!(!Retention::Never.is_shorter_than(hours(3)));
        assert!(!Retention::Never.is_shorter_than(Retention::Never));
    }

    #[test]
    fn the_cutoff_is_exactly_now_minus_retention() {
        let now = Timestamp::from_millisecond(1_800_000_000_123).unwrap();
        let cutoff = hours(720).cutoff(now).unwrap();
        assert_eq!(
            now.as_millisecond() - cutoff.as_millisecond(),
            720 * 3_600_000
        );
        assert_eq!(Retention::Never.cutoff(now), None);
    }

    #[test]
    fn a_day_is_24_hours_even_across_a_daylight_saving_change() {
        // 2026-03-08 is the US spring-forward day; retention is elapsed time, not wall time.
        let before = "2026-03-07T12:00:00Z".parse::<Timestamp>().unwrap();
        let purge_at = "2d".parse::<Retention>().unwrap().purge_at(before).unwrap();
        assert_eq!(purge_at - before, SignedDuration::from_hours(48));
    }

    #[test]
    fn huge_retentions_saturate_instead_of_overflowing() {
        let now = Timestamp::from_millisecond(0).unwrap();
        let r: Retention = "1000000w".parse().unwrap();
        assert_eq!(r.cutoff(now), Some(Timestamp::MIN));
        assert_eq!(r.purge_at(Timestamp::MAX), Some(Timestamp::MAX));
    }

    #[test]
    fn the_policy_reads_as_words() {
        assert_eq!(DEFAULT_RETENTION.to_string(), "30 days");
        assert_eq!("2w".parse::<Retention>().unwrap().to_string(), "2 weeks");
        assert_eq!("12h".parse::<Retention>().unwrap().to_string(), "12 hours");
        assert_eq!("1d".parse::<Retention>().unwrap().to_string(), "1 day");
        assert_eq!(
            "90s".parse::<Retention>().unwrap().to_string(),
            "90 seconds"
        );
        assert_eq!(Retention::Never.to_string(), "never");
    }
}
