//! The app alone: `App::update` and the keymap, driven without a database, a clock or a
//! terminal. The rows are set by hand, as the session's loader would read them.

use jiff::Timestamp;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use softly::retention::Retention;
use softly::store::{EntryId, EntryKind, ListId, Todo, TodoId, TrashEntry};
use softly::tui::action::{Action, Effect, Item, Pane, Tab, Written};
use softly::tui::app::App;
use softly::tui::keymap::{Context, Keymap};
use softly::tui::mode::{Confirmed, EditTarget, Mode};
use softly::tui::theme::Theme;
use softly::tui::view::{ListPaneRow, View};

const NOW: i64 = 1_795_694_400_000;

fn todo(id: i64, title: &str) -> Todo {
    Todo {
        id: TodoId(id),
        title: title.into(),
        list: None,
        done: false,
        created_at: Timestamp::from_millisecond(NOW).unwrap(),
        position: id,
        due: None,
        priority: None,
        has_note: false,
        every: None,
        cancelled: false,
        own_tags: Vec::new(),
    }
}

/// An app on an 80×24 screen showing the Inbox (three todos) and one list, "Groceries",
/// with one entry in the Trash.
fn app() -> App {
    let mut app = App::new(
        Timestamp::from_millisecond(NOW).unwrap(),
        Retention::After(jiff::SignedDuration::from_hours(30 * 24)),
        false,
        Theme::plain(),
    );
    app.update(Action::Resize {
        width: 80,
        height: 24,
        page_rows: 18,
        help_scroll_limit: 20,
    });
    app.lists = vec![
        ListPaneRow {
            view: View::Inbox,
            name: "Inbox".into(),
            todos: 3,
            open: 3,
        },
        ListPaneRow {
            view: View::List(ListId(7)),
            name: "Groceries".into(),
            todos: 2,
            open: 2,
        },
    ];
    app.todos.rows = vec![todo(1, "one"), todo(2, "two"), todo(3, "three")];
    app.todos.total = 3;
    app.trash.rows = vec![TrashEntry {
        id: EntryId(5),
        kind: EntryKind::Todo,
        title: "old".into(),
        todos: 1,
        deleted_at: Timestamp::from_millisecond(NOW - 1000).unwrap(),
        pinned: false,
        from_list: None,
        due: None,
        cause: None,
    }];
    app.trash.total = 1;
    app.trash_total = Some(1);
    app.stale = false;
    app
}

fn press(app: &mut App, code: KeyCode) -> Option<Effect> {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

#[test]
fn a_key_moves_the_selection_and_d_asks_to_trash_the_selected_todo() {
    let mut app = app();
    assert_eq!(press(&mut app, KeyCode::Char('j')), None);
    assert_eq!(app.todos.cursor, 1);
    assert_eq!(
        press(&mut app, KeyCode::Char('d')),
        Some(Effect::TrashTodo(TodoId(2)))
    );
    assert_eq!(
        press(&mut app, KeyCode::Char('x')),
        Some(Effect::SetDone {
            id: TodoId(2),
            done: true
        })
    );
    assert_eq!(
        press(&mut app, KeyCode::Char('K')),
        Some(Effect::Reorder {
            item: Item::Todo(TodoId(2)),
            up: true
        })
    );
}

#[test]
fn adding_a_todo_goes_to_the_selected_list_and_waits_for_the_write() {
    let mut app = app();
    app.update(Action::FocusLeft);
    app.update(Action::Down);
    assert!(app.stale, "another list: its counts and rows must be read");
    app.update(Action::FocusRight);
    press(&mut app, KeyCode::Char('a'));
    assert!(matches!(
        app.mode,
        Mode::Edit {
            target: EditTarget::NewTodo,
            ..
        }
    ));
    type_text(&mut app, "milk");
    let effect = press(&mut app, KeyCode::Enter);
    assert_eq!(
        effect,
        Some(Effect::AddTodo {
            title: "milk".into(),
            list: Some(ListId(7)),
            due: None,
        })
    );
    // The editor stays open until the session says the write went through.
    assert!(matches!(app.mode, Mode::Edit { .. }));
    app.update(Action::Wrote(Written::AddedTodo));
    assert_eq!(
        app.todos.cursor,
        i64::MAX,
        "the new todo, the last, is selected"
    );
}

#[test]
fn an_empty_new_todo_is_not_added_and_esc_drops_an_edit() {
    let mut app = app();
    press(&mut app, KeyCode::Char('a'));
    type_text(&mut app, "   ");
    assert_eq!(press(&mut app, KeyCode::Enter), None);
    assert_eq!(app.mode, Mode::Normal);
    press(&mut app, KeyCode::Char('e'));
    type_text(&mut app, " changed");
    assert_eq!(press(&mut app, KeyCode::Esc), None);
    assert_eq!(app.mode, Mode::Normal);
}

#[test]
fn the_filter_applies_as_it_is_typed_and_esc_clears_it() {
    let mut app = app();
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "tw");
    assert_eq!(app.todo_filter, "tw");
    assert!(app.stale);
    press(&mut app, KeyCode::Backspace);
    assert_eq!(app.todo_filter, "t");
    press(&mut app, KeyCode::Esc);
    assert_eq!((app.todo_filter.as_str(), &app.mode), ("", &Mode::Normal));
}

