//! The todo commands: `add`, `ls`, `done`, `edit`, `mv`, `rm`, their output and JSON.

use super::*;

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
    let v = s.json(&["ls", "--all", "--json"]);
    let rows = v.as_array().unwrap();
    assert_eq!(rows.len(), 2);
    for row in rows {
        assert_eq!(
            keys(row),
            [
                "cancelled",
                "created_at",
                "done",
                "due",
                "due_has_time",
                "every",
                "id",
                "list",
                "note",
                "priority",
                "tags",
                "title"
            ]
        );
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
    let v = s.json(&["ls", "--all", "--json"]);
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

#[test]
fn a_due_date_and_a_priority_are_set_shown_changed_and_cleared() {
    // SOFTLY_NOW is Thursday 2026-11-26 12:00 UTC; the sandbox's zone is UTC.
    let s = Softly::new();
    assert_eq!(
        s.ok(&["add", "pay", "rent", "--due", "fri", "--priority", "high"]),
        "1\n"
    );
    s.ok(&["add", "call mom", "--due", "2026-11-26 18:30"]);
    s.ok(&["add", "no date"]);
    let rows = s.json(&["ls", "--json"]);
    assert_eq!(rows[0]["due"], "2026-11-27T23:59:59.999Z");
    assert_eq!(rows[0]["due_has_time"], false);
    assert_eq!(rows[0]["priority"], "high");
    assert_eq!(rows[1]["due"], "2026-11-26T18:30:00.000Z");
    assert_eq!(rows[1]["due_has_time"], true);
    assert_eq!(rows[1]["priority"], Value::Null);
    assert_eq!(rows[2]["due"], Value::Null);
    let table = s.ok(&["ls"]);
    assert!(
        table.starts_with("ID  DONE  LIST   CREATED   DUE          PRI  TITLE\n"),
        "{table}"
    );
    assert!(table.contains("tomorrow     !!!  pay rent"), "{table}");
    assert!(table.contains("today 18:30       call mom"), "{table}");

    assert_eq!(
        s.ok(&["edit", "1", "--due", "none", "--priority", "low"]),
        "Todo 1 is now 'pay rent', with no due date, priority low.\n"
    );
    assert_eq!(
        s.ok(&["edit", "2", "--title", "call dad", "--due", "in 2w"]),
        "Todo 2 is now 'call dad', due Dec 10.\n"
    );
    let rows = s.json(&["ls", "--json"]);
    assert_eq!(rows[0]["due"], Value::Null);
    assert_eq!(rows[0]["priority"], "low");
    assert_eq!(rows[1]["title"], "call dad");
    assert_eq!(rows[1]["due_has_time"], false);
    // Without dates or priorities on show, ls keeps its narrow table.
    s.ok(&["edit", "1", "--priority", "none"]);
    s.ok(&["edit", "2", "--due", "none"]);
    assert!(
        s.ok(&["ls"])
            .starts_with("ID  DONE  LIST   CREATED   TITLE\n")
    );
}

#[test]
fn a_bad_due_date_or_priority_is_refused_and_nothing_is_written() {
    let s = Softly::new();
    let err = s.fails(1, &["add", "x", "--due", "someday"]);
    assert_one_error_line(
        &err,
        "--due: 'someday' is not a due date; try today, tomorrow",
    );
    let err = s.fails(1, &["add", "x", "--priority", "urgent"]);
    assert_one_error_line(&err, "--priority: 'urgent' is not a priority");
    assert_eq!(s.json(&["ls", "--json"]).as_array().unwrap().len(), 0);
    s.ok(&["add", "keep me", "--priority", "medium"]);
    let err = s.fails(
        1,
        &["edit", "1", "--title", "changed", "--due", "2026-02-30"],
    );
    assert_one_error_line(&err, "--due: '2026-02-30' is not a day of the calendar");
    assert_eq!(
        s.json(&["ls", "--json"])[0]["title"],
        "keep me",
        "the title did not change either"
    );
    let err = s.fails(1, &["edit", "1"]);
    assert_one_error_line(&err, "nothing to change");
}

#[test]
fn ls_sorts_and_shows_what_is_due_today_or_in_the_week_ahead() {
    // SOFTLY_NOW is Thursday 2026-11-26 12:00 UTC; the sandbox's zone is UTC.
    let s = Softly::new();
    s.ok(&["list", "add", "Work"]);
    s.ok(&[
        "add",
        "b overdue",
        "--due",
        "2026-11-20",
        "--priority",
        "low",
    ]);
    s.ok(&[
        "add",
        "A due tonight",
        "--due",
        "2026-11-26 20:00",
        "--list",
        "Work",
    ]);
    s.ok(&["add", "c next week", "--due", "in 7d", "--priority", "high"]);
    s.ok(&["add", "d far", "--due", "in 8d"]);
    s.ok(&["add", "e undated", "--priority", "medium"]);
    let titles = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["ls", "--json"];
        all.extend_from_slice(args);
        s.json(&all)
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["title"].as_str().unwrap().to_string())
            .collect()
    };
    // Manual order: the Inbox first, then each list.
    assert_eq!(
        titles(&[]),
        [
            "b overdue",
            "c next week",
            "d far",
            "e undated",
            "A due tonight"
        ]
    );
    assert_eq!(
        titles(&["--sort", "due"]),
        [
            "b overdue",
            "A due tonight",
            "c next week",
            "d far",
            "e undated"
        ]
    );
    assert_eq!(
        titles(&["--sort", "priority"]),
        [
            "c next week",
            "e undated",
            "b overdue",
            "d far",
            "A due tonight"
        ]
    );
    assert_eq!(
        titles(&["--sort", "title"]),
        [
            "A due tonight",
            "b overdue",
            "c next week",
            "d far",
            "e undated"
        ]
    );
    assert_eq!(titles(&["--today"]), ["b overdue", "A due tonight"]);
    assert_eq!(titles(&["--upcoming"]), ["A due tonight", "c next week"]);
    assert_eq!(titles(&["--upcoming", "--limit", "1"]), ["A due tonight"]);
    assert_eq!(
        titles(&["--today", "--sort", "title"]),
        ["A due tonight", "b overdue"]
    );
    // One scope at a time.
    let err = s.fails(2, &["ls", "--today", "--inbox"]);
    assert!(err.contains("cannot be used with"), "{err}");
}

#[test]
fn ls_never_shows_a_done_todo_overdue() {
    let s = Softly::new();
    s.ok(&["add", "pay rent", "--due", "2026-11-20"]);
    s.ok(&["add", "pay tax", "--due", "2026-11-20"]);
    s.ok(&["done", "1"]);
    let out = s.ok(&["ls", "--all"]);
    let row = |title: &str| out.lines().find(|l| l.contains(title)).unwrap().to_string();
    assert!(row("pay tax").contains("6d overdue"), "{out}");
    assert!(!row("pay rent").contains("overdue"), "{out}");
}

#[test]
fn ls_shows_the_note_and_recurrence_marks_the_app_shows() {
    let s = Softly::new();
    s.ok(&[
        "add",
        "water the plants",
        "--due",
        "2026-11-27",
        "--every",
        "week",
    ]);
    s.ok(&["add", "call mom", "--note", "about sunday"]);
    s.ok(&["add", "plain"]);
    let out = s.ok(&["ls"]);
    let row = |title: &str| out.lines().find(|l| l.contains(title)).unwrap().to_string();
    assert!(row("water the plants").contains("↻ week"), "{out}");
    assert!(row("call mom").contains("call mom ✎"), "{out}");
    assert!(
        !row("plain").contains('✎') && !row("plain").contains('↻'),
        "{out}"
    );
}
