//! A damaged file: named in a clear error, never written again, and read around by `export`.

use super::*;

/// Promise: once any command has met damage, no command writes to the file again (each says
/// which file and how to rescue it), and the rescue export reads around the damage: every
/// live todo comes back (from the index where its own page is gone), what cannot be read is
/// counted by id, and the export imports. A healthy file put in its place is used again.
#[test]
fn a_damaged_file_is_never_written_again_and_the_rescue_reads_around_the_damage() {
    let s = Softly::new();
    std::fs::create_dir_all(s.db().parent().unwrap()).unwrap();
    let (live, trashed) = varied_database(&s.db());
    s.ok(&["ls"]); // in use before the disk fails, as any real file is
    let bytes = damage_a_page(&s.db(), "todos");

    // The rescue.
    let rescued = s.dir.path().join("rescued.json");
    let out = s.run(&["export", rescued.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("is damaged; the export holds every row that could still be read"));
    assert!(err.contains("live todos came from an index"), "{err}");
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&rescued).unwrap()).unwrap();
    let ids: std::collections::BTreeSet<i64> = doc["todos"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_i64().unwrap())
        .collect();
    assert!(
        live.iter().all(|id| ids.contains(id)),
        "a live todo was lost"
    );
    let lost: Vec<i64> = trashed
        .iter()
        .filter(|id| !ids.contains(id))
        .copied()
        .collect();
    if lost.is_empty() {
        assert!(!err.contains("could not read"), "{err}");
    } else {
        let said = format!("could not read {} todo", lost.len());
        assert!(err.contains(&said), "{err} should say {said}");
    }
    // A plain scan of the table stops at the damaged page, far short of this.
    let plain: usize = {
        let conn = Connection::open_with_flags(s.db(), rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .unwrap();
        let mut stmt = conn.prepare("SELECT id FROM todos ORDER BY id").unwrap();
        let mut rows = stmt.query([]).unwrap();
        let mut n = 0;
        while let Ok(Some(_)) = rows.next() {
            n += 1;
        }
        n
    };
    assert!(
        plain < ids.len(),
        "{plain} read plainly, {} rescued",
        ids.len()
    );

    // From now on nothing writes to the file.
    for args in [&["add", "x"][..], &["done", "1"], &["list", "add", "New"]] {
        let err = s.fails(1, args);
        assert!(
            err.contains(&format!("{} is damaged", s.db().display()))
                && err.contains("softly export"),
            "{args:?}: {err}"
        );
        assert_eq!(std::fs::read(s.db()).unwrap(), bytes, "{args:?} changed it");
    }

    // The rescue imports, and a healthy file in the damaged one's place is used again.
    let fresh = Softly::new();
    fresh.ok(&["import", rescued.to_str().unwrap()]);
    std::fs::copy(fresh.db(), s.db()).unwrap();
    for file in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(sibling(&s.db(), file));
    }
    s.ok(&["add", "back in business"]);
    assert!(!sibling(&s.db(), ".damaged").exists());
}

/// Promise: an export to standard output of a file with damage nobody has met yet never
/// ends in success with part of a document: it is the rescue, whole, or an error that
/// says the output is incomplete and how to save what is readable; after that, the export
/// to standard output is the rescue.
#[test]
fn an_export_to_standard_output_is_whole_or_fails_never_partial() {
    let s = Softly::new();
    std::fs::create_dir_all(s.db().parent().unwrap()).unwrap();
    varied_database(&s.db());
    // The notes: a page nothing but the export's read of every row meets.
    damage_a_page(&s.db(), "todo_notes");
    let first = s.run(&["export"]);
    let err = String::from_utf8_lossy(&first.stderr);
    if first.status.success() {
        serde_json::from_slice::<serde_json::Value>(&first.stdout).expect("whole JSON");
        assert!(
            err.contains("the export holds every row that could still be read"),
            "{err}"
        );
    } else {
        assert_one_error_line(&err, "is damaged: the export stopped partway");
        assert!(err.contains("softly export FILE"), "{err}");
    }
    let again = s.run(&["export"]);
    let err = String::from_utf8_lossy(&again.stderr);
    assert!(again.status.success(), "{err}");
    let doc: serde_json::Value = serde_json::from_slice(&again.stdout).expect("whole JSON");
    assert_eq!(doc["lists"][0]["name"], "Keep");
    assert!(
        err.contains("the export holds every row that could still be read"),
        "{err}"
    );
}
