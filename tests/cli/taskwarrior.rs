//! `softly import --from taskwarrior`: the output of Taskwarrior 2.6.2's `task export`
//! (fixtures written by the real `task`: tests/fixtures/taskwarrior/make.sh), and, where
//! `task` is installed, its live output.

use super::*;

fn fixture(name: &str) -> String {
    format!(
        "{}/tests/fixtures/taskwarrior/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

/// Promise: every task of `task export` comes in as Taskwarrior meant it: pending live,
/// completed done, deleted in the Trash deleted at its `end`, projects as lists, tags as
/// #tags, due dates (a day, or a time), priorities, annotations as the note, recurrences
/// where softly has the rule; recurring templates skipped.
#[test]
fn a_taskwarrior_export_comes_in_as_taskwarrior_meant_it() {
    let s = Softly::new().at("2026-12-02T12:00:00Z");
    let out = s.ok(&[
        "--retention",
        "never",
        "import",
        "--from",
        "taskwarrior",
        &fixture("export.json"),
    ]);
    assert!(
        out.starts_with("Imported 3 lists, 12 todos and 2 trash entries."),
        "{out}"
    );
    assert!(out.contains("Skipped 5 recurring templates"), "{out}");
    assert!(
        out.contains("1 todo had a recurrence softly has no rule for"),
        "{out}"
    );
    let todos = s.json(&["--retention", "never", "ls", "--all", "--json"]);
    assert_eq!(
        todos.as_array().unwrap().len(),
        10,
        "12, less the 2 deleted"
    );

    let milk = by_title(&todos, "Buy milk");
    assert_eq!(milk["title"], "Buy milk #shopping");
    assert_eq!(milk["list"], "Home");
    assert_eq!(milk["priority"], "high");
    assert_eq!(
        milk["due"], "2026-12-05T23:59:59.999Z",
        "a day: due at its end"
    );
    assert_eq!(milk["due_has_time"], false);
    assert_eq!(
        milk["note"],
        "2026-10-02 the oat one, not the cow one\n2026-10-03 two litres"
    );
    assert_eq!(milk["created_at"], "2026-10-01T09:00:00.000Z");
    let report = by_title(&todos, "Write the report");
    assert_eq!(report["due"], "2026-12-03T14:30:00.000Z");
    assert_eq!(report["due_has_time"], true);
    assert_eq!(report["priority"], "medium");
    assert_eq!(report["list"], "Work");
    assert_eq!(by_title(&todos, "Read a book")["priority"], "low");
    let plumber = by_title(&todos, "Call the plumber");
    assert_eq!(plumber["done"], true);
    let exported: Value = serde_json::from_str(&s.ok(&["--retention", "never", "export"])).unwrap();
    let plumber_row = by_title(&exported["todos"], "Call the plumber");
    assert_eq!(
        plumber_row["done_at"], "2026-11-20T18:00:00.000Z",
        "done at its end time"
    );
    assert_eq!(plumber["title"], "Call the plumber #home #urgent");
    assert_eq!(
        by_title(&todos, "Later, not now")["done"],
        false,
        "waiting: live"
    );
    for (title, every) in [
        ("Water the plants", Some("week")),
        ("Stand-up", Some("weekday")),
        ("Pay rent", Some("month")),
        ("Stretch", Some("3 days")),
        ("Birthday card", None),
    ] {
        let t = by_title(&todos, title);
        assert_eq!(t["every"].as_str(), every, "{title}");
    }
    assert!(
        by_title(&todos, "Birthday card")["note"]
            .as_str()
            .unwrap()
            .contains("'yearly'; softly has no such rule"),
    );
    let trash = s.json(&["--retention", "never", "trash", "--json"]);
    let deleted: Vec<(String, String)> = trash
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["title"].as_str().unwrap().to_string(),
                e["deleted_at"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        deleted,
        [
            (
                "Long gone".to_string(),
                "2026-10-15T08:00:00.000Z".to_string()
            ),
            (
                "Old idea".to_string(),
                "2026-11-28T08:00:00.000Z".to_string()
            ),
        ]
    );
    // The purge clock carried over: deleted 48 days ago, "Long gone" goes at the next
    // command with the default 30 days; "Old idea" stays.
    s.ok(&["ls"]);
    let trash = s.json(&["trash", "--json"]);
    assert_eq!(trash.as_array().unwrap().len(), 1);
    assert_eq!(trash[0]["title"], "Old idea");
}

/// The array and the one-task-a-line forms give the same todos.
#[test]
fn one_task_a_line_imports_as_the_array_does() {
    let a = Softly::new().at("2026-12-02T12:00:00Z");
    let b = Softly::new().at("2026-12-02T12:00:00Z");
    a.ok(&["import", "--from", "taskwarrior", &fixture("export.json")]);
    let lines = std::fs::read(fixture("export.lines")).unwrap();
    let mut cmd = b.command(&["import", "--from", "taskwarrior", "-"]);
    cmd.stdin(Stdio::piped()).stdout(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), &lines).unwrap();
    assert!(child.wait_with_output().unwrap().status.success());
    for args in [
        &["ls", "--all", "--json"][..],
        &["trash", "--json"],
        &["lists", "--json"],
    ] {
        assert_eq!(a.json(args), b.json(args), "{args:?}");
    }
}

/// Promise: importing the same tasks twice is refused, naming one, and adds nothing;
/// `--duplicate` adds them all again as new todos.
#[test]
fn the_same_tasks_are_not_imported_twice_by_accident() {
    let s = Softly::new().at("2026-12-02T12:00:00Z");
    s.ok(&["import", "--from", "taskwarrior", &fixture("export.json")]);
    let before = s.ok(&["export"]);
    let err = s.fails(
        1,
        &["import", "--from", "taskwarrior", &fixture("export.lines")],
    );
    assert_one_error_line(&err, "was imported before (it is '");
    assert!(
        err.contains("nothing was imported") && err.contains("--duplicate"),
        "{err}"
    );
    let after: Value = serde_json::from_str(&s.ok(&["export"])).unwrap();
    let before: Value = serde_json::from_str(&before).unwrap();
    assert_eq!(after["todos"], before["todos"]);
    // A softly export keeps the uids: imported elsewhere, the tasks are still recognised.
    let copy = Softly::new().at("2026-12-02T12:00:00Z");
    let file = s.dir.path().join("backup.json");
    s.ok(&["export", file.to_str().unwrap()]);
    copy.ok(&["import", file.to_str().unwrap()]);
    copy.fails(
        1,
        &["import", "--from", "taskwarrior", &fixture("export.json")],
    );
    s.ok(&[
        "import",
        "--duplicate",
        "--from",
        "taskwarrior",
        &fixture("export.json"),
    ]);
    let todos = s.json(&["ls", "--all", "--json"]);
    assert_eq!(todos.as_array().unwrap().len(), 2 * 10);
}

/// A file softly cannot take is refused with the task and field named, and nothing is
/// imported; a Taskwarrior file given without --from says to add it.
#[test]
fn a_bad_task_is_refused_naming_it() {
    let s = Softly::new();
    s.ok(&["add", "keep me"]);
    let before = s.ok(&["export"]);
    let cases = [
        (
            r#"[{"uuid": "a", "description": "x", "status": "pending"}, {"uuid": "b", "description": "y", "status": "zombie"}]"#,
            "tasks[1].status: 'zombie' is not a status Taskwarrior writes",
        ),
        (
            r#"[{"uuid": "a", "description": "x", "status": "pending", "due": "soon"}]"#,
            "tasks[0].due: 'soon' is not a time",
        ),
        (
            r#"[{"uuid": "a", "description": "  ", "status": "pending"}]"#,
            "tasks[0].title: title is empty",
        ),
        (
            r#"[{"uuid": "a", "description": "x", "status": "pending", "priority": "X"}]"#,
            "tasks[0].priority: 'X' is not H, M or L",
        ),
        (
            r#"[{"uuid": "a", "description": "x", "status": "pending"}, {"uuid": "a", "description": "y", "status": "pending"}]"#,
            "todos[1].uid: a appears twice",
        ),
        (
            r#"[{"uuid": "a", "description": "x", "status": "pending"},"#,
            "line 1, column",
        ),
    ];
    for (i, (text, expect)) in cases.iter().enumerate() {
        let file = s.dir.path().join(format!("bad{i}.json"));
        std::fs::write(&file, text).unwrap();
        let err = s.fails(
            1,
            &["import", "--from", "taskwarrior", file.to_str().unwrap()],
        );
        assert_one_error_line(&err, expect);
        assert!(err.contains("nothing was imported"), "{err}");
    }
    assert_eq!(s.ok(&["export"]), before);
    // Named as softly's own export, a Taskwarrior file is refused with a hint.
    let err = s.fails(1, &["import", "--from", "softly", &fixture("export.json")]);
    assert_one_error_line(&err, "add --from taskwarrior");
    assert_eq!(s.ok(&["export"]), before);
}

/// With Taskwarrior installed (CI has Debian's), its live `task export` imports.
#[test]
fn what_the_installed_taskwarrior_exports_imports() {
    let Ok(version) = std::process::Command::new("task").arg("--version").output() else {
        // The committed fixtures, written by Taskwarrior, stand for it meanwhile.
        cannot_run_here(
            "what_the_installed_taskwarrior_exports_imports",
            "task",
            "Taskwarrior, to export live tasks",
        );
        return;
    };
    assert!(version.status.success());
    let s = Softly::new();
    let data = s.dir.path().join("task-data");
    std::fs::create_dir_all(&data).unwrap();
    let rc = s.dir.path().join("taskrc");
    std::fs::write(
        &rc,
        format!(
            "data.location={}\nconfirmation=off\nverbose=nothing\nnews.version=2.6.2\n",
            data.display()
        ),
    )
    .unwrap();
    let task = |args: &[&str]| {
        let out = std::process::Command::new("task")
            .args(args)
            .env("TASKRC", &rc)
            .env("TASKDATA", &data)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "task {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    };
    task(&["add", "live one", "project:Home", "+now", "priority:H"]);
    task(&["add", "finished one"]);
    task(&["add", "dropped one"]);
    task(&["2", "done"]);
    task(&["3", "delete"]);
    let file = s.dir.path().join("live.json");
    std::fs::write(&file, task(&["export"])).unwrap();
    s.ok(&["import", "--from", "taskwarrior", file.to_str().unwrap()]);
    let todos = s.json(&["ls", "--all", "--json"]);
    let live = by_title(&todos, "live one");
    assert_eq!(live["title"], "live one #now");
    assert_eq!(live["list"], "Home");
    assert_eq!(by_title(&todos, "finished one")["done"], true);
    assert_eq!(s.json(&["trash", "--json"])[0]["title"], "dropped one");
}
