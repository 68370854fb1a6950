//! The app's behaviour, key by key, on a temporary database with a test clock.

mod common;

use common::app::TestApp;
use common::*;
use std::sync::Arc;
use std::time::{Duration, Instant};

use jiff::SignedDuration;
use softly::config::Settings;
use softly::store::{Store, TodoId, TodoScope, Trigger};
use softly::tui::action::{Pane, Tab};
use softly::tui::mode::Mode;

/// Inbox: "one", "two", "three"; list Groceries: "milk", "eggs"; list Work: empty.
fn sample(s: &mut Store) {
    for t in ["one", "two", "three"] {
        s.add_todo(t, None, at(T0 - DAY)).unwrap();
    }
    let groceries = s.add_list("Groceries", at(T0 - DAY)).unwrap();
    s.add_todo("milk", Some(groceries), at(T0 - DAY)).unwrap();
    s.add_todo("eggs", Some(groceries), at(T0 - DAY)).unwrap();
    s.add_list("Work", at(T0 - DAY)).unwrap();
}

fn selected_todo(app: &TestApp) -> String {
    app.session.app.todos.selected().unwrap().title.clone()
}

// ---- moving around ------------------------------------------------------------------------

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
    // The list pane's rows start on screen row 2 (after the header and the border).
    app.click(5, 3);
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

// ---- todos --------------------------------------------------------------------------------

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
    assert_eq!(app.session.app.lists[0].open, 2, "the open count follows");
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

// ---- lists --------------------------------------------------------------------------------

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
    assert_eq!(names, ["Inbox", "Groceries", "Work", "Home"]);

    app.keys("gj"); // Groceries
    app.keys("e<C-w>").type_text("Shopping").keys("<Enter>");
    assert_eq!(app.session.app.lists[1].name, "Shopping");

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
        4,
        "Enter on the default (No) keeps the list"
    );
    app.keys("dy");
    assert_eq!(app.session.app.lists.len(), 3);
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

// ---- trash --------------------------------------------------------------------------------

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

// ---- filter, help, quit ---------------------------------------------------------------------

#[test]
fn slash_filters_the_view_as_you_type_and_escape_clears_it() {
    let mut app = TestApp::new(sample);
    app.keys("/").type_text("T");
    assert_eq!(app.shown_todos(), ["two", "three"]);
    app.type_text("h");
    assert_eq!(app.shown_todos(), ["three"]);
    app.keys("<Enter>");
    assert_eq!(app.session.app.mode, Mode::Normal);
    assert_eq!(app.shown_todos(), ["three"], "Enter keeps the filter");
    app.keys("<Esc>");
    assert_eq!(app.shown_todos(), ["one", "two", "three"]);
    app.keys("/zzz");
    assert!(
        app.screen()
            .contains("No todos match 'zzz' — Esc clears the filter")
    );
}

#[test]
fn a_short_filtered_view_read_once_still_follows_changes_and_the_cursor() {
    // A filter matching fewer than a screenful is read once and kept; it must not go stale.
    let mut app = TestApp::new(|s| {
        sample(s);
        for t in ["toast", "tart", "tilt", "tent", "tusk"] {
            s.add_todo(t, None, at(T0)).unwrap();
        }
    });
    app.keys("/").type_text("t").keys("<Enter>");
    assert_eq!(
        app.shown_todos(),
        ["two", "three", "toast", "tart", "tilt", "tent", "tusk"]
    );
    app.keys("j");
    assert_eq!(
        selected_todo(&app),
        "three",
        "moving within the loaded view"
    );
    {
        let mut other = app.db.open();
        other.add_todo("tea", None, at(T0)).unwrap();
    }
    app.advance(SignedDuration::from_millis(250));
    let all = [
        "two", "three", "toast", "tart", "tilt", "tent", "tusk", "tea",
    ];
    assert_eq!(app.shown_todos(), all, "another writer's match shows");
    assert_eq!(app.session.app.todos.total, 8);
    // A window too short for the view reads a part; grown again, it reads the rest.
    app.session.resize(80, 10);
    let part = app.session.app.todos.rows.len();
    assert!(part < all.len(), "the short window shows {part} rows");
    app.session.resize(80, 24);
    assert_eq!(app.shown_todos(), all);
    app.keys("d");
    assert_eq!(
        app.shown_todos(),
        ["two", "toast", "tart", "tilt", "tent", "tusk", "tea"],
        "a delete shows at once"
    );
    assert_eq!(app.session.app.todos.total, 7);
}

