//! The Trash tab: restoring, erasing and emptying.

use super::*;

#[test]
fn r_restores_and_says_where_it_went() {
    let mut app = TestApp::new(sample);
    app.keys("hjl").keys("d"); // milk to the Trash
    app.keys("hdy"); // then the Groceries list
    app.keys("2");
    assert_eq!(app.shown_trash(), ["milk", "Groceries"]);
    app.keys("r");
    assert_eq!(
        app.status(),
        "Restored to Inbox — its list 'Groceries' is in the Trash"
    );
    app.keys("r");
    assert_eq!(app.status(), "Restored list 'Groceries' with 1 todo");
    assert!(app.shown_trash().is_empty());
}

#[test]
fn capital_e_erases_behind_a_dialog_that_defaults_to_no() {
    let mut app = TestApp::new(sample);
    app.keys("d2E");
    match &app.session.app.mode {
        Mode::Confirm(c) => {
            assert_eq!(
                c.message,
                "Erase todo 'one' forever? This cannot be undone."
            );
            assert!(!c.yes_selected);
        }
        other => panic!("no dialog: {other:?}"),
    }
    app.keys("<Esc>");
    assert_eq!(app.shown_trash(), ["one"]);
    app.keys("<S-Delete><Right><Enter>");
    assert!(app.shown_trash().is_empty());
    assert_eq!(app.status(), "Erased 'one' forever");
    assert_eq!(app.session.store().purge_log().unwrap().len(), 1);
}

#[test]
fn capital_x_empties_the_trash_after_asking() {
    let mut app = TestApp::new(sample);
    app.keys("dd2X");
    match &app.session.app.mode {
        Mode::Confirm(c) => assert_eq!(
            c.message,
            "Erase all 2 entries in the Trash forever? This cannot be undone."
        ),
        other => panic!("no dialog: {other:?}"),
    }
    app.keys("n");
    assert_eq!(app.shown_trash().len(), 2);
    app.keys("Xy");
    assert!(app.shown_trash().is_empty());
    app.keys("X");
    assert_eq!(app.status(), "The Trash is already empty");
}

#[test]
fn emptying_names_what_goes_and_the_pinned_entries_that_stay() {
    let mut app = TestApp::new(sample);
    app.keys("dd2p"); // two entries, the first pinned
    app.keys("X");
    match &app.session.app.mode {
        Mode::Confirm(c) => assert_eq!(
            c.message,
            "Erase the 1 entry in the Trash forever? 1 pinned entry stays. This cannot be undone."
        ),
        other => panic!("no dialog: {other:?}"),
    }
    app.keys("y");
    assert_eq!(app.shown_trash().len(), 1, "the pinned entry stays");
    // Only a pinned entry left: nothing to erase, and nothing asked.
    app.keys("X");
    assert!(matches!(app.session.app.mode, Mode::Normal));
    assert_eq!(
        app.status(),
        "Nothing to erase: the 1 pinned entry stays (unpin to let go)"
    );
    assert_eq!(app.shown_trash().len(), 1);
}

/// Issue 25, 17: a batch entry (or a list's) can be opened to see what it holds.
#[test]
fn enter_opens_an_entry_to_show_the_todos_it_holds_and_esc_closes_it() {
    let mut app = TestApp::new(sample);
    app.keys("<Space>vjjvd"); // "one" (done) and "three", as one entry
    app.keys("hjdy"); // and Groceries with milk and eggs
    app.keys("2");
    assert_eq!(app.shown_trash().len(), 2);
    app.keys("<Enter>");
    assert!(matches!(app.session.app.mode, Mode::Entry(_)));
    let screen = app.screen();
    assert!(
        screen.contains("todos 'one' · 2 todos · Esc closes"),
        "{screen}"
    );
    assert!(
        screen.contains("[x] one") && screen.contains("[ ] three"),
        "{screen}"
    );
    assert!(!screen.contains("[ ] two"), "{screen}");
    app.keys("<Esc>");
    assert_eq!(app.session.app.mode, Mode::Normal);
    app.keys("j<Enter>");
    let screen = app.screen();
    assert!(screen.contains("list 'Groceries' · 2 todos"), "{screen}");
    assert!(
        screen.contains("[ ] milk") && screen.contains("[ ] eggs"),
        "{screen}"
    );
    // Looking writes nothing: the entry is still there to restore.
    app.keys("q");
    assert_eq!(app.session.app.mode, Mode::Normal);
    assert_eq!(app.session.store().trash_count().unwrap(), 2);
}

#[test]
fn a_long_title_in_the_trash_uses_the_width_the_columns_leave() {
    let title = "Cancel the old gym membership before the next billing date, by mail";
    let mut app = TestApp::new(|s| {
        s.add_todo(title, None, at(T0 - DAY)).unwrap();
    });
    app.session.resize(116, 24);
    app.keys("d2");
    let screen = app.screen();
    let line = screen.lines().find(|l| l.contains("Cancel")).unwrap();
    assert!(line.contains(title), "{screen}");
    assert!(line.contains("purges in 30 days"), "{screen}");
}
