//! The smart views (Today, Upcoming, All), sorting a view, hiding done todos, and the
//! filter's words: tags, notes, due:, pri:, done:.

use super::*;
use softly::fields::{Priority, parse_due};
use softly::store::Details;
use softly::tui::view::View;

/// T0 is Thursday 2026-11-26, 12:00 UTC. Inbox: "pay rent" (overdue, high), "call mom"
/// (today), "plan trip" (Sunday, with a note); Groceries: "milk #shop" (tomorrow, done
/// later), "eggs #shop" (in two weeks); "someday" with no date.
fn dated(s: &mut Store) {
    let utc = jiff::tz::TimeZone::UTC;
    let due = |words: &str| parse_due(words, at(T0), &utc).unwrap();
    let add = |s: &mut Store, title: &str, list, words: &str, priority, note: Option<&str>| {
        s.add_todo_with(
            title,
            list,
            Details {
                due: if words.is_empty() { None } else { due(words) },
                priority,
                note: note.map(str::to_string),
                every: None,
            },
            at(T0 - DAY),
        )
        .unwrap()
    };
    add(
        s,
        "pay rent",
        None,
        "2026-11-24",
        Some(Priority::High),
        None,
    );
    add(s, "call mom", None, "today", None, None);
    add(s, "plan trip", None, "sun", None, Some("book the ferry"));
    let groceries = s.add_list("Groceries", at(T0 - DAY)).unwrap();
    add(s, "milk #shop", Some(groceries), "tomorrow", None, None);
    add(
        s,
        "eggs #shop",
        Some(groceries),
        "in 2w",
        Some(Priority::Low),
        None,
    );
    add(s, "someday", None, "", None, None);
}

fn count_of(app: &TestApp, view: View) -> i64 {
    app.session
        .app
        .lists
        .iter()
        .find(|l| l.view == view)
        .unwrap()
        .open
}

#[test]
fn today_upcoming_and_all_show_their_todos_from_every_list_with_counts() {
    let mut app = TestApp::new(dated);
    assert_eq!(count_of(&app, View::Today), 2);
    assert_eq!(
        count_of(&app, View::Upcoming),
        3,
        "today's, tomorrow's and Sunday's"
    );
    assert_eq!(count_of(&app, View::All), 6);
    open_view(&mut app, View::Today);
    assert_eq!(app.shown_todos(), ["pay rent", "call mom"], "overdue first");
    open_view(&mut app, View::Upcoming);
    assert_eq!(app.shown_todos(), ["call mom", "milk #shop", "plan trip"]);
    // Each row names its list.
    assert!(app.screen().contains("Groceries"), "{}", app.screen());
    open_view(&mut app, View::All);
    assert_eq!(app.shown_todos().len(), 6);
    // Ticking one done takes it out of Today, and the count follows.
    open_view(&mut app, View::Today);
    app.keys("l<Space>");
    assert_eq!(app.shown_todos(), ["call mom"]);
    assert_eq!(count_of(&app, View::Today), 1);
    // A todo added in a smart view goes to the Inbox; added in Today it is due today, so it
    // stays in sight.
    open_view(&mut app, View::All);
    app.keys("la").type_text("new one").keys("<Enter>");
    let new = app.session.store().live_todos(TodoScope::Inbox).unwrap();
    assert!(new.iter().any(|t| t.title == "new one" && t.due.is_none()));
    open_view(&mut app, View::Today);
    app.keys("la").type_text("due today").keys("<Enter>");
    assert_eq!(app.shown_todos(), ["call mom", "due today"]);
    assert_eq!(app.session.app.todos.selected().unwrap().title, "due today");
}

#[test]
fn today_moves_on_at_midnight() {
    let mut app = TestApp::new(dated);
    open_view(&mut app, View::Today);
    assert_eq!(app.shown_todos(), ["pay rent", "call mom"]);
    // Twelve hours on it is Friday: "milk" (due Friday) joins, and "call mom" is overdue,
    // without a key pressed.
    app.advance(SignedDuration::from_hours(12));
    assert_eq!(app.shown_todos(), ["pay rent", "call mom", "milk #shop"]);
    assert_eq!(count_of(&app, View::Today), 3);
    assert!(app.screen().contains("1d overdue"), "{}", app.screen());
}

