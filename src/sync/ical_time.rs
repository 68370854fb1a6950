//! iCalendar's ways of writing a time (RFC 5545 §3.3.4, §3.3.5): a UTC date-time
//! (`20261224T143000Z`), a date-time in a named zone (`TZID=Europe/Paris:20261224T143000`), a
//! floating one (no zone: the reader's own), and a whole day (`VALUE=DATE:20261224`). softly
//! writes UTC and days; it reads all four.

use jiff::Timestamp;
use jiff::civil::{Date, DateTime};
use jiff::tz::TimeZone;

use crate::fields::Due;
use crate::fields::end_of_day;

/// `t` as a UTC date-time, to the second: `20261224T143000Z`.
pub fn utc_text(t: Timestamp) -> String {
    t.strftime("%Y%m%dT%H%M%SZ").to_string()
}

/// `date` as iCalendar writes a day: `20261224`.
pub fn date_text(date: Date) -> String {
    date.strftime("%Y%m%d").to_string()
}

/// A DATE or DATE-TIME value with its `TZID` parameter (if any), as an instant. A floating
/// time, and a zone this machine does not know, are read in `zone`.
pub fn read_instant(value: &str, tzid: Option<&str>, zone: &TimeZone) -> Option<Timestamp> {
    let value = value.trim();
    if let Some(utc) = value.strip_suffix('Z') {
        let civil = DateTime::strptime("%Y%m%dT%H%M%S", utc).ok()?;
        return civil
            .to_zoned_datetime(TimeZone::UTC)
            .ok()
            .map(|z| z.timestamp());
    }
    let in_zone = tzid
        .and_then(|name| TimeZone::get(name.trim_matches('"')).ok())
        .unwrap_or_else(|| zone.clone());
    let civil = match DateTime::strptime("%Y%m%dT%H%M%S", value) {
        Ok(civil) => civil,
        Err(_) => Date::strptime("%Y%m%d", value)
            .ok()?
            .to_datetime(jiff::civil::Time::midnight()),
    };
    civil.to_zoned_datetime(in_zone).ok().map(|z| z.timestamp())
}

/// A `DUE` value as softly's due date: a day is due at its end in `zone`; a date-time keeps
/// its time.
pub fn read_due(value: &str, tzid: Option<&str>, is_date: bool, zone: &TimeZone) -> Option<Due> {
    let value = value.trim();
    if is_date || value.len() == 8 {
        let date = Date::strptime("%Y%m%d", value).ok()?;
        return end_of_day(date, zone);
    }
    read_instant(value, tzid, zone).map(|at| Due { at, has_time: true })
}

/// The day a due date without a time falls on, in `zone`.
pub fn due_day(due: Due, zone: &TimeZone) -> Date {
    due.at.to_zoned_datetime(zone.clone()).date()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paris() -> TimeZone {
        TimeZone::get("Europe/Paris").unwrap()
    }

    #[test]
    fn the_four_forms_are_read() {
        let z = paris();
        let utc: Timestamp = "2026-12-24T14:30:00Z".parse().unwrap();
        assert_eq!(read_instant("20261224T143000Z", None, &z), Some(utc));
        assert_eq!(
            read_instant("20261224T153000", Some("Europe/Paris"), &TimeZone::UTC),
            Some(utc),
            "a named zone"
        );
        assert_eq!(
            read_instant("20261224T153000", None, &z),
            Some(utc),
            "floating"
        );
        assert_eq!(
            read_instant("20261224T153000", Some("Nowhere/Atlantis"), &z),
            Some(utc),
            "an unknown zone reads as the local one"
        );
        let day = read_due("20261224", None, true, &z).unwrap();
        assert!(!day.has_time);
        assert_eq!(due_day(day, &z).to_string(), "2026-12-24");
        assert_eq!(read_instant("garbage", None, &z), None);
    }

    #[test]
    fn what_is_written_reads_back() {
        let t: Timestamp = "2026-03-29T01:59:59Z".parse().unwrap();
        assert_eq!(utc_text(t), "20260329T015959Z");
        assert_eq!(read_instant(&utc_text(t), None, &paris()), Some(t));
        let d = Date::new(2026, 3, 29).unwrap();
        assert_eq!(date_text(d), "20260329");
    }
}
