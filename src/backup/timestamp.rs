//! Reading the times of an export quickly. A file holds three times per todo in the Trash;
//! jiff's general RFC 3339 parser took a tenth of a 10,000-todo import. The form softly itself
//! writes (`2026-11-26T12:00:00Z`, with or without a fraction of a second) is read here
//! directly; anything else goes to jiff, so what is accepted, and every error, stays jiff's.

use std::fmt;

use jiff::Timestamp;
use serde::de::{Error, Visitor};
use serde::{Deserializer, Serializer};

/// For `#[serde(serialize_with)]`: a time as RFC 3339 text in UTC to the millisecond, the
/// form every JSON softly writes uses.
pub fn serialize<S: Serializer>(t: &Timestamp, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&crate::when::rfc3339(*t))
}

/// For `#[serde(deserialize_with)]`: a time as RFC 3339 text.
pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Timestamp, D::Error> {
    d.deserialize_str(TimestampText)
}

/// For an optional time: `#[serde(default, skip_serializing_if = "Option::is_none", with =
/// "timestamp::optional")]`, absent when there is none.
pub mod optional {
    use jiff::Timestamp;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(t: &Option<Timestamp>, s: S) -> Result<S::Ok, S::Error> {
        match t {
            Some(t) => super::serialize(t, s),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Timestamp>, D::Error> {
        #[derive(Deserialize)]
        struct Text(#[serde(deserialize_with = "super::deserialize")] Timestamp);
        Ok(Option::<Text>::deserialize(d)?.map(|Text(t)| t))
    }
}

struct TimestampText;

impl Visitor<'_> for TimestampText {
    type Value = Timestamp;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an RFC 3339 time such as \"2026-11-26T12:00:00Z\"")
    }

    fn visit_str<E: Error>(self, text: &str) -> Result<Timestamp, E> {
        match utc(text) {
            Some(t) => Ok(t),
            None => text.parse().map_err(E::custom),
        }
    }
}

/// `YYYY-MM-DDTHH:MM:SS[.fraction]Z` for a valid date from 1970 to 9999 and a time of day
/// without a leap second; `None` for anything else, which jiff then reads or refuses.
fn utc(text: &str) -> Option<Timestamp> {
    let b = text.as_bytes();
    if b.len() < 20 || b[4] != b'-' || b[7] != b'-' || b[10] != b'T' || b[13] != b':' {
        return None;
    }
    if b[16] != b':' || b[b.len() - 1] != b'Z' {
        return None;
    }
    let year = digits(&b[0..4])?;
    let (month, day) = (digits(&b[5..7])?, digits(&b[8..10])?);
    let (hour, minute, second) = (
        digits(&b[11..13])?,
        digits(&b[14..16])?,
        digits(&b[17..19])?,
    );
    let nanos = match &b[19..b.len() - 1] {
        [] => 0,
        [b'.', fraction @ ..] if (1..=9).contains(&fraction.len()) => {
            digits(fraction)? * 10_i64.pow(9 - fraction.len() as u32)
        }
        _ => return None,
    };
    let valid = (1970..=9999).contains(&year)
        && (1..=12).contains(&month)
        && (1..=days_in_month(year, month)).contains(&day)
        && hour < 24
        && minute < 60
        && second < 60;
    if !valid {
        return None;
    }
    let seconds = days_since_epoch(year, month, day) * 86_400 + hour * 3_600 + minute * 60 + second;
    Timestamp::new(seconds, nanos as i32).ok()
}

/// The number written in ASCII digits (all of them digits), or `None`.
fn digits(b: &[u8]) -> Option<i64> {
    b.iter().try_fold(0_i64, |n, &c| {
        c.is_ascii_digit().then(|| n * 10 + i64::from(c - b'0'))
    })
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days from 1970-01-01 to the date in the proleptic Gregorian calendar (Howard Hinnant's
/// `days_from_civil`).
fn days_since_epoch(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let month_from_march = (month + 9) % 12;
    let day_of_year = (153 * month_from_march + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn jiff(text: &str) -> Option<Timestamp> {
        text.parse().ok()
    }

    #[test]
    fn the_forms_softly_writes_read_as_jiff_reads_them() {
        for text in [
            "1970-01-01T00:00:00Z",
            "2026-11-26T12:00:00Z",
            "2026-11-26T12:00:00.5Z",
            "2026-11-26T12:00:00.123Z",
            "2026-11-26T12:00:00.123456789Z",
            "2024-02-29T23:59:59.999Z",
            "2000-02-29T00:00:00Z",
            "9999-01-01T23:59:59.999999999Z",
        ] {
            assert_eq!(utc(text), jiff(text), "{text}");
            assert!(utc(text).is_some(), "{text} takes the quick path");
        }
    }

    #[test]
    fn anything_else_is_left_to_jiff() {
        for text in [
            "2026-11-26T12:00:00+01:00",
            "2026-11-26t12:00:00z",
            "2026-11-26 12:00:00Z",
            "2026-02-29T12:00:00Z",
            "1900-02-29T12:00:00Z",
            "2026-04-31T12:00:00Z",
            "2026-13-01T12:00:00Z",
            "2026-11-26T24:00:00Z",
            "2016-12-31T23:59:60Z",
            "1969-12-31T23:59:59.5Z",
            "2026-11-26T12:00:00.Z",
            "2026-11-26T12:00:00.1234567890Z",
            "2026-11-26T12:00:0xZ",
            "+2026-11-26T12:00:00Z",
            "2026-11-26T12:00Z",
            "",
        ] {
            assert_eq!(utc(text), None, "{text}");
        }
    }

    proptest! {
        /// Over every millisecond, nanosecond and fraction length from 1970 to 9999, the
        /// quick path and jiff agree.
        #[test]
        fn quick_path_equals_jiff(
            seconds in 0_i64..Timestamp::MAX.as_second(),
            nanos in 0_i32..1_000_000_000,
            shown in 0_usize..=9,
        ) {
            let t = Timestamp::new(seconds, nanos).unwrap();
            let whole = t.strftime("%Y-%m-%dT%H:%M:%S").to_string();
            let fraction = format!("{nanos:09}");
            let text = if shown == 0 {
                format!("{whole}Z")
            } else {
                format!("{whole}.{}Z", &fraction[..shown])
            };
            prop_assert_eq!(utc(&text), jiff(&text));
            prop_assert!(utc(&text).is_some());
        }

        /// Whatever the text, the quick path never reads a time jiff would read differently.
        #[test]
        fn quick_path_never_disagrees(
            text in "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{0,10})?Z?"
        ) {
            if let Some(t) = utc(&text) {
                prop_assert_eq!(Some(t), jiff(&text));
            }
        }
    }
}
