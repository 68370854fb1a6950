//! Import at size: a million-row file in one transaction, ids and places that never collide.

use super::*;

#[test]
fn an_import_never_reuses_the_ids_of_erased_rows_and_keeps_references_right() {
    let db = TempDb::new();
    let mut s = db.open();
    let list = s.add_list("Old", at(T0)).unwrap();
    let mut erased = Vec::new();
    for i in 0..70 {
        erased.push(s.add_todo(&format!("old {i}"), Some(list), at(T0)).unwrap());
    }
    s.trash_list(list, at(T0)).unwrap();
    s.empty_trash(at(T0), Trigger::Manual).unwrap();
    // Everything is gone; the file to import numbers its rows from 1, as an export of a
    // new database does. 130 todos: two full batches of inserts and a short one.
    let source = TempDb::new();
    let mut src = source.open();
    let work = src.add_list("Work", at(T0)).unwrap();
    for i in 0..130 {
        let id = src
            .add_todo(&format!("new {i}"), (i % 2 == 0).then_some(work), at(T0))
            .unwrap();
        if i % 5 == 0 {
            src.trash_todos(&[id], at(T0 + i64::from(i))).unwrap();
        }
    }
    let rows = src.dump(at(T0)).unwrap();
    s.import(&rows, at(T0)).unwrap();
    let todos = s.live_todos(TodoScope::All).unwrap();
    assert_eq!(todos.len(), 104);
    let highest_erased = erased.iter().map(|id| id.0).max().unwrap();
    assert!(
        todos.iter().all(|t| t.id.0 > highest_erased),
        "an erased id came back"
    );
    // Each todo is still in the list it was in, and each trash entry holds its todo.
    for t in &todos {
        let n: usize = t.title[4..].parse().unwrap();
        let in_work = t.list.as_ref().map(|(_, name)| name.as_str()) == Some("Work");
        assert_eq!(in_work, n.is_multiple_of(2), "{}", t.title);
    }
    let trash = s.trash_page(None, Page::default()).unwrap();
    let titles: Vec<_> = trash.iter().map(|e| e.title.clone()).collect();
    let expected: Vec<_> = (0..130)
        .filter(|i| i % 5 == 0)
        .map(|i| format!("new {i}"))
        .collect();
    assert_eq!(titles, expected);
    assert_eq!(s.count_trash(None, "").unwrap(), 26);
}

#[test]
fn ids_that_are_not_ids_are_refused_and_a_full_id_counter_imports_nothing() {
    let source = TempDb::new();
    let mut src = source.open();
    for t in ["a", "b", "c"] {
        src.add_todo(t, None, at(T0)).unwrap();
    }
    let doc = softly::backup::to_document(&src.dump(at(T0)).unwrap(), at(T0), None);
    let text = serde_json::to_string(&doc).unwrap();
    for bad in ["0", "-3", "9007199254740993"] {
        let edited = text.replacen("\"id\":2,", &format!("\"id\":{bad},"), 1);
        assert_ne!(edited, text);
        let err = softly::backup::parse(&edited).unwrap_err().to_string();
        assert!(err.starts_with("todos[1].id: "), "{err}");
    }
    // A table whose id counter is nearly at its end cannot take the file's ids past it.
    let db = TempDb::new();
    let mut s = db.open();
    s.add_todo("here", None, at(T0)).unwrap();
    {
        let conn = rusqlite::Connection::open(db.path()).unwrap();
        conn.execute(
            "UPDATE sqlite_sequence SET seq = 9223372036854775806 WHERE name = 'todos'",
            [],
        )
        .unwrap();
    }
    let rows = softly::backup::parse(&text).unwrap();
    let err = s.import(&rows, at(T0)).unwrap_err();
    assert!(matches!(err, StoreError::IdsExhausted("todos")), "{err}");
    assert_eq!(titles(&s, TodoScope::All), ["here"], "nothing was imported");
}

