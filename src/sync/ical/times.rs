//! iCalendar's ways of writing a time (RFC 5545 §3.3.4, §3.3.5): a UTC date-time
//! (`20261224T143000Z`), a date-time in a named zone (`TZID=Europe/Paris:20261224T143000`), a
//! floating one (no zone: the reader's own), and a whole day (`VALUE=DATE:20261224`). A value
//! not written in one of these forms, or in a zone nobody can tell, is not guessed at.

use jiff::Timestamp;
use jiff::civil::{Date, DateTime};
use jiff::tz::{Offset, TimeZone};

use super::lines::{Line, Resource};
use super::zones::{Zone, resolve};
use crate::fields::{Due, end_of_day};

/// A DATE or DATE-TIME value as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TimeValue {
    Utc(DateTime),
    /// In the zone its TZID names, or floating (no TZID).
    Local {
        civil: DateTime,
        tzid: Option<String>,
    },
    Date(Date),
}

/// The time value of a DTSTART, DUE, COMPLETED… line; `None` when it is not one.
pub fn time_value(line: &Line<'_>) -> Option<TimeValue> {
    let value = line.value.trim();
    let is_date = line
        .param("VALUE")
        .is_some_and(|v| v.eq_ignore_ascii_case("DATE"));
    if is_date || (value.len() == 8 && value.bytes().all(|b| b.is_ascii_digit())) {
        return Date::strptime("%Y%m%d", value).ok().map(TimeValue::Date);
    }
    if value.len() == 16
        && let Some(utc) = value.strip_suffix('Z')
    {
        return DateTime::strptime("%Y%m%dT%H%M%S", utc)
            .ok()
            .map(TimeValue::Utc);
    }
    if value.len() != 15 {
        return None;
    }
    let civil = DateTime::strptime("%Y%m%dT%H%M%S", value).ok()?;
    Some(TimeValue::Local {
        civil,
        tzid: line.param("TZID").map(str::to_string),
    })
}

impl TimeValue {
    /// The instant it is: a day at its start, a floating time in `floating`. `None` when its
    /// TZID names no zone softly can tell.
    pub fn instant(&self, resource: &Resource<'_>, floating: &TimeZone) -> Option<Timestamp> {
        match self {
            TimeValue::Utc(civil) => Offset::UTC.to_timestamp(*civil).ok(),
            TimeValue::Local { civil, tzid: None } => civil
                .to_zoned_datetime(floating.clone())
                .ok()
                .map(|z| z.timestamp()),
            TimeValue::Local {
                civil,
                tzid: Some(tzid),
            } => resolve(tzid, resource)?.instant(*civil),
            TimeValue::Date(date) => date
                .to_datetime(jiff::civil::Time::midnight())
                .to_zoned_datetime(floating.clone())
                .ok()
                .map(|z| z.timestamp()),
        }
    }

    /// As softly's due date: a day is due at its end in `zone`; a time keeps its time.
    pub fn due(&self, resource: &Resource<'_>, zone: &TimeZone) -> Option<Due> {
        match self {
            TimeValue::Date(date) => end_of_day(*date, zone),
            other => other
                .instant(resource, zone)
                .map(|at| Due { at, has_time: true }),
        }
    }

    /// The zone its wall-clock time is in, when it names one softly can tell (UTC for `Z`).
    pub fn zone(&self, resource: &Resource<'_>, floating: &TimeZone) -> Option<Zone> {
        match self {
            TimeValue::Utc(_) => Some(Zone::Named(TimeZone::UTC)),
            TimeValue::Local { tzid: Some(t), .. } => resolve(t, resource),
            _ => Some(Zone::Named(floating.clone())),
        }
    }
}

/// `t` as a UTC date-time, to the second: `20261224T143000Z`.
pub fn utc_text(t: Timestamp) -> String {
    t.strftime("%Y%m%dT%H%M%SZ").to_string()
}

/// A wall-clock time as iCalendar writes one: `20261224T143000`.
pub fn civil_text(civil: DateTime) -> String {
    civil.strftime("%Y%m%dT%H%M%S").to_string()
}

/// `date` as iCalendar writes a day: `20261224`.
pub fn date_text(date: Date) -> String {
    date.strftime("%Y%m%d").to_string()
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

    fn value_of(line: &str) -> (Option<TimeValue>, Option<Timestamp>) {
        let text = format!("BEGIN:VCALENDAR\r\n{line}\r\nEND:VCALENDAR\r\n");
        let r = Resource::parse(&text).unwrap();
        let v = time_value(&r.lines[1]);
        let at = v.as_ref().and_then(|v| v.instant(&r, &paris()));
        (v, at)
    }

    #[test]
    fn the_four_forms_are_read() {
        let utc: Timestamp = "2026-12-24T14:30:00Z".parse().unwrap();
        assert_eq!(value_of("DUE:20261224T143000Z").1, Some(utc));
        assert_eq!(
            value_of("DUE;TZID=Europe/Paris:20261224T153000").1,
            Some(utc),
            "a named zone"
        );
        assert_eq!(value_of("DUE:20261224T153000").1, Some(utc), "floating");
        assert_eq!(
            value_of("DUE;VALUE=DATE:20261224").0,
            Some(TimeValue::Date(Date::new(2026, 12, 24).unwrap()))
        );
    }

    #[test]
    fn what_is_not_one_of_the_forms_is_not_guessed_at() {
        for line in [
            "DUE:20261224T1430Z",
            "DUE:-1",
            "DUE:garbage",
            "DUE:20261324T143000Z",
        ] {
            assert_eq!(value_of(line).0, None, "{line}");
        }
        let (value, at) = value_of("DUE;TZID=Nowhere/Atlantis:20261224T153000");
        assert!(value.is_some());
        assert_eq!(at, None, "an unknown zone is not read as the local one");
    }

    #[test]
    fn what_is_written_reads_back() {
        let t: Timestamp = "2026-03-29T01:59:59Z".parse().unwrap();
        assert_eq!(utc_text(t), "20260329T015959Z");
        assert_eq!(value_of(&format!("DUE:{}", utc_text(t))).1, Some(t));
        let d = Date::new(2026, 3, 29).unwrap();
        assert_eq!(date_text(d), "20260329");
        assert_eq!(
            civil_text(d.to_datetime(jiff::civil::Time::midnight())),
            "20260329T000000"
        );
    }
}
