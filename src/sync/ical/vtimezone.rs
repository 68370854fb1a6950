//! A VTIMEZONE for the zone softly writes a due time in (RFC 5545 §3.6.5): every TZID a
//! resource uses must have one. Written from the time zone database's transitions, as
//! yearly rules when the coming years follow them (as Thunderbird and Apple write), else as
//! each change listed, for the twenty years after the due date.

use jiff::civil::{Date, DateTime};
use jiff::tz::{Offset, TimeZone};
use jiff::{SignedDuration, Timestamp};

use super::escape::content_line;
use super::times::civil_text;

/// How far past the due date the changes are written, when no yearly rule says them.
const YEARS: i64 = 20;

/// One change of offset: when, from what, to what, and whether summer time begins.
#[derive(Debug, Clone, Copy)]
struct OffsetChange {
    at: Timestamp,
    from: Offset,
    to: Offset,
    daylight: bool,
}

impl OffsetChange {
    /// The wall-clock time it happens at, as the clocks read before it.
    fn onset(&self) -> DateTime {
        self.from.to_datetime(self.at)
    }
}

/// The VTIMEZONE of `zone`, under the TZID `tzid`, good from a year before `around`.
pub fn vtimezone(tzid: &str, zone: &TimeZone, around: Timestamp, ending: &str) -> String {
    let year = SignedDuration::from_hours(24 * 366);
    let start = around.checked_sub(year).unwrap_or(around);
    let end = around
        .checked_add(SignedDuration::from_hours(24 * 366 * YEARS))
        .unwrap_or(Timestamp::MAX);
    let changes: Vec<OffsetChange> = zone
        .following(start)
        .take_while(|t| t.timestamp() <= end)
        .map(|t| OffsetChange {
            at: t.timestamp(),
            from: zone.to_offset(t.timestamp() - SignedDuration::from_secs(1)),
            to: t.offset(),
            daylight: t.dst().is_dst(),
        })
        .filter(|c| c.from != c.to)
        .collect();
    let line = |name: &str, value: &str| content_line(name, &[], value, ending);
    let mut out = line("BEGIN", "VTIMEZONE");
    out.push_str(&line("TZID", tzid));
    if changes.is_empty() {
        let offset = zone.to_offset(around);
        out.push_str(&observance(
            "STANDARD",
            "19700101T000000",
            offset,
            offset,
            &[],
            ending,
        ));
    }
    for daylight in [false, true] {
        let kind: Vec<&OffsetChange> = changes.iter().filter(|c| c.daylight == daylight).collect();
        let Some(first) = kind.first() else { continue };
        let name = if daylight { "DAYLIGHT" } else { "STANDARD" };
        let rule = yearly_rule(&kind);
        let extra: Vec<String> = match &rule {
            Some(rule) => vec![format!("RRULE:{rule}")],
            None if kind.len() > 1 => {
                let dates: Vec<String> = kind[1..].iter().map(|c| civil_text(c.onset())).collect();
                vec![format!("RDATE:{}", dates.join(","))]
            }
            None => Vec::new(),
        };
        out.push_str(&observance(
            name,
            &civil_text(first.onset()),
            first.from,
            first.to,
            &extra,
            ending,
        ));
    }
    out.push_str(&line("END", "VTIMEZONE"));
    out
}

fn observance(
    name: &str,
    start: &str,
    from: Offset,
    to: Offset,
    extra: &[String],
    ending: &str,
) -> String {
    let line = |n: &str, v: &str| content_line(n, &[], v, ending);
    let mut out = line("BEGIN", name);
    out.push_str(&line("DTSTART", start));
    out.push_str(&line("TZOFFSETFROM", &offset_text(from)));
    out.push_str(&line("TZOFFSETTO", &offset_text(to)));
    for e in extra {
        let (n, v) = e.split_once(':').unwrap_or((e, ""));
        out.push_str(&line(n, v));
    }
    out.push_str(&line("END", name));
    out
}