#[test]
fn a_big_import_into_a_used_database_keeps_schema_counts_and_order() {
    use softly::store::rows::{EntryRow, ListRow, Rows, TodoRow};
    let db = TempDb::new();
    let mut s = db.open();
    s.add_todo("already here", None, at(T0)).unwrap();
    let schema = |s: &Store| -> Vec<(String, String)> {
        let conn = rusqlite::Connection::open(s.path()).unwrap();
        let mut stmt = conn
            .prepare("SELECT name, coalesce(sql, '') FROM sqlite_schema ORDER BY name")
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    let before = schema(&s);
    // Big enough for the bulk path (indexes built after the rows), with every kind of row.
    let n = 12_000;
    let mut rows = Rows::default();
    rows.lists.push(ListRow {
        id: 1,
        name: "Work".into(),
        position: 1,
        created_at: T0 - DAY,
        trash_entry: None,
    });
    for i in 0..n {
        let id = i as i64 + 1;
        let trashed = i % 4 == 3;
        if trashed {
            rows.entries.push(EntryRow {
                id,
                kind: "todo".into(),
                deleted_at: T0 - DAY,
                pinned: false,
            });
        }
        rows.todos.push(TodoRow {
            id,
            title: format!("imported {i}"),
            list: (i % 2 == 0).then_some(1),
            list_erased: false,
            done: i % 3 == 0,
            position: id,
            created_at: T0 - DAY,
            trash_entry: trashed.then_some(id),
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
    s.import(&rows, at(T0)).unwrap();
    assert_eq!(
        schema(&s),
        before,
        "every index is back, exactly as the schema has it"
    );
    let conn = rusqlite::Connection::open(db.path()).unwrap();
    let ok: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
    // The import skips SQLite's per-row reference checks; every reference must hold anyway.
    let dangling: i64 = conn
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(dangling, 0);
    // Counts kept by the triggers equal the real ones.
    let live = |list: &str| -> (i64, i64) {
        conn.query_row(
            &format!(
                "SELECT count(*), coalesce(sum(NOT done), 0) FROM todos
                 WHERE trash_entry_id IS NULL AND list_id {list}"
            ),
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap()
    };
    assert_eq!(s.inbox_counts().unwrap(), live("IS NULL"));
    let work = s
        .live_lists()
        .unwrap()
        .into_iter()
        .find(|l| l.name == "Work")
        .unwrap();
    assert_eq!((work.todos, work.open), live("IS NOT NULL"));
    // The Inbox keeps its order: what was there first, then the imported ones in order.
    let inbox = titles(&s, TodoScope::Inbox);
    assert_eq!(inbox[0], "already here");
    assert_eq!(inbox[1], "imported 1");
    assert_eq!(inbox.last().unwrap(), &format!("imported {}", n - 3));
    assert_eq!(s.trash_count().unwrap(), (n / 4) as i64);
}

#[test]
fn rows_the_schema_would_refuse_are_refused_before_and_after_a_good_import() {
    let source = TempDb::new();
    let mut src = source.open();
    src.add_todo("fine", None, at(T0)).unwrap();
    let good = src.dump(at(T0)).unwrap();
    let mut bad_priority = good.clone();
    bad_priority.todos[0].priority = Some(9);
    let mut bad_kind = good.clone();
    bad_kind.todos[0].trash_entry = Some(1);
    bad_kind.entries.push(softly::store::rows::EntryRow {
        id: 1,
        kind: "bundle".into(),
        deleted_at: T0,
        pinned: false,
    });
    let db = TempDb::new();
    let mut s = db.open();
    // An import tests the rows' checked values itself, and lets SQLite's own CHECKs go
    // only when they hold: these must still be refused, whole.
    for bad in [&bad_priority, &bad_kind] {
        assert!(s.import(bad, at(T0)).is_err());
        assert!(
            titles(&s, TodoScope::All).is_empty(),
            "nothing was imported"
        );
        assert_eq!(s.trash_count().unwrap(), 0);
    }
    let mut with_priority = good.clone();
    with_priority.todos[0].priority = Some(3);
    s.import(&with_priority, at(T0)).unwrap();
    assert_eq!(titles(&s, TodoScope::All), ["fine"]);
    // The CHECKs are back on after a good import.
    let before = db.disk_bytes();
    assert!(s.import(&bad_priority, at(T0)).is_err());
    assert_eq!(titles(&s, TodoScope::All), ["fine"]);
    assert_eq!(db.disk_bytes().len(), before.len());
}

#[test]
fn an_import_into_an_empty_database_leaves_it_in_wal_mode_open_or_not_elsewhere() {
    let source = TempDb::new();
    let mut src = source.open();
    let list = src.add_list("Work", at(T0)).unwrap();
    for i in 0..100 {
        src.add_todo(&format!("t{i}"), (i % 2 == 0).then_some(list), at(T0))
            .unwrap();
    }
    let rows = src.dump(at(T0)).unwrap();
    let journal = |path: &std::path::Path| -> String {
        rusqlite::Connection::open(path)
            .unwrap()
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap()
    };
    // Alone: written straight into the file, then back to the log.
    let db = TempDb::new();
    let mut s = db.open();
    s.import(&rows, at(T0)).unwrap();
    let logged = std::fs::metadata(softly::store::wal_path(&db.path())).map_or(0, |m| m.len());
    assert_eq!(logged, 0, "the rows went into the file, not the log");
    assert_eq!(titles(&s, TodoScope::All).len(), 100);
    drop(s);
    assert_eq!(journal(&db.path()), "wal");
    let journal_file = std::path::PathBuf::from(format!("{}-journal", db.path().display()));
    assert!(!journal_file.exists(), "no rollback journal is left");
    // With another connection holding the file (the app open on it, say): through the log,
    // as any write.
    let db = TempDb::new();
    let mut s = db.open();
    let other = db.open();
    s.import(&rows, at(T0)).unwrap();
    assert_eq!(titles(&other, TodoScope::All).len(), 100);
    drop((s, other));
    assert_eq!(journal(&db.path()), "wal");
    // A refused import into an empty database leaves it empty, and in WAL mode.
    let db = TempDb::new();
    let mut s = db.open();
    let mut bad = rows.clone();
    bad.todos[0].priority = Some(7);
    assert!(s.import(&bad, at(T0)).is_err());
    assert!(titles(&s, TodoScope::All).is_empty());
    drop(s);
    assert_eq!(journal(&db.path()), "wal");
}
