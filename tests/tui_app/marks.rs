//! Marks with every action: `Space`, `m`, `t`, `p` and `#` on the marked todos change all
//! of them in one write, say how many, and `u` takes the whole batch back in one step.

use super::*;
use softly::fields::{Due, Priority, Recurrence};
use softly::store::Details;

fn count_live(app: &TestApp) -> usize {
    app.session
        .store()
        .live_todos(TodoScope::All)
        .unwrap()
        .len()
}

/// The Inbox of `sample`, with "three" due daily (it makes its next occurrence when ticked).
fn sample_with_a_daily_three(s: &mut Store) {
    for t in ["one", "two"] {
        s.add_todo(t, None, at(T0 - DAY)).unwrap();
    }
    let daily = Details {
        due: Some(Due {
            at: at(T0 + DAY),
            has_time: false,
        }),
        every: Some(Recurrence::Days(1)),
        ..Details::default()
    };
    s.add_todo_with("three", None, daily, at(T0 - DAY)).unwrap();
    s.add_list("Work", at(T0 - DAY)).unwrap();
}

#[test]
fn space_ticks_every_marked_todo_as_one_step_and_u_takes_them_all_back() {
    let mut app = TestApp::new(sample_with_a_daily_three);
    app.keys("vjjv"); // "one" and "three"
    app.keys("<Space>");
    assert!(todo_named(&app, "one").done);
    assert!(!todo_named(&app, "two").done, "not marked: not ticked");
    assert_eq!(
        count_live(&app),
        4,
        "the daily one made its next occurrence"
    );
    assert_eq!(
        app.status(),
        "Marked 2 todos done; 1 recurring one comes back — u to undo"
    );
    assert!(
        app.session.app.marked_todos.is_empty(),
        "the marks are used"
    );
    let made = app.session.store().live_todos(TodoScope::All).unwrap();
    app.keys("u");
    assert_eq!(app.status(), "Undid marking 2 todos done");
    assert!(!todo_named(&app, "one").done);
    assert_eq!(count_live(&app), 3, "the occurrence is taken back");
    assert_eq!(
        todo_named(&app, "three").every,
        Some(Recurrence::Days(1)),
        "the rule is back on the todo ticked"
    );
    // Redo puts back the very occurrence (the same id), not a new one.
    app.keys("U");
    assert_eq!(app.status(), "Redid marking 2 todos done");
    assert_eq!(
        app.session.store().live_todos(TodoScope::All).unwrap(),
        made
    );
}

#[test]
fn space_on_marked_todos_all_done_unticks_them_and_one_done_already_is_counted() {
    let mut app = TestApp::new(sample);
    app.keys("<Space>"); // "one" done
    app.keys("vjv<Space>"); // "one" (done) and "two" (open): both done
    assert_eq!(
        app.status(),
        "Marked 1 todo done (1 was so already) — u to undo"
    );
    app.keys("u");
    assert!(todo_named(&app, "one").done, "the step holds only 'two'");
    assert!(!todo_named(&app, "two").done);
    app.keys("ggvjv<Space>"); // "one" done, "two" open again: both done
    app.keys("ggvjv<Space>"); // both done: both open
    assert_eq!(app.status(), "Marked 2 todos not done — u to undo");
    assert!(!todo_named(&app, "one").done && !todo_named(&app, "two").done);
}

#[test]
fn m_moves_every_marked_todo_to_the_list_chosen_and_u_puts_each_back_in_place() {
    let mut app = TestApp::new(sample);
    app.keys("vjjv"); // "one" and "three"
    app.keys("m");
    assert!(app.screen().contains("Move 2 todos to"), "{}", app.screen());
    app.keys("j<Enter>"); // Groceries, Work
    assert_eq!(app.status(), "Moved 2 todos to 'Work' — u to undo");
    assert_eq!(app.shown_todos(), ["two"]);
    let work = todo_named(&app, "one").list.unwrap().1;
    assert_eq!(work, "Work");
    assert_eq!(todo_named(&app, "three").list.unwrap().1, "Work");
    app.keys("u");
    assert_eq!(app.status(), "Undid the move of 2 todos");
    assert_eq!(
        app.shown_todos(),
        ["one", "two", "three"],
        "each in its place"
    );
}