/// `+0100`, `-0430`, `+053000` (seconds only when there are some).
fn offset_text(offset: Offset) -> String {
    let s = offset.seconds();
    let sign = if s < 0 { '-' } else { '+' };
    let s = s.unsigned_abs();
    let (h, m, sec) = (s / 3600, s / 60 % 60, s % 60);
    if sec == 0 {
        format!("{sign}{h:02}{m:02}")
    } else {
        format!("{sign}{h:02}{m:02}{sec:02}")
    }
}

/// `FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU` when every change of this kind is the same weekday
/// of the same month at the same time, one a year; `None` otherwise.
fn yearly_rule(kind: &[&OffsetChange]) -> Option<String> {
    let first = kind.first()?.onset();
    let date = first.date();
    let last_week = date.day() + 7 > date.days_in_month();
    let nth: i8 = if last_week {
        -1
    } else {
        (date.day() - 1) / 7 + 1
    };
    let predicted = |year: i16| -> Option<Date> {
        Date::new(year, date.month(), 1)
            .ok()?
            .nth_weekday_of_month(nth, date.weekday())
            .ok()
    };
    for (i, change) in kind.iter().enumerate() {
        let onset = change.onset();
        let year = first.year().checked_add(i16::try_from(i).ok()?)?;
        let same = predicted(year) == Some(onset.date())
            && onset.time() == first.time()
            && change.from == kind[0].from
            && change.to == kind[0].to;
        if !same {
            return None;
        }
    }
    let day = match date.weekday() {
        jiff::civil::Weekday::Monday => "MO",
        jiff::civil::Weekday::Tuesday => "TU",
        jiff::civil::Weekday::Wednesday => "WE",
        jiff::civil::Weekday::Thursday => "TH",
        jiff::civil::Weekday::Friday => "FR",
        jiff::civil::Weekday::Saturday => "SA",
        jiff::civil::Weekday::Sunday => "SU",
    };
    Some(format!(
        "FREQ=YEARLY;BYMONTH={};BYDAY={nth}{day}",
        date.month()
    ))
}

#[cfg(test)]
mod tests {
    use super::super::lines::Resource;
    use super::super::zones::{Zone, resolve};
    use super::*;

    /// The VTIMEZONE written for `name`, read back by softly's own reader under another
    /// TZID (so the rules, not the name, are what is read), agrees with the database.
    fn agrees(name: &str, around: &str, checks: &[&str]) -> String {
        let zone = TimeZone::get(name).unwrap();
        let around: Timestamp = around.parse().unwrap();
        let written = vtimezone("Our Zone", &zone, around, "\r\n");
        let text = format!("BEGIN:VCALENDAR\r\n{written}END:VCALENDAR\r\n");
        let r = Resource::parse(&text).unwrap();
        let read = resolve("Our Zone", &r).unwrap();
        assert!(matches!(read, Zone::Defined(_)));
        for check in checks {
            let civil: DateTime = check.parse().unwrap();
            let expected = civil.to_zoned_datetime(zone.clone()).unwrap().timestamp();
            assert_eq!(
                read.instant(civil),
                Some(expected),
                "{name} {check}\n{text}"
            );
        }
        text
    }

    #[test]
    fn a_zone_with_summer_time_is_written_as_yearly_rules() {
        let text = agrees(
            "Europe/Berlin",
            "2026-12-10T16:00:00Z",
            &[
                "2026-12-10T17:00",
                "2027-07-01T12:00",
                "2040-03-25T03:30",
                "2045-11-01T09:00",
            ],
        );
        assert!(
            text.contains("RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU"),
            "{text}"
        );
        assert!(
            text.contains("TZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200"),
            "{text}"
        );
        agrees(
            "America/New_York",
            "2027-03-14T12:00:00Z",
            &["2027-03-14T03:30", "2027-11-07T00:30", "2031-01-01T00:00"],
        );
        agrees(
            "Australia/Sydney",
            "2026-12-10T00:00:00Z",
            &["2026-12-10T09:00", "2027-06-10T09:00"],
        );
    }

    #[test]
    fn a_zone_without_summer_time_has_one_offset() {
        let text = agrees(
            "Asia/Kolkata",
            "2026-12-10T00:00:00Z",
            &["2026-12-10T09:00"],
        );
        assert!(text.contains("TZOFFSETTO:+0530"), "{text}");
        assert!(!text.contains("DAYLIGHT"), "{text}");
    }
}
