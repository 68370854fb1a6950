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