#[test]
fn a_long_filtered_view_counts_every_match_and_pages_to_the_last() {
    // More matches than a screenful: the first screen and the count come from one pass,
    // the count taken on from where the screen's rows ended.
    let mut app = TestApp::new(|s| {
        for i in 0..300 {
            let title = if i % 3 == 0 {
                format!("match {i:03}")
            } else {
                format!("other {i:03}")
            };
            let id = s.add_todo(&title, None, at(T0)).unwrap();
            if i % 2 == 1 {
                s.trash_todos(&[id], at(T0 + i)).unwrap();
            }
        }
    });
    app.keys("/").type_text("match").keys("<Enter>");
    let rows = app.session.app.page_rows() as usize;
    let live: Vec<String> = (0..300)
        .filter(|i| i % 3 == 0 && i % 2 == 0)
        .map(|i| format!("match {i:03}"))
        .collect();
    assert!(live.len() > rows, "{} matches, {rows} rows", live.len());
    assert_eq!(app.session.app.todos.total, live.len() as i64);
    assert_eq!(app.shown_todos(), live[..rows]);
    app.keys("G");
    assert_eq!(selected_todo(&app), "match 294");
    assert_eq!(app.shown_todos(), live[live.len() - rows..]);
    app.keys("g");
    assert_eq!(app.shown_todos(), live[..rows]);
    // The same for the Trash, in its order (the soonest purge first).
    app.keys("2/").type_text("match").keys("<Enter>");
    let trashed: Vec<String> = (0..300)
        .filter(|i| i % 3 == 0 && i % 2 == 1)
        .map(|i| format!("match {i:03}"))
        .collect();
    assert!(trashed.len() > rows);
    assert_eq!(app.session.app.trash.total, trashed.len() as i64);
    assert_eq!(app.shown_trash(), trashed[..rows]);
    assert_eq!(app.session.app.trash_total, Some(150));
}

#[test]
fn the_trash_has_its_own_filter() {
    let mut app = TestApp::new(sample);
    app.keys("ddd2/").type_text("tw").keys("<Enter>");
    assert_eq!(app.shown_trash(), ["two"]);
    assert_eq!(
        app.session.app.trash_total,
        Some(3),
        "the tab still counts everything"
    );
    app.keys("1");
    assert!(app.session.app.todo_filter.is_empty());
}

#[test]
fn question_mark_opens_the_help_which_scrolls_and_closes_only_on_its_keys() {
    let mut app = TestApp::new(sample);
    app.session.resize(80, 16);
    app.keys("?");
    assert_eq!(app.session.app.mode, Mode::Help(0));
    assert!(app.screen().contains("j/k scroll"), "{}", app.screen());
    // Scrolling keys scroll, and never close it or act on the list below.
    app.keys("jj");
    assert_eq!(app.session.app.mode, Mode::Help(2));
    app.keys("<PageDown>G");
    assert!(app.screen().contains("close this help"), "{}", app.screen());
    app.keys("ax");
    assert!(matches!(app.session.app.mode, Mode::Help(_)));
    app.keys("<Esc>");
    assert_eq!(app.session.app.mode, Mode::Normal);
    assert_eq!(selected_todo(&app), "one", "nothing below moved");
    assert_eq!(app.stored_todos().len(), 5, "nothing was added");
    app.keys("??");
    assert_eq!(app.session.app.mode, Mode::Normal, "? closes it too");
}

