//! The real `softly` binary on temporary databases: output, JSON shapes, exit codes.

mod common;

use std::path::Path;
use std::process::{Command, Output, Stdio};

use common::cli::{Softly, assert_one_error_line};
use common::pty::Pty;
use serde_json::Value;

fn keys(v: &Value) -> Vec<&str> {
    let mut k: Vec<&str> = v.as_object().unwrap().keys().map(|k| k.as_str()).collect();
    k.sort();
    k
}

// ---- todos ---------------------------------------------------------------------------

#[test]
fn add_prints_the_new_id_and_ls_shows_an_aligned_table() {
    let s = Softly::new();
    assert_eq!(s.ok(&["list", "add", "Groceries"]), "1\n");
    assert_eq!(s.ok(&["add", "call mom"]), "1\n");
    assert_eq!(s.ok(&["add", "milk", "--list", "groceries"]), "2\n");
    let later = Softly {
        now: "2026-11-29T13:00:00Z".into(),
        ..s
    };
    assert_eq!(
        later.ok(&["ls"]),
        "ID  DONE  LIST       CREATED  TITLE\n\
         1   [ ]   Inbox      3d ago   call mom\n\
         2   [ ]   Groceries  3d ago   milk\n"
    );
    assert_eq!(
        later.ok(&["ls", "--list", "GROCERIES"]).lines().count(),
        2,
        "header and one row"
    );
    assert!(later.ok(&["ls", "--inbox"]).contains("call mom"));
    assert!(!later.ok(&["ls", "--inbox"]).contains("milk"));
}

