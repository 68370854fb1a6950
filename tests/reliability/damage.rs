//! A corrupted page is reported, and export saves what is readable.

use super::*;

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