/// At 60 columns the footer still shows help and quit, dropping other hints first.
#[test]
fn a_narrow_footer_keeps_help_and_quit() {
    let mut app = TestApp::new(sample);
    app.session.resize(60, 20);
    let screen = app.screen();
    let footer = screen.lines().nth(18).unwrap();
    assert!(
        footer.contains("? help") && footer.contains("q quit"),
        "{footer}"
    );
}

#[test]
fn q_and_ctrl_c_quit_but_ctrl_c_in_the_editor_only_cancels_the_edit() {
    let mut app = TestApp::new(sample);
    app.keys("a").type_text("half typed").keys("<C-c>");
    assert!(!app.session.app.quit);
    assert_eq!(app.session.app.mode, Mode::Normal);
    app.keys("<C-c>");
    assert!(app.session.app.quit);
    let mut app = TestApp::new(sample);
    app.keys("q");
    assert!(app.session.app.quit);
}

// ---- undo ---------------------------------------------------------------------------------

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
    assert_eq!(app.session.app.lists.len(), 2);
    app.keys("u");
    assert_eq!(app.session.app.lists.len(), 3);
    assert_eq!(app.session.app.lists[1].todos, 2);
}

// ---- time: the purge timer ----------------------------------------------------------------

#[test]
fn the_timer_purge_fires_when_the_oldest_entry_reaches_its_purge_time() {
    let mut app = TestApp::new(sample);
    app.keys("d");
    app.advance(SignedDuration::from_hours(1));
    app.keys("d"); // "two", an hour younger
    app.keys("2");
    assert_eq!(app.shown_trash(), ["one", "two"]);
    // The loop will wake for the purge: the first entry expires 30 days after T0.
    let until_expiry = SignedDuration::from_hours(30 * 24 - 1);
    app.advance(until_expiry - SignedDuration::from_millis(1));
    assert_eq!(app.shown_trash(), ["one", "two"], "still there 1 ms before");
    assert!(app.session.next_wake() <= std::time::Duration::from_millis(1));
    app.advance(SignedDuration::from_millis(1));
    assert_eq!(app.shown_trash(), ["two"]);
    assert_eq!(app.status(), "Purged 1 item deleted more than 30 days ago");
    let log = app.session.store().purge_log().unwrap();
    assert_eq!(log[0].trigger, Trigger::Timer);
}

#[test]
fn the_startup_purge_runs_when_asked_and_says_what_it_took() {
    let mut app = TestApp::new(|s| {
        sample(s);
        let id = s.add_todo("ancient", None, at(T0 - 40 * DAY)).unwrap();
        s.trash_todos(&[id], at(T0 - 31 * DAY)).unwrap();
    });
    // Not shown even before the purge has run: it is past its time.
    app.keys("2");
    assert!(app.shown_trash().is_empty());
    assert_eq!(app.session.app.trash_total, Some(0));
    app.session.startup_purge();
    // It runs on its own thread; the next tick after it ends says what it took.
    let deadline = Instant::now() + Duration::from_secs(30);
    while app.session.app.status.is_none() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(5));
        app.session.tick();
    }
    assert_eq!(app.status(), "Purged 1 item deleted more than 30 days ago");
    assert_eq!(
        app.session.store().purge_log().unwrap()[0].trigger,
        Trigger::Startup
    );
}

#[test]
fn a_startup_purge_never_holds_up_the_keys_and_finishes_before_the_app_ends() {
    let mut app = TestApp::new(|s| {
        sample(s);
        let id = s.add_todo("ancient", None, at(T0 - 40 * DAY)).unwrap();
        s.trash_todos(&[id], at(T0 - 31 * DAY)).unwrap();
    });
    // Another writer holds the lock, so the purge has to wait for it (as it would wait
    // through a big backlog). Before the purge had its own thread, this call sat out the
    // whole busy timeout and every key with it.
    let holder = rusqlite::Connection::open(app.db.path()).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE;").unwrap();
    let started = Instant::now();
    app.session.startup_purge();
    app.keys("jj").keys("2").keys("1");
    app.session.tick();
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(
        selected_todo(&app),
        "three",
        "the keys were handled meanwhile"
    );
    assert_eq!(
        app.session.store().trash_count().unwrap(),
        1,
        "not purged yet"
    );
    holder.execute_batch("ROLLBACK;").unwrap();
    // Ending the app waits for the purge rather than cutting it off.
    app.session.finish_purge();
    assert_eq!(app.session.store().trash_count().unwrap(), 0);
    assert_eq!(app.status(), "Purged 1 item deleted more than 30 days ago");
}

