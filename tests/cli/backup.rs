//! Export and import through the binary: files written safely, checked on the way in, never
//! imported twice by accident.

use super::*;

#[test]
fn export_then_import_into_an_empty_database_round_trips_exactly() {
    let a = Softly::new();
    varied(&a);
    // Due dates and priorities travel too, on live todos and on todos in the Trash.
    a.ok(&[
        "add",
        "dated",
        "--due",
        "2026-12-24 14:30",
        "--priority",
        "high",
    ]);
    let trashed = a.ok(&["add", "dated, trashed", "--due", "fri", "--priority", "low"]);
    a.ok(&["rm", trashed.trim()]);
    // So do tags, notes, recurrences and pins, and a batch entry of two todos.
    a.ok(&[
        "add",
        "water the plants #home #Garden",
        "--due",
        "tomorrow",
        "--every",
        "3 days",
        "--note",
        "the fern likes less\n\n  and the cactus none",
    ]);
    let one = a.ok(&["add", "batch one", "--note", "kept in the trash"]);
    let two = a.ok(&["add", "batch two #home"]);
    let batch = a.ok(&["rm", "--batch", one.trim(), two.trim()]);
    a.ok(&["pin", batch.trim()]);
    let first = a.ok(&["export"]);
    let doc: Value = serde_json::from_str(&first).unwrap();
    assert_eq!(doc["format"], "softly-export");
    assert_eq!(doc["version"], 4);
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
        "Imported 2 lists, 9 todos and 4 trash entries.\n"
    );
    assert!(
        first.contains("\"due\": \"2026-12-24T14:30:00.000Z\""),
        "{first}"
    );
    assert!(first.contains("\"priority\": \"low\""), "{first}");
    assert!(first.contains("\"every\": \"3 days\""), "{first}");
    assert!(first.contains("\"pinned\": true"), "{first}");
    assert!(
        first.contains("\"note\": \"the fern likes less\\n\\n  and the cactus none\""),
        "{first}"
    );
    // What was imported works as it did: tags are looked up, notes searched, pins kept.
    let tagged = b.json(&["ls", "--tag", "garden", "--json"]);
    assert_eq!(tagged[0]["title"], "water the plants #home #Garden");
    assert_eq!(tagged[0]["tags"], serde_json::json!(["home", "garden"]));
    assert_eq!(
        b.json(&["ls", "--search", "CACTUS", "--json"])[0]["every"],
        "3 days"
    );
    let pinned: Vec<Value> = b.json(&["trash", "--json"]).as_array().unwrap().clone();
    assert!(
        pinned
            .iter()
            .any(|e| e["pinned"] == true && e["todos"] == 2)
    );
    // Identical but for the database it was made from.
    assert_eq!(without_source(&b.ok(&["export"])), without_source(&first));
    assert_ne!(
        serde_json::from_str::<Value>(&b.ok(&["export"])).unwrap()["source"],
        doc["source"]
    );
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
    assert_one_error_line(&err, "this file was imported into this database before");
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
         List 'Groceries' renamed 'Groceries (restored)': a live list here already has its name.\n"
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
            good.replacen("\"version\": 4", "\"version\": 7", 1),
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
            good.replacen(
                "\"done\": true",
                "\"done\": true, \"priority\": \"urgent\"",
                1,
            ),
            "priority: 'urgent' is not high, medium or low",
        ),
        (
            good.replacen(
                "\"done\": true",
                "\"done\": true, \"due_has_time\": true",
                1,
            ),
            "due_has_time: a todo without a due date has no time of day",
        ),
        (
            good.replacen("\"done\": true", "\"done\": true, \"due\": \"friday\"", 1),
            "failed to parse four digit integer as year",
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
