//! Times for people: "3d ago", "in 26h 14m", and local wall-clock times.
//! Pure functions of two instants; the caller supplies `now`.

use jiff::Timestamp;
use jiff::tz::TimeZone;

const SECOND: i64 = 1_000;
const MINUTE: i64 = 60 * SECOND;
const HOUR: i64 = 60 * MINUTE;
const DAY: i64 = 24 * HOUR;

/// How old `then` is, coarsely, for columns that must not change width every second:
/// "just now", "5m ago", "3h ago", "2d ago", then the date ("Nov 26", with the year when it
/// is not this one). It changes at most once a minute. A time more than a minute ahead (a
/// clock set back) says so: "in 5m", "in 3d", or the date.
pub fn age(then: Timestamp, now: Timestamp, zone: &TimeZone) -> String {
    let ms = now.as_millisecond().saturating_sub(then.as_millisecond());
    let (ahead, ms) = (ms < 0, ms.saturating_abs());
    let coarse = if ms < MINUTE {
        return "just now".to_string();
    } else if ms < HOUR {
        format!("{}m", ms / MINUTE)
    } else if ms < DAY {
        format!("{}h", ms / HOUR)
    } else if ms < 7 * DAY {
        format!("{}d", ms / DAY)
    } else {
        let (day, today) = (
            then.to_zoned_datetime(zone.clone()),
            now.to_zoned_datetime(zone.clone()),
        );
        let form = if day.year() == today.year() {
            "%b %-d"
        } else {
            "%Y-%m-%d"
        };
        return day.strftime(form).to_string();
    };
    if ahead {
        format!("in {coarse}")
    } else {
        format!("{coarse} ago")
    }
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

/// The time a stored millisecond count stands for. A count beyond the times jiff can hold
/// (only a file written by something else has one) is the nearest time it can: far in the
/// past or the future stays so, and a trash entry never becomes due early by it.
pub fn from_millis(ms: i64) -> Timestamp {
    Timestamp::from_millisecond(ms).unwrap_or(if ms < 0 {
        Timestamp::MIN
    } else {
        Timestamp::MAX
    })
}

/// `t` as RFC 3339 in UTC to the millisecond, `2026-03-01T09:00:00.000Z`: the one form every
/// JSON output and export writes, whatever the fraction.
pub fn rfc3339(t: Timestamp) -> String {
    jiff::fmt::temporal::DateTimePrinter::new()
        .precision(Some(3))
        .timestamp_to_string(&t)
}

/// The local time zone: the `TZ` variable's, else the system's. Read once per process.
pub fn local_zone() -> TimeZone {
    static ZONE: std::sync::OnceLock<TimeZone> = std::sync::OnceLock::new();
    ZONE.get_or_init(|| {
        // `TimeZone::system()` looks the zone's name up in the tz database, and opening that
        // walks all of /usr/share/zoneinfo first: 3.2M instructions and over a thousand
        // directory entries, half of a small command and a delay before the app's first
        // frame. The rules are all in /etc/localtime itself, and softly never shows the name.
        if std::env::var_os("TZ").is_none()
            && let Ok(bytes) = std::fs::read("/etc/localtime")
            && let Ok(zone) = TimeZone::tzif("localtime", &bytes)
        {
            return zone;
        }
        TimeZone::system()
    })
    .clone()
}

/// `t` on the local wall clock (the `TZ` variable, else the system zone): "2026-11-26 15:20".
pub fn local(t: Timestamp) -> String {
    t.to_zoned_datetime(local_zone())
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
    fn ages_are_coarse_and_change_at_most_once_a_minute() {
        assert_eq!(
            age(at(NOW - 59 * SECOND), at(NOW), &TimeZone::UTC),
            "just now"
        );
        assert_eq!(
            age(at(NOW - 5 * MINUTE - 59 * SECOND), at(NOW), &TimeZone::UTC),
            "5m ago"
        );
        assert_eq!(
            age(at(NOW - 3 * HOUR - 59 * MINUTE), at(NOW), &TimeZone::UTC),
            "3h ago"
        );
        assert_eq!(
            age(at(NOW - 2 * DAY - 23 * HOUR), at(NOW), &TimeZone::UTC),
            "2d ago"
        );
        assert_eq!(age(at(NOW + 3 * DAY), at(NOW), &TimeZone::UTC), "in 3d");
        // A week and more: the date (NOW is 2026-11-26, in UTC here).
        assert_eq!(age(at(NOW - 10 * DAY), at(NOW), &TimeZone::UTC), "Nov 16");
        assert_eq!(
            age(at(NOW - 400 * DAY), at(NOW), &TimeZone::UTC),
            "2025-10-22"
        );
        // Every second of a minute gives the same text, so a column keeps its width.
        let texts: std::collections::HashSet<String> = (0..60)
            .map(|s| age(at(NOW - 5 * MINUTE - s * SECOND), at(NOW), &TimeZone::UTC))
            .collect();
        assert_eq!(texts.len(), 1);
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

    #[test]
    fn the_local_zone_read_from_its_file_keeps_the_system_rules() {
        let (ours, system) = (local_zone(), TimeZone::system());
        for ms in [0, NOW, NOW + 90 * DAY, NOW + 180 * DAY, 4_102_444_800_000] {
            let t = at(ms);
            assert_eq!(ours.to_offset(t), system.to_offset(t), "at {t}");
        }
    }
}