/// 10,001 entries past a 30-day retention, more than the app counts before its first purge,
/// and two that are not.
fn big_expired_backlog(s: &mut Store) {
    use softly::store::rows::{EntryRow, Rows, TodoRow};
    let mut rows = Rows::default();
    for i in 0..10_003 {
        let id = i + 1;
        let expired = i >= 2;
        let deleted_at = if expired { T0 - 40 * DAY } else { T0 - DAY + i };
        rows.entries.push(EntryRow {
            id,
            kind: "todo".into(),
            deleted_at,
        });
        rows.todos.push(TodoRow {
            id,
            title: format!("gone {i}"),
            list: None,
            list_erased: false,
            done: false,
            position: id,
            created_at: T0 - 50 * DAY,
            trash_entry: Some(id),
        });
    }
    s.import(&rows, at(T0)).unwrap();
    s.add_todo("live", None, at(T0)).unwrap();
}

#[test]
fn a_big_expired_backlog_is_left_to_the_purge_and_not_counted_before_the_first_frame() {
    let mut app = TestApp::new(big_expired_backlog);
    // The first frame does not wait for 10,001 expired entries to be counted.
    assert_eq!(app.session.app.trash_total, None);
    assert!(app.screen().contains("Trash (…)"), "{}", app.screen());
    assert_eq!(app.shown_todos(), ["live"]);
    // Opening the Trash before the purge has run counts it there and then.
    app.keys("2");
    assert_eq!(app.session.app.trash_total, Some(2));
    assert_eq!(app.shown_trash(), ["gone 0", "gone 1"]);
    assert!(app.screen().contains("Trash (2)"), "{}", app.screen());
    // Until the purge lands, the Todos tab leaves the backlog uncounted again after a write;
    // the Trash tab counts what the write added.
    app.keys("1d");
    assert_eq!(app.session.app.trash_total, None);
    app.keys("2");
    assert_eq!(app.session.app.trash_total, Some(3));
    assert_eq!(app.shown_trash(), ["gone 0", "gone 1", "live"]);
}

#[test]
fn the_trash_tab_gets_its_number_when_the_startup_purge_has_taken_the_backlog() {
    let mut app = TestApp::new(big_expired_backlog);
    assert_eq!(app.session.app.trash_total, None);
    app.session.startup_purge();
    app.session.finish_purge();
    assert_eq!(
        app.status(),
        "Purged 10001 items deleted more than 30 days ago"
    );
    assert_eq!(app.session.app.trash_total, Some(2));
    assert!(app.screen().contains("Trash (2)"), "{}", app.screen());
}

#[test]
fn a_backlog_the_purge_cannot_take_is_counted_once_it_has_tried() {
    let mut app = TestApp::new(big_expired_backlog);
    let holder = rusqlite::Connection::open(app.db.path()).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE;").unwrap();
    app.session.startup_purge();
    app.session.finish_purge();
    holder.execute_batch("ROLLBACK;").unwrap();
    assert!(
        app.status().starts_with("Purge postponed"),
        "{}",
        app.status()
    );
    assert_eq!(app.session.app.trash_total, Some(2));
}

#[test]
fn the_routine_purge_runs_every_purge_interval() {
    let settings = Settings {
        retention: "1h".parse().unwrap(),
        purge_interval: SignedDuration::from_mins(5),
        ..Settings::default()
    };
    let mut app = TestApp::with_settings(settings, sample);
    // Written by another process, deleted long ago, while the app runs.
    {
        let mut other = app.db.open();
        let id = other.add_todo("stale", None, at(T0)).unwrap();
        other.trash_todos(&[id], at(T0 - 2 * HOUR)).unwrap();
    }
    app.advance(SignedDuration::from_mins(5));
    assert_eq!(app.session.store().trash_count().unwrap(), 0);
}