#[test]
fn the_filter_reads_tags_notes_due_and_priority_words() {
    let mut app = TestApp::new(dated);
    open_view(&mut app, View::All);
    app.keys("l/").type_text("#shop").keys("<Enter>");
    assert_eq!(app.shown_todos(), ["milk #shop", "eggs #shop"]);
    app.keys("<Esc>/").type_text("ferry").keys("<Enter>");
    assert_eq!(app.shown_todos(), ["plan trip"], "the note matches");
    app.keys("<Esc>/").type_text("due:overdue").keys("<Enter>");
    assert_eq!(app.shown_todos(), ["pay rent"]);
    app.keys("<Esc>/").type_text("pri:low").keys("<Enter>");
    assert_eq!(app.shown_todos(), ["eggs #shop"]);
    app.keys("<Esc>/").type_text("due:none").keys("<Enter>");
    assert_eq!(app.shown_todos(), ["someday"]);
    app.keys("<Esc>/")
        .type_text("#shop due:tomorrow")
        .keys("<Enter>");
    assert_eq!(app.shown_todos(), ["milk #shop"]);
    assert_eq!(app.session.app.todos.total, 1);
}

#[test]
fn s_sorts_the_view_h_hides_done_and_both_are_remembered() {
    let mut app = TestApp::new(dated);
    // The Inbox in its own order, then by due date, then by priority.
    assert_eq!(
        app.shown_todos(),
        ["pay rent", "call mom", "plan trip", "someday"]
    );
    app.keys("s");
    assert!(app.status().contains("due date"), "{}", app.status());
    assert_eq!(
        app.shown_todos(),
        ["pay rent", "call mom", "plan trip", "someday"]
    );
    app.keys("s");
    assert_eq!(app.shown_todos()[0], "pay rent", "high first");
    app.keys("ss"); // title
    assert_eq!(
        app.shown_todos(),
        ["call mom", "pay rent", "plan trip", "someday"]
    );
    assert!(app.screen().contains("by title"), "{}", app.screen());
    // Paging a sorted view works as any other.
    app.keys("G");
    assert_eq!(app.session.app.todos.selected().unwrap().title, "someday");
    // Done todos hidden.
    app.keys("g<Space>H");
    assert_eq!(app.shown_todos(), ["pay rent", "plan trip", "someday"]);
    // Both outlive the app.
    let app = app.restart(Settings::default());
    assert!(app.session.app.hide_done);
    assert_eq!(app.shown_todos(), ["pay rent", "plan trip", "someday"]);
    assert!(app.screen().contains("by title"), "{}", app.screen());
}

#[test]
fn marking_all_of_a_smart_view_marks_every_list_s_todos_and_d_takes_them_together() {
    let mut app = TestApp::new(dated);
    open_view(&mut app, View::Upcoming);
    app.keys("lVd");
    assert_eq!(app.shown_todos(), Vec::<String>::new());
    let trash = app.session.store().trash_entries().unwrap();
    assert_eq!(trash.len(), 1);
    assert_eq!(trash[0].todos, 3);
    app.keys("u");
    assert_eq!(app.shown_todos().len(), 3);
}

#[test]
fn the_smart_counts_follow_writes_here_and_elsewhere_but_not_a_filter() {
    let mut app = TestApp::new(dated);
    assert_eq!(count_of(&app, View::Today), 2);
    // Another program adds a todo due today: the next tick reads the counts again.
    {
        let mut other = app.db.open();
        let due = parse_due("today", at(T0), &jiff::tz::TimeZone::UTC).unwrap();
        other
            .add_todo_with(
                "from elsewhere",
                None,
                Details {
                    due,
                    ..Details::default()
                },
                at(T0),
            )
            .unwrap();
    }
    app.advance(SignedDuration::from_millis(300));
    assert_eq!(count_of(&app, View::Today), 3);
    // Typing a filter reads the view, not the counts, which stay right.
    app.keys("/").type_text("from").keys("<Enter>");
    assert_eq!(app.shown_todos(), ["from elsewhere"]);
    assert_eq!(count_of(&app, View::Today), 3);
    // A write here counts again.
    app.keys("<Space>");
    assert_eq!(count_of(&app, View::Today), 2);
}

