//! Moving around: keys, pages, the mouse, sizes.

use super::*;

#[test]
fn j_k_g_and_capital_g_move_the_selection() {
    let mut app = TestApp::new(sample);
    assert_eq!(selected_todo(&app), "one");
    app.keys("j");
    assert_eq!(selected_todo(&app), "two");
    app.keys("<Down>G");
    assert_eq!(selected_todo(&app), "three");
    app.keys("k");
    assert_eq!(selected_todo(&app), "two");
    app.keys("g");
    assert_eq!(selected_todo(&app), "one");
    app.keys("<End>");
    assert_eq!(selected_todo(&app), "three");
    app.keys("<Home><Up>");
    assert_eq!(selected_todo(&app), "one", "the top stays the top");
}

#[test]
fn page_keys_move_by_a_screenful_and_only_the_visible_rows_are_loaded() {
    let mut app = TestApp::new(|s| {
        for i in 0..100 {
            s.add_todo(&format!("todo {i:03}"), None, at(T0)).unwrap();
        }
    });
    let rows = app.session.app.page_rows();
    assert_eq!(app.session.app.todos.rows.len() as i64, rows);
    assert_eq!(app.session.app.todos.total, 100);
    app.keys("<PageDown>");
    assert_eq!(selected_todo(&app), format!("todo {rows:03}"));
    app.keys("G");
    assert_eq!(selected_todo(&app), "todo 099");
    assert_eq!(app.shown_todos().last().unwrap(), "todo 099");
    assert_eq!(app.session.app.todos.rows.len() as i64, rows);
    app.keys("<PageUp>");
    assert_eq!(selected_todo(&app), format!("todo {:03}", 99 - rows));
}

#[test]
fn a_session_made_for_the_terminal_size_reads_a_full_screen_for_its_first_frame() {
    use softly::clock::FixedClock;
    use softly::tui::session::Session;
    use softly::tui::theme::Theme;
    let db = TempDb::new();
    {
        let mut s = db.open();
        for i in 0..100 {
            s.add_todo(&format!("todo {i:03}"), None, at(T0)).unwrap();
        }
    }
    let clock = Arc::new(FixedClock::new(at(T0)));
    let session = Session::with_size(
        db.open(),
        Settings::default(),
        clock,
        Theme::plain(),
        (120, 40),
    );
    assert_eq!((session.app.width, session.app.height), (120, 40));
    let rows = session.app.page_rows();
    assert!(
        rows > 24,
        "a 40-line screen shows more than 24 rows: {rows}"
    );
    assert_eq!(session.app.todos.rows.len() as i64, rows);
    assert_eq!(session.app.todos.rows[0].title, "todo 000");
}

#[test]
fn tabs_switch_with_numbers_tab_and_shift_tab() {
    let mut app = TestApp::new(sample);
    app.keys("2");
    assert_eq!(app.session.app.tab, Tab::Trash);
    app.keys("1");
    assert_eq!(app.session.app.tab, Tab::Todos);
    app.keys("<Tab>");
    assert_eq!(app.session.app.tab, Tab::Trash);
    app.keys("<BackTab>");
    assert_eq!(app.session.app.tab, Tab::Todos);
}

#[test]
fn h_and_l_move_focus_and_the_list_pane_picks_the_list_shown() {
    let mut app = TestApp::new(sample);
    app.keys("h");
    assert_eq!(app.session.app.focus, Pane::Lists);
    app.keys("j");
    assert_eq!(app.shown_todos(), ["milk", "eggs"]);
    app.keys("j");
    assert!(app.shown_todos().is_empty());
    assert!(app.screen().contains("No todos yet — press a to add one"));
    app.keys("<Right>");
    assert_eq!(app.session.app.focus, Pane::Todos);
    app.keys("<Left>k");
    assert_eq!(app.shown_todos(), ["milk", "eggs"]);
}

#[test]
fn the_mouse_selects_tabs_and_rows_and_the_wheel_scrolls() {
    let mut app = TestApp::new(sample);
    // The list pane's rows start on screen row 2 (after the header and the border): Today,
    // Upcoming, All, the Inbox, then Groceries on row 6.
    app.click(5, 6);
    assert_eq!(app.session.app.focus, Pane::Lists);
    assert_eq!(app.shown_todos(), ["milk", "eggs"]);
    app.click(40, 3);
    assert_eq!(app.session.app.focus, Pane::Todos);
    assert_eq!(selected_todo(&app), "eggs");
    app.keys("g").scroll_down();
    assert_eq!(selected_todo(&app), "eggs");
    app.click(12, 0); // the Trash tab title
    assert_eq!(app.session.app.tab, Tab::Trash);
}
