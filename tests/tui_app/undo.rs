//! Undo and redo in the app, step by step.

use super::*;

#[test]
fn u_takes_back_each_kind_of_action_in_turn() {
    let mut app = TestApp::new(sample);
    app.keys("a").type_text("four").keys("<Enter>"); // add
    app.keys("ge").type_text("!").keys("<Enter>"); // edit "one" -> "one!"
    app.keys("x"); // done
    app.keys("jm<Enter>"); // move "two" to Groceries
    app.keys("d"); // delete "three"
    // The Inbox ("one!", "four"), then Groceries with "two" moved to its end.
    assert_eq!(app.stored_todos(), ["one!", "four", "milk", "eggs", "two"]);

    app.keys("u");
    assert!(
        app.status().starts_with("Undid the delete"),
        "{}",
        app.status()
    );
    app.keys("u");
    assert_eq!(app.status(), "Undid the move of 'two'");
    assert_eq!(app.shown_todos(), ["one!", "two", "three", "four"]);
    app.keys("u");
    assert!(!app.session.store().live_todos(TodoScope::Inbox).unwrap()[0].done);
    app.keys("u");
    assert_eq!(app.shown_todos(), ["one", "two", "three", "four"]);
    app.keys("u");
    assert_eq!(app.shown_todos(), ["one", "two", "three"]);
    app.keys("u");
    assert_eq!(app.status(), "Nothing to undo");
    assert_eq!(app.session.store().trash_count().unwrap(), 0);
}

#[test]
fn undoing_a_restore_puts_the_entry_back_with_its_old_clock() {
    let mut app = TestApp::new(sample);
    app.keys("d");
    app.advance(SignedDuration::from_hours(5));
    app.keys("2r");
    assert!(app.shown_trash().is_empty());
    app.keys("u");
    let entries = app.session.store().trash_entries().unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].title, "one");
    assert_eq!(
        entries[0].deleted_at,
        at(T0),
        "the purge clock did not start over"
    );
}

#[test]
fn undoing_a_list_delete_brings_back_the_list_and_its_todos() {
    let mut app = TestApp::new(sample);
    app.keys("hjdy");
    assert_eq!(app.session.app.lists.len(), 5);
    app.keys("u");
    assert_eq!(app.session.app.lists.len(), 6);
    assert_eq!(app.session.app.lists[4].todos, 2);
}

/// A step whose todo was erased can never be taken: it is said once and dropped, and `u`
/// goes on to the steps before it.
#[test]
fn a_step_that_can_never_come_back_is_dropped_and_undo_goes_on() {
    let mut app = TestApp::new(sample);
    app.keys("x"); // "one" done
    app.keys("jd"); // "two" to the Trash
    app.keys("x"); // "three" done (the cursor is on it now)
    app.keys("2Xy1"); // the Trash emptied: "two" is gone for good
    app.keys("u");
    assert_eq!(app.status(), "Undid marking 'three' done");
    app.keys("u");
    assert!(
        app.status().starts_with("Can't undo the delete of 'two'")
            && app
                .status()
                .ends_with("dropped, so the next undo takes the step before"),
        "{}",
        app.status()
    );
    app.keys("u");
    assert_eq!(app.status(), "Undid marking 'one' done");
    app.keys("u");
    assert_eq!(app.status(), "Nothing to undo");
}

/// Every action replaces or clears the last message: "u to undo" always names what `u`
/// would undo, and an old "Undid" or error never stands beside a newer action.
#[test]
fn every_action_replaces_or_clears_the_last_message() {
    let mut app = TestApp::new(sample);
    app.keys("x");
    app.keys("u");
    assert!(app.status().starts_with("Undid"), "{}", app.status());
    app.keys("ge").type_text("!").keys("<Enter>"); // an edit says nothing itself
    assert_eq!(app.status(), "", "the undo is no longer the latest");
    app.keys("vjvd"); // two todos to the Trash as one entry
    assert!(app.status().ends_with("u to undo"), "{}", app.status());
    app.keys(" "); // the todo now under the cursor ticked
    assert!(
        !app.status().contains("u to undo"),
        "u now undoes the tick: {}",
        app.status()
    );
    app.keys("t").type_text("someday-ish").keys("<Enter>");
    let failed = app.status();
    assert!(!failed.is_empty(), "an unreadable date is said");
    app.keys("<Esc>t").type_text("tomorrow").keys("<Enter>");
    assert_ne!(app.status(), failed, "the old error is gone once one works");
}