#[test]
fn ls_json_has_the_stable_keys() {
    let s = Softly::new();
    s.ok(&["list", "add", "Work"]);
    s.ok(&["add", "report", "--list", "Work"]);
    s.ok(&["add", "inbox item"]);
    s.ok(&["done", "1"]);
    let v = s.json(&["ls", "--json"]);
    let rows = v.as_array().unwrap();
    assert_eq!(rows.len(), 2);
    for row in rows {
        assert_eq!(keys(row), ["created_at", "done", "id", "list", "title"]);
    }
    let inbox = &rows[0];
    assert_eq!(inbox["id"], 2);
    assert_eq!(inbox["list"], Value::Null);
    assert_eq!(inbox["done"], false);
    assert_eq!(inbox["created_at"], "2026-11-26T12:00:00.000Z");
    assert_eq!(rows[1]["list"], "Work");
    assert_eq!(rows[1]["done"], true);
    assert_eq!(
        s.json(&["ls", "--json", "--inbox"])
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn ls_limit_shows_the_first_n_in_the_same_order_across_inbox_and_lists() {
    let s = Softly::new();
    s.ok(&["list", "add", "B"]);
    s.ok(&["list", "add", "A"]);
    for (title, list) in [
        ("b1", "B"),
        ("i1", ""),
        ("a1", "A"),
        ("b2", "B"),
        ("i2", ""),
    ] {
        if list.is_empty() {
            s.ok(&["add", title]);
        } else {
            s.ok(&["add", title, "--list", list]);
        }
    }
    let titles = |args: &[&str]| -> Vec<String> {
        s.json(args)
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["title"].as_str().unwrap().to_string())
            .collect()
    };
    let all = titles(&["ls", "--json"]);
    assert_eq!(
        all,
        ["i1", "i2", "b1", "b2", "a1"],
        "Inbox, then lists in order"
    );
    for n in 1..=6 {
        let limit = n.to_string();
        assert_eq!(
            titles(&["ls", "--json", "--limit", &limit]),
            all[..n.min(all.len())],
            "--limit {n}"
        );
    }
    assert_eq!(
        titles(&["ls", "--json", "--list", "B", "--limit", "1"]),
        ["b1"]
    );
    assert!(s.fails(2, &["ls", "--limit", "0"]).contains("--limit"));
}

#[test]
fn a_reader_that_stops_early_ends_ls_quietly_not_with_a_panic() {
    let s = Softly::new();
    // Enough todos that `ls` writes far more than a pipe holds.
    let todos: Vec<String> = (1..=3000)
        .map(|i| {
            format!(
                r#"{{"id":{i},"title":"todo number {i}","list":null,"list_erased":false,"done":false,"position":{i},"created_at":"2026-11-01T00:00:00Z","trash_entry":null}}"#
            )
        })
        .collect();
    let doc = format!(
        r#"{{"format":"softly-export","version":1,"exported_at":"2026-11-26T00:00:00Z","lists":[],"todos":[{}],"trash":[]}}"#,
        todos.join(",")
    );
    std::fs::write(s.dir.path().join("many.json"), doc).unwrap();
    s.ok(&["import", s.dir.path().join("many.json").to_str().unwrap()]);
    let mut child = s
        .command(&["ls"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    std::io::BufRead::read_line(
        &mut std::io::BufReader::new(child.stdout.take().unwrap()),
        &mut first,
    )
    .unwrap();
    assert!(first.starts_with("ID"), "{first}");
    // The reader is gone now (like `| head -1`).
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(
        std::os::unix::process::ExitStatusExt::signal(&out.status),
        Some(13)
    );
}

#[test]
fn an_empty_ls_says_how_to_add_and_json_is_an_empty_array() {
    let s = Softly::new();
    assert!(s.ok(&["ls"]).contains("softly add"));
    assert_eq!(s.json(&["ls", "--json"]), Value::Array(vec![]));
}

#[test]
fn done_undone_edit_and_mv_change_what_ls_shows() {
    let s = Softly::new();
    s.ok(&["add", "a"]);
    s.ok(&["add", "b"]);
    s.ok(&["list", "add", "Work"]);
    assert_eq!(s.ok(&["done", "1", "2"]), "Marked 2 todos done.\n");
    assert_eq!(s.ok(&["undone", "2"]), "Marked todo 2 not done.\n");
    assert_eq!(
        s.ok(&["edit", "1", "  a\tbetter title "]),
        "Todo 1 is now 'a better title'.\n"
    );
    assert_eq!(
        s.ok(&["mv", "1", "2", "--list", "work"]),
        "Moved 2 todos to 'Work'.\n"
    );
    let v = s.json(&["ls", "--json"]);
    assert_eq!(v[0]["title"], "a better title");
    assert_eq!(v[0]["done"], true);
    assert_eq!(v[0]["list"], "Work");
    assert_eq!(v[1]["done"], false);
    assert_eq!(
        s.ok(&["mv", "2", "--inbox"]),
        "Moved 1 todo to the Inbox.\n"
    );
    assert_eq!(s.json(&["ls", "--json", "--inbox"])[0]["id"], 2);
}

#[test]
fn several_ids_are_all_or_nothing_and_the_error_names_the_unknown_one() {
    let s = Softly::new();
    s.ok(&["add", "a"]);
    s.ok(&["add", "b"]);
    let err = s.fails(1, &["done", "1", "42", "2"]);
    assert_one_error_line(&err, "no todo with id 42");
    assert!(
        s.json(&["ls", "--json"])
            .as_array()
            .unwrap()
            .iter()
            .all(|t| t["done"] == false)
    );

    let err = s.fails(1, &["rm", "2", "42"]);
    assert_one_error_line(&err, "42");
    assert_eq!(s.json(&["trash", "--json"]), Value::Array(vec![]));

    s.ok(&["rm", "1"]);
    let err = s.fails(1, &["restore", "1", "9"]);
    assert_one_error_line(&err, "no trash entry with id 9");
    assert_eq!(s.json(&["trash", "--json"]).as_array().unwrap().len(), 1);

    let err = s.fails(1, &["erase", "1", "9", "--yes"]);
    assert_one_error_line(&err, "no trash entry with id 9");
    assert_eq!(s.json(&["trash", "--json"]).as_array().unwrap().len(), 1);
}

#[test]
fn a_todo_in_the_trash_cannot_be_edited() {
    let s = Softly::new();
    s.ok(&["add", "a"]);
    s.ok(&["rm", "1"]);
    let err = s.fails(1, &["edit", "1", "x"]);
    assert_one_error_line(&err, "todo 1 is in the Trash (entry 1)");
}

#[test]
fn an_unknown_list_name_is_an_error_that_lists_the_live_lists() {
    let s = Softly::new();
    let err = s.fails(1, &["add", "x", "--list", "Work"]);
    assert_one_error_line(&err, "no list named 'Work'; there are no lists yet");
    s.ok(&["list", "add", "Home"]);
    s.ok(&["list", "add", "Groceries"]);
    let err = s.fails(1, &["ls", "--list", "Work"]);
    assert_one_error_line(&err, "the lists are: 'Home', 'Groceries'");
    let err = s.fails(1, &["mv", "1", "--list", "Work"]);
    assert!(err.starts_with("error: "), "{err}");
}

#[test]
fn bad_titles_are_refused_with_a_clear_message() {
    let s = Softly::new();
    assert_one_error_line(&s.fails(1, &["add", "  \t "]), "title is empty");
    let long = "x".repeat(501);
    assert_one_error_line(
        &s.fails(1, &["add", &long]),
        "too long: 501 characters, at most 500",
    );
    assert_one_error_line(&s.fails(1, &["list", "add", ""]), "list name is empty");
    assert_eq!(s.json(&["ls", "--json"]), Value::Array(vec![]));
    // Control characters and bidi overrides never get in.
    s.ok(&["add", "ok\u{1b}[2J\u{202E}done"]);
    assert_eq!(s.json(&["ls", "--json"])[0]["title"], "ok[2Jdone");
}

#[test]
fn control_characters_already_in_the_data_print_as_visible_symbols() {
    let s = Softly::new();
    s.ok(&["add", "placeholder"]);
    // Another tool wrote raw escape sequences into the file.
    let conn = rusqlite::Connection::open(s.db()).unwrap();
    conn.execute(
        "UPDATE todos SET title = 'evil \u{1b}]0;pwned\u{7} \u{202E}x' WHERE id = 1",
        [],
    )
    .unwrap();
    drop(conn);
    let out = s.ok(&["ls"]);
    assert!(out.contains("evil ␛]0;pwned␇ ⟨U+202E⟩x"), "{out}");
    assert!(!out.contains('\u{1b}') && !out.contains('\u{7}') && !out.contains('\u{202E}'));
    // JSON carries the data as it is, escaped the JSON way.
    let json = s.ok(&["ls", "--json"]);
    assert!(json.contains("\\u001b]0;pwned\\u0007"), "{json}");
}

// ---- lists ---------------------------------------------------------------------------

#[test]
fn lists_shows_counts_and_json_has_the_stable_keys() {
    let s = Softly::new();
    s.ok(&["list", "add", "Work"]);
    s.ok(&["list", "add", "Home"]);
    s.ok(&["add", "a", "--list", "Work"]);
    s.ok(&["add", "b", "--list", "Work"]);
    s.ok(&["add", "c"]);
    s.ok(&["rm", "2"]);
    assert_eq!(
        s.ok(&["lists"]),
        "ID  TODOS  NAME\n-   1      Inbox\n1   1      Work\n2   0      Home\n"
    );
    // The Inbox first, as in the table, with no id.
    let v = s.json(&["lists", "--json"]);
    assert_eq!(v.as_array().unwrap().len(), 3);
    assert_eq!(keys(&v[0]), ["id", "name", "todos"]);
    assert_eq!(
        (
            v[0]["id"].clone(),
            v[0]["name"].clone(),
            v[0]["todos"].clone()
        ),
        (Value::Null, "Inbox".into(), 1.into())
    );
    assert_eq!(
        (
            v[1]["id"].clone(),
            v[1]["name"].clone(),
            v[1]["todos"].clone()
        ),
        (1.into(), "Work".into(), 1.into())
    );
}

#[test]
fn list_add_rename_and_rm() {
    let s = Softly::new();
    assert_eq!(s.ok(&["list", "add", "Groceries"]), "1\n");
    assert_one_error_line(
        &s.fails(1, &["list", "add", " groceries "]),
        "a list named 'Groceries' already exists",
    );
    assert_eq!(
        s.ok(&["list", "rename", "groceries", "Shopping"]),
        "Renamed list 'Groceries' to 'Shopping'.\n"
    );
    s.ok(&["add", "milk", "--list", "Shopping"]);
    s.ok(&["add", "eggs", "--list", "Shopping"]);
    assert_eq!(s.ok(&["list", "rm", "shopping"]), "1\n");
    assert_eq!(
        s.json(&["lists", "--json"]).as_array().unwrap().len(),
        1,
        "the Inbox"
    );
    let trash = s.json(&["trash", "--json"]);
    assert_eq!(trash[0]["kind"], "list");
    assert_eq!(trash[0]["title"], "Shopping");
    assert_eq!(trash[0]["todos"], 2);
    // A list in the Trash does not block a new one of the same name.
    assert_eq!(s.ok(&["list", "add", "Shopping"]), "2\n");
}

/// A list is found by the very name it was made with, whatever creation cleaned out of it
/// (tabs, line breaks, control and bidi characters).
#[test]
fn a_list_is_found_by_the_name_it_was_created_with() {
    for typed in [
        "Work\tStuff",
        "Work\nStuff",
        "\u{202E}Work Stuff",
        "Work\u{1} Stuff",
    ] {
        let s = Softly::new();
        s.ok(&["list", "add", typed]);
        s.ok(&["add", "x", "--list", typed]);
        let shown = s.json(&["ls", "--list", typed, "--json"]);
        assert_eq!(shown[0]["title"], "x", "{typed:?}");
        s.ok(&["mv", "1", "--inbox"]);
        s.ok(&["mv", "1", "--list", typed]);
        s.ok(&["list", "rename", typed, "Renamed"]);
        s.ok(&["list", "rm", "renamed"]);
    }
}

/// "Inbox" (any case or spacing) is the built-in Inbox: no list takes the name, and
/// `--list inbox` means the Inbox wherever a list is named.
#[test]
fn the_inbox_name_is_reserved_and_means_the_inbox() {
    let s = Softly::new();
    for name in ["Inbox", " inbox ", "INBOX\t"] {
        let err = s.fails(1, &["list", "add", name]);
        assert_one_error_line(&err, "'Inbox' is the built-in Inbox");
    }
    s.ok(&["list", "add", "Work"]);
    let err = s.fails(1, &["list", "rename", "Work", "inbox"]);
    assert_one_error_line(&err, "'Inbox' is the built-in Inbox");
    for doing in ["renamed", "deleted"] {
        let args: &[&str] = if doing == "renamed" {
            &["list", "rename", "inbox", "Mine"]
        } else {
            &["list", "rm", "inbox"]
        };
        let err = s.fails(1, args);
        assert_one_error_line(
            &err,
            &format!("the Inbox is built in and cannot be {doing}"),
        );
    }
    s.ok(&["add", "in no list", "--list", "inbox"]);
    s.ok(&["add", "at work", "--list", "work"]);
    s.ok(&["mv", "2", "--list", "INBOX"]);
    let inbox = s.json(&["ls", "--list", "inbox", "--json"]);
    assert_eq!(inbox.as_array().unwrap().len(), 2);
    assert!(inbox[0]["list"].is_null() && inbox[1]["list"].is_null());
    assert_eq!(s.json(&["lists", "--json"]).as_array().unwrap().len(), 2);
    // A list of that name from elsewhere (an old export) comes in renamed, as a clash would.
    let file = s.dir.path().join("old.json");
    std::fs::write(
        &file,
        r#"{"format": "softly-export", "version": 1, "exported_at": "2026-11-26T12:00:00Z",
            "lists": [{"id": 1, "name": "INBOX", "position": 1,
                       "created_at": "2026-11-26T12:00:00Z", "trash_entry": null}],
            "todos": [], "trash": []}"#,
    )
    .unwrap();
    let out = s.ok(&["import", file.to_str().unwrap()]);
    assert!(
        out.contains("List 'INBOX' is now 'INBOX (restored)'"),
        "{out}"
    );
}

// ---- trash ---------------------------------------------------------------------------

#[test]
fn trash_lists_entries_soonest_purge_first_with_relative_times() {
    let s = Softly::new();
    s.ok(&["add", "old"]);
    s.ok(&["add", "new"]);
    s.ok(&["rm", "1"]);
    let s = s.at("2026-12-01T12:00:00Z");
    assert_eq!(s.ok(&["rm", "2"]), "2\n");
    let s = s.at("2026-12-04T12:00:00Z");
    assert_eq!(
        s.ok(&["trash"]),
        "ENTRY  KIND  TODOS  DELETED  PURGES      TITLE\n\
         1      todo  1      Nov 26   in 22 days  old\n\
         2      todo  1      3d ago   in 27 days  new\n"
    );
}

#[test]
fn trash_json_has_the_stable_keys_and_purge_at_follows_retention() {
    let s = Softly::new();
    s.ok(&["add", "a"]);
    s.ok(&["rm", "1"]);
    let v = s.json(&["trash", "--json"]);
    assert_eq!(
        keys(&v[0]),
        ["deleted_at", "entry", "kind", "purge_at", "title", "todos"]
    );
    assert_eq!(v[0]["entry"], 1);
    assert_eq!(v[0]["kind"], "todo");
    assert_eq!(v[0]["title"], "a");
    assert_eq!(v[0]["todos"], 1);
    assert_eq!(v[0]["deleted_at"], "2026-11-26T12:00:00.000Z");
    assert_eq!(v[0]["purge_at"], "2026-12-26T12:00:00.000Z");
    let v = s.json(&["--retention", "12h", "trash", "--json"]);
    assert_eq!(v[0]["purge_at"], "2026-11-27T00:00:00.000Z");
    let v = s.json(&["--retention", "never", "trash", "--json"]);
    assert_eq!(v[0]["purge_at"], Value::Null);
    assert!(s.ok(&["--retention", "never", "trash"]).contains("kept"));
}

/// A time ahead of the clock (the clock was set back since) reads "in …", so a clock that
/// went back is visible rather than passing for "just now".
#[test]
fn times_ahead_of_the_clock_say_so() {
    let s = Softly::new().at("2026-12-04T13:00:00Z");
    s.ok(&["add", "from the future"]);
    s.ok(&["add", "deleted in the future"]);
    s.ok(&["rm", "2"]);
    let s = s.at("2026-12-01T12:00:00Z");
    let ls = s.ok(&["ls"]);
    assert!(ls.contains("in 3d    from the future"), "{ls}");
    let trash = s.ok(&["trash"]);
    assert!(trash.contains("in 3d"), "{trash}");
}

#[test]
fn an_empty_trash_says_how_long_things_stay() {
    let s = Softly::new();
    assert_eq!(
        s.ok(&["trash"]),
        "The Trash is empty. Deleted items stay here for 30 days.\n"
    );
}

#[test]
fn restore_says_where_each_entry_went() {
    let s = Softly::new();
    s.ok(&["list", "add", "Groceries"]);
    s.ok(&["add", "milk", "--list", "Groceries"]);
    s.ok(&["add", "bread", "--list", "Groceries"]);
    s.ok(&["add", "call mom"]);
    s.ok(&["rm", "1", "3"]); // entries 1 (milk) and 2 (call mom)
    s.ok(&["list", "rm", "Groceries"]); // entry 3, with bread
    s.ok(&["list", "add", "groceries"]);
    assert_eq!(
        s.ok(&["restore", "2", "1", "3"]),
        "Restored todo 'call mom' to the Inbox.\n\
         Restored todo 'milk' to the Inbox: its list 'Groceries' is in the Trash.\n\
         Restored list 'Groceries' with 1 todo as 'Groceries (restored)': a live list already has its name.\n"
    );
    // The restored list takes its old place, before the newer list.
    let lists = s.json(&["lists", "--json"]);
    assert_eq!(lists[1]["name"], "Groceries (restored)");
    assert_eq!(lists[1]["todos"], 1);
    assert_eq!(lists[2]["name"], "groceries");
}

#[test]
fn erase_without_a_terminal_or_yes_refuses_and_changes_nothing() {
    let s = Softly::new();
    s.ok(&["add", "a"]);
    s.ok(&["rm", "1"]);
    let err = s.fails(1, &["erase", "1"]);
    assert_one_error_line(&err, "pass --yes");
    let err = s.fails(1, &["empty-trash"]);
    assert_one_error_line(&err, "pass --yes");
    assert_eq!(s.json(&["trash", "--json"]).as_array().unwrap().len(), 1);
    assert_eq!(s.json(&["log", "--json"]), Value::Array(vec![]));
}

#[test]
fn erase_with_yes_erases_and_logs() {
    let s = Softly::new();
    s.ok(&["list", "add", "L"]);
    s.ok(&["add", "a", "--list", "L"]);
    s.ok(&["add", "b"]);
    s.ok(&["rm", "2"]);
    s.ok(&["list", "rm", "L"]);
    assert_eq!(
        s.ok(&["erase", "2", "--yes"]),
        "Erased 1 entry (1 todo, 1 list).\n"
    );
    let log = s.json(&["log", "--json"]);
    assert_eq!(log.as_array().unwrap().len(), 1);
    assert_eq!(
        keys(&log[0]),
        ["at", "entries", "lists", "reason", "todos", "trigger"]
    );
    assert_eq!(log[0]["reason"], "erase");
    assert_eq!(log[0]["trigger"], "manual");
    assert_eq!(log[0]["at"], "2026-11-26T12:00:00.000Z");
    assert_eq!(
        (
            log[0]["entries"].clone(),
            log[0]["todos"].clone(),
            log[0]["lists"].clone()
        ),
        (1.into(), 1.into(), 1.into())
    );
    assert_eq!(
        s.ok(&["empty-trash", "--yes"]),
        "Emptied the Trash: erased 1 entry (1 todo, 0 lists).\n"
    );
    assert_eq!(
        s.ok(&["empty-trash", "--yes"]),
        "The Trash is already empty.\n"
    );
    let log = s.ok(&["log"]);
    assert_eq!(
        log,
        "AT                REASON  TRIGGER  ENTRIES  TODOS  LISTS  CUTOFF\n\
         2026-11-26 12:00  erase   manual   1        1      1      -\n\
         2026-11-26 12:00  empty   manual   1        1      0      -\n"
    );
}

// ---- purge ---------------------------------------------------------------------------

#[test]
fn purge_dry_run_reports_and_changes_nothing_then_purge_erases() {
    let s = Softly::new();
    s.ok(&["add", "a"]);
    s.ok(&["add", "b"]);
    s.ok(&["rm", "1"]);
    let s = s.at("2026-12-10T12:00:00Z");
    s.ok(&["rm", "2"]);
    let s = s.at("2026-12-26T12:00:00Z"); // exactly 30 days after the first delete
    let v = s.json(&["purge", "--dry-run", "--json"]);
    assert_eq!(
        keys(&v),
        [
            "cutoff",
            "dry_run",
            "entries",
            "held_back",
            "lists",
            "todos"
        ]
    );
    assert!(v["held_back"].is_null());
    assert_eq!(v["entries"], 1);
    assert_eq!(v["todos"], 1);
    assert_eq!(v["lists"], 0);
    assert_eq!(v["cutoff"], "2026-11-26T12:00:00.000Z");
    assert_eq!(v["dry_run"], true);
    assert!(
        s.ok(&["purge", "--dry-run"])
            .starts_with("Would purge 1 trash entry (1 todo, 0 lists)")
    );
    assert_eq!(
        s.json(&["--retention", "never", "trash", "--json"])
            .as_array()
            .unwrap()
            .len(),
        2
    );

    let v = s.json(&["purge", "--json"]);
    assert_eq!(v["entries"], 1);
    assert_eq!(v["dry_run"], false);
    let trash = s.json(&["trash", "--json"]);
    assert_eq!(trash.as_array().unwrap().len(), 1);
    assert_eq!(trash[0]["title"], "b");
    let log = s.json(&["log", "--json"]);
    assert_eq!(log[0]["reason"], "purge");
    assert_eq!(log[0]["trigger"], "manual");
    assert!(s.ok(&["purge"]).starts_with("Nothing to purge"));
}

#[test]
fn every_command_runs_the_startup_purge_one_millisecond_exactly() {
    let s = Softly::new();
    s.ok(&["add", "a"]);
    s.ok(&["rm", "1"]);
    let s = s.at("2026-12-26T11:59:59.999Z");
    s.ok(&["ls"]);
    assert_eq!(s.json(&["trash", "--json"]).as_array().unwrap().len(), 1);
    let s = s.at("2026-12-26T12:00:00Z");
    let out = s.run(&["ls"]);
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "Purged 1 trash entry (1 todo, 0 lists) deleted more than 30 days ago.\n"
    );
    assert_eq!(s.json(&["trash", "--json"]), Value::Array(vec![]));
    let log = s.json(&["log", "--json"]);
    assert_eq!(log[0]["trigger"], "startup");
    assert_eq!(log[0]["reason"], "purge");
    assert_eq!(
        s.ok(&["log"])
            .lines()
            .nth(1)
            .unwrap()
            .split_whitespace()
            .last(),
        Some("12:00")
    );
}

#[test]
fn retention_comes_from_the_config_file_and_the_flag_wins() {
    let s = Softly::new();
    std::fs::write(s.config(), "retention = \"2h\"\n").unwrap();
    s.ok(&["add", "a"]);
    s.ok(&["rm", "1"]);
    assert_eq!(
        s.json(&["trash", "--json"])[0]["purge_at"],
        "2026-11-26T14:00:00.000Z"
    );
    let s = s.at("2026-11-26T14:00:00Z");
    assert_eq!(
        s.json(&["--retention", "3h", "trash", "--json"])
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(s.json(&["trash", "--json"]), Value::Array(vec![]));
}

#[test]
fn a_bad_retention_or_config_is_an_error_naming_the_value_and_its_source() {
    let s = Softly::new();
    let err = s.fails(1, &["--retention", "0d", "ls"]);
    assert_one_error_line(&err, "invalid retention \"0d\" given by --retention");
    let err = s.fails(1, &["--retention", "soon", "ls"]);
    assert_one_error_line(&err, "not a time span");
    // A negative value is a bad value (status 1), not an unknown option (status 2).
    let err = s.fails(1, &["--retention", "-1d", "ls"]);
    assert_one_error_line(
        &err,
        "invalid retention \"-1d\" given by --retention: it must be longer than zero",
    );
    // Too long is out of range, with the longest there is; a bare "m" names both readings.
    let err = s.fails(1, &["--retention", "999999999d", "ls"]);
    assert_one_error_line(&err, "out of range: the longest is 7304484 days");
    let err = s.fails(1, &["--retention", "0", "ls"]);
    assert_one_error_line(&err, "it must be longer than zero");
    let err = s.fails(1, &["--retention", "30", "ls"]);
    assert_one_error_line(&err, "a number needs a unit, e.g. \"30d\"");
    let err = s.fails(1, &["--retention", "30m", "ls"]);
    assert_one_error_line(&err, "write \"min\" for minutes or \"mo\" for months");

    std::fs::write(s.config(), "retention = \"999999999d\"\n").unwrap();
    let err = s.fails(1, &["ls"]);
    assert_one_error_line(&err, "out of range");

    std::fs::write(s.config(), "retention = \"-1w\"\n").unwrap();
    let err = s.fails(1, &["ls"]);
    assert_one_error_line(
        &err,
        &format!("invalid retention \"-1w\" in {}", s.config().display()),
    );

    std::fs::write(s.config(), "retension = \"30d\"\n").unwrap();
    let err = s.fails(1, &["ls"]);
    assert_one_error_line(&err, "retension");
    assert!(err.contains("config.toml, line 1"), "{err}");

    let err = s.fails(1, &["--config", "/nonexistent/softly.toml", "ls"]);
    assert_one_error_line(&err, "/nonexistent/softly.toml");
    assert!(
        !s.db().exists(),
        "no database is created when the settings are wrong"
    );
}

#[test]
fn usage_errors_exit_with_status_2() {
    let s = Softly::new();
    s.fails(2, &["frobnicate"]);
    s.fails(2, &["add"]);
    s.fails(2, &["done"]);
    s.fails(2, &["done", "abc"]);
    s.fails(2, &["mv", "1"]);
    s.fails(2, &["mv", "1", "--inbox", "--list", "x"]);
    s.fails(2, &["ls", "--inbox", "--list", "x"]);
    // The demo is the app on a throwaway database: a command with it is a mistake.
    let err = s.fails(2, &["--demo", "ls"]);
    assert!(
        err.contains("--demo opens the app on a throwaway database"),
        "{err}"
    );
}

/// The words after `add` (and `edit`, `list add`) are the title, as `task add` reads them,
/// with `--list` before or after.
#[test]
fn the_remaining_words_are_the_title() {
    let s = Softly::new();
    s.ok(&["list", "add", "Home", "and", "garden"]);
    s.ok(&["add", "buy", "eggs"]);
    s.ok(&["add", "--list", "home and garden", "mow", "the", "lawn"]);
    s.ok(&["add", "water", "--list", "home and garden", "the", "plants"]);
    s.ok(&["edit", "1", "buy", "six", "eggs"]);
    let titles: Vec<String> = s
        .json(&["ls", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["title"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(titles, ["buy six eggs", "mow the lawn", "water the plants"]);
}

/// With SOFTLY_DB set, a usage line does not show --db as if it were needed; a command's
/// help lists its own options first and the global ones under their own heading.
#[test]
fn usage_lines_and_help_show_what_the_command_needs() {
    let s = Softly::new();
    let err = s.fails(2, &["add"]);
    assert!(err.contains("Usage: softly add <TITLE>..."), "{err}");
    assert!(!err.contains("--db"), "{err}");
    let help = s.ok(&["ls", "--help"]);
    let own = help.find("Options:").unwrap();
    let global = help.find("Global options:").unwrap();
    assert!(own < help.find("--list").unwrap() && help.find("--list").unwrap() < global);
    assert!(global < help.find("--db").unwrap(), "{help}");
    assert!(help.contains("$SOFTLY_DB"), "{help}");
}

#[test]
fn the_app_without_a_terminal_says_so_and_points_at_the_commands() {
    let s = Softly::new();
    let err = s.fails(1, &[]);
    assert_one_error_line(&err, "needs a terminal");
    assert!(err.contains("softly --help"), "{err}");
}

// ---- files -----------------------------------------------------------------------------

fn assert_file_refused(s: &Softly, expect: &str) {
    let before = std::fs::read(s.db()).unwrap();
    let err = s.fails(1, &["ls"]);
    assert_one_error_line(&err, expect);
    assert!(err.contains(&s.db().display().to_string()), "{err}");
    assert_eq!(std::fs::read(s.db()).unwrap(), before);
}

#[test]
fn a_file_that_is_not_a_database_is_refused_untouched() {
    let s = Softly::new();
    std::fs::create_dir_all(s.db().parent().unwrap()).unwrap();
    std::fs::write(s.db(), "my shopping list\nmilk\n").unwrap();
    assert_file_refused(&s, "is not a SQLite database");
}

#[test]
fn a_foreign_or_newer_database_is_refused_untouched() {
    let s = Softly::new();
    std::fs::create_dir_all(s.db().parent().unwrap()).unwrap();
    rusqlite::Connection::open(s.db())
        .unwrap()
        .execute_batch("CREATE TABLE t (x);")
        .unwrap();
    assert_file_refused(&s, "another application");

    let s = Softly::new();
    s.ok(&["add", "a"]);
    rusqlite::Connection::open(s.db())
        .unwrap()
        .execute_batch("PRAGMA user_version = 9;")
        .unwrap();
    assert_file_refused(
        &s,
        &format!(
            "schema version 9; this softly knows up to {}",
            softly::store::LATEST_VERSION
        ),
    );
}

/// Runs `softly` as an unprivileged user, so file permissions apply even when the tests
/// run as root (as CI does).
fn run_unprivileged(s: &Softly, args: &[&str]) -> Output {
    let root = unsafe_is_root();
    let mut cmd = if root {
        let mut c = Command::new("setpriv");
        c.args([
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
            env!("CARGO_BIN_EXE_softly"),
        ]);
        c
    } else {
        Command::new(env!("CARGO_BIN_EXE_softly"))
    };
    let base = s.command(&[]);
    for (k, v) in base.get_envs() {
        if let Some(v) = v {
            cmd.env(k, v);
        }
    }
    cmd.args(args).stdin(Stdio::null()).output().unwrap()
}

fn unsafe_is_root() -> bool {
    // The owner of /proc/self is the effective user.
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata("/proc/self")
        .map(|m| m.uid() == 0)
        .unwrap_or(false)
}

fn chmod(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[test]
fn a_read_only_database_serves_reads_and_refuses_writes() {
    let s = Softly::new();
    s.ok(&["add", "keep me"]);
    s.ok(&["add", "old"]);
    s.ok(&["rm", "2"]);
    // Everyone may read the directory, nobody but root may write the file.
    chmod(s.dir.path(), 0o755);
    chmod(s.db().parent().unwrap(), 0o777); // the directory stays writable: only the file is locked
    chmod(&s.db(), 0o444);
    chmod(&s.config(), 0o644);
    let before = std::fs::read(s.db()).unwrap();

    let s = s.at("2027-02-01T00:00:00Z"); // the old entry is due for purging
    let out = run_unprivileged(&s, &["ls"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("keep me"));
    assert!(
        stderr.starts_with("warning: ")
            && stderr.contains("read-only")
            && stderr.contains("skipped the retention purge"),
        "{stderr}"
    );

    let out = run_unprivileged(&s, &["add", "new"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("error: ") && stderr.contains("is read-only; nothing was changed"),
        "{stderr}"
    );
    assert_eq!(std::fs::read(s.db()).unwrap(), before);
}

// ---- asking before erasing, on a real terminal ---------------------------------------------

/// Runs `softly args` on a pseudo-terminal, answers its question with `answer`, and returns
/// the exit code and everything it printed.
fn answer_in_a_terminal(s: &Softly, args: &[&str], answer: &str) -> (u32, String) {
    let env: Vec<(String, String)> = s
        .command(&[])
        .get_envs()
        .filter_map(|(k, v)| Some((k.to_str()?.to_string(), v?.to_str()?.to_string())))
        .collect();
    let mut pty = Pty::spawn(args, env, s.dir.path(), 100, 24);
    pty.wait_for("[y/N]");
    pty.send(answer);
    let code = pty.wait_exit();
    (code, pty.screen())
}

#[test]
fn erase_on_a_terminal_asks_and_only_yes_erases() {
    let s = Softly::new();
    s.ok(&["list", "add", "Groceries"]);
    s.ok(&["add", "milk", "--list", "Groceries"]);
    s.ok(&["add", "call mom"]);
    s.ok(&["rm", "2"]);
    s.ok(&["list", "rm", "Groceries"]);

    let (code, text) = answer_in_a_terminal(&s, &["erase", "1", "2"], "\r");
    assert!(
        text.contains(
            "Erase todo 'call mom', list 'Groceries' with 1 todo forever? This cannot be undone. [y/N]"
        ),
        "{text}"
    );
    // No is an answer, not a failure: it says so on stdout and exits 0.
    assert_eq!(code, 0, "the default answer is no: {text}");
    assert!(text.contains("Cancelled; nothing was erased."), "{text}");
    assert_eq!(s.json(&["trash", "--json"]).as_array().unwrap().len(), 2);

    let (code, text) = answer_in_a_terminal(&s, &["erase", "1"], "y\r");
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("Erased 1 entry (1 todo, 0 lists)."), "{text}");

    let (code, text) = answer_in_a_terminal(&s, &["empty-trash"], "yes\r");
    assert_eq!(code, 0, "{text}");
    assert!(
        text.contains("Erase the 1 entry in the Trash (1 todo)"),
        "{text}"
    );
    assert_eq!(s.json(&["trash", "--json"]), Value::Array(vec![]));
}

// ---- erased text, busy databases, missing homes ---------------------------------------------

#[test]
fn text_erased_from_the_command_line_is_gone_from_the_files() {
    let s = Softly::new();
    let marker = "CLI-ERASE-MARKER-d41c";
    s.ok(&["add", marker]);
    s.ok(&["add", "unrelated"]);
    s.ok(&["rm", "1"]);
    let files = || {
        let mut bytes = std::fs::read(s.db()).unwrap();
        bytes.extend(std::fs::read(s.db().with_extension("db-wal")).unwrap_or_default());
        bytes
    };
    let found = |bytes: &[u8]| bytes.windows(marker.len()).any(|w| w == marker.as_bytes());
    assert!(found(&files()));
    s.ok(&["erase", "1", "--yes"]);
    assert!(!found(&files()));
}

#[test]
fn a_write_blocked_past_the_busy_timeout_exits_75_and_changes_nothing() {
    let s = Softly::new();
    s.ok(&["add", "a"]);
    let holder = rusqlite::Connection::open(s.db()).unwrap();
    holder.execute_batch("BEGIN EXCLUSIVE;").unwrap();
    let err = s.fails(75, &["add", "b"]);
    assert_one_error_line(&err, "stayed locked by another program");
    holder.execute_batch("ROLLBACK;").unwrap();
    drop(holder);
    assert_eq!(s.json(&["ls", "--json"]).as_array().unwrap().len(), 1);
}

#[test]
fn without_a_home_directory_the_error_suggests_db() {
    if !unsafe_is_root() {
        // Only root can become a user with no home directory; CI runs as root.
        eprintln!("skipped: needs root to run as a user with no passwd entry");
        return;
    }
    let out = Command::new("setpriv")
        .args(["--reuid=54321", "--regid=54321", "--clear-groups"])
        .arg(env!("CARGO_BIN_EXE_softly"))
        .arg("ls")
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_one_error_line(&String::from_utf8_lossy(&out.stderr), "pass --db PATH");
}

#[test]
fn the_db_flag_wins_over_the_environment() {
    let s = Softly::new();
    let other = s.dir.path().join("elsewhere/other.db");
    s.ok(&["--db", other.to_str().unwrap(), "add", "over there"]);
    assert!(
        other.exists(),
        "--db creates missing directories and the file"
    );
    assert!(!s.db().exists(), "SOFTLY_DB was not used");
    assert_eq!(
        s.json(&["ls", "--json", "--db", other.to_str().unwrap()])[0]["title"],
        "over there"
    );
}

// ---- export and import ----------------------------------------------------------------------

/// A database with a bit of everything: lists, done todos, a trashed todo, a trashed list, and
/// a todo whose list was erased while it sat in the Trash.
fn varied(s: &Softly) {
    s.ok(&["list", "add", "Groceries"]);
    s.ok(&["list", "add", "Work"]);
    s.ok(&["list", "add", "Old"]);
    s.ok(&["add", "milk", "--list", "Groceries"]);
    s.ok(&["add", "report", "--list", "Work"]);
    s.ok(&["add", "call mom"]);
    s.ok(&["add", "gone with its list", "--list", "Old"]);
    s.ok(&["add", "orphan", "--list", "Old"]);
    s.ok(&["done", "2"]);
    s.ok(&["rm", "5"]); // entry 1: a todo of Old, trashed first
    s.ok(&["rm", "3"]); // entry 2
    s.ok(&["list", "rm", "Old"]); // entry 3, with "gone with its list"
    s.ok(&["erase", "3", "--yes"]); // "orphan" loses its list
}

#[test]
fn export_then_import_into_an_empty_database_round_trips_exactly() {
    let a = Softly::new();
    varied(&a);
    let first = a.ok(&["export"]);
    let doc: Value = serde_json::from_str(&first).unwrap();
    assert_eq!(doc["format"], "softly-export");
    assert_eq!(doc["version"], 1);
    assert_eq!(
        keys(&doc),
        [
            "exported_at",
            "format",
            "lists",
            "source",
            "todos",
            "trash",
            "version"
        ]
    );

    let b = Softly::new();
    let file = b.dir.path().join("backup.json");
    std::fs::write(&file, &first).unwrap();
    assert_eq!(
        b.ok(&["import", file.to_str().unwrap()]),
        "Imported 2 lists, 4 todos and 2 trash entries.\n"
    );
    // Identical but for the database it was made from.
    assert_eq!(without_source(&b.ok(&["export"])), without_source(&first));
    assert_ne!(
        serde_json::from_str::<Value>(&b.ok(&["export"])).unwrap()["source"],
        doc["source"]
    );
}

/// An export without its `source` (the id of the database it was made from).
fn without_source(export: &str) -> Value {
    let mut doc: Value = serde_json::from_str(export).unwrap();
    doc.as_object_mut().unwrap().remove("source");
    doc
}

/// Promise (issue 11, 19): the same export imported twice, or an export imported into the
/// database it came from, is refused, naming --duplicate; with it, it goes in again.
#[test]
fn importing_the_same_export_twice_is_refused_unless_duplicate() {
    let a = Softly::new();
    varied(&a);
    let file = a.dir.path().join("backup.json");
    a.ok(&["export", file.to_str().unwrap()]);
    let path = file.to_str().unwrap();
    let err = a.fails(1, &["import", path]);
    assert_one_error_line(&err, "this export was made from this very database");
    let b = Softly::new();
    b.ok(&["import", path]);
    let live = b.json(&["ls", "--json"]).as_array().unwrap().len();
    let before = b.ok(&["export"]);
    let err = b.fails(1, &["import", path]);
    assert_one_error_line(&err, "this export was imported into this database before");
    assert!(
        err.contains("pass --duplicate to import it anyway"),
        "{err}"
    );
    assert_eq!(b.ok(&["export"]), before, "nothing was imported");
    b.ok(&["import", "--duplicate", path]);
    assert_eq!(
        b.json(&["ls", "--json"]).as_array().unwrap().len(),
        2 * live
    );
}

#[test]
fn import_into_a_used_database_renumbers_keeps_purge_clocks_and_renames_clashes() {
    let a = Softly::new();
    varied(&a);
    let export = a.ok(&["export"]);

    let b = Softly::new();
    b.ok(&["list", "add", "groceries"]);
    b.ok(&["add", "existing"]);
    b.ok(&["add", "x"]);
    b.ok(&["rm", "2"]);
    let mut child = b
        .command(&["import", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), export.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "Imported 2 lists, 4 todos and 2 trash entries.\n\
         List 'Groceries' is now 'Groceries (restored)': a live list already has its name.\n"
    );
    let lists = b.json(&["lists", "--json"]);
    let names: Vec<&str> = lists
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["Inbox", "groceries", "Groceries (restored)", "Work"]
    );
    // The Inbox keeps its own todos first; imported ones follow.
    let inbox: Vec<String> = b
        .json(&["ls", "--json", "--inbox"])
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["title"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(inbox, ["existing"]);
    // Imported trash keeps its delete time, so its purge clock runs on.
    let trash = b.json(&["trash", "--json"]);
    let titles: Vec<&str> = trash
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["x", "orphan", "call mom"]);
    assert!(
        trash
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["deleted_at"] == "2026-11-26T12:00:00.000Z")
    );
    // Restored, the orphan still knows its list was erased.
    let orphan = trash[1]["entry"].to_string();
    assert_eq!(
        b.ok(&["restore", &orphan]),
        "Restored todo 'orphan' to the Inbox: its list was erased.\n"
    );
}

/// `text` (a JSON document) with `edit` applied.
fn edited(text: &str, edit: impl FnOnce(&mut Value)) -> String {
    let mut doc: Value = serde_json::from_str(text).unwrap();
    edit(&mut doc);
    doc.to_string()
}

#[test]
fn a_bad_export_is_refused_naming_the_place_and_nothing_is_imported() {
    let s = Softly::new();
    s.ok(&["add", "already here"]);
    let before = s.ok(&["export"]);
    let good = {
        let a = Softly::new();
        varied(&a);
        a.ok(&["export"])
    };
    let cases: Vec<(String, &str)> = vec![
        (good[..good.len() / 2].to_string(), "line "),
        (
            "{\"format\": \"something else\"}".to_string(),
            "not a softly export",
        ),
        (
            good.replacen("\"version\": 1", "\"version\": 7", 1),
            "format version 7, newer",
        ),
        (
            good.replacen("\"done\": true", "\"done\": true, \"colour\": 3", 1),
            "unknown field `colour`",
        ),
        (
            edited(&good, |doc| {
                doc["todos"][1]["id"] = doc["todos"][0]["id"].clone()
            }),
            "todos[1].id: 1 appears twice",
        ),
        (
            edited(&good, |doc| {
                doc["todos"][0]["created_at"] = "2026-02-30T00:00:00Z".into()
            }),
            "parameter 'day' for `2026-02` is invalid",
        ),
        (
            edited(&good, |doc| doc["trash"][0]["deleted_at"] = 5.into()),
            "invalid type: integer `5`, expected an RFC 3339 time",
        ),
        (
            good.replacen("\"list\": 1", "\"list\": 99", 1),
            "todos[0].list: no list 99",
        ),
        (
            good.replacen("\"title\": \"milk\"", "\"title\": \"  \"", 1),
            "todos[0].title: title is empty",
        ),
        (
            good.replacen("\"kind\": \"todo\"", "\"kind\": \"note\"", 1),
            "kind: must be \"todo\" or \"list\"",
        ),
        (
            edited(&good, |doc| doc["todos"][0]["position"] = i64::MAX.into()),
            "todos[0].position: 9223372036854775807 is not a place in a list",
        ),
        (
            edited(&good, |doc| doc["lists"][0]["position"] = (-4).into()),
            "lists[0].position: -4 is not a place in a list",
        ),
        (
            edited(&good, |doc| doc["todos"][0]["list_erased"] = true.into()),
            "todos[0].list_erased: only a todo in the Trash with no list",
        ),
    ];
    for (i, (text, expect)) in cases.iter().enumerate() {
        let file = s.dir.path().join(format!("bad{i}.json"));
        std::fs::write(&file, text).unwrap();
        let err = s.fails(1, &["import", file.to_str().unwrap()]);
        assert_one_error_line(&err, expect);
        assert!(err.contains("nothing was imported"), "{err}");
    }
    assert_eq!(s.ok(&["export"]), before);
}

/// Ids and places stay within what an import accepts, so every export softly writes imports:
/// at the largest id, adding is refused (not handed id 2^53 + 1), and a list whose places
/// reached the largest is renumbered, so adding to it still works.
#[test]
fn ids_and_places_never_pass_what_an_import_accepts() {
    let top = softly::store::MAX_ID.to_string();
    let doc = format!(
        r#"{{"format": "softly-export", "version": 1, "exported_at": "2026-11-26T12:00:00Z",
          "lists": [{{"id": 1, "name": "Edge", "position": {max}, "created_at": "2026-11-26T12:00:00Z", "trash_entry": null}}],
          "todos": [{{"id": {top}, "title": "last id", "list": 1, "done": false, "position": {max},
                     "created_at": "2026-11-26T12:00:00Z", "trash_entry": null}}],
          "trash": []}}"#,
        max = softly::store::MAX_POSITION
    );
    let fresh = Softly::new();
    let file = fresh.dir.path().join("edge.json");
    std::fs::write(&file, doc).unwrap();
    fresh.ok(&["import", file.to_str().unwrap()]);
    let err = fresh.fails(1, &["add", "one more"]);
    assert_one_error_line(&err, "every todo id up to 2^53 has been given out");
    // The places were at the largest: adding a list renumbers the lists first.
    fresh.ok(&["list", "add", "Next"]);
    let export = fresh.ok(&["export"]);
    let again = Softly::new();
    let file = again.dir.path().join("again.json");
    std::fs::write(&file, &export).unwrap();
    again.ok(&["import", file.to_str().unwrap()]);
    assert_eq!(
        without_source(&again.ok(&["export"])),
        without_source(&export)
    );
}

#[test]
fn an_import_of_a_file_that_cannot_be_read_says_so_and_changes_nothing() {
    let s = Softly::new();
    s.ok(&["add", "keep me"]);
    let before = s.ok(&["export"]);
    let missing = s.dir.path().join("no such file.json");
    let err = s.fails(1, &["import", missing.to_str().unwrap()]);
    assert_one_error_line(&err, "cannot read");
    assert!(err.contains("no such file.json"), "{err}");
    let err = s.fails(1, &["import", s.dir.path().to_str().unwrap()]);
    assert_one_error_line(&err, "cannot read");
    assert_eq!(s.ok(&["export"]), before);
}

#[test]
fn a_database_in_a_read_only_directory_serves_reads_and_refuses_writes() {
    let s = Softly::new();
    s.ok(&["add", "keep me"]);
    chmod(s.dir.path(), 0o755);
    chmod(&s.config(), 0o644);
    chmod(&s.db(), 0o444);
    chmod(s.db().parent().unwrap(), 0o555); // no -shm can be made here
    let before = std::fs::read(s.db()).unwrap();

    let out = run_unprivileged(&s, &["ls"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("keep me"));

    let out = run_unprivileged(&s, &["add", "new"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is read-only; nothing was changed"));
    assert_eq!(std::fs::read(s.db()).unwrap(), before);
    let names: Vec<_> = std::fs::read_dir(s.db().parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["softly.db"], "nothing was created beside it");
    chmod(s.db().parent().unwrap(), 0o755); // so the temporary directory can be removed
}