#[test]
fn t_and_p_set_every_marked_todo_and_each_is_its_own_undo_step() {
    let mut app = TestApp::new(sample);
    app.session.resize(120, 30);
    app.keys("vjjv"); // "one" and "three"
    app.keys("t");
    assert!(
        app.screen().contains("due (2 marked): "),
        "{}",
        app.screen()
    );
    app.type_text("fri").keys("<Enter>");
    let friday = "2026-11-27T23:59:59.999Z".parse().unwrap();
    assert_eq!(todo_named(&app, "one").due.unwrap().at, friday);
    assert_eq!(todo_named(&app, "three").due.unwrap().at, friday);
    assert_eq!(todo_named(&app, "two").due, None);
    assert!(
        app.status().ends_with(": 2 todos — u to undo"),
        "{}",
        app.status()
    );
    // The marks are used; mark again and step the priority of both together.
    app.keys("ggvjjv");
    app.keys("p");
    assert_eq!(app.status(), "Priority high: 2 todos — u to undo");
    app.keys("ggvjjvp");
    assert_eq!(todo_named(&app, "one").priority, Some(Priority::Medium));
    assert_eq!(todo_named(&app, "three").priority, Some(Priority::Medium));
    app.keys("uu");
    assert_eq!(todo_named(&app, "one").priority, None);
    assert_eq!(
        todo_named(&app, "three").due.unwrap().at,
        friday,
        "one step each"
    );
    app.keys("u");
    assert_eq!(todo_named(&app, "three").due, None);
}

#[test]
fn hash_adds_a_tag_to_every_marked_todo_and_minus_takes_it_off_the_title_too() {
    let mut app = TestApp::new(|s| {
        s.add_todo("call mum #home", None, at(T0)).unwrap();
        s.add_todo("fix the shelf", None, at(T0)).unwrap();
        s.add_todo("pay rent", None, at(T0)).unwrap();
    });
    app.session.resize(120, 30);
    app.keys("V#");
    assert!(
        app.screen().contains("tag (3 marked): "),
        "{}",
        app.screen()
    );
    app.type_text("Home").keys("<Enter>");
    assert_eq!(
        app.status(),
        "Tagged 2 todos #Home (1 was so already) — u to undo"
    );
    let tagged = app.session.store().live_todos_tagged("home").unwrap();
    assert_eq!(tagged.len(), 3);
    assert!(
        app.screen().contains("fix the shelf  #Home"),
        "{}",
        app.screen()
    );
    // Off every one: out of the title too.
    app.keys("V#").type_text("-home").keys("<Enter>");
    assert_eq!(app.status(), "Took #home off 3 todos — u to undo");
    assert!(
        app.session
            .store()
            .live_todos_tagged("home")
            .unwrap()
            .is_empty()
    );
    assert_eq!(app.shown_todos(), ["call mum", "fix the shelf", "pay rent"]);
    app.keys("u");
    assert_eq!(
        app.shown_todos(),
        ["call mum #home", "fix the shelf", "pay rent"]
    );
    assert_eq!(
        app.session.store().live_todos_tagged("home").unwrap().len(),
        3
    );
    // Without marks, `#` tags the selected todo; nothing sensible typed is refused.
    app.keys("G#").type_text("#").keys("<Enter>");
    assert!(
        app.status().starts_with("A tag needs a letter"),
        "{}",
        app.status()
    );
    app.keys("<C-u>").type_text("bills").keys("<Enter>");
    assert_eq!(
        app.session
            .store()
            .own_tags(todo_named(&app, "pay rent").id)
            .unwrap(),
        ["bills", "Home"],
        "its own tags, in the order of their lower case"
    );
}

#[test]
fn a_batch_refused_for_one_todo_changes_none_of_them() {
    let mut app = TestApp::new(sample_with_a_daily_three);
    app.keys("Vt").type_text("none").keys("<Enter>");
    // "three" repeats: it needs a due date, so nothing changed at all.
    assert!(app.status().contains("due date"), "{}", app.status());
    assert!(todo_named(&app, "three").due.is_some());
    app.keys("<Esc>");
    assert_eq!(todo_named(&app, "one").due, None);
}

/// Bug (found trying it at 60 columns): the due and tag editors were dropped whole from a
/// narrow row, so what was typed could not be seen. The hint goes first, then the typing
/// narrows; the text typed always shows.
#[test]
fn the_due_and_tag_editors_show_what_is_typed_in_a_narrow_pane() {
    let mut app = TestApp::new(sample);
    app.session.resize(60, 20);
    app.keys("Vt").type_text("fri");
    let screen = app.screen();
    let line = screen
        .lines()
        .find(|l| l.contains("due (3 marked)"))
        .unwrap_or_default();
    assert!(line.contains("fri"), "{screen}");
    app.keys("<Esc>#").type_text("home"); // the marks stay
    let screen = app.screen();
    let line = screen
        .lines()
        .find(|l| l.contains("tag (3 marked)"))
        .unwrap_or_default();
    assert!(line.contains("home"), "{screen}");
}
