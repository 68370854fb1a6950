//! Due dates, priorities, tags and recurrences as typed and as shown: table tests across
//! daylight-saving changes in two zones and the year boundary, and a snapshot of how due
//! dates read.

use insta::assert_snapshot;
use jiff::Timestamp;
use jiff::tz::TimeZone;
use softly::fields::{Due, DueError, Priority, Recurrence, due_label, parse_due, tags_of};

fn zone(name: &str) -> TimeZone {
    TimeZone::get(name).unwrap()
}

fn instant(text: &str) -> Timestamp {
    text.parse().unwrap()
}

/// `typed` at `now` in `zone`, as the UTC instant it means and whether it has a time.
fn due(typed: &str, now: &str, zone_name: &str) -> (String, bool) {
    let due = parse_due(typed, instant(now), &zone(zone_name))
        .unwrap_or_else(|e| panic!("{typed}: {e}"))
        .unwrap_or_else(|| panic!("{typed}: no due date"));
    (
        jiff::fmt::temporal::DateTimePrinter::new()
            .precision(Some(3))
            .timestamp_to_string(&due.at),
        due.has_time,
    )
}

#[test]
fn words_mean_the_end_of_the_day_they_name() {
    // Thursday 2026-12-03, 10:00 in New York (15:00 UTC; EST is UTC-5).
    let now = "2026-12-03T15:00:00Z";
    let ny = "America/New_York";
    for (typed, expect) in [
        ("today", "2026-12-04T04:59:59.999Z"),
        ("Today", "2026-12-04T04:59:59.999Z"),
        ("tomorrow", "2026-12-05T04:59:59.999Z"),
        ("fri", "2026-12-05T04:59:59.999Z"),
        ("friday", "2026-12-05T04:59:59.999Z"),
        ("thu", "2026-12-11T04:59:59.999Z"), // never today: next week's
        ("mon", "2026-12-08T04:59:59.999Z"),
        ("next week", "2026-12-08T04:59:59.999Z"),
        ("in 3d", "2026-12-07T04:59:59.999Z"),
        ("in 2w", "2026-12-18T04:59:59.999Z"),
        ("in 1m", "2027-01-04T04:59:59.999Z"),
        ("2026-12-24", "2026-12-25T04:59:59.999Z"),
        ("12-24", "2026-12-25T04:59:59.999Z"),
        ("12-03", "2026-12-04T04:59:59.999Z"), // today is not past
        ("12-02", "2027-12-03T04:59:59.999Z"), // yesterday is: next year's
    ] {
        assert_eq!(due(typed, now, ny), (expect.to_string(), false), "{typed}");
    }
    assert_eq!(
        due("2026-12-24 14:30", now, ny),
        ("2026-12-24T19:30:00.000Z".to_string(), true)
    );
    assert_eq!(
        due("12-24 9:05", now, ny),
        ("2026-12-24T14:05:00.000Z".to_string(), true)
    );
}

#[test]
fn the_year_boundary_rolls_over() {
    let now = "2026-12-31T12:00:00Z";
    let berlin = "Europe/Berlin";
    for (typed, expect) in [
        ("tomorrow", "2027-01-01T22:59:59.999Z"),
        ("01-02", "2027-01-02T22:59:59.999Z"),
        ("12-30", "2027-12-30T22:59:59.999Z"),
        ("in 1m", "2027-01-31T22:59:59.999Z"),
        ("fri", "2027-01-01T22:59:59.999Z"), // 2026-12-31 is a Thursday
    ] {
        assert_eq!(
            due(typed, now, berlin),
            (expect.to_string(), false),
            "{typed}"
        );
    }
    // A month from January 31 is the end of February.
    assert_eq!(
        due("in 1m", "2027-01-31T12:00:00Z", berlin).0,
        "2027-02-28T22:59:59.999Z"
    );
    // February 29 waits for a year that has one.
    assert_eq!(due("02-29", now, berlin).0, "2028-02-29T22:59:59.999Z");
}

#[test]
fn a_day_that_daylight_saving_shortens_or_lengthens_still_ends_at_its_midnight() {
    for (zone_name, now, typed, expect) in [
        // New York springs forward on 2026-03-08 (23 hours) and falls back on 2026-11-01.
        (
            "America/New_York",
            "2026-03-07T15:00:00Z",
            "tomorrow",
            "2026-03-09T03:59:59.999Z",
        ),
        (
            "America/New_York",
            "2026-10-31T15:00:00Z",
            "tomorrow",
            "2026-11-02T04:59:59.999Z",
        ),
        // Berlin springs forward on 2026-03-29 and falls back on 2026-10-25.
        (
            "Europe/Berlin",
            "2026-03-28T10:00:00Z",
            "tomorrow",
            "2026-03-29T21:59:59.999Z",
        ),
        (
            "Europe/Berlin",
            "2026-10-24T10:00:00Z",
            "tomorrow",
            "2026-10-25T22:59:59.999Z",
        ),
        (
            "Europe/Berlin",
            "2026-03-28T10:00:00Z",
            "in 1d",
            "2026-03-29T21:59:59.999Z",
        ),
    ] {
        assert_eq!(
            due(typed, now, zone_name),
            (expect.to_string(), false),
            "{zone_name} {typed}"
        );
    }
    // A time inside the spring-forward gap does not exist: said, with the moment it would be.
    let gap = parse_due(
        "2026-03-08 02:30",
        instant("2026-03-07T15:00:00Z"),
        &zone("America/New_York"),
    )
    .unwrap_err();
    assert_eq!(
        gap.to_string(),
        "02:30 does not exist on Mar 8 2026: the clocks go forward then; 03:30 is the same moment"
    );
    // A time the fall-back repeats is the first of the two.
    assert_eq!(
        due("2026-10-25 02:30", "2026-10-24T10:00:00Z", "Europe/Berlin").0,
        "2026-10-25T00:30:00.000Z"
    );
}

