//! The todo pane: adding, editing, marking done, deleting, moving and reordering todos.

use super::*;

#[test]
fn a_adds_a_todo_to_the_shown_list_and_selects_it() {
    let mut app = TestApp::new(sample);
    app.keys("hjl"); // Groceries
    app.keys("a").type_text("bread").keys("<Enter>");
    assert_eq!(app.shown_todos(), ["milk", "eggs", "bread"]);
    assert_eq!(selected_todo(&app), "bread");
    assert_eq!(app.session.app.mode, Mode::Normal);
    let todo = &app.session.store().live_todos(TodoScope::All).unwrap()[5];
    assert_eq!(todo.title, "bread");
    assert_eq!(todo.list.as_ref().unwrap().1, "Groceries");
    assert_eq!(todo.created_at, at(T0));
}

#[test]
fn escape_cancels_an_add_and_an_empty_add_writes_nothing() {
    let mut app = TestApp::new(sample);
    app.keys("a").type_text("never mind").keys("<Esc>");
    app.keys("a<Enter>");
    assert_eq!(app.session.app.mode, Mode::Normal);
    assert_eq!(app.stored_todos().len(), 5);
}

#[test]
fn the_editor_has_word_motions_and_takes_pastes_as_one_line() {
    let mut app = TestApp::new(sample);
    app.keys("a")
        .type_text("buy milk now")
        .keys("<C-w><C-Left>")
        .type_text("oat ")
        .paste("and\nbread ")
        .keys("<Enter>");
    assert_eq!(selected_todo(&app), "buy oat and bread milk");
}

#[test]
fn e_edits_the_selected_title() {
    let mut app = TestApp::new(sample);
    app.keys("je")
        .keys("<Backspace><Backspace><Backspace>")
        .type_text("2")
        .keys("<Enter>");
    assert_eq!(app.shown_todos(), ["one", "2", "three"]);
}

#[test]
fn a_refused_edit_keeps_the_editor_and_the_text() {
    let mut app = TestApp::new(sample);
    let long = "x".repeat(501);
    app.keys("e").paste(&long).keys("<Enter>");
    assert!(app.status().contains("too long"), "{}", app.status());
    match &app.session.app.mode {
        Mode::Edit { editor, .. } => assert_eq!(editor.text(), format!("one{long}")),
        other => panic!("the editor closed: {other:?}"),
    }
}

#[test]
fn space_and_x_toggle_done() {
    let mut app = TestApp::new(sample);
    app.keys("<Space>");
    assert!(app.session.app.todos.selected().unwrap().done);
    app.keys("x");
    assert!(!app.session.app.todos.selected().unwrap().done);
    app.keys("<Space>");
    assert_eq!(
        app.session.app.lists[3].open, 2,
        "the Inbox's open count follows"
    );
}

#[test]
fn d_moves_the_todo_to_the_trash_and_says_how_to_undo() {
    let mut app = TestApp::new(sample);
    app.keys("jd");
    assert_eq!(app.shown_todos(), ["one", "three"]);
    assert_eq!(selected_todo(&app), "three", "the selection stays in place");
    assert_eq!(app.status(), "Moved to Trash — u to undo");
    assert_eq!(app.session.app.trash_total, Some(1));
    app.keys("<Delete>");
    assert_eq!(app.session.app.trash_total, Some(2));
}

#[test]
fn m_moves_a_todo_to_the_chosen_list() {
    let mut app = TestApp::new(sample);
    app.keys("m");
    match &app.session.app.mode {
        Mode::MoveTo(picker) => {
            let names: Vec<&str> = picker.choices.iter().map(|(_, n)| n.as_str()).collect();
            assert_eq!(
                names,
                ["Groceries", "Work"],
                "the Inbox itself is not offered"
            );
        }
        other => panic!("no picker: {other:?}"),
    }
    app.keys("j<Enter>");
    assert_eq!(app.status(), "Moved to 'Work' — u to undo");
    assert_eq!(app.shown_todos(), ["two", "three"]);
    app.keys("hjjl");
    assert_eq!(app.shown_todos(), ["one"]);
}
