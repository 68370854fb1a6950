//! The list pane: adding, renaming and deleting lists.

use super::*;

#[test]
fn the_list_pane_adds_renames_and_deletes_lists_after_asking() {
    let mut app = TestApp::new(sample);
    app.keys("h").keys("a").type_text("Home").keys("<Enter>");
    let names: Vec<String> = app
        .session
        .app
        .lists
        .iter()
        .map(|l| l.name.clone())
        .collect();
    assert_eq!(
        names,
        [
            "Today",
            "Upcoming",
            "All",
            "Inbox",
            "Groceries",
            "Work",
            "Home"
        ]
    );

    // The new list's todo pane has the focus; back to the lists.
    app.keys("hgjjjj"); // Groceries, below the smart views and the Inbox
    app.keys("e<C-w>").type_text("Shopping").keys("<Enter>");
    assert_eq!(app.session.app.lists[4].name, "Shopping");

    app.keys("d");
    match &app.session.app.mode {
        Mode::Confirm(c) => {
            assert_eq!(
                c.message,
                "Move list 'Shopping' and its 2 todos to the Trash?"
            );
            assert!(!c.yes_selected, "No is the default");
        }
        other => panic!("no dialog: {other:?}"),
    }
    app.keys("<Enter>");
    assert_eq!(
        app.session.app.lists.len(),
        7,
        "Enter on the default (No) keeps the list"
    );
    app.keys("dy");
    assert_eq!(app.session.app.lists.len(), 6);
    assert_eq!(app.session.app.trash_total, Some(1));
    assert_eq!(app.status(), "List moved to Trash — u to undo");
}

#[test]
fn the_inbox_cannot_be_renamed_or_deleted() {
    let mut app = TestApp::new(sample);
    app.keys("hd");
    assert_eq!(app.status(), "The Inbox can't be deleted");
    app.keys("e");
    assert_eq!(app.status(), "The Inbox can't be renamed");
    assert_eq!(app.session.app.mode, Mode::Normal);
}

/// Promise: a list just made has the focus in its (empty) todo pane, ready to be filled.
#[test]
fn a_new_list_opens_with_the_focus_in_its_todo_pane() {
    let mut app = TestApp::new(sample);
    app.keys("ha").type_text("Trip").keys("<Enter>");
    assert_eq!(app.session.app.focus, Pane::Todos);
    app.keys("a").type_text("passport").keys("<Enter>");
    let trip = app
        .session
        .store()
        .live_lists()
        .unwrap()
        .into_iter()
        .find(|l| l.name == "Trip")
        .unwrap();
    assert_eq!(trip.todos, 1, "the todo went into the new list");
}
