//! What a `TZID` names (RFC 5545 §3.2.19). Most clients write an IANA name
//! (`Europe/Berlin`), some a prefixed one (`/mozilla.org/20070129_1/Europe/Berlin`); Outlook
//! writes Windows names (`Eastern Standard Time`) and puts a VTIMEZONE beside them that says
//! what the name means. A TZID softly cannot resolve is never read as local time: the value
//! is left unread, and said.

use jiff::Timestamp;
use jiff::civil::{Date, DateTime, Weekday};
use jiff::tz::{Offset, TimeZone};

use super::lines::Resource;

/// A zone as a resource names it.
#[derive(Debug, Clone)]
pub enum Zone {
    /// One of the time zone database's.
    Named(TimeZone),
    /// Defined by the resource's own VTIMEZONE and nothing else.
    Defined(Vec<Observance>),
}

/// A STANDARD or DAYLIGHT part of a VTIMEZONE: from its onsets on, `to` is the offset.
#[derive(Debug, Clone)]
pub struct Observance {
    start: DateTime,
    from: Offset,
    to: Offset,
    yearly: Option<YearlyRule>,
    also: Vec<DateTime>,
}

/// The yearly rules VTIMEZONEs are written with: a month, and a weekday's nth (or last)
/// time in it, or the first such weekday on one of some days of the month.
#[derive(Debug, Clone)]
struct YearlyRule {
    month: i8,
    weekday: Weekday,
    nth: Option<i8>,
    month_days: Vec<i8>,
    until: Option<Timestamp>,
}

impl Zone {
    /// The instant a wall-clock time in this zone is (the earlier, in a fold; in a gap, as
    /// if the clocks had not changed yet).
    pub fn instant(&self, civil: DateTime) -> Option<Timestamp> {
        match self {
            Zone::Named(tz) => civil
                .to_zoned_datetime(tz.clone())
                .ok()
                .map(|z| z.timestamp()),
            Zone::Defined(observances) => {
                let offsets: Vec<Offset> = observances.iter().map(|o| o.to).collect();
                let fits = offsets.iter().find_map(|&o| {
                    let t = o.to_timestamp(civil).ok()?;
                    (offset_at(observances, t) == o).then_some(t)
                });
                fits.or_else(|| {
                    let guess = Offset::UTC.to_timestamp(civil).ok()?;
                    offset_at(observances, guess).to_timestamp(civil).ok()
                })
            }
        }
    }

    /// The wall-clock time of `t` in this zone.
    pub fn civil(&self, t: Timestamp) -> DateTime {
        match self {
            Zone::Named(tz) => tz.to_offset(t).to_datetime(t),
            Zone::Defined(observances) => offset_at(observances, t).to_datetime(t),
        }
    }
}

/// The zone `tzid` names in `resource`: a database name (bare or after a path prefix), the
/// resource's own VTIMEZONE of that TZID, or a Windows name. `None`: softly cannot tell.
pub fn resolve(tzid: &str, resource: &Resource<'_>) -> Option<Zone> {
    let tzid = tzid.trim().trim_matches('"');
    if let Some(tz) = database_zone(tzid) {
        return Some(Zone::Named(tz));
    }
    if let Some(defined) = defined_in(tzid, resource) {
        return Some(defined);
    }
    localzone::win_zone_to_iana(tzid, Some("001"))
        .and_then(|name| TimeZone::get(name).ok())
        .map(Zone::Named)
}

/// `Europe/Berlin`, or the longest tail of a path that is one
/// (`/mozilla.org/20070129_1/America/Argentina/Buenos_Aires`).
fn database_zone(tzid: &str) -> Option<TimeZone> {
    if tzid.is_empty() {
        return None;
    }
    let parts: Vec<&str> = tzid.split('/').filter(|p| !p.is_empty()).collect();
    (0..parts.len()).find_map(|from| {
        let name = parts[from..].join("/");
        // Names like "EST" or "GMT+5" mean something else to each client: only Area/City
        // and UTC are taken from a tail.
        let whole = from == 0 && parts.len() == 1;
        if !(whole || parts.len() - from >= 2) {
            return None;
        }
        TimeZone::get(&name).ok()
    })
}

