//! Promises under stress. Each test names the promise it checks. `SOFTLY_STRESS=N` multiplies
//! the rounds of the randomised and repeated tests for longer local soak runs.

mod common;

use common::cli::softly_command;
use common::*;
use proptest::prelude::*;
use softly::store::{StoreError, TodoScope};
use softly::text::{clean_title, display_safe};

// ---- hostile text --------------------------------------------------------------------------

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

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512 * stress()))]

    /// Promise: cleaning a title never fails unexpectedly, never lets a control or bidi
    /// character into the store, and cleaning again changes nothing.
    #[test]
    fn the_title_cleaner_is_total_and_idempotent(raw in hostile_text()) {
        match clean_title(&raw, "title") {
            Ok(clean) => {
                prop_assert!(!clean.chars().any(|c| c.is_control()));
                prop_assert!(!clean.chars().any(is_bidi_control));
                prop_assert_eq!(clean.trim(), clean.as_str());
                prop_assert!(clean.chars().count() <= 500);
                prop_assert_eq!(clean_title(&clean, "title").unwrap(), clean);
            }
            Err(_) => {
                // Refused only when nothing printable is left, or when it is too long.
                let kept: String = raw
                    .chars()
                    .filter(|c| !c.is_control() && !is_bidi_control(*c))
                    .collect();
                prop_assert!(kept.trim().is_empty() || kept.chars().count() > 500 || raw.chars().count() > 500);
            }
        }
    }

    /// Promise: whatever is stored, what reaches a terminal has no raw control or bidi byte.
    #[test]
    fn displayed_text_never_carries_a_control_character(raw in hostile_text()) {
        let shown = display_safe(&raw);
        prop_assert!(!shown.chars().any(|c| c.is_control()));
        prop_assert!(!shown.chars().any(is_bidi_control));
    }
}

// ---- disk full -----------------------------------------------------------------------------

/// Promise: when the disk fills up, the write fails with a clear error, is rolled back whole,
/// nothing already stored is lost, and the store keeps working.
#[test]
fn a_full_disk_fails_the_write_cleanly_and_loses_nothing() {
    let db = TempDb::new();
    let mut s = db.open();
    for i in 0..20 {
        s.add_todo(&format!("kept {i}"), None, at(T0)).unwrap();
    }
    // Cap the file just above its current size, as a full disk would.
    {
        let conn = rusqlite::Connection::open(db.path()).unwrap();
        conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
            .unwrap();
    }
    drop(s);
    let mut s = db.open();
    let pages: i64 = rusqlite::Connection::open(db.path())
        .unwrap()
        .query_row("PRAGMA page_count", [], |r| r.get(0))
        .unwrap();
    s.limit_pages_for_tests(pages + 1);
    let big = "x".repeat(400);
    let ids: Vec<_> = (0..2000)
        .map_while(|i| s.add_todo(&format!("{big} {i}"), None, at(T0)).ok())
        .collect();
    let err = s.add_todo(&big, None, at(T0)).unwrap_err();
    assert!(matches!(err, StoreError::DiskFull), "{err:?}");
    assert_eq!(err.to_string(), "the disk is full; nothing was changed");
    // Everything stored before is still there, and a bulk write that cannot fit is all-or-nothing.
    let before = s.live_todos(TodoScope::All).unwrap().len();
    assert_eq!(before, 20 + ids.len());
    assert!(matches!(
        s.trash_todos(&ids, at(T0)),
        Ok(_) | Err(StoreError::DiskFull)
    ));
    let after = s.live_todos(TodoScope::All).unwrap().len();
    assert!(after == before || after == 20, "partly applied: {after}");
    // Room again: the store works.
    s.limit_pages_for_tests(1_000_000);
    s.add_todo("after the disk was freed", None, at(T0))
        .unwrap();
}

// ---- concurrent writers ------------------------------------------------------------------

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

/// Promise: several softly processes writing at once (add, rm, restore, purge, list rm) never
/// fail with a lock error, and the result is exactly what their commands imply.
#[test]
fn four_processes_writing_at_once_lose_nothing_and_never_fail() {
    let db = TempDb::new();
    softly_ok(&db.path(), &["ls"]); // create the file once
    let rounds = 80 * stress() as usize; // about 2.5 commands a round: 200 per process
    let workers: Vec<_> = (0..4)
        .map(|w| {
            let path = db.path();
            std::thread::spawn(move || {
                let run = |args: &[&str]| softly_ok(&path, args);
                let (mut live, mut trash) = (0i64, 0i64);
                let list = format!("worker {w}");
                run(&["list", "add", &list]);
                for i in 0..rounds {
                    let id = run(&["add", &format!("w{w} #{i}"), "--list", &list]);
                    live += 1;
                    match i % 4 {
                        0 => {
                            let entry = run(&["rm", id.trim()]);
                            run(&["restore", entry.trim()]);
                        }
                        1 => {
                            run(&["rm", id.trim()]);
                            live -= 1;
                            trash += 1;
                        }
                        2 => {
                            run(&["purge"]);
                        }
                        _ => {
                            run(&["done", id.trim()]);
                        }
                    }
                }
                // The list goes to the Trash with all its live todos, as one entry.
                run(&["list", "rm", &list]);
                (live, trash + 1)
            })
        })
        .collect();
    let (mut live_in_lists, mut entries) = (0, 0);
    for worker in workers {
        let (live, trash) = worker.join().expect("a worker's command failed");
        live_in_lists += live;
        entries += trash;
    }
    let s = db.open();
    assert_eq!(s.trash_count().unwrap(), entries);
    let held: i64 = s.trash_entries().unwrap().iter().map(|e| e.todos).sum();
    assert_eq!(
        held,
        live_in_lists + (entries - 4),
        "the lists' todos plus the single todos"
    );
    assert!(s.live_todos(TodoScope::All).unwrap().is_empty());
    let conn = rusqlite::Connection::open(db.path()).unwrap();
    let ok: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
}

