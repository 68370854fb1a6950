//! The filter of a big view: the first screenful at once, the number of matches from the
//! background ("40+" until then), and keys that move through the view wait for it.

use super::*;
use softly::store::rows::Rows;

const TODOS: i64 = 12_000;

fn titles() -> Vec<String> {
    (0..TODOS).map(|i| format!("job {i}")).collect()
}

fn big_inbox(s: &mut Store) {
    let mut rows = Rows::default();
    for (i, title) in titles().into_iter().enumerate() {
        imported_todo(&mut rows, i as i64 + 1, title, None);
    }
    s.import(&rows, at(T0)).unwrap();
}

/// Ticks (as the event loop does while a count runs) until the count is in.
fn until_counted(app: &mut TestApp) {
    let start = std::time::Instant::now();
    while app.session.app.todos.counting {
        assert!(start.elapsed().as_secs() < 30, "the count never came");
        std::thread::sleep(std::time::Duration::from_millis(2));
        app.session.tick();
    }
}

#[test]
fn a_big_filtered_view_shows_its_rows_at_once_and_its_count_when_counted() {
    let mut app = TestApp::new(big_inbox);
    app.session.resize(80, 40);
    // The keystroke reads ~1,000 rows itself, as it reads 30,000 of a million.
    app.session.store().quick_rows_for_tests(1_000);
    let matching =
        |text: &str| -> Vec<String> { titles().into_iter().filter(|t| t.contains(text)).collect() };
    app.keys("/1");
    let shown = app.shown_todos();
    assert_eq!(shown, matching("1")[..shown.len()]);
    assert!(app.session.app.todos.counting, "counted in the background");
    assert!(
        app.screen()
            .contains(&format!("filter: 1 · {}+", shown.len())),
        "{}",
        app.screen()
    );
    until_counted(&mut app);
    let total = matching("1").len();
    assert!(app.screen().contains(&format!("filter: 1 · {total} ")));
    // A key that moves through the view waits for the count: G lands on the last match.
    app.type_text("2").keys("<Enter>G");
    assert!(!app.session.app.todos.counting);
    let last = matching("12").pop().unwrap();
    assert_eq!(app.shown_todos().last(), Some(&last));
    let window = &app.session.app.todos;
    assert_eq!(window.total, matching("12").len() as i64);
    assert_eq!(window.cursor, window.total - 1);
    // A small view's filter is read whole at the keystroke, and counted at once.
    app.session.store().quick_rows_for_tests(30_000);
    app.keys("<Esc>/").type_text("11111");
    assert!(!app.session.app.todos.counting);
    assert_eq!(app.shown_todos(), matching("11111"));
}

#[test]
fn a_match_past_the_first_stretch_of_a_big_view_arrives_from_the_background() {
    let mut app = TestApp::new(big_inbox);
    // The keystroke reads ~1,000 rows itself, as it reads 30,000 of a million.
    app.session.store().quick_rows_for_tests(1_000);
    app.keys("/").type_text("11111");
    assert!(app.session.app.todos.counting);
    assert!(app.shown_todos().is_empty());
    assert!(
        app.screen().contains("Searching for '11111'…"),
        "{}",
        app.screen()
    );
    until_counted(&mut app);
    assert_eq!(app.shown_todos(), ["job 11111"]);
    assert!(app.screen().contains("filter: 11111 · 1 "));
    // Typing on cancels the older read and starts the newer one.
    app.keys("<Backspace>");
    until_counted(&mut app);
    let matching: Vec<String> = titles()
        .into_iter()
        .filter(|t| t.contains("1111"))
        .collect();
    assert_eq!(app.shown_todos(), matching);
    // A key that moves waits for the rest: j lands on the second match.
    app.keys("<Backspace><Enter>j");
    let window = &app.session.app.todos;
    assert!(!window.counting);
    assert_eq!(window.cursor, 1);
}

#[test]
fn quitting_while_a_filter_is_read_in_the_background_leaves_no_log_behind() {
    let mut app = TestApp::new(big_inbox);
    app.session.store().quick_rows_for_tests(1_000);
    app.keys("/").type_text("11111");
    assert!(
        app.session.app.todos.counting,
        "a worker holds the file open"
    );
    let TestApp { db, session, .. } = app;
    drop(session);
    // The app's connection closed last, and so took the write-ahead log with it.
    let wal = softly::store::wal_path(&db.path());
    assert!(!wal.exists(), "{} is left", wal.display());
}

#[test]
fn the_filter_of_a_big_trash_finds_entries_past_its_first_stretch() {
    let mut app = TestApp::new(|s| {
        let mut rows = Rows::default();
        for i in 0..TODOS {
            imported_todo(&mut rows, i + 1, format!("gone {i}"), Some(T0 - TODOS + i));
        }
        s.import(&rows, at(T0)).unwrap();
    });
    app.session.store().quick_rows_for_tests(1_000);
    app.keys("2/").type_text("11999");
    assert!(app.session.app.trash.counting);
    assert!(
        app.screen().contains("Searching for '11999'…"),
        "{}",
        app.screen()
    );
    let start = std::time::Instant::now();
    while app.session.app.trash.counting {
        assert!(start.elapsed().as_secs() < 30, "the read never came");
        std::thread::sleep(std::time::Duration::from_millis(2));
        app.session.tick();
    }
    assert_eq!(app.shown_trash(), ["gone 11999"]);
    assert!(
        app.screen().contains("filter: 11999 · 1 "),
        "{}",
        app.screen()
    );
}
