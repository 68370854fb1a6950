//! Promises under stress. Each test names the promise it checks. `SOFTLY_STRESS=N` multiplies
//! the rounds of the randomised and repeated tests for longer local soak runs.

#[path = "../common/mod.rs"]
mod common;

use common::cli::softly_command;
use common::*;
use proptest::prelude::*;
use softly::store::{StoreError, TodoScope};
use softly::text::{clean_title, display_safe};

use softly::store::Store;
use softly::store::rows::{EntryRow, ListRow, Rows, TodoRow};

mod damage;
mod full_disk;
mod hostile_text;
mod kill;
mod time;
mod writers;

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn hostile_text() -> impl Strategy<Value = String> {
    // Mixes of ordinary text, control characters (C0, DEL, C1), bidi controls, zero-width
    // joiners, CJK and emoji, as a paste or a tampered database might hold.
    let pieces = prop_oneof![
        "[a-zA-Z0-9 ]{0,8}",
        Just("\u{1b}[2J".to_string()),
        Just("\u{1b}]0;pwned\u{7}".to_string()),
        Just("\u{9b}31m".to_string()),
        Just("\t\r\n".to_string()),
        Just("\u{7f}\u{0}".to_string()),
        Just("\u{202E}\u{2066}\u{2069}".to_string()),
        Just("\u{200B}\u{200D}".to_string()),
        Just("日本語".to_string()),
        Just("👩‍🔬".to_string()),
        any::<char>().prop_map(String::from),
    ];
    proptest::collection::vec(pieces, 0..12).prop_map(|p| p.concat())
}

/// Runs the real binary on `db` at `now` (no config file, plus `env`), as a script would.
fn softly(
    db: &std::path::Path,
    now: &str,
    env: &[(&str, &str)],
    args: &[&str],
) -> std::process::Output {
    softly_command()
        .args(args)
        .env("SOFTLY_DB", db)
        .env("SOFTLY_CONFIG", "/dev/null")
        .env("SOFTLY_NOW", now)
        .envs(env.iter().copied())
        .output()
        .unwrap()
}

/// [`softly`] at T0 for a command that must succeed; returns its stdout.
fn softly_ok(db: &std::path::Path, args: &[&str]) -> String {
    stdout_of(softly(db, "2026-11-26T12:00:00Z", &[], args), args)
}

fn stdout_of(out: std::process::Output, args: &[&str]) -> String {
    assert!(
        out.status.success(),
        "softly {args:?} failed ({:?}): {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// A database with a 10,000-todo live list "Big", and 2,000 trash entries deleted 40 days
/// before T0 (all due for purging).
fn big_database(path: &std::path::Path) {
    let mut rows = Rows::default();
    rows.lists.push(ListRow {
        id: 1,
        name: "Big".into(),
        position: 1,
        created_at: T0 - 50 * DAY,
        trash_entry: None,
    });
    for i in 0..10_000 {
        rows.todos.push(TodoRow {
            id: i + 1,
            title: format!("big todo {i}"),
            list: Some(1),
            list_erased: false,
            done: i % 3 == 0,
            position: i + 1,
            created_at: T0 - 50 * DAY,
            trash_entry: None,
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
    for i in 0..2_000 {
        rows.entries.push(EntryRow {
            id: i + 1,
            kind: "todo".into(),
            deleted_at: T0 - 40 * DAY,
            pinned: false,
        });
        rows.todos.push(TodoRow {
            id: 20_000 + i,
            title: format!("old {i}"),
            list: None,
            list_erased: false,
            done: false,
            position: i + 1,
            created_at: T0 - 60 * DAY,
            trash_entry: Some(i + 1),
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
    let mut store = Store::open(path).unwrap();
    store.import(&rows, at(T0)).unwrap();
}

/// (live todos, trash entries, integrity) of the database at `path`, opened as softly does.
fn state(path: &std::path::Path) -> (i64, i64) {
    let store = Store::open(path).expect("softly must open the database normally");
    let conn = rusqlite::Connection::open(path).unwrap();
    let ok: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
    (
        store.count_live_todos(TodoScope::All, "").unwrap(),
        store.trash_count().unwrap(),
    )
}

/// Runs the real binary at `now` in New York (which changes its clocks twice a year).
fn softly_in_new_york(db: &std::path::Path, now: &str, args: &[&str]) -> String {
    stdout_of(softly(db, now, &[("TZ", "America/New_York")], args), args)
}