#[test]
fn changes_from_another_process_appear_on_the_next_tick() {
    let mut app = TestApp::new(sample);
    {
        let mut other = app.db.open();
        other.add_todo("from the CLI", None, at(T0)).unwrap();
    }
    app.advance(SignedDuration::from_millis(250));
    assert_eq!(app.shown_todos(), ["one", "two", "three", "from the CLI"]);
}

#[test]
fn a_busy_database_is_a_message_and_the_typed_text_is_kept() {
    let mut app = TestApp::new(sample);
    let holder = rusqlite::Connection::open(app.db.path()).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE;").unwrap();
    app.keys("a").type_text("important").keys("<Enter>");
    assert!(
        app.status().contains("locked by another program"),
        "{}",
        app.status()
    );
    assert!(
        matches!(&app.session.app.mode, Mode::Edit { editor, .. } if editor.text() == "important")
    );
    holder.execute_batch("ROLLBACK;").unwrap();
    app.keys("<Enter>");
    assert_eq!(app.session.app.mode, Mode::Normal);
    assert!(app.stored_todos().contains(&"important".to_string()));
}

#[test]
fn on_a_read_only_database_every_writing_key_says_so_and_nothing_opens() {
    let mut app = TestApp::new(sample);
    app.session.app.read_only = true;
    for key in ["a", "e", "x", "d", "m", "u"] {
        app.session.app.status = None;
        app.keys(key);
        assert_eq!(
            app.status(),
            "The database is read-only; nothing can be changed",
            "key {key}"
        );
        assert_eq!(app.session.app.mode, Mode::Normal, "key {key}");
    }
    app.keys("j/t");
    assert_eq!(app.shown_todos(), ["two", "three"], "reading still works");
}

#[test]
fn a_purge_blocked_by_another_writer_is_postponed_without_spinning_the_loop() {
    let mut app = TestApp::new(sample);
    app.keys("d2");
    assert_eq!(app.shown_trash(), ["one"]);
    app.clock.advance(SignedDuration::from_hours(30 * 24));
    let holder = rusqlite::Connection::open(app.db.path()).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE;").unwrap();
    // The timed purge runs on its worker, which never sits out the lock: it is postponed
    // at once, and the keys never wait for it at all.
    let started = std::time::Instant::now();
    app.session.tick();
    assert!(app.session.purging(), "the purge runs off the UI thread");
    app.session.finish_purge();
    assert!(started.elapsed() < std::time::Duration::from_secs(1));
    assert!(
        app.status().starts_with("Purge postponed"),
        "{}",
        app.status()
    );
    // Not purged yet, but past its time: no longer shown.
    assert_eq!(app.session.store().trash_count().unwrap(), 1);
    assert!(app.shown_trash().is_empty());
    assert_eq!(app.session.app.trash_total, Some(0));
    // And the next tick does not sit out the lock all over again.
    let started = std::time::Instant::now();
    app.session.tick();
    assert!(started.elapsed() < std::time::Duration::from_secs(1));
    assert_eq!(
        app.session.next_wake(),
        softly::tui::session::TICK,
        "the loop must not wake at once, again and again, for an entry it cannot purge"
    );
    holder.execute_batch("ROLLBACK;").unwrap();
    // The routine purge takes it once the lock is gone.
    app.advance(SignedDuration::from_mins(5));
    assert_eq!(app.session.store().trash_count().unwrap(), 0);
}

#[test]
fn trash_countdowns_tick_on_screen_without_a_keypress() {
    let mut app = TestApp::new(|s| {
        let id = s.add_todo("soon gone", None, at(T0)).unwrap();
        // Purges 90 seconds after T0.
        s.trash_todos(&[id], at(T0 - 30 * DAY + 90 * SECOND))
            .unwrap();
    });
    app.keys("2");
    assert!(
        app.screen().contains("purges in 1m 30s"),
        "{}",
        app.screen()
    );
    app.advance(SignedDuration::from_secs(1));
    assert!(
        app.screen().contains("purges in 1m 29s"),
        "{}",
        app.screen()
    );
    app.advance(SignedDuration::from_secs(60));
    assert!(app.screen().contains("purges in 29s"), "{}", app.screen());
}

