//! What the screens look like: snapshots of the real drawing code at a fixed size and time.
//! Review changes with `cargo insta review` (or read the `.snap.new` files) before accepting.

mod common;

use common::app::{TestApp, render};
use common::*;
use insta::assert_snapshot;
use softly::config::Settings;
use softly::retention::Retention;
use softly::store::Store;

/// Lists, todos of several ages (one done), and a Trash with entries of several ages.
fn demo(s: &mut Store) {
    s.add_todo(
        "Call the plumber about the dripping tap",
        None,
        at(T0 - 30 * HOUR),
    )
    .unwrap();
    let done = s
        .add_todo("Renew the newspaper subscription", None, at(T0 - 5 * HOUR))
        .unwrap();
    s.set_done(&[done], true).unwrap();
    s.add_todo("Book dentist appointment", None, at(T0 - 3 * DAY))
        .unwrap();
    let groceries = s.add_list("Groceries", at(T0 - 3 * DAY)).unwrap();
    for t in ["Oat milk", "Eggs", "Sourdough bread"] {
        s.add_todo(t, Some(groceries), at(T0 - 2 * DAY)).unwrap();
    }
    s.add_list("Work", at(T0 - 3 * DAY)).unwrap();

    let ink = s
        .add_todo("Buy printer ink", None, at(T0 - 3 * DAY))
        .unwrap();
    s.trash_todos(&[ink], at(T0 - 2 * HOUR)).unwrap();
    let project = s.add_list("Old project", at(T0 - 90 * DAY)).unwrap();
    for t in ["Write the spec", "Draft the budget"] {
        s.add_todo(t, Some(project), at(T0 - 80 * DAY)).unwrap();
    }
    s.trash_list(project, at(T0 - 12 * DAY)).unwrap();
    let gym = s
        .add_todo("Cancel the old gym membership", None, at(T0 - 60 * DAY))
        .unwrap();
    s.trash_todos(&[gym], at(T0 - 30 * DAY + 4 * MINUTE + 30 * SECOND))
        .unwrap();
    let books = s
        .add_todo("Return the library books", None, at(T0 - 60 * DAY))
        .unwrap();
    s.trash_todos(&[books], at(T0 - 29 * DAY + 5 * HOUR))
        .unwrap();
}

#[test]
fn todos_tab() {
    let app = TestApp::new(demo);
    assert_snapshot!(app.screen());
}

#[test]
fn todos_tab_with_the_list_pane_focused_on_a_list() {
    let mut app = TestApp::new(demo);
    app.keys("hj");
    assert_snapshot!(app.screen());
}

#[test]
fn trash_tab_with_countdowns() {
    let mut app = TestApp::new(demo);
    app.keys("2");
    assert_snapshot!(app.screen());
}

#[test]
fn trash_tab_when_auto_purge_is_off() {
    let settings = Settings {
        retention: Retention::Never,
        ..Settings::default()
    };
    let mut app = TestApp::with_settings(settings, demo);
    app.keys("2");
    assert_snapshot!(app.screen());
}

#[test]
fn help_overlay() {
    let mut app = TestApp::new(demo);
    app.keys("?");
    assert_snapshot!(app.screen());
}

#[test]
fn confirm_deleting_a_list() {
    let mut app = TestApp::new(demo);
    app.keys("hjd");
    assert_snapshot!(app.screen());
}

#[test]
fn confirm_erasing_an_entry() {
    let mut app = TestApp::new(demo);
    app.keys("2jjE");
    assert_snapshot!(app.screen());
}

#[test]
fn confirm_emptying_the_trash() {
    let mut app = TestApp::new(demo);
    app.keys("2X");
    assert_snapshot!(app.screen());
}

#[test]
fn add_editor() {
    let mut app = TestApp::new(demo);
    app.keys("a").type_text("Pick up the dry cleaning");
    assert_snapshot!(app.screen());
}

#[test]
fn move_picker() {
    let mut app = TestApp::new(demo);
    app.keys("m");
    assert_snapshot!(app.screen());
}

#[test]
fn filter_as_you_type() {
    let mut app = TestApp::new(demo);
    app.keys("/").type_text("the");
    assert_snapshot!(app.screen());
}

#[test]
fn empty_states() {
    let mut app = TestApp::new(|_| {});
    let todos = app.screen();
    app.keys("2");
    let trash = app.screen();
    assert_snapshot!("empty_todos", todos);
    assert_snapshot!("empty_trash", trash);
}

#[test]
fn terminal_too_small() {
    let app = TestApp::new(demo);
    assert_snapshot!(render(&app.session.app, 30, 8));
}

#[test]
fn wide_and_hostile_titles_stay_inside_their_boxes() {
    let mut app = TestApp::new(|s| {
        let list = s.add_list("買い物リスト", at(T0)).unwrap();
        s.add_todo("placeholder", Some(list), at(T0)).unwrap();
        s.add_todo("emoji 👩‍🔬🧪 and CJK 漢字 mixed", Some(list), at(T0))
            .unwrap();
        // Wide characters at every offset, so some straddle the dialog's left edge.
        for pad in 0..16 {
            let title = format!(
                "{}日本語のとても長いタイトルがここにありますよ本当に長いですね",
                "a".repeat(pad)
            );
            s.add_todo(&title, Some(list), at(T0)).unwrap();
        }
    });
    // A title another tool wrote with an escape sequence and a bidi override.
    rusqlite::Connection::open(app.db.path())
        .unwrap()
        .execute(
            "UPDATE todos SET title = 'evil \u{1b}[2J \u{202E}reversed' WHERE id = 1",
            [],
        )
        .unwrap();
    app.keys("hj");
    let list = app.screen();
    app.keys("d"); // the confirm dialog over the wide text
    assert_snapshot!("wide_titles", list);
    assert_snapshot!("dialog_over_wide_titles", app.screen());
}

#[test]
fn no_screen_panics_at_any_terminal_size() {
    let mut app = TestApp::new(demo);
    let mut states = Vec::new();
    states.push(app.session.app.clone()); // Todos
    app.keys("?");
    states.push(app.session.app.clone()); // help
    app.keys("<Esc>hjd");
    states.push(app.session.app.clone()); // confirm over the todos
    app.keys("n2");
    states.push(app.session.app.clone()); // Trash
    app.keys("E");
    states.push(app.session.app.clone()); // the erase dialog
    // Every width around the minimum, then a spread of wider ones.
    let widths = (1..=60).chain((61..=120).step_by(7));
    for state in &mut states {
        for width in widths.clone() {
            for height in [1, 5, 9, 10, 11, 24, 40] {
                state.width = width;
                state.height = height;
                render(state, width, height);
            }
        }
    }
}
