//! Today and Upcoming look planned: a heading per day, timed todos before all-day ones, no
//! row that reads as undated; done todos after open ones in every sort of `s`; columns that
//! line up from row to row.

use super::*;
use softly::fields::{Priority, parse_due};
use softly::store::Details;
use softly::tui::view::View;

/// T0 is Thursday 2026-11-26, 12:00 UTC.
fn add_due(s: &mut Store, title: &str, list: Option<softly::store::ListId>, words: &str) {
    let due = parse_due(words, at(T0), &jiff::tz::TimeZone::UTC).unwrap();
    let details = Details {
        due,
        ..Details::default()
    };
    s.add_todo_with(title, list, details, at(T0 - DAY)).unwrap();
}

fn week(s: &mut Store) {
    add_due(s, "renew passport", None, "2026-11-20");
    add_due(s, "call mom", None, "today");
    add_due(s, "buy bread", None, "tomorrow");
    add_due(s, "dentist", None, "tomorrow 18:30");
    add_due(s, "standup", None, "tomorrow 9am");
    let home = s.add_list("Home and garden", at(T0 - DAY)).unwrap();
    add_due(s, "mow the lawn", Some(home), "sun");
}

/// The lines of the todo pane, from its first line to its last row.
fn pane(app: &TestApp) -> Vec<String> {
    let screen = app.screen();
    screen
        .lines()
        .skip(2)
        .map(|l| l.split('│').nth(3).unwrap_or("").trim_end().to_string())
        .take_while(|l| !l.is_empty())
        .collect()
}

#[test]
fn upcoming_heads_each_day_and_puts_timed_todos_before_all_day_ones() {
    let mut app = TestApp::new(week);
    open_view(&mut app, View::Upcoming);
    app.keys("l");
    let pane = pane(&app);
    let starts: Vec<&str> = pane.iter().map(|l| l.trim_start()).collect();
    assert!(starts[0].starts_with("Today · Thu Nov 26"), "{pane:#?}");
    assert!(starts[1].starts_with("[ ] call mom"), "{pane:#?}");
    assert!(starts[2].starts_with("Tomorrow · Fri Nov 27"), "{pane:#?}");
    assert!(starts[3].starts_with("[ ] standup"), "{pane:#?}");
    assert!(starts[4].starts_with("[ ] dentist"), "{pane:#?}");
    assert!(starts[5].starts_with("[ ] buy bread"), "{pane:#?}");
    assert!(starts[6].starts_with("Sun Nov 29"), "{pane:#?}");
    assert!(starts[7].starts_with("[ ] mow the lawn"), "{pane:#?}");
    // No row reads as undated: a time, or "all day".
    assert!(
        pane[3].contains("09:00") && pane[4].contains("18:30"),
        "{pane:#?}"
    );
    assert!(
        pane[5].contains("all day") && pane[7].contains("all day"),
        "{pane:#?}"
    );
    // Today heads the overdue ones apart.
    open_view(&mut app, View::Today);
    app.keys("l");
    let pane = self::pane(&app);
    assert!(pane[0].trim_start().starts_with("Overdue"), "{pane:#?}");
    assert!(
        pane[1].contains("renew passport") && pane[1].contains("6d overdue"),
        "{pane:#?}"
    );
    assert!(
        pane[2].trim_start().starts_with("Today · Thu Nov 26"),
        "{pane:#?}"
    );
}

#[test]
fn a_click_on_a_heading_selects_nothing_and_on_a_row_its_todo() {
    let mut app = TestApp::new(week);
    open_view(&mut app, View::Upcoming);
    app.keys("l");
    let top = 2; // the header, then the pane's border
    app.click(40, top + 4); // "dentist", under two headings
    assert_eq!(selected_todo(&app), "dentist");
    app.click(40, top + 2); // the heading "Tomorrow"
    assert_eq!(selected_todo(&app), "dentist");
}

#[test]
fn the_selected_row_stays_in_sight_when_headings_take_lines() {
    let mut app = TestApp::new(|s| {
        for day in 1..=6 {
            add_due(s, &format!("task {day}a"), None, &format!("in {day}d"));
            add_due(s, &format!("task {day}b"), None, &format!("in {day}d"));
        }
    });
    app.session.resize(60, 12);
    open_view(&mut app, View::Upcoming);
    app.keys("l");
    app.keys("G");
    let pane = pane(&app);
    assert_eq!(selected_todo(&app), "task 6b");
    assert!(pane.iter().any(|l| l.contains("task 6b")), "{pane:#?}");
    // And the day of the first row on screen is in sight above it.
    assert!(!pane[0].contains("[ ]"), "{pane:#?}");
}

#[test]
fn columns_line_up_across_rows_in_a_view_that_mixes_lists() {
    let mut app = TestApp::new(week);
    app.session.resize(100, 24);
    open_view(&mut app, View::All);
    app.keys("l");
    let pane = pane(&app);
    let column_of = |title: &str, text: &str| {
        let line = pane.iter().find(|l| l.contains(title)).unwrap();
        line.find(text)
            .unwrap_or_else(|| panic!("{text} in {line}"))
    };
    // The list names start in one column, the due dates in another, the ages end in one.
    assert_eq!(
        column_of("call mom", "Inbox"),
        column_of("mow the lawn", "Home and")
    );
    assert_eq!(
        column_of("call mom", "today"),
        column_of("dentist", "tomorrow 18:30")
    );
    assert_eq!(
        column_of("call mom", "today"),
        column_of("renew passport", "6d overdue")
    );
    let ends: Vec<usize> = pane.iter().map(|l| l.chars().count()).collect();
    assert!(ends.windows(2).all(|w| w[0] == w[1]), "{pane:#?}");
}

#[test]
fn done_todos_come_after_open_ones_in_each_sort_of_s_and_the_list_keeps_its_own_order() {
    let mut app = TestApp::new(|s| {
        // "aardvark" is first by due, priority, age and title: once done, last in each.
        let due = parse_due("yesterday", at(T0), &jiff::tz::TimeZone::UTC).unwrap();
        let details = Details {
            due,
            priority: Some(Priority::High),
            ..Details::default()
        };
        s.add_todo_with("aardvark", None, details, at(T0 - 3 * DAY))
            .unwrap();
        add_due(s, "zebra", None, "fri");
        add_due(s, "mole", None, "sat");
    });
    app.keys("<Space>"); // "aardvark" done
    assert_eq!(app.shown_todos(), ["aardvark", "zebra", "mole"], "as made");
    for sort in ["due date", "priority", "created", "title"] {
        app.keys("s");
        assert!(app.status().contains(sort), "{}", app.status());
        assert_eq!(app.shown_todos().last().unwrap(), "aardvark", "by {sort}");
    }
}
