//! todo.txt in and out: `softly import --from todotxt` and `softly export --format todotxt`.

use super::*;

const FILE: &str = "\
(A) 2026-11-30 Call mom +Family @phone due:2026-12-05
x 2026-12-01 2026-11-28 Buy bread +Groceries @shop
(B) Water plants rec:1w due:2026-12-06 +Home_and_Garden
(D) 2026-11-01 Someday maybe #idea key:value
x Pay taxes pri:A
Plain line with +Two +Projects

2026-11-30 Meeting due:2026-12-03T14:30 @work
";

fn import_file(s: &Softly, text: &str, extra: &[&str]) -> String {
    let file = s.dir.path().join("todo.txt");
    std::fs::write(&file, text).unwrap();
    let mut args = vec!["import", "--from", "todotxt", file.to_str().unwrap()];
    args.extend_from_slice(extra);
    s.ok(&args)
}

/// Promise: each part of a todo.txt line lands where softly keeps it: `x` done, `(A)`–`(C)`
/// the priority, the creation date, the last `+project` the list, `@context` a tag,
/// `due:` a day or a time, `rec:` the recurrence; other `key:value`s stay in the title.
#[test]
fn a_todotxt_file_comes_in_as_written() {
    let s = Softly::new().at("2026-12-02T12:00:00Z");
    let out = import_file(&s, FILE, &[]);
    assert!(
        out.starts_with("Imported 4 lists, 7 todos and 0 trash entries."),
        "{out}"
    );
    assert!(out.contains("1 todo had a priority below (C)"), "{out}");
    let todos = s.json(&["ls", "--all", "--json"]);
    let mom = by_title(&todos, "Call mom");
    assert_eq!(mom["title"], "Call mom #phone");
    assert_eq!(mom["list"], "Family");
    assert_eq!(mom["priority"], "high");
    assert_eq!(mom["created_at"], "2026-11-30T00:00:00.000Z");
    assert_eq!(mom["due"], "2026-12-05T23:59:59.999Z");
    let bread = by_title(&todos, "Buy bread");
    assert_eq!(bread["done"], true);
    assert_eq!(
        bread["created_at"], "2026-11-28T00:00:00.000Z",
        "not the completion date"
    );
    let exported: Value = serde_json::from_str(&s.ok(&["export"])).unwrap();
    assert_eq!(
        by_title(&exported["todos"], "Buy bread")["done_at"],
        "2026-12-01T00:00:00.000Z"
    );
    let txt = s.ok(&["export", "--format", "todotxt"]);
    assert!(
        txt.contains("\nx 2026-12-01 2026-11-28 Buy bread @shop +Groceries\n"),
        "{txt}"
    );
    assert!(
        txt.contains("\nx Pay taxes pri:A\n"),
        "no completion date known: none written"
    );
    let plants = by_title(&todos, "Water plants");
    assert_eq!(plants["list"], "Home and Garden");
    assert_eq!(plants["every"], "week");
    assert_eq!(plants["priority"], "medium");
    let someday = by_title(&todos, "Someday maybe");
    assert_eq!(someday["title"], "Someday maybe #idea key:value");
    assert_eq!(someday["priority"], "low");
    assert_eq!(by_title(&todos, "Pay taxes")["priority"], "high");
    let plain = by_title(&todos, "Plain line");
    assert_eq!(plain["title"], "Plain line with +Two");
    assert_eq!(plain["list"], "Projects");
    let meeting = by_title(&todos, "Meeting");
    assert_eq!(meeting["due"], "2026-12-03T14:30:00.000Z");
    assert_eq!(meeting["due_has_time"], true);
}

/// Promise: softly → todo.txt → softly keeps every field todo.txt has a place for, and
/// todo.txt → softly → todo.txt comes back line for line; what todo.txt cannot hold (notes,
/// the Trash) is said, not dropped in silence.
#[test]
fn todotxt_round_trips_and_says_what_it_cannot_hold() {
    let a = Softly::new().at("2026-12-02T12:00:00Z");
    import_file(&a, FILE, &[]);
    a.ok(&[
        "add",
        "with a note",
        "--note",
        "a line of it",
        "--list",
        "Family",
    ]);
    a.ok(&["add", "gone", "--due", "2026-12-24"]);
    a.ok(&["rm", "9"]);
    let out = a.dir.path().join("out.txt");
    let run = a.run(&["export", "--format", "todotxt", out.to_str().unwrap()]);
    assert!(run.status.success());
    let said = String::from_utf8_lossy(&run.stderr);
    assert!(said.contains("Exported 8 todos to"), "{said}");
    assert!(
        said.contains("todo.txt has no place for 1 note or the Trash (1 entry)"),
        "{said}"
    );
    let first = std::fs::read_to_string(&out).unwrap();
    assert_eq!(first.lines().count(), 8);

    let b = Softly::new().at("2026-12-02T12:00:00Z");
    import_file(&b, &first, &[]);
    assert_eq!(
        b.ok(&["export", "--format", "todotxt"]),
        first,
        "line for line"
    );
    let fields = |s: &Softly| -> Vec<Value> {
        let mut todos: Vec<Value> = s
            .json(&["ls", "--all", "--json"])
            .as_array()
            .unwrap()
            .clone();
        for t in &mut todos {
            let t = t.as_object_mut().unwrap();
            for gone in ["id", "note", "created_at"] {
                t.remove(gone);
            }
        }
        todos.sort_by_key(|t| t["title"].as_str().unwrap().to_string());
        todos
    };
    let (before, after) = (fields(&a), fields(&b));
    // #tags come back as #tags (written as @contexts); everything else as it was.
    assert_eq!(before, after);
}