#[test]
fn none_clears_and_nonsense_is_refused_naming_what_was_typed() {
    let now = instant("2026-12-03T15:00:00Z");
    let utc = TimeZone::UTC;
    assert_eq!(parse_due("none", now, &utc), Ok(None));
    assert_eq!(parse_due(" NONE ", now, &utc), Ok(None));
    for typed in [
        "",
        "soon",
        "in",
        "in 3",
        "in 3y",
        "in 0d",
        "in -2d",
        "2026-1x-01 10:00",
        "2026-12-24 25:00",
        "2026-12-24 9",
        "mo",
        "next",
        "13pm",
        "dec 32",
        "20261224",
    ] {
        let e = parse_due(typed, now, &utc).unwrap_err();
        let message = e.to_string();
        assert!(
            message.contains(&format!("'{}'", typed.trim())),
            "{typed}: {message}"
        );
    }
    assert!(matches!(
        parse_due("2026-02-30", now, &utc),
        Err(DueError::NoSuchDay(_))
    ));
    assert!(matches!(
        parse_due("9999-12-31", now, &utc),
        Err(DueError::OutOfRange(_))
    ));
}

#[test]
fn due_dates_read_as_words() {
    let zone = zone("Europe/Berlin");
    // Thursday 2026-12-03, 16:00 in Berlin.
    let now = instant("2026-12-03T15:00:00Z");
    let mut table = String::new();
    for typed in [
        "today",
        "tomorrow",
        "sat",
        "wed",
        "thu",
        "in 2w",
        "12-24",
        "2027-03-01",
        "2026-12-03 09:00",
        "2026-12-03 18:30",
        "2026-12-04 08:00",
        "2026-12-09 07:15",
        "2026-12-02 23:59",
        "2026-11-26",
        "2025-12-03",
    ] {
        let due = parse_due(typed, now, &zone).unwrap().unwrap();
        let label = due_label(due, now, &zone);
        let overdue = if label.overdue { "  (overdue)" } else { "" };
        table.push_str(&format!("{typed:<18} {}{overdue}\n", label.text));
    }
    assert_snapshot!(table);
}

#[test]
fn a_day_due_today_is_not_overdue_until_the_day_ends() {
    let zone = zone("America/New_York");
    let due = parse_due("today", instant("2026-12-03T15:00:00Z"), &zone)
        .unwrap()
        .unwrap();
    let late_evening = instant("2026-12-04T04:59:59.999Z");
    assert!(!due_label(due, late_evening, &zone).overdue);
    let midnight = instant("2026-12-04T05:00:00Z");
    let label = due_label(due, midnight, &zone);
    assert_eq!((label.text.as_str(), label.overdue), ("1d overdue", true));
}

#[test]
fn priorities_read_and_show() {
    assert_eq!(Priority::parse("High"), Ok(Some(Priority::High)));
    assert_eq!(Priority::parse("m"), Ok(Some(Priority::Medium)));
    assert_eq!(Priority::parse("low"), Ok(Some(Priority::Low)));
    assert_eq!(Priority::parse("none"), Ok(None));
    assert_eq!(
        Priority::parse("urgent").unwrap_err().to_string(),
        "'urgent' is not a priority; use high, medium, low or none"
    );
    let marks: Vec<&str> = [Priority::High, Priority::Medium, Priority::Low]
        .iter()
        .map(|p| p.marks())
        .collect();
    assert_eq!(marks, ["!!!", "!!", "!"]);
    for p in [Priority::High, Priority::Medium, Priority::Low] {
        assert_eq!(Priority::from_stored(p.stored()), Some(p));
        assert_eq!(Priority::parse(p.name()), Ok(Some(p)));
    }
    assert!(Priority::High > Priority::Medium && Priority::Medium > Priority::Low);
}

#[test]
fn tags_are_hash_words_without_case_each_once() {
    assert_eq!(
        tags_of("#Work call Sam about #home-office and #work again #a_b #日本"),
        ["work", "home-office", "a_b", "日本"]
    );
    assert_eq!(
        tags_of("no tags, an issue#42, a lone # and ##"),
        Vec::<String>::new()
    );
    assert_eq!(tags_of("#end."), ["end"]);
    assert_eq!(tags_of("tab\t#tabbed"), ["tabbed"]);
}