/// Promise: everything a todo carries survives undo → redo as the keys do them: deleted,
/// brought back by `u`, deleted again by redo, and back again, it has every detail it had.
#[test]
fn undo_and_redo_by_their_keys_keep_every_detail() {
    use softly::fields::{Due, Priority, Recurrence};
    use softly::store::Details;
    let mut app = TestApp::new(|s| {
        let details = Details {
            due: Some(Due {
                at: at(T0 + 3 * DAY),
                has_time: true,
            }),
            priority: Some(Priority::High),
            note: Some("receipts in the blue folder".into()),
            every: Some(Recurrence::Months(1)),
        };
        s.add_todo_with("file taxes #home", None, details, at(T0))
            .unwrap();
    });
    let details = |app: &TestApp| {
        let store = app.session.store();
        let todos = store.live_todos(TodoScope::All).unwrap();
        let todo = todos.first().expect("the todo is live").clone();
        (
            todo.title.clone(),
            todo.due,
            todo.priority,
            todo.every,
            store.note(todo.id).unwrap(),
            store.tags(todo.id).unwrap(),
        )
    };
    let before = details(&app);
    app.keys("d");
    assert!(app.stored_todos().is_empty());
    app.keys("u");
    assert_eq!(details(&app), before, "undone");
    app.keys("U");
    assert!(app.stored_todos().is_empty(), "redone: {}", app.status());
    assert!(app.status().starts_with("Redid"), "{}", app.status());
    app.keys("u");
    assert_eq!(details(&app), before, "undone again");
    app.keys("<C-r>");
    assert!(app.stored_todos().is_empty(), "Ctrl-r redoes too");
}

/// A tick of a recurring todo undone and redone makes the very same occurrence again (its id
/// too), not a new one.
#[test]
fn redoing_a_recurring_tick_puts_back_the_same_occurrence() {
    use softly::fields::{Due, Recurrence};
    use softly::store::Details;
    let mut app = TestApp::new(|s| {
        let daily = Details {
            due: Some(Due {
                at: at(T0 + DAY),
                has_time: true,
            }),
            every: Some(Recurrence::Days(1)),
            ..Details::default()
        };
        s.add_todo_with("water the plants", None, daily, at(T0))
            .unwrap();
    });
    let ids = |app: &TestApp| -> Vec<(i64, bool)> {
        let todos = app.session.store().live_todos(TodoScope::All).unwrap();
        todos.iter().map(|t| (t.id.0, t.done)).collect()
    };
    app.keys("x");
    let ticked = ids(&app);
    assert_eq!(ticked.len(), 2, "the next occurrence is made");
    app.keys("u");
    assert_eq!(ids(&app).len(), 1);
    app.keys("U");
    assert_eq!(ids(&app), ticked, "the same occurrence, the same id");
}

/// Undoing a pin of marked entries unpins only those the pin changed.
#[test]
fn undoing_a_pin_of_marked_entries_leaves_one_pinned_before_pinned() {
    let mut app = TestApp::new(sample);
    app.keys("dd2"); // two entries
    app.keys("p"); // the first pinned on its own
    app.keys("vjvp"); // both marked, pinned
    app.keys("u");
    let pinned: Vec<bool> = app
        .session
        .store()
        .trash_entries()
        .unwrap()
        .iter()
        .map(|e| e.pinned)
        .collect();
    assert_eq!(pinned.iter().filter(|p| **p).count(), 1, "{pinned:?}");
}

/// Bug (found by the undo model with marks): Enter on an unchanged title or list name
/// recorded a step, and the next `u` "undid the rename of 'Groceries' to 'Groceries'".
#[test]
fn saving_an_unchanged_title_or_name_is_no_step_and_u_takes_back_the_one_before() {
    let mut app = TestApp::new(sample);
    app.keys("x"); // "one" done
    app.keys("e<Enter>"); // the title as it was
    app.keys("hje<Enter>"); // the Inbox, then Groceries: its name as it was
    app.keys("u");
    assert_eq!(app.status(), "Undid marking 'one' done");
}
