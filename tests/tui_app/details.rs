//! Due dates, priorities, notes and recurring todos in the app, each one undo step; and
//! marks: batches deleted, cleared, restored, erased and pinned together.

use super::*;
use softly::fields::{Priority, Recurrence};
use softly::store::{Details, EntryKind};

#[test]
fn t_sets_the_due_date_in_words_and_a_bad_date_keeps_the_editor_open() {
    let mut app = TestApp::new(sample);
    app.keys("t").type_text("fri").keys("<Enter>");
    // T0 is Thursday 2026-11-26, 12:00 UTC; Friday ends at 23:59:59.999.
    let due = todo_named(&app, "one").due.unwrap();
    assert_eq!(due.at, "2026-11-27T23:59:59.999Z".parse().unwrap());
    assert!(app.screen().contains("tomorrow"), "{}", app.screen());
    // The editor opens empty, the date now beside it; typing replaces it, and what the
    // words mean shows as they are typed. Nonsense is refused and kept.
    app.session.resize(120, 30);
    app.keys("t");
    assert!(
        app.screen()
            .contains("now Fri Nov 27 2026 · Enter keeps it"),
        "{}",
        app.screen()
    );
    app.keys("<Enter>");
    assert_eq!(
        todo_named(&app, "one").due,
        Some(due),
        "nothing typed keeps it"
    );
    app.keys("t").type_text("next tue 9am");
    assert!(
        app.screen().contains("→ Tue Dec 1 2026 09:00"),
        "{}",
        app.screen()
    );
    app.keys("<C-u>").type_text("someday");
    assert!(
        app.screen().contains("→ not a date yet"),
        "{}",
        app.screen()
    );
    app.keys("<Enter>");
    assert!(matches!(app.session.app.mode, Mode::Edit { .. }));
    assert!(app.status().contains("someday"), "{}", app.status());
    // "none" clears the date; u puts it back.
    app.keys("<C-u>").type_text("none").keys("<Enter>");
    assert_eq!(app.session.app.mode, Mode::Normal);
    assert_eq!(todo_named(&app, "one").due, None);
    app.keys("u");
    assert_eq!(todo_named(&app, "one").due, Some(due));
}

#[test]
fn p_steps_through_the_priorities_and_u_steps_back() {
    let mut app = TestApp::new(sample);
    app.keys("p");
    assert_eq!(todo_named(&app, "one").priority, Some(Priority::High));
    assert!(app.screen().contains("!!! one"), "{}", app.screen());
    app.keys("pp");
    assert_eq!(todo_named(&app, "one").priority, Some(Priority::Low));
    app.keys("p");
    assert_eq!(todo_named(&app, "one").priority, None);
    app.keys("u");
    assert_eq!(todo_named(&app, "one").priority, Some(Priority::Low));
    app.keys("uu");
    assert_eq!(todo_named(&app, "one").priority, Some(Priority::High));
}

#[test]
fn n_writes_a_note_over_several_lines_and_esc_keeps_it() {
    let mut app = TestApp::new(sample);
    app.keys("n");
    assert!(matches!(app.session.app.mode, Mode::Note(_)));
    assert!(app.screen().contains("Note · one"), "{}", app.screen());
    app.type_text("first line")
        .keys("<Enter>")
        .type_text("second line")
        .keys("<Esc>");
    assert_eq!(app.session.app.mode, Mode::Normal);
    let one = todo_named(&app, "one");
    assert!(one.has_note);
    assert_eq!(
        app.session.store().note(one.id).unwrap().as_deref(),
        Some("first line\nsecond line")
    );
    assert!(app.screen().contains("one ✎"), "{}", app.screen());
    // It opens again on the same text; Ctrl-C drops a change; u takes the note back.
    app.keys("n");
    assert!(app.screen().contains("second line"), "{}", app.screen());
    app.type_text(" and more").keys("<C-c>");
    assert_eq!(
        app.session.store().note(one.id).unwrap().as_deref(),
        Some("first line\nsecond line")
    );
    app.keys("u");
    assert_eq!(app.session.store().note(one.id).unwrap(), None);
    // A note opened and closed unchanged writes nothing: the redo is still there.
    app.keys("n<Esc>U");
    assert!(app.status().starts_with("Redid"), "{}", app.status());
    assert!(app.session.store().note(one.id).unwrap().is_some());
}

#[test]
fn ticking_a_recurring_todo_makes_the_next_and_undo_takes_it_back() {
    let mut app = TestApp::new(|s| {
        s.add_todo_with(
            "water plants",
            None,
            Details {
                due: softly::fields::parse_due("today", at(T0), &jiff::tz::TimeZone::UTC).unwrap(),
                every: Some(Recurrence::Weeks(1)),
                ..Details::default()
            },
            at(T0),
        )
        .unwrap();
    });
    assert!(app.screen().contains("↻ week"), "{}", app.screen());
    app.keys("<Space>");
    assert!(
        app.status().contains("comes back Dec 3"),
        "{}",
        app.status()
    );
    let all = app.session.store().live_todos(TodoScope::Inbox).unwrap();
    assert_eq!(all.len(), 2);
    assert!(all[0].done && all[0].every.is_none());
    assert_eq!(all[1].every, Some(Recurrence::Weeks(1)));
    app.keys("u");
    let all = app.session.store().live_todos(TodoScope::Inbox).unwrap();
    assert_eq!(all.len(), 1);
    assert!(!all[0].done);
    assert_eq!(all[0].every, Some(Recurrence::Weeks(1)));
    // Redo ticks it again, making the next one again.
    app.keys("U");
    assert_eq!(
        app.session
            .store()
            .live_todos(TodoScope::Inbox)
            .unwrap()
            .len(),
        2
    );
}

