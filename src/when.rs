//! Times for people: "3 days ago", "in 26h 14m", and local wall-clock times.
//! Pure functions of two instants; the caller supplies `now`.

use jiff::Timestamp;
use jiff::tz::TimeZone;

const SECOND: i64 = 1_000;
const MINUTE: i64 = 60 * SECOND;
const HOUR: i64 = 60 * MINUTE;
const DAY: i64 = 24 * HOUR;

/// How long ago `then` was: "just now", "14m ago", "5h 2m ago", "3 days ago". A time more
/// than a minute ahead (the clock was set back since, or another machine's clock ran fast)
/// says so, "in 3 days", rather than passing for "just now".
pub fn ago(then: Timestamp, now: Timestamp) -> String {
    let ms = now.as_millisecond().saturating_sub(then.as_millisecond());
    if ms <= -MINUTE {
        return format!("in {}", span_words(ms.saturating_neg()));
    }
    if ms < MINUTE {
        return "just now".to_string();
    }
    format!("{} ago", span_words(ms))
}

/// How long until `when`: "in 27 days", "in 26h 14m", "in 14m 5s", "in 42s"; "now" once due.
pub fn until(when: Timestamp, now: Timestamp) -> String {
    let ms = when.as_millisecond().saturating_sub(now.as_millisecond());
    if ms <= 0 {
        return "now".to_string();
    }
    if ms < MINUTE {
        // Round up: "in 0s" would read as if it were already due.
        return format!("in {}s", (ms + SECOND - 1) / SECOND);
    }
    if ms >= 2 * DAY {
        // Nearest whole day: a todo deleted a moment ago purges "in 30 days", not "in 29".
        return format!("in {} days", (ms + DAY / 2) / DAY);
    }
    format!("in {}", span_words(ms))
}

/// A span in the largest units that read well: whole days from two days up, hours and
/// minutes below that, then minutes and seconds (so a countdown visibly ticks).
fn span_words(ms: i64) -> String {
    if ms >= 2 * DAY {
        format!("{} days", ms / DAY)
    } else if ms >= HOUR {
        let (h, m) = (ms / HOUR, ms % HOUR / MINUTE);
        if m == 0 {
            format!("{h}h")
        } else {
            format!("{h}h {m}m")
        }
    } else if ms >= MINUTE {
        let (m, s) = (ms / MINUTE, ms % MINUTE / SECOND);
        if s == 0 {
            format!("{m}m")
        } else {
            format!("{m}m {s}s")
        }
    } else {
        format!("{}s", ms / SECOND)
    }
}

/// `t` as RFC 3339 in UTC to the millisecond, `2026-03-01T09:00:00.000Z`: the one form every
/// JSON output and export writes, whatever the fraction.
pub fn rfc3339(t: Timestamp) -> String {
    jiff::fmt::temporal::DateTimePrinter::new()
        .precision(Some(3))
        .timestamp_to_string(&t)
}

/// `t` on the local wall clock (the `TZ` variable, else the system zone): "2026-11-26 15:20".
pub fn local(t: Timestamp) -> String {
    t.to_zoned_datetime(TimeZone::system())
        .strftime("%Y-%m-%d %H:%M")
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(ms: i64) -> Timestamp {
        Timestamp::from_millisecond(ms).unwrap()
    }

    const NOW: i64 = 1_795_694_400_000;

    #[test]
    fn past_times_read_as_ago() {
        assert_eq!(ago(at(NOW - 30 * SECOND), at(NOW)), "just now");
        assert_eq!(ago(at(NOW - 14 * MINUTE), at(NOW)), "14m ago");
        assert_eq!(
            ago(at(NOW - 14 * MINUTE - 5 * SECOND), at(NOW)),
            "14m 5s ago"
        );
        assert_eq!(ago(at(NOW - 5 * HOUR - 2 * MINUTE), at(NOW)), "5h 2m ago");
        assert_eq!(ago(at(NOW - 47 * HOUR), at(NOW)), "47h ago");
        assert_eq!(ago(at(NOW - 3 * DAY - HOUR), at(NOW)), "3 days ago");
        assert_eq!(ago(at(NOW + 30 * SECOND), at(NOW)), "just now");
        assert_eq!(ago(at(NOW + 3 * DAY + HOUR), at(NOW)), "in 3 days");
        assert_eq!(ago(at(NOW + 5 * HOUR), at(NOW)), "in 5h");
    }

    #[test]
    fn json_times_always_carry_milliseconds() {
        assert_eq!(rfc3339(at(NOW)), "2026-11-26T12:00:00.000Z");
        assert_eq!(rfc3339(at(NOW + 7)), "2026-11-26T12:00:00.007Z");
    }

    #[test]
    fn future_times_read_as_in() {
        assert_eq!(until(at(NOW + 27 * DAY + 5 * HOUR), at(NOW)), "in 27 days");
        assert_eq!(until(at(NOW + 30 * DAY - 1), at(NOW)), "in 30 days");
        assert_eq!(
            until(at(NOW + 26 * HOUR + 14 * MINUTE), at(NOW)),
            "in 26h 14m"
        );
        assert_eq!(
            until(at(NOW + 14 * MINUTE + 59 * SECOND), at(NOW)),
            "in 14m 59s"
        );
        assert_eq!(until(at(NOW + 1), at(NOW)), "in 1s");
        assert_eq!(until(at(NOW), at(NOW)), "now");
        assert_eq!(until(at(NOW - DAY), at(NOW)), "now");
    }
}