#[test]
fn erasing_asks_first_and_no_is_the_default_answer() {
    let mut app = app();
    press(&mut app, KeyCode::Char('2'));
    assert_eq!(app.tab, Tab::Trash);
    press(&mut app, KeyCode::Char('E'));
    let Mode::Confirm(confirm) = &app.mode else {
        panic!("{:?}", app.mode)
    };
    assert!(matches!(confirm.action, Confirmed::Erase { id, .. } if id == EntryId(5)));
    assert_eq!(
        confirm.message,
        "Erase todo 'old' forever? This cannot be undone."
    );
    // Enter takes the selected button, which starts as No.
    assert_eq!(press(&mut app, KeyCode::Enter), None);
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(
        app.status.as_ref().unwrap().text,
        "Cancelled; nothing changed"
    );
    press(&mut app, KeyCode::Char('E'));
    press(&mut app, KeyCode::Left);
    assert_eq!(
        press(&mut app, KeyCode::Enter),
        Some(Effect::Erase(EntryId(5)))
    );
}

#[test]
fn a_read_only_database_says_so_before_anything_is_typed() {
    let mut app = app();
    app.read_only = true;
    for key in ['a', 'e', 'd', 'x', 'm', 'u'] {
        assert_eq!(press(&mut app, KeyCode::Char(key)), None, "key {key}");
        assert_eq!(app.mode, Mode::Normal, "key {key}");
        assert_eq!(
            app.status.as_ref().unwrap().text,
            "The database is read-only; nothing can be changed"
        );
    }
    assert_eq!(press(&mut app, KeyCode::Char('j')), None);
    assert_eq!(app.todos.cursor, 1, "moving still works");
}

#[test]
fn a_click_on_a_list_selects_it_and_the_wheel_scrolls_the_pane_under_it() {
    let mut app = app();
    app.update(Action::FocusLeft);
    app.update(Action::Scroll {
        pane: Pane::Todos,
        delta: 1,
    });
    assert_eq!(
        (app.focus, app.todos.cursor, app.list_cursor),
        (Pane::Lists, 1, 0),
        "the wheel moves the pane under the pointer, not the focused one"
    );
    app.update(Action::Click {
        pane: Pane::Lists,
        index: 1,
    });
    assert_eq!((app.focus, app.list_cursor), (Pane::Lists, 1));
    assert!(app.stale);
    app.update(Action::Click {
        pane: Pane::Lists,
        index: 9,
    });
    assert_eq!(
        app.list_cursor, 1,
        "a click below the last list selects nothing"
    );
}

#[test]
fn the_help_scrolls_within_its_limit_and_a_resize_keeps_it_there() {
    let mut app = app();
    press(&mut app, KeyCode::Char('?'));
    press(&mut app, KeyCode::Char('G'));
    assert_eq!(app.mode, Mode::Help(20));
    press(&mut app, KeyCode::Char('d'));
    assert_eq!(app.mode, Mode::Help(20), "d does nothing in the help");
    app.update(Action::Resize {
        width: 120,
        height: 40,
        page_rows: 34,
        help_scroll_limit: 4,
    });
    assert_eq!(app.mode, Mode::Help(4));
    assert_eq!(app.page_rows(), 34);
    press(&mut app, KeyCode::Char('q'));
    assert_eq!(app.mode, Mode::Normal);
    assert!(!app.quit, "q closes the help; it does not quit");
}

