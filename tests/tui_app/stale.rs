//! Editors and dialogs whose subject another program changes meanwhile.

use super::*;

/// Promise (issue 11, 5): adding to a list longer than the screen scrolls to the blank row
/// where the new todo will appear; no existing row is drawn over.
#[test]
fn the_add_editor_opens_on_a_blank_row_below_the_last_todo() {
    let mut app = TestApp::new(|s| {
        for i in 1..=31 {
            s.add_todo(&format!("todo {i}"), None, at(T0)).unwrap();
        }
    });
    app.session.resize(100, 12);
    app.keys("ga").type_text("NEW");
    let screen = app.screen();
    let lines: Vec<&str> = screen.lines().collect();
    let editor = lines
        .iter()
        .position(|l| l.contains("NEW"))
        .expect("the editor is on screen");
    assert!(lines[editor - 1].contains("todo 31"), "{screen}");
    assert!(!lines[editor].contains("todo"), "{screen}");
    app.keys("<Enter>");
    assert_eq!(app.stored_todos().last().unwrap(), "NEW");
}

/// Promise (issue 11, 6): an editor whose todo another program deletes stays on screen with
/// the typed text; Enter saves it as a new todo, Esc drops it. The same for a list.
#[test]
fn an_editor_whose_subject_is_deleted_elsewhere_keeps_the_text() {
    let mut app = TestApp::new(sample);
    app.keys("ge").type_text(" and more");
    let one = app.session.app.todos.rows[0].id;
    app.db.open().trash_todos(&[one], at(T0)).unwrap();
    app.advance(SignedDuration::from_millis(250));
    assert!(
        app.status()
            .starts_with("The todo you are editing was deleted elsewhere"),
        "{}",
        app.status()
    );
    assert!(app.screen().contains("one and more"), "{}", app.screen());
    app.keys("<Enter>");
    assert!(app.stored_todos().contains(&"one and more".to_string()));

    let mut app = TestApp::new(sample);
    app.keys("hje").type_text("!");
    let groceries = app.session.app.selected_list().unwrap().list_id().unwrap();
    app.db.open().trash_list(groceries, at(T0)).unwrap();
    app.advance(SignedDuration::from_millis(250));
    assert!(
        app.status()
            .starts_with("The list you are renaming was deleted elsewhere")
    );
    app.keys("<Esc>");
    assert_eq!(app.session.app.mode, Mode::Normal);
    assert!(!app.session.app.lists.iter().any(|l| l.name == "Groceries!"));
}

/// Promise (issue 11, 7): a question about something that is gone meanwhile (purged,
/// restored or erased elsewhere, a list deleted elsewhere, a todo being moved) closes and
/// says so, instead of failing on yes.
#[test]
fn a_dialog_about_something_gone_meanwhile_closes_and_says_so() {
    // Purged while the question is open.
    let mut app = TestApp::new(|s| {
        sample(s);
        let id = s.add_todo("old news", None, at(T0 - 31 * DAY)).unwrap();
        s.trash_todos(&[id], at(T0 - 30 * DAY + 1_000)).unwrap();
    });
    app.keys("2E");
    assert!(matches!(app.session.app.mode, Mode::Confirm(_)));
    app.advance(SignedDuration::from_secs(2));
    assert_eq!(app.session.app.mode, Mode::Normal);
    assert_eq!(
        app.status(),
        "'old news' was purged meanwhile; nothing to erase"
    );

    // Restored in another terminal.
    let mut app = TestApp::new(|s| {
        sample(s);
        s.trash_todos(&[TodoId(1)], at(T0)).unwrap();
    });
    app.keys("2E");
    let entry = app.session.store().trash_entries().unwrap()[0].id;
    app.db.open().restore_entries(&[entry]).unwrap();
    app.advance(SignedDuration::from_millis(250));
    assert_eq!(
        app.status(),
        "'one' was restored or erased elsewhere meanwhile"
    );

    // A list deleted elsewhere while its delete question is open.
    let mut app = TestApp::new(sample);
    app.keys("hjd");
    let groceries = app.session.app.selected_list().unwrap().list_id().unwrap();
    app.db.open().trash_list(groceries, at(T0)).unwrap();
    app.advance(SignedDuration::from_millis(250));
    assert_eq!(
        app.status(),
        "The list 'Groceries' was deleted elsewhere meanwhile"
    );

    // A todo deleted elsewhere while its move picker is open.
    let mut app = TestApp::new(sample);
    app.keys("m");
    app.db.open().trash_todos(&[TodoId(1)], at(T0)).unwrap();
    app.advance(SignedDuration::from_millis(250));
    assert_eq!(app.session.app.mode, Mode::Normal);
    assert_eq!(app.status(), "'one' was deleted elsewhere meanwhile");
}

