//! The filter, the `?` help, quitting, and a read-only database.

use super::*;

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

/// Keys as they arrive in one burst from the terminal: `\n` is Enter.
fn burst(text: &str) -> Vec<ratatui::crossterm::event::Event> {
    use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
    text.chars()
        .map(|c| {
            let code = if c == '\n' {
                KeyCode::Enter
            } else {
                KeyCode::Char(c)
            };
            Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
        })
        .collect()
}

#[test]
fn a_burst_of_keys_typed_into_the_filter_reads_the_store_once() {
    let mut typed = TestApp::new(sample);
    let mut burst_app = TestApp::new(sample);
    typed.keys("/");
    burst_app.keys("/");
    let (typed_before, burst_before) = (typed.session.reloads(), burst_app.session.reloads());
    typed.type_text("thr");
    burst_app.session.handle_events(burst("thr"));
    assert_eq!(
        typed.session.reloads() - typed_before,
        3,
        "one read per key, typed slowly"
    );
    assert_eq!(
        burst_app.session.reloads() - burst_before,
        1,
        "one read for the burst"
    );
    assert_eq!(burst_app.session.app.todo_filter, "thr");
    assert_eq!(burst_app.shown_todos(), typed.shown_todos());
    assert_eq!(burst_app.shown_todos(), ["three"]);
    // A burst that leaves the filter and goes on acts on the rows the filter left.
    burst_app.session.handle_events(burst("\nx"));
    assert_eq!(burst_app.session.app.mode, Mode::Normal);
    let three = burst_app
        .session
        .store()
        .live_todos(TodoScope::All)
        .unwrap()
        .into_iter()
        .find(|t| t.title == "three")
        .unwrap();
    assert!(three.done, "x marked the todo the filter showed");
}

/// Issue 25, 18: the help starts with the keys of the pane it was opened from.
#[test]
fn the_help_starts_with_the_keys_of_the_pane_it_was_opened_from() {
    let mut app = TestApp::new(sample);
    app.session.resize(80, 40);
    let first_heading = |app: &TestApp| {
        let screen = app.screen();
        let line = screen.lines().find(|l| l.contains("Keys ·")).unwrap();
        let at = line.find("Keys ·").unwrap();
        let next = screen
            .lines()
            .skip_while(|l| !l.contains("Keys ·"))
            .nth(1)
            .unwrap();
        next.chars()
            .skip(line[..at].chars().count() - 2)
            .collect::<String>()
    };
    app.keys("?");
    assert!(
        first_heading(&app).contains("Todos (right pane)"),
        "{}",
        app.screen()
    );
    app.keys("<Esc>h?");
    assert!(
        first_heading(&app).contains("Lists (left pane)"),
        "{}",
        app.screen()
    );
    app.keys("<Esc>2?");
    assert!(first_heading(&app).contains("Trash"), "{}", app.screen());
}