/// Every key a user can press, with and without Ctrl, Alt and Shift.
fn every_key() -> Vec<KeyEvent> {
    let mut codes: Vec<KeyCode> = (' '..='~').map(KeyCode::Char).collect();
    codes.extend(['é', '日'].map(KeyCode::Char));
    codes.extend([
        KeyCode::Enter,
        KeyCode::Esc,
        KeyCode::Tab,
        KeyCode::BackTab,
        KeyCode::Backspace,
        KeyCode::Delete,
        KeyCode::Insert,
        KeyCode::Left,
        KeyCode::Right,
        KeyCode::Up,
        KeyCode::Down,
        KeyCode::Home,
        KeyCode::End,
        KeyCode::PageUp,
        KeyCode::PageDown,
        KeyCode::F(1),
    ]);
    let modifiers = [
        KeyModifiers::NONE,
        KeyModifiers::CONTROL,
        KeyModifiers::ALT,
        KeyModifiers::SHIFT,
        KeyModifiers::CONTROL | KeyModifiers::SHIFT,
    ];
    codes
        .iter()
        .flat_map(|&code| modifiers.map(|m| KeyEvent::new(code, m)))
        .collect()
}

/// The app in each mode, with the context its keys are looked up in.
fn every_mode() -> Vec<(App, Context)> {
    let mut modes = Vec::new();
    let normal = app();
    modes.push((normal.clone(), Context::Todos));
    let mut lists = app();
    lists.update(Action::FocusLeft);
    modes.push((lists, Context::Lists));
    let mut trash = app();
    trash.update(Action::ShowTab(Tab::Trash));
    modes.push((trash.clone(), Context::Trash));
    for (key, context) in [('a', Context::Edit), ('/', Context::Filter)] {
        let mut editing = app();
        press(&mut editing, KeyCode::Char(key));
        type_text(&mut editing, "some text");
        press(&mut editing, KeyCode::Left);
        modes.push((editing, context));
    }
    let mut dialog = trash;
    press(&mut dialog, KeyCode::Char('E'));
    modes.push((dialog, Context::Dialog));
    let mut picker = app();
    press(&mut picker, KeyCode::Char('m'));
    modes.push((picker, Context::Picker));
    let mut help = app();
    press(&mut help, KeyCode::Char('?'));
    press(&mut help, KeyCode::Char('j'));
    modes.push((help, Context::Help));
    modes
}

#[test]
fn every_key_the_app_handles_is_listed_in_the_keymap_table() {
    for (app, context) in every_mode() {
        assert_eq!(app.context(), context);
        for key in every_key() {
            let mut pressed = app.clone();
            let effect = pressed.handle_key(key);
            let changed = format!("{pressed:?}") != format!("{app:?}");
            if effect.is_some() || changed {
                assert!(
                    Keymap::default().action_for(context, &key).is_some(),
                    "{key:?} did something in {context:?} that the keymap table does not list"
                );
            }
        }
    }
}

#[test]
fn every_footer_hint_names_a_key_that_does_what_it_says() {
    for (app, context) in every_mode() {
        let keymap = Keymap::default();
        for binding in keymap.footer_bindings(context) {
            for key in &binding.keys {
                let mut modifiers = KeyModifiers::NONE;
                for (held, modifier) in [
                    (key.ctrl, KeyModifiers::CONTROL),
                    (key.alt, KeyModifiers::ALT),
                    (key.shift, KeyModifiers::SHIFT),
                ] {
                    if held {
                        modifiers |= modifier;
                    }
                }
                let event = KeyEvent::new(key.code, modifiers);
                if key.code == KeyCode::Null {
                    continue;
                }
                let looked_up = app.keymap.action_for(app.context(), &event);
                assert_eq!(
                    looked_up,
                    Some(binding.action),
                    "{} in {context:?}",
                    key.label()
                );
            }
        }
    }
}