// ---- kill -9 ---------------------------------------------------------------------------------

use softly::store::Store;
use softly::store::rows::{EntryRow, ListRow, Rows, TodoRow};

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
        });
    }
    for i in 0..2_000 {
        rows.entries.push(EntryRow {
            id: i + 1,
            kind: "todo".into(),
            deleted_at: T0 - 40 * DAY,
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

/// Promise: killing softly at any moment of a big write leaves the database exactly as it was
/// before the command or exactly as it would be after it, never in between.
#[test]
fn kill_9_during_a_big_write_leaves_before_or_after_never_between() {
    let template_dir = tempfile::tempdir().unwrap();
    let template = template_dir.path().join("template.db");
    big_database(&template);
    let export = template_dir.path().join("export.json");
    {
        let out = softly_command()
            .args([
                "--db",
                template.to_str().unwrap(),
                "--retention",
                "never",
                "export",
            ])
            .arg(&export)
            .env("SOFTLY_CONFIG", "/dev/null")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    // The database as a single file (SQLite checkpoints the log when the last user closes).
    let before = state(&template);
    assert_eq!(before, (10_000, 2_000));

    // (arguments, the state after the command)
    let export_arg = export.to_str().unwrap().to_string();
    let scenarios: Vec<(Vec<&str>, (i64, i64))> = vec![
        (
            vec!["--retention", "never", "list", "rm", "Big"],
            (0, 2_001),
        ),
        (
            vec!["--retention", "never", "empty-trash", "--yes"],
            (10_000, 0),
        ),
        (vec!["--retention", "30d", "purge"], (10_000, 0)),
        (
            vec!["--retention", "never", "import", "--duplicate", &export_arg],
            (20_000, 4_000),
        ),
    ];
    let rounds = 8 * stress() as u64;
    let mut seed: u64 = 0x5eed_50f7;
    let (mut saw_before, mut saw_after) = (0, 0);
    for (args, after) in &scenarios {
        for round in 0..rounds {
            let dir = tempfile::tempdir().unwrap();
            let db = dir.path().join("softly.db");
            std::fs::copy(&template, &db).unwrap();
            let mut child = softly_command()
                .args(args)
                .env("SOFTLY_DB", &db)
                .env("SOFTLY_CONFIG", "/dev/null")
                .env("SOFTLY_NOW", "2026-11-26T12:00:00Z")
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .spawn()
                .unwrap();
            // A pseudo-random moment within the command's run (a few to tens of ms).
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let delay = (seed >> 33) % 60 + round % 3;
            std::thread::sleep(std::time::Duration::from_millis(delay));
            let _ = child.kill(); // SIGKILL
            let _ = child.wait();
            let got = state(&db);
            assert!(
                got == before || got == *after,
                "softly {args:?} killed after {delay} ms left {got:?}; before {before:?}, after {after:?}"
            );
            if got == before {
                saw_before += 1;
            } else {
                saw_after += 1;
            }
        }
    }
    eprintln!("kill -9: {saw_before} rounds left the state before, {saw_after} after");
}

// ---- time ------------------------------------------------------------------------------------

/// Runs the real binary at `now` in New York (which changes its clocks twice a year).
fn softly_in_new_york(db: &std::path::Path, now: &str, args: &[&str]) -> String {
    stdout_of(softly(db, now, &[("TZ", "America/New_York")], args), args)
}

/// Promise: retention is elapsed time, so the purge boundary does not move by an hour when
/// the clocks change (US spring forward 2026-03-08, fall back 2026-11-01).
#[test]
fn the_retention_boundary_holds_across_daylight_saving_changes() {
    for (deleted, just_before, at_expiry) in [
        (
            "2026-03-07T17:00:00Z",
            "2026-03-08T16:59:59.999Z",
            "2026-03-08T17:00:00Z",
        ),
        (
            "2026-10-31T16:00:00Z",
            "2026-11-01T15:59:59.999Z",
            "2026-11-01T16:00:00Z",
        ),
    ] {
        let db = TempDb::new();
        let path = db.path();
        // A day's retention from the start (a shorter one later would wait to be accepted).
        let day = ["--retention", "1d"];
        softly_in_new_york(
            &path,
            deleted,
            &[&day[..], &["add", "across the change"]].concat(),
        );
        softly_in_new_york(&path, deleted, &[&day[..], &["rm", "1"]].concat());
        let kept = softly_in_new_york(
            &path,
            just_before,
            &["--retention", "1d", "trash", "--json"],
        );
        assert!(
            kept.contains("across the change"),
            "purged early at {just_before}"
        );
        let gone = softly_in_new_york(&path, at_expiry, &["--retention", "1d", "trash", "--json"]);
        assert_eq!(gone.trim(), "[]", "not purged at {at_expiry}");
        // The log shows New York wall time: 24 hours later reads 13:00 after spring forward
        // and 11:00 after fall back, though exactly one day passed.
        let log = softly_in_new_york(&path, at_expiry, &["log"]);
        let wall = if deleted.starts_with("2026-03") {
            "2026-03-08 13:00"
        } else {
            "2026-11-01 11:00"
        };
        assert!(log.contains(wall), "{log}");
    }
}

/// Promise: a clock set back never purges early; an entry deleted "in the future" is kept
/// until its own time is up.
#[test]
fn a_clock_set_back_never_purges_early() {
    let db = TempDb::new();
    let path = db.path();
    // Deleted while the clock ran a year fast...
    softly_in_new_york(&path, "2027-11-26T12:00:00Z", &["add", "from the future"]);
    softly_in_new_york(&path, "2027-11-26T12:00:00Z", &["rm", "1"]);
    // ...then the clock is corrected: thirty and more days pass, and it stays.
    for now in [
        "2026-11-26T12:00:00Z",
        "2027-01-01T00:00:00Z",
        "2027-12-26T11:59:59.999Z",
    ] {
        let trash = softly_in_new_york(&path, now, &["trash", "--json"]);
        assert!(trash.contains("from the future"), "purged early at {now}");
    }
    let trash = softly_in_new_york(&path, "2027-12-26T12:00:00Z", &["trash", "--json"]);
    assert_eq!(trash.trim(), "[]");
}

// ---- a damaged file --------------------------------------------------------------------------

/// Promise: a damaged database is reported clearly, naming the file; nothing is written to
/// it; and `softly export` still saves every row that can be read.
#[test]
fn a_corrupted_page_is_reported_and_export_saves_what_is_readable() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("softly.db");
    {
        let mut rows = Rows::default();
        rows.lists.push(ListRow {
            id: 1,
            name: "Keep".into(),
            position: 1,
            created_at: T0,
            trash_entry: None,
        });
        for i in 0..3_000 {
            rows.todos.push(TodoRow {
                id: i + 1,
                title: format!("todo {i} with a title long enough to fill the pages quickly"),
                list: Some(1),
                list_erased: false,
                done: false,
                position: i + 1,
                created_at: T0,
                trash_entry: None,
            });
        }
        Store::open(&db).unwrap().import(&rows, at(T0)).unwrap();
    }
    // In use before the disk fails, as any real file is (the first command remembers the
    // retention in force).
    assert!(
        softly(&db, "2026-11-26T12:00:00Z", &[], &["ls"])
            .status
            .success()
    );
    // Overwrite a page in the middle of the todos table and one of the index `ls` reads
    // (it never reads the table), as a failing disk might.
    let leaf = |name: &str| -> i64 {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.query_row(
            "SELECT pageno FROM dbstat WHERE name = ?1 AND pagetype = 'leaf'
             ORDER BY pageno LIMIT 1 OFFSET 10",
            [name],
            |r| r.get(0),
        )
        .unwrap()
    };
    let pages = [leaf("todos"), leaf("todos_live")];
    let mut bytes = std::fs::read(&db).unwrap();
    for page in pages {
        let start = (page as usize - 1) * 4096;
        bytes[start..start + 4096].fill(0xA5);
    }
    std::fs::write(&db, &bytes).unwrap();

    let run = |args: &[&str]| softly(&db, "2026-11-26T12:00:00Z", &[], args);
    let out = run(&["ls"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with("error: ") && err.contains(&db.display().to_string()),
        "{err}"
    );
    assert!(
        err.contains("is damaged") && err.contains("softly export"),
        "{err}"
    );
    assert_eq!(
        std::fs::read(&db).unwrap(),
        bytes,
        "a damaged file must not be written"
    );

    let saved = dir.path().join("rescue.json");
    let out = run(&["export", saved.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("is damaged; the export holds every row that could still be read"),
        "{err}"
    );
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&saved).unwrap()).unwrap();
    assert_eq!(doc["lists"][0]["name"], "Keep");
    // Every todo is either in the export or named as unreadable: none goes unaccounted.
    let todos = doc["todos"].as_array().unwrap().len();
    let lost = err
        .split("could not read ")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .map_or(0, |n| n.parse::<usize>().unwrap());
    assert_eq!(todos + lost, 3_000, "{err}");
    assert!(todos > 2_900, "{todos} todos rescued");
    assert_eq!(
        std::fs::read(&db).unwrap(),
        bytes,
        "a damaged file must not be written"
    );
}