/// Entries deleted 10, 9 and 8 days before T0, one an hour before, and one 31 days before
/// (due under any retention here), with 30 days remembered as the retention in force.
fn trash_of_many_ages(s: &mut Store) {
    for (title, days_ago) in [("ten", 10), ("nine", 9), ("eight", 8), ("ancient", 31)] {
        let id = s.add_todo(title, None, at(T0 - 40 * DAY)).unwrap();
        s.trash_todos(&[id], at(T0 - days_ago * DAY)).unwrap();
    }
    let id = s.add_todo("an hour", None, at(T0 - 2 * HOUR)).unwrap();
    s.trash_todos(&[id], at(T0 - HOUR)).unwrap();
    s.remember_retention("30d".parse().unwrap()).unwrap();
}

fn startup_purge_done(app: &mut TestApp) {
    app.session.startup_purge();
    app.session.finish_purge();
}

/// Promise: a shortened retention (30 days to 3 hours) purges at start only what the old one
/// would have, then asks once, naming the counts, with "keep" the default; keeping changes
/// nothing, and the Trash goes on following the old retention.
#[test]
fn a_shortened_retention_asks_before_purging_and_keeping_is_the_default() {
    let settings = Settings {
        retention: "3h".parse().unwrap(),
        ..Settings::default()
    };
    let mut app = TestApp::with_settings(settings.clone(), trash_of_many_ages);
    startup_purge_done(&mut app);
    let Mode::Confirm(question) = &app.session.app.mode else {
        panic!("no question: {:?}", app.session.app.mode);
    };
    assert_eq!(
        question.message,
        "Retention is now 3 hours (was 30 days): 3 entries, with 3 todos, would be purged now. Purge them?"
    );
    assert_eq!(
        (question.yes, question.no, question.yes_selected),
        ("Purge them", "Keep them for now", false)
    );
    app.keys("<Enter>");
    assert_eq!(app.session.app.mode, Mode::Normal);
    assert!(
        app.status().starts_with("Kept: purges follow 30 days"),
        "{}",
        app.status()
    );
    app.keys("2");
    assert_eq!(app.shown_trash().len(), 4, "only the 31-day-old entry went");
    // Asked once a run: the timer's purges do not ask again, and keep the old retention.
    app.advance(SignedDuration::from_mins(10));
    assert_eq!(app.session.app.mode, Mode::Normal);
    assert_eq!(app.shown_trash().len(), 4);

    // The next run asks again; yes purges by the new retention.
    let mut app = app.restart(settings);
    startup_purge_done(&mut app);
    assert!(matches!(app.session.app.mode, Mode::Confirm(_)));
    app.keys("y");
    assert_eq!(app.status(), "Purged 3 items: retention is now 3 hours");
    assert_eq!(
        app.session.store().trash_count().unwrap(),
        1,
        "the hour-old entry stays"
    );
}

// ---- editors and dialogs whose subject changes elsewhere --------------------------------------

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
    let groceries = app.session.app.lists[1].id.unwrap();
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
    let groceries = app.session.app.lists[1].id.unwrap();
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
    app.keys("gj"); // Groceries
    app.keys("dy");
    assert_eq!(selected(&app), "Work", "the next list, not the Inbox");
    app.keys("u");
    assert_eq!(names(&app), ["Inbox", "Groceries", "Work", "Home"]);

    // Lists: Groceries down, then back up with undo.
    app.keys("gjJ");
    assert_eq!(names(&app), ["Inbox", "Work", "Groceries", "Home"]);
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
    assert_eq!(names(&app), ["Inbox", "Groceries", "Work", "Home"]);
    app.keys("gK");
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