/// Promise (issue 11, 8): a key with nothing to act on says what is missing.
#[test]
fn keys_with_nothing_to_act_on_say_so() {
    let mut app = TestApp::new(|_| {});
    for (key, verb) in [
        ("d", "delete"),
        ("e", "edit"),
        ("m", "move"),
        ("x", "mark done"),
    ] {
        app.session.app.status = None;
        app.keys(key);
        assert_eq!(
            app.status(),
            format!("The Inbox has no todos; nothing to {verb}")
        );
    }
    app.keys("2");
    for (key, verb) in [("r", "restore"), ("E", "erase")] {
        app.session.app.status = None;
        app.keys(key);
        assert_eq!(
            app.status(),
            format!("The Trash is empty; nothing to {verb}")
        );
    }
    app.keys("X");
    assert_eq!(app.status(), "The Trash is already empty");
}

/// Promise (issue 11, 10): a new list is the one selected; deleting a list selects the next
/// one (not the Inbox); J and K move the selected todo or list down and up, kept in the
/// store and undoable.
#[test]
fn lists_are_selected_as_expected_and_j_k_reorder_todos_and_lists() {
    let names = |app: &TestApp| -> Vec<String> {
        app.session
            .app
            .lists
            .iter()
            .map(|l| l.name.clone())
            .collect()
    };
    let selected = |app: &TestApp| app.session.app.selected_list().unwrap().name.clone();
    let mut app = TestApp::new(sample);
    app.keys("ha").type_text("Home").keys("<Enter>");
    assert_eq!(selected(&app), "Home");
    app.keys("hgjjjj"); // back to the lists: Groceries
    app.keys("dy");
    assert_eq!(selected(&app), "Work", "the next list, not the Inbox");
    app.keys("u");
    assert_eq!(
        names(&app),
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

    // Lists: Groceries down, then back up with undo.
    app.keys("gjjjjJ");
    assert_eq!(
        names(&app),
        [
            "Today",
            "Upcoming",
            "All",
            "Inbox",
            "Work",
            "Groceries",
            "Home"
        ]
    );
    assert_eq!(selected(&app), "Groceries", "the selection moves with it");
    let stored: Vec<String> = app
        .session
        .store()
        .live_lists()
        .unwrap()
        .into_iter()
        .map(|l| l.name)
        .collect();
    assert_eq!(stored, ["Work", "Groceries", "Home"], "kept in the store");
    app.keys("K");
    assert_eq!(
        names(&app),
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
    app.keys("gjjjK"); // the Inbox
    assert_eq!(app.status(), "The Inbox stays at the top");

    // Todos: "one" down twice, then undo once.
    let mut app = TestApp::new(sample);
    app.keys("gJJ");
    assert_eq!(app.shown_todos(), ["two", "three", "one"]);
    assert_eq!(selected_todo(&app), "one");
    app.keys("J");
    assert_eq!(app.status(), "Already at the bottom");
    app.keys("u");
    assert_eq!(app.status(), "Undid moving 'one' down");
    assert_eq!(app.shown_todos(), ["two", "one", "three"]);
}

/// Promise (issue 11, 9): the mouse wheel scrolls the pane under the pointer, whichever
/// pane has the focus.
#[test]
fn the_wheel_scrolls_the_pane_under_the_pointer() {
    let mut app = TestApp::new(sample);
    assert_eq!(app.session.app.focus, Pane::Todos);
    app.wheel_at(5, 3, true); // over the lists
    assert_eq!(app.session.app.selected_list().unwrap().name, "Groceries");
    assert_eq!(app.session.app.focus, Pane::Todos, "the focus stays");
    app.keys("h");
    app.wheel_at(40, 3, true); // over the todos of Groceries
    assert_eq!(selected_todo(&app), "eggs");
    assert_eq!(app.session.app.selected_list().unwrap().name, "Groceries");
}

/// The purge runs on a worker, so its commit can reach the screen before its report does.
/// A question about an entry it took then closes saying so, and the report that follows
/// does not replace those words with a general count (this failed 1 run in 10 under load).
#[test]
fn a_purge_report_arriving_late_keeps_the_words_about_the_closed_question() {
    let mut app = TestApp::new(|s| {
        sample(s);
        for title in ["old news", "older news"] {
            let id = s.add_todo(title, None, at(T0 - 31 * DAY)).unwrap();
            s.trash_todos(&[id], at(T0 - 30 * DAY + 1_000)).unwrap();
        }
    });
    app.keys("2E");
    let Mode::Confirm(confirm) = &app.session.app.mode else {
        panic!("no question open")
    };
    let asked_about = confirm.about.clone();
    let entry = app
        .session
        .store()
        .trash_entries()
        .unwrap()
        .into_iter()
        .find(|e| e.title == asked_about)
        .unwrap();
    // Past their time: another softly takes the entry asked about; this app's own purge
    // takes the other one and reports it after its tick has already read the screen again.
    app.clock.advance(SignedDuration::from_secs(2));
    app.db
        .open()
        .erase_entries(&[entry.id], at(T0 + 2_000), Trigger::Timer)
        .unwrap();
    app.session.tick();
    app.session.finish_purge();
    assert_eq!(app.session.app.mode, Mode::Normal);
    assert_eq!(
        app.status(),
        format!("'{asked_about}' was purged meanwhile; nothing to erase")
    );
    assert_eq!(
        app.session.store().trash_count().unwrap(),
        0,
        "both are gone"
    );
}