#[test]
fn marked_todos_go_to_the_trash_as_one_entry_and_come_back_with_one_undo() {
    let mut app = TestApp::new(sample);
    app.keys("vjv"); // "one" and "three" ("v" walks down as it marks)
    assert_eq!(app.session.app.marked_todos.len(), 2);
    assert!(app.screen().contains("* [ ] one"), "{}", app.screen());
    app.keys("d");
    assert_eq!(app.shown_todos(), ["two"]);
    assert!(app.session.app.marked_todos.is_empty());
    let trash = app.session.store().trash_entries().unwrap();
    assert_eq!(trash.len(), 1);
    assert_eq!((trash[0].kind, trash[0].todos), (EntryKind::Todo, 2));
    app.keys("u");
    assert_eq!(app.shown_todos(), ["one", "two", "three"]);
    assert_eq!(app.session.store().trash_count().unwrap(), 0);
}

#[test]
fn v_marks_only_in_the_list_on_screen_and_esc_clears_marks_before_the_filter() {
    let mut app = TestApp::new(sample);
    app.keys("V");
    assert_eq!(
        app.session.app.marked_todos.len(),
        3,
        "every todo of the Inbox"
    );
    app.keys("V");
    assert!(app.session.app.marked_todos.is_empty(), "again: none");
    app.keys("/t").keys("<Enter>"); // "two", "three"
    app.keys("V");
    assert_eq!(app.session.app.marked_todos.len(), 2, "the filtered view");
    app.keys("<Esc>");
    assert!(app.session.app.marked_todos.is_empty());
    assert_eq!(app.session.app.todo_filter, "t", "the filter stays");
    app.keys("<Esc>");
    assert_eq!(app.session.app.todo_filter, "");
    // Another list: the marks stay behind.
    app.keys("v").keys("hj");
    assert!(app.session.app.marked_todos.is_empty());
}

#[test]
fn c_moves_the_done_todos_of_the_list_to_the_trash_as_one_entry() {
    let mut app = TestApp::new(sample);
    app.keys("<Space>jj<Space>C");
    assert_eq!(app.shown_todos(), ["two"]);
    assert!(app.status().contains("2 done todos"), "{}", app.status());
    assert_eq!(app.session.store().trash_entries().unwrap()[0].todos, 2);
    app.keys("u");
    assert_eq!(app.shown_todos(), ["one", "two", "three"]);
    app.keys("hjlC"); // Groceries: nothing done
    assert!(app.status().contains("No done todos"), "{}", app.status());
}

#[test]
fn in_the_trash_marked_entries_are_restored_and_erased_together_after_one_question() {
    let mut app = TestApp::new(|s| {
        sample(s);
        let ids: Vec<TodoId> = (1..=3).map(TodoId).collect();
        s.trash_todos(&ids, at(T0 - HOUR)).unwrap();
    });
    app.keys("2vv");
    assert_eq!(app.session.app.marked_entries.len(), 2);
    app.keys("r");
    assert!(
        app.screen().contains("Restore 2 marked entries"),
        "{}",
        app.screen()
    );
    app.keys("y");
    assert_eq!(app.shown_trash().len(), 1);
    assert!(app.session.app.marked_entries.is_empty());
    // One undo puts both back in the Trash, in their own entries.
    app.keys("u");
    assert_eq!(app.shown_trash().len(), 3);
    app.keys("VE");
    assert!(
        app.screen().contains("Erase 3 marked entries forever"),
        "{}",
        app.screen()
    );
    app.keys("n");
    assert_eq!(app.shown_trash().len(), 3, "no keeps them");
    app.keys("Ey");
    assert_eq!(app.session.store().trash_count().unwrap(), 0);
}

#[test]
fn p_pins_an_entry_past_its_time_and_unpinning_purges_it_at_once() {
    let mut app = TestApp::new(|s| {
        sample(s);
        s.trash_todos(&[TodoId(1)], at(T0 - 29 * DAY)).unwrap();
    });
    app.keys("2p");
    assert!(app.screen().contains("kept · pinned"), "{}", app.screen());
    assert!(
        app.screen().contains("Trash 1 · 1 pinned"),
        "{}",
        app.screen()
    );
    // Two days on, past the 30 days, the pinned entry is still there.
    app.advance(SignedDuration::from_hours(48));
    assert_eq!(app.shown_trash().len(), 1);
    app.keys("p");
    assert!(app.status().contains("Purged 1"), "{}", app.status());
    assert_eq!(app.session.store().trash_count().unwrap(), 0);
}

/// Setting a detail to the value it has already is no undo step: `u` then takes back the
/// change before it, not nothing.
#[test]
fn the_same_due_date_again_is_no_step_to_undo() {
    let mut app = TestApp::new(sample);
    app.keys("t").type_text("tomorrow").keys("<Enter>");
    app.keys("t").type_text("tomorrow").keys("<Enter>");
    app.keys("u");
    assert_eq!(todo_named(&app, "one").due, None, "{}", app.status());
}
