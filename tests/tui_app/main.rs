//! The app's behaviour, key by key, on a temporary database with a test clock.

#[path = "../common/mod.rs"]
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

mod big_filter;
mod details;
mod filter_help;
mod lists;
mod marks;
mod moving;
mod own_keys;
mod planned;
mod purge_timer;
mod stale;
mod todos;
mod trash;
mod undo;
mod views;

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

/// A todo row for an import: in the Inbox at its id's place, or alone in a trash entry of
/// its id deleted at `deleted_at`.
fn imported_todo(
    rows: &mut softly::store::rows::Rows,
    id: i64,
    title: String,
    deleted_at: Option<i64>,
) {
    use softly::store::rows::{EntryRow, TodoRow};
    if let Some(deleted_at) = deleted_at {
        rows.entries.push(EntryRow {
            id,
            kind: "todo".into(),
            deleted_at,
            pinned: false,
        });
    }
    rows.todos.push(TodoRow {
        id,
        title,
        list: None,
        list_erased: false,
        done: false,
        position: id,
        created_at: T0 - 50 * DAY,
        trash_entry: deleted_at.map(|_| id),
        due_at: None,
        due_has_time: false,
        priority: None,
        note: None,
        every: None,
        uid: None,
        done_at: None,
        cancelled: false,
        own_tags: Vec::new(),
    });
}

/// 10,001 entries past a 30-day retention, more than the app counts before its first purge,
/// and two that are not.
fn big_expired_backlog(s: &mut Store) {
    let mut rows = softly::store::rows::Rows::default();
    for i in 0..10_003 {
        let expired = i >= 2;
        let deleted_at = if expired { T0 - 40 * DAY } else { T0 - DAY + i };
        imported_todo(&mut rows, i + 1, format!("gone {i}"), Some(deleted_at));
    }
    s.import(&rows, at(T0)).unwrap();
    s.add_todo("live", None, at(T0)).unwrap();
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

/// The live todo titled `title`.
fn todo_named(app: &TestApp, title: &str) -> softly::store::Todo {
    app.session
        .store()
        .live_todos(TodoScope::All)
        .unwrap()
        .into_iter()
        .find(|t| t.title == title)
        .unwrap_or_else(|| panic!("no live todo {title:?}"))
}

/// Selects `view` in the list pane (the focus stays there).
fn open_view(app: &mut TestApp, view: softly::tui::view::View) {
    let at = app
        .session
        .app
        .lists
        .iter()
        .position(|l| l.view == view)
        .unwrap();
    app.keys("hg");
    for _ in 0..at {
        app.keys("j");
    }
}