#[test]
fn upcoming_heads_each_day_once_and_the_trash_says_where_a_todo_came_from() {
    let mut app = TestApp::new(|s| {
        dated(s);
        let utc = jiff::tz::TimeZone::UTC;
        let due = parse_due("tomorrow", at(T0), &utc).unwrap();
        let groceries = s.live_lists().unwrap()[0].id;
        s.add_todo_with(
            "bread",
            Some(groceries),
            Details {
                due,
                ..Details::default()
            },
            at(T0),
        )
        .unwrap();
    });
    open_view(&mut app, View::Upcoming);
    assert_eq!(
        app.shown_todos(),
        ["call mom", "milk #shop", "bread", "plan trip"]
    );
    // Each day has one heading; the rows under it say "all day" (or their time), never
    // nothing (see `planned.rs`).
    let screen = app.screen();
    let line = |title: &str| line_of(&screen, title);
    assert_eq!(
        screen.matches("Tomorrow · Fri Nov 27").count(),
        1,
        "{screen}"
    );
    assert!(line("milk #shop").contains("all day"), "{screen}");
    assert!(line("bread").contains("all day"), "{screen}");
    assert!(screen.contains("Sun Nov 29"), "{screen}");
    // Deleted, milk's Trash row names its list and its due date.
    app.keys("lj").keys("d2");
    let screen = app.screen();
    assert!(
        line_of(&screen, "milk #shop").contains("from Groceries"),
        "{screen}"
    );
    assert!(
        line_of(&screen, "milk #shop").contains("due tomorrow"),
        "{screen}"
    );
}

fn line_of(screen: &str, title: &str) -> String {
    screen
        .lines()
        .find(|l| l.contains(title))
        .unwrap()
        .to_string()
}

#[test]
fn upcoming_counts_what_is_still_ahead_when_time_has_passed_since_it_was_read() {
    // "call mom" is due at the end of today; "soon" at 13:00 (an hour after T0).
    let mut app = TestApp::new(|s| {
        dated(s);
        let utc = jiff::tz::TimeZone::UTC;
        let soon = parse_due("2026-11-26 13:00", at(T0), &utc).unwrap();
        s.add_todo_with(
            "soon",
            None,
            Details {
                due: soon,
                priority: None,
                note: None,
                every: None,
            },
            at(T0 - DAY),
        )
        .unwrap();
    });
    open_view(&mut app, View::Upcoming);
    assert_eq!(app.session.app.todos.total, 4);
    // Two hours on, the same day: "soon" is overdue, in Today, no longer ahead.
    app.advance(SignedDuration::from_hours(2));
    open_view(&mut app, View::Today);
    open_view(&mut app, View::Upcoming);
    assert_eq!(app.shown_todos(), ["call mom", "milk #shop", "plan trip"]);
    assert_eq!(
        app.session.app.todos.total, 3,
        "the total follows the clock"
    );
    assert_eq!(
        count_of(&app, View::Upcoming),
        3,
        "and so does the list pane's"
    );
}

/// `dated`, with "pay rent" (two days overdue) ticked done.
fn dated_and_paid(s: &mut Store) {
    dated(s);
    let todos = s.live_todos(TodoScope::All).unwrap();
    let rent = todos.iter().find(|t| t.title == "pay rent").unwrap().id;
    s.set_done(&[rent], true, at(T0)).unwrap();
}

#[test]
fn a_done_todo_is_never_shown_overdue() {
    let app = TestApp::new(dated);
    let row = |screen: &str| {
        screen
            .lines()
            .find(|l| l.contains("pay rent"))
            .map(str::to_string)
            .unwrap_or_else(|| panic!("no pay rent in\n{screen}"))
    };
    assert!(
        row(&app.screen()).contains("2d overdue"),
        "open, it says so"
    );
    let app = TestApp::new(dated_and_paid);
    let done = row(&app.screen());
    assert!(!done.contains("overdue"), "{done}");
}

/// Promise: every date the due editor reads works after `due:` (even of two words),
/// `pri:none` finds the todos without a priority, and a key not understood is named and
/// matches nothing, never silently dropped.
#[test]
fn the_filter_names_what_it_does_not_understand_and_matches_nothing() {
    let mut app = TestApp::new(dated);
    open_view(&mut app, View::All);
    app.keys("l/").type_text("due:in 2w").keys("<Enter>");
    assert_eq!(app.shown_todos(), ["eggs #shop"], "two words, one date");
    app.keys("<Esc>/").type_text("pri:none").keys("<Enter>");
    assert_eq!(
        app.shown_todos(),
        ["call mom", "plan trip", "milk #shop", "someday"]
    );
    app.keys("<Esc>/")
        .type_text("due:yesterday")
        .keys("<Enter>");
    assert!(app.shown_todos().is_empty());
    assert!(!app.screen().contains("not understood"), "{}", app.screen());
    for typed in ["due:xyz", "pri:urgent", "done:maybe"] {
        app.keys("<Esc>/").type_text(typed);
        let typing = app.screen();
        assert!(
            typing.contains(&format!("not understood: {typed}")),
            "said beside the filter: {typing}"
        );
        app.keys("<Enter>");
        assert!(app.shown_todos().is_empty(), "{typed} matches nothing");
        assert!(
            app.screen().contains("Nothing matches: not understood"),
            "{}",
            app.screen()
        );
    }
}