/// Importing the same todo.txt twice is refused; --duplicate adds it again; a line that is
/// only markup is refused by its number.
#[test]
fn the_same_todotxt_is_not_imported_twice_and_a_bad_line_is_named() {
    let s = Softly::new().at("2026-12-02T12:00:00Z");
    import_file(&s, FILE, &[]);
    let file = s.dir.path().join("todo.txt");
    let err = s.fails(1, &["import", "--from", "todotxt", file.to_str().unwrap()]);
    assert_one_error_line(&err, "this file was imported into this database before");
    assert_eq!(
        s.json(&["ls", "--all", "--json"]).as_array().unwrap().len(),
        7
    );
    import_file(&s, FILE, &["--duplicate"]);
    assert_eq!(
        s.json(&["ls", "--all", "--json"]).as_array().unwrap().len(),
        14
    );

    let bad = s.dir.path().join("bad.txt");
    std::fs::write(&bad, "fine\n\n(A) +Work due:2026-12-01\n").unwrap();
    let err = s.fails(1, &["import", "--from", "todotxt", bad.to_str().unwrap()]);
    assert_one_error_line(&err, "line 3.title: title is empty");
    assert!(err.contains("nothing was imported"), "{err}");
    assert_eq!(
        s.json(&["ls", "--all", "--json"]).as_array().unwrap().len(),
        14
    );
}

/// Promise: another app's project joins the live list of its name (as `--list` finds it,
/// whatever the case), from todo.txt and from Taskwarrior; nothing is renamed "(restored)".
#[test]
fn projects_join_the_lists_of_their_names() {
    let s = Softly::new();
    s.ok(&["list", "add", "Work"]);
    s.ok(&["add", "--list", "Work", "already here"]);
    let said = import_file(&s, "Write the report +work\n", &[]);
    assert!(
        said.contains("Its todos of 'work' went into the list of that name here."),
        "{said}"
    );
    let tasks = s.dir.path().join("tasks.json");
    std::fs::write(
        &tasks,
        r#"[{"uuid":"7f0c6f3c-3c1e-4c1a-9a55-3e1b7b4a9f01","description":"File expenses","status":"pending","entry":"20261120T090000Z","project":"Work"}]"#,
    )
    .unwrap();
    s.ok(&["import", "--from", "taskwarrior", tasks.to_str().unwrap()]);
    let lists = s.json(&["lists", "--json"]);
    let names: Vec<&str> = lists
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Inbox", "Work"], "no second Work");
    let work = s.json(&["ls", "--list", "Work", "--json"]);
    let titles: Vec<&str> = work
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        ["already here", "Write the report", "File expenses"]
    );
}

/// Promise: a line longer than any todo can be is refused as it is read, without holding
/// it: of a 256 MiB line, softly takes in no more than a sliver before it says so and stops.
#[test]
fn a_line_too_long_for_any_todo_is_refused_without_reading_it_whole() {
    use std::io::Write;
    let s = Softly::new();
    let mut child = s
        .command(&["import", "--from", "todotxt", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let chunk = vec![b'a'; 64 * 1024];
    let mut taken = 0usize;
    while taken < 256 << 20 {
        match stdin.write(&chunk) {
            Ok(n) => taken += n,
            Err(_) => break, // refused and gone: the rest is never read
        }
    }
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("line 1: it is longer than softly reads"),
        "{stderr}"
    );
    // What a pipe holds and the line's first 64 KiB, not the 256 MiB (which it would have to
    // take in whole, and hold, to read the line whole).
    assert!(taken < 8 << 20, "softly took in {} MiB", taken >> 20);
    assert_eq!(s.json(&["ls", "--all", "--json"]), Value::Array(vec![]));
}

/// Promise: `import` recognises a todo.txt file and a Taskwarrior export without `--from`,
/// and its help names all three formats.
#[test]
fn import_recognises_the_format_without_from() {
    let s = Softly::new();
    let txt = s.dir.path().join("todo.txt");
    std::fs::write(&txt, "(A) Call mom +Family due:2026-12-05\n").unwrap();
    s.ok(&["import", txt.to_str().unwrap()]);
    let tasks = s.dir.path().join("tasks.json");
    std::fs::write(
        &tasks,
        r#"[{"uuid":"3b5c2b52-6e2b-4b53-9a3f-0d6c7b9c1a11","description":"File expenses","status":"pending","entry":"20261120T090000Z"}]"#,
    )
    .unwrap();
    s.ok(&["import", tasks.to_str().unwrap()]);
    let titles: Vec<String> = s
        .json(&["ls", "--all", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["title"].as_str().unwrap().to_string())
        .collect();
    assert!(titles.contains(&"Call mom".to_string()), "{titles:?}");
    assert!(titles.contains(&"File expenses".to_string()), "{titles:?}");
    let help = s.ok(&["import", "--help"]);
    for format in ["softly", "taskwarrior", "todotxt"] {
        assert!(help.contains(format), "{help}");
    }
}