#[test]
fn recurrences_read_and_the_next_one_keeps_its_local_time() {
    for (typed, text) in [
        ("day", "day"),
        ("Daily", "day"),
        ("weekday", "weekday"),
        ("week", "week"),
        ("month", "month"),
        ("3 days", "3 days"),
        ("2 weeks", "2 weeks"),
        ("2 months", "2 months"),
        ("1 day", "day"),
    ] {
        let rule = Recurrence::parse(typed).unwrap().unwrap();
        assert_eq!(rule.text(), text, "{typed}");
        assert_eq!(Recurrence::parse(&rule.text()).unwrap(), Some(rule));
    }
    assert_eq!(Recurrence::parse("none"), Ok(None));
    for bad in [
        "",
        "yearly",
        "0 days",
        "1000 days",
        "1000 months",
        "fortnight",
    ] {
        assert!(Recurrence::parse(bad).is_err(), "{bad}");
    }

    let ny = zone("America/New_York");
    let at = |text: &str| Due {
        at: instant(text),
        has_time: true,
    };
    // Daily at 09:00 on the day New York springs forward: still 09:00 the next day.
    let next = Recurrence::Days(1)
        .next(at("2026-03-07T14:00:00Z"), &ny)
        .unwrap();
    assert_eq!(next.at, instant("2026-03-08T13:00:00Z"));
    // Weekdays: Friday's comes back on Monday.
    let friday = parse_due("2026-12-04", instant("2026-12-01T00:00:00Z"), &ny)
        .unwrap()
        .unwrap();
    let monday = Recurrence::Weekdays.next(friday, &ny).unwrap();
    assert_eq!(monday.at, instant("2026-12-08T04:59:59.999Z"));
    assert!(!monday.has_time);
    // Monthly from January 31: the end of February.
    let january = parse_due("2027-01-31", instant("2026-12-01T00:00:00Z"), &ny)
        .unwrap()
        .unwrap();
    let february = Recurrence::Months(1).next(january, &ny).unwrap();
    assert_eq!(february.at, instant("2027-03-01T04:59:59.999Z"));
}

#[test]
fn another_tools_tags_join_a_title_once_each() {
    use softly::fields::with_tags;
    assert_eq!(
        with_tags(
            "pay rent #home".into(),
            ["Home", "bills", "BILLS", "to do", ""]
        ),
        "pay rent #home #bills #to-do"
    );
    assert_eq!(with_tags("as is".into(), Vec::<String>::new()), "as is");
}

/// Promise: the due editor and `--due` read what softly itself shows ("Dec 24", "Fri",
/// "today 14:30") and what people type ("tomorrow 14:30", "fri 9:00", "9am", "in 3 days",
/// "next friday", "end of month", "yesterday").
#[test]
fn dates_read_as_people_type_them() {
    let zone = zone("Europe/Berlin");
    // Thursday 2026-12-03, 16:00 in Berlin.
    let now = instant("2026-12-03T15:00:00Z");
    let at = |typed: &str| {
        let due = parse_due(typed, now, &zone)
            .unwrap_or_else(|e| panic!("{typed}: {e}"))
            .unwrap();
        let local = due.at.to_zoned_datetime(zone.clone());
        match due.has_time {
            true => local.strftime("%a %Y-%m-%d %H:%M").to_string(),
            false => local.strftime("%a %Y-%m-%d").to_string(),
        }
    };
    for (typed, expect) in [
        ("Dec 24", "Thu 2026-12-24"),
        ("24 dec", "Thu 2026-12-24"),
        ("dec 24 2027", "Fri 2027-12-24"),
        ("Fri", "Fri 2026-12-04"),
        ("today 14:30", "Thu 2026-12-03 14:30"),
        ("tomorrow 14:30", "Fri 2026-12-04 14:30"),
        ("fri 9:00", "Fri 2026-12-04 09:00"),
        ("fri 9am", "Fri 2026-12-04 09:00"),
        ("tomorrow 9 pm", "Fri 2026-12-04 21:00"),
        ("9am", "Fri 2026-12-04 09:00"),
        ("18:30", "Thu 2026-12-03 18:30"),
        ("in 3 days", "Sun 2026-12-06"),
        ("in 2 weeks", "Thu 2026-12-17"),
        ("next friday", "Fri 2026-12-04"),
        ("next month", "Fri 2027-01-01"),
        ("end of month", "Thu 2026-12-31"),
        ("end of week", "Sun 2026-12-06"),
        ("yesterday", "Wed 2026-12-02"),
        ("12am", "Fri 2026-12-04 00:00"),
    ] {
        assert_eq!(at(typed), expect, "{typed}");
    }
    // What softly shows reads back as the same day.
    for shown in [
        "today",
        "tomorrow",
        "Sat",
        "Dec 24",
        "Dec 24 2027",
        "today 18:30",
    ] {
        parse_due(shown, now, &zone).unwrap_or_else(|e| panic!("{shown}: {e}"));
    }
}
