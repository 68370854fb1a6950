//! A recurring todo's series keeps its anchor: the day and time of day its first due date
//! had, on the calendar. Each occurrence is the anchor moved on by a whole number of steps,
//! never the last occurrence moved on by one: so a monthly series from Jan 31 goes Feb 28,
//! Mar 31, Apr 30 (not the 28th for ever after February), and a daily one at 02:30 is at
//! 03:30 only on the day the clocks skip 02:30, and at 02:30 again the next.

use jiff::civil::{Date, DateTime};
use jiff::tz::TimeZone;
use jiff::{Span, Timestamp};

use super::due::{Due, end_of_day};
use super::recurrence::Recurrence;

/// The most steps a next due date is moved on to reach the future (a daily todo left for
/// ten years is still well within it).
const MAX_STEPS: i64 = 10_000;

/// Where a series is anchored: the calendar day and time of day of its first due date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Anchor(DateTime);

impl Anchor {
    /// The anchor of a series whose first due date is `due` in `zone`.
    pub fn of(due: Due, zone: &TimeZone) -> Anchor {
        Anchor(due.at.to_zoned_datetime(zone.clone()).datetime())
    }

    /// As stored: `2027-01-31T02:30:00`.
    pub fn text(self) -> String {
        self.0.to_string()
    }

    /// Read back as stored; `None` for text that is not one.
    pub fn parse(text: &str) -> Option<Anchor> {
        text.parse().ok().map(Anchor)
    }
}

/// The first occurrence of the series `every` anchored at `anchor` after both `due` (the
/// one ticked) and `now`, in `zone`'s calendar.
pub fn next_after(
    every: Recurrence,
    anchor: Anchor,
    due: Due,
    now: Timestamp,
    zone: &TimeZone,
) -> Option<Due> {
    let after = due.at.max(now);
    let occurrence = |k: i64| -> Option<Due> {
        let day = match every {
            Recurrence::Days(n) => step(anchor.0.date(), Span::new().days(k * i64::from(n)))?,
            Recurrence::Weeks(n) => step(anchor.0.date(), Span::new().weeks(k * i64::from(n)))?,
            // From the anchor, so a short month clamps that month only.
            Recurrence::Months(n) => step(anchor.0.date(), Span::new().months(k * i64::from(n)))?,
            Recurrence::Weekdays | Recurrence::Elsewhere => return None,
        };
        at(day, anchor, due.has_time, zone)
    };
    if every == Recurrence::Weekdays {
        // Monday to Friday, counted on from the day ticked; the time of day stays the anchor's.
        let mut day = due.at.to_zoned_datetime(zone.clone()).date();
        for _ in 0..MAX_STEPS {
            day = day.tomorrow().ok()?;
            let weekend = matches!(
                day.weekday(),
                jiff::civil::Weekday::Saturday | jiff::civil::Weekday::Sunday
            );
            if let Some(next) = at(day, anchor, due.has_time, zone).filter(|_| !weekend)
                && next.at > after
            {
                return Some(next);
            }
        }
        return None;
    }
    (1..=MAX_STEPS)
        .filter_map(occurrence)
        .find(|next| next.at > after)
}

fn step(date: Date, span: Span) -> Option<Date> {
    date.checked_add(span).ok()
}

/// `day` at the anchor's time of day (where the clocks skip it, the moment it would be), or
/// its end without a time.
fn at(day: Date, anchor: Anchor, has_time: bool, zone: &TimeZone) -> Option<Due> {
    if !has_time {
        return end_of_day(day, zone);
    }
    let at = day
        .to_datetime(anchor.0.time())
        .to_zoned_datetime(zone.clone())
        .ok()?
        .timestamp();
    Some(Due { at, has_time: true })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn due(text: &str, zone: &TimeZone, has_time: bool) -> Due {
        let civil: DateTime = text.parse().unwrap();
        Due {
            at: civil.to_zoned_datetime(zone.clone()).unwrap().timestamp(),
            has_time,
        }
    }

    fn local(d: Due, zone: &TimeZone) -> String {
        d.at.to_zoned_datetime(zone.clone())
            .strftime("%Y-%m-%d %H:%M")
            .to_string()
    }

    #[test]
    fn a_monthly_series_keeps_its_day_through_short_months() {
        let utc = TimeZone::UTC;
        let first = due("2027-01-31T23:59:59.999", &utc, false);
        let anchor = Anchor::of(first, &utc);
        let mut at = first;
        let mut days = Vec::new();
        for _ in 0..4 {
            at = next_after(Recurrence::Months(1), anchor, at, first.at, &utc).unwrap();
            days.push(local(at, &utc)[..10].to_string());
        }
        assert_eq!(
            days,
            ["2027-02-28", "2027-03-31", "2027-04-30", "2027-05-31"]
        );
    }

    #[test]
    fn a_daily_time_the_clocks_skip_moves_that_day_only() {
        let ny = TimeZone::get("America/New_York").unwrap();
        // Daily at 02:30; New York skips 02:00–03:00 on 2027-03-14.
        let first = due("2027-03-13T02:30", &ny, true);
        let anchor = Anchor::of(first, &ny);
        let skipped = next_after(Recurrence::Days(1), anchor, first, first.at, &ny).unwrap();
        assert_eq!(local(skipped, &ny), "2027-03-14 03:30");
        let after = next_after(Recurrence::Days(1), anchor, skipped, skipped.at, &ny).unwrap();
        assert_eq!(local(after, &ny), "2027-03-15 02:30");
    }

    #[test]
    fn a_tick_late_lands_on_the_next_occurrence_after_now() {
        let utc = TimeZone::UTC;
        let first = due("2027-01-31T09:00", &utc, true);
        let anchor = Anchor::of(first, &utc);
        let now: Timestamp = "2027-05-02T00:00:00Z".parse().unwrap();
        let next = next_after(Recurrence::Months(1), anchor, first, now, &utc).unwrap();
        assert_eq!(local(next, &utc), "2027-05-31 09:00");
        let weekly = next_after(Recurrence::Weekdays, anchor, first, first.at, &utc).unwrap();
        assert_eq!(
            local(weekly, &utc),
            "2027-02-01 09:00",
            "Jan 31 2027 is a Sunday"
        );
    }
}
