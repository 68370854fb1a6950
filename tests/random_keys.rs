//! Thousands of random keys, pastes and resizes against the app: it never panics, and what it
//! shows always agrees with the store.

mod common;

use common::app::{TestApp, render};
use common::*;
use proptest::prelude::*;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use softly::store::{Sort, Store};
use softly::tui::action::Tab;
use softly::tui::view::View;

#[derive(Debug, Clone)]
enum Input {
    Key(KeyCode, KeyModifiers),
    Paste(String),
    Resize(u16, u16),
    Tick(i64),
}

fn input() -> impl Strategy<Value = Input> {
    let keys = prop_oneof![
        // Every bound key, often, so that the sequences reach every screen and dialog.
        proptest::sample::select(vec![
            'a', 'e', 'x', ' ', 'd', 'm', 'h', 'l', 'j', 'k', 'g', 'G', '1', '2', '/', 'u', '?',
            'r', 'E', 'X', 'y', 'n', 'q', 'p', 't', 'v', 'V', 'K', 'J', 's', 'H', 'C', 'U',
        ])
        .prop_map(|c| Input::Key(KeyCode::Char(c), KeyModifiers::NONE)),
        proptest::sample::select(vec![
            KeyCode::Enter,
            KeyCode::Esc,
            KeyCode::Tab,
            KeyCode::BackTab,
            KeyCode::Up,
            KeyCode::Down,
            KeyCode::Left,
            KeyCode::Right,
            KeyCode::PageUp,
            KeyCode::PageDown,
            KeyCode::Home,
            KeyCode::End,
            KeyCode::Backspace,
            KeyCode::Delete,
        ])
        .prop_map(|k| Input::Key(k, KeyModifiers::NONE)),
        any::<char>().prop_map(|c| Input::Key(KeyCode::Char(c), KeyModifiers::NONE)),
        proptest::sample::select(vec!['w', 'u', 'k', 'a', 'e'])
            .prop_map(|c| Input::Key(KeyCode::Char(c), KeyModifiers::CONTROL)),
    ];
    prop_oneof![
        20 => keys,
        1 => "[a-z \u{1b}\u{202E}日本\n]{0,20}".prop_map(Input::Paste),
        1 => (1u16..130, 1u16..50).prop_map(|(w, h)| Input::Resize(w, h)),
        1 => (0i64..(40 * DAY)).prop_map(Input::Tick),
    ]
}

fn seed(s: &mut Store) {
    let list = s.add_list("Groceries", at(T0)).unwrap();
    for i in 0..30 {
        s.add_todo(
            &format!("todo {i}"),
            if i % 2 == 0 { None } else { Some(list) },
            at(T0),
        )
        .unwrap();
    }
    let gone = s.add_todo("in the trash", None, at(T0)).unwrap();
    s.trash_todos(&[gone], at(T0 - 29 * DAY)).unwrap();
}

/// The rows on screen are the store's rows at that place: the todo pane, the Trash and the
/// list pane.
fn agrees_with_the_store(app: &TestApp) {
    let a = &app.session.app;
    let store = app.session.store();
    if a.tab == Tab::Todos {
        // The view on show is exactly the store's view, in its order, filter and sort
        // included.
        let filter = a.view_filter();
        let q = a.view_query(&filter);
        let ids = match a.sort() {
            Sort::Natural => store.view_ids(&q),
            sort => store.view_ids_sorted(&q, sort),
        }
        .unwrap();
        assert_eq!(a.todos.total, ids.len() as i64, "todo count");
        for (i, shown) in a.todos.rows.iter().enumerate() {
            assert_eq!(shown.id, ids[a.todos.offset as usize + i]);
            let stored = store.live_todo(shown.id).unwrap();
            assert_eq!((&shown.title, shown.done), (&stored.title, stored.done));
        }
        if let View::List(id) = a.view() {
            assert!(
                store.live_lists().unwrap().iter().any(|l| l.id == id),
                "a list that is gone"
            );
        }
    }
    if a.tab == Tab::Trash {
        // Every entry shown is one the store holds, as it holds it; unfiltered, all of the
        // Trash within the retention is counted.
        for shown in &a.trash.rows {
            let stored = store
                .trash_entry(shown.id)
                .expect("an entry shown is in the store");
            assert_eq!(
                (&shown.title, shown.pinned, shown.todos),
                (&stored.title, stored.pinned, stored.todos),
                "a trash row"
            );
        }
        if a.trash_filter.is_empty() && a.trash_total.is_some() {
            let cutoff = a.retention.cutoff(a.now);
            assert_eq!(
                a.trash.total,
                store.count_trash(cutoff, "").unwrap(),
                "trash count"
            );
        }
    }
    // On every tab, the list pane names the live lists in order, with their counts.
    let stored = store.live_lists().unwrap();
    let shown: Vec<(String, i64, i64)> = a
        .lists
        .iter()
        .filter(|l| matches!(l.view, View::List(_)))
        .map(|l| (l.name.clone(), l.todos, l.open))
        .collect();
    let want: Vec<(String, i64, i64)> = stored
        .iter()
        .map(|l| (l.name.clone(), l.todos, l.open))
        .collect();
    assert_eq!(shown, want, "the list pane");
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 64 * stress(),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// Promise: no sequence of keys, pastes, resizes and passing time makes the app panic or
    /// show something the store does not hold.
    #[test]
    fn random_input_never_panics_and_the_screen_matches_the_store(inputs in proptest::collection::vec(input(), 60)) {
        let mut app = TestApp::new(seed);
        for input in inputs {
            match input {
                Input::Key(code, modifiers) => app.session.handle_key(KeyEvent::new(code, modifiers)),
                Input::Paste(text) => app.session.handle_event(Event::Paste(text)),
                Input::Resize(w, h) => app.session.resize(w, h),
                Input::Tick(ms) => { app.advance(jiff::SignedDuration::from_millis(ms)); }
            }
            if app.session.app.quit {
                app.session.app.quit = false; // keep going: quitting is not the point here
            }
            app.session.app.suspend = false;
            let (w, h) = (app.session.app.width, app.session.app.height);
            render(&app.session.app, w, h);
            agrees_with_the_store(&app);
        }
    }
}