fn defined_in(tzid: &str, resource: &Resource<'_>) -> Option<Zone> {
    let c = resource
        .top_components("VTIMEZONE")
        .into_iter()
        .find(|&c| {
            resource
                .find(c, "TZID")
                .is_some_and(|i| resource.lines[i].value.trim() == tzid)
        })?;
    // Thunderbird and others say which database zone they mean.
    if let Some(tz) = resource
        .find(c, "X-LIC-LOCATION")
        .and_then(|i| database_zone(resource.lines[i].value.trim()))
    {
        return Some(Zone::Named(tz));
    }
    let observances: Option<Vec<Observance>> = (0..resource.components.len())
        .filter(|&o| {
            resource.components[o].parent == Some(c)
                && matches!(
                    resource.components[o].name.as_str(),
                    "STANDARD" | "DAYLIGHT"
                )
        })
        .map(|o| observance(resource, o))
        .collect();
    let observances = observances?;
    (!observances.is_empty()).then_some(Zone::Defined(observances))
}

fn observance(resource: &Resource<'_>, c: usize) -> Option<Observance> {
    let value = |name: &str| {
        resource
            .find(c, name)
            .map(|i| resource.lines[i].value.trim())
    };
    let start = civil_time(value("DTSTART")?)?;
    let from = utc_offset(value("TZOFFSETFROM")?)?;
    let to = utc_offset(value("TZOFFSETTO")?)?;
    let yearly = match value("RRULE") {
        Some(rule) => Some(yearly_rule(rule)?),
        None => None,
    };
    let also = resource
        .find_all(c, "RDATE")
        .into_iter()
        .flat_map(|i| {
            resource.lines[i]
                .value
                .split(',')
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .filter_map(|d| civil_time(d.trim()))
        .collect();
    Some(Observance {
        start,
        from,
        to,
        yearly,
        also,
    })
}

fn civil_time(value: &str) -> Option<DateTime> {
    DateTime::strptime("%Y%m%dT%H%M%S", value).ok()
}

/// `+0100`, `-0500`, `+053000`.
fn utc_offset(value: &str) -> Option<Offset> {
    let (sign, digits) = match value.as_bytes().first()? {
        b'+' => (1, &value[1..]),
        b'-' => (-1, &value[1..]),
        _ => return None,
    };
    if !(digits.len() == 4 || digits.len() == 6) || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n = |r: std::ops::Range<usize>| digits.get(r).map_or(0, |d| d.parse::<i32>().unwrap_or(0));
    Offset::from_seconds(sign * (n(0..2) * 3600 + n(2..4) * 60 + n(4..6))).ok()
}

fn yearly_rule(rule: &str) -> Option<YearlyRule> {
    let mut parsed = YearlyRule {
        month: 0,
        weekday: Weekday::Sunday,
        nth: None,
        month_days: Vec::new(),
        until: None,
    };
    let mut yearly = false;
    for part in rule.split(';') {
        let (key, value) = part.split_once('=')?;
        match key.trim().to_ascii_uppercase().as_str() {
            "FREQ" => yearly = value.eq_ignore_ascii_case("YEARLY"),
            "BYMONTH" => parsed.month = value.parse().ok()?,
            "BYDAY" => {
                let value = value.trim();
                let (count, day) = value.split_at(value.len().checked_sub(2)?);
                parsed.weekday = weekday(day)?;
                parsed.nth = match count {
                    "" => None,
                    n => Some(n.trim_start_matches('+').parse().ok()?),
                };
            }
            "BYMONTHDAY" => {
                parsed.month_days = value
                    .split(',')
                    .map(|d| d.parse().ok())
                    .collect::<Option<_>>()?
            }
            "UNTIL" => {
                let utc = value.trim().trim_end_matches('Z');
                parsed.until = civil_time(utc).and_then(|c| Offset::UTC.to_timestamp(c).ok());
            }
            "INTERVAL" if value.trim() == "1" => {}
            "COUNT" | "WKST" => {}
            _ => return None,
        }
    }
    (yearly && (1..=12).contains(&parsed.month)).then_some(parsed)
}

fn weekday(day: &str) -> Option<Weekday> {
    Some(match day.to_ascii_uppercase().as_str() {
        "MO" => Weekday::Monday,
        "TU" => Weekday::Tuesday,
        "WE" => Weekday::Wednesday,
        "TH" => Weekday::Thursday,
        "FR" => Weekday::Friday,
        "SA" => Weekday::Saturday,
        "SU" => Weekday::Sunday,
        _ => return None,
    })
}

impl Observance {
    /// Its onsets in `year` (and its first, whatever the year), as instants.
    fn onsets(&self, year: i16) -> Vec<Timestamp> {
        let mut civil = vec![self.start];
        civil.extend(self.also.iter().copied());
        if let Some(rule) = &self.yearly
            && year >= self.start.year()
            && let Some(day) = rule.day_in(year)
        {
            civil.push(day.to_datetime(self.start.time()));
        }
        civil
            .into_iter()
            .filter_map(|c| self.from.to_timestamp(c).ok())
            .filter(|t| {
                let until = self.yearly.as_ref().and_then(|r| r.until);
                until.is_none_or(|u| *t <= u)
            })
            .collect()
    }
}

impl YearlyRule {
    fn day_in(&self, year: i16) -> Option<Date> {
        let first = Date::new(year, self.month, 1).ok()?;
        if !self.month_days.is_empty() {
            return self
                .month_days
                .iter()
                .filter_map(|&d| Date::new(year, self.month, d).ok())
                .find(|d| d.weekday() == self.weekday);
        }
        first
            .nth_weekday_of_month(self.nth.unwrap_or(1), self.weekday)
            .ok()
    }
}

/// The offset in force at `t`: that of the latest onset at or before it; before every
/// onset, the offset the first one changes from.
fn offset_at(observances: &[Observance], t: Timestamp) -> Offset {
    let year = Offset::UTC.to_datetime(t).year();
    let latest = observances
        .iter()
        .flat_map(|o| {
            [year - 1, year]
                .into_iter()
                .flat_map(|y| o.onsets(y))
                .filter(|&onset| onset <= t)
                .map(move |onset| (onset, o.to))
        })
        .max_by_key(|(onset, _)| *onset);
    match latest {
        Some((_, offset)) => offset,
        None => observances
            .iter()
            .min_by_key(|o| o.start)
            .map_or(Offset::UTC, |o| o.from),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What Outlook writes for New York (its own name, its own rules).
    const OUTLOOK: &str = "BEGIN:VCALENDAR\r\nBEGIN:VTIMEZONE\r\nTZID:Eastern Standard Time\r\n\
BEGIN:STANDARD\r\nDTSTART:16010101T020000\r\nTZOFFSETFROM:-0400\r\nTZOFFSETTO:-0500\r\n\
RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=1SU;BYMONTH=11\r\nEND:STANDARD\r\nBEGIN:DAYLIGHT\r\n\
DTSTART:16010101T020000\r\nTZOFFSETFROM:-0500\r\nTZOFFSETTO:-0400\r\n\
RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=2SU;BYMONTH=3\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r\n\
BEGIN:VTODO\r\nUID:x\r\nEND:VTODO\r\nEND:VCALENDAR\r\n";

    fn at(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    fn civil(s: &str) -> DateTime {
        s.parse().unwrap()
    }

    #[test]
    fn a_vtimezone_of_its_own_is_read_by_its_rules() {
        let text = OUTLOOK.replace("Eastern Standard Time", "Our Own Eastern");
        let r = Resource::parse(&text).unwrap();
        let zone = resolve("Our Own Eastern", &r).unwrap();
        assert!(matches!(zone, Zone::Defined(_)));
        assert_eq!(
            zone.instant(civil("2026-12-10T17:00")),
            Some(at("2026-12-10T22:00:00Z")),
            "winter: UTC-5"
        );
        assert_eq!(
            zone.instant(civil("2026-07-01T09:00")),
            Some(at("2026-07-01T13:00:00Z")),
            "summer: UTC-4"
        );
        assert_eq!(
            zone.instant(civil("2027-03-14T03:30")),
            Some(at("2027-03-14T07:30:00Z")),
            "just after the change (2nd Sunday of March)"
        );
        assert_eq!(
            zone.civil(at("2027-11-07T05:30:00Z")),
            civil("2027-11-07T01:30")
        );
    }

    #[test]
    fn windows_and_prefixed_names_are_the_databases_zones() {
        let r = Resource::parse(OUTLOOK).unwrap();
        let ny = |tzid: &str| match resolve(tzid, &r) {
            Some(Zone::Named(tz)) => tz.iana_name().map(str::to_string),
            other => panic!("{tzid}: {other:?}"),
        };
        assert_eq!(
            ny("/mozilla.org/20070129_1/America/New_York").as_deref(),
            Some("America/New_York")
        );
        assert_eq!(ny("Europe/Berlin").as_deref(), Some("Europe/Berlin"));
        let no_vtimezone = Resource::parse("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n").unwrap();
        match resolve("Eastern Standard Time", &no_vtimezone) {
            Some(Zone::Named(tz)) => assert_eq!(tz.iana_name(), Some("America/New_York")),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_name_nobody_knows_is_not_a_zone() {
        let r = Resource::parse(OUTLOOK).unwrap();
        assert!(resolve("Nowhere/Atlantis", &r).is_none());
        assert!(resolve("", &r).is_none());
    }
}
