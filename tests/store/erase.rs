//! Erasing: exactly the entry's rows go, and the text leaves the disk.

use super::*;

#[test]
fn erasing_removes_the_entry_rows_for_good_and_ids_are_never_reused() {
    let db = TempDb::new();
    let mut s = db.open();
    let a = s.add_todo("a", None, at(T0)).unwrap();
    let b = s.add_todo("b", None, at(T0)).unwrap();
    let entries = s.trash_todos(&[a, b], at(T0)).unwrap();

    let out = s
        .erase_entries(&[entries[1]], at(T0 + 1), Trigger::Manual)
        .unwrap();
    assert_eq!(out.counts.todos, 1);
    assert!(out.scrubbed);
    assert!(matches!(s.live_todo(b), Err(StoreError::NoSuchTodo(_))));
    assert_eq!(s.trash_entries().unwrap()[0].id, entries[0]);

    let c = s.add_todo("c", None, at(T0 + 2)).unwrap();
    assert!(c.0 > b.0, "a new todo must not take an erased id");
}

#[test]
fn emptying_the_trash_erases_every_entry_and_logs_it() {
    let db = TempDb::new();
    let mut s = db.open();
    let list = s.add_list("L", at(T0)).unwrap();
    s.add_todo("in list", Some(list), at(T0)).unwrap();
    let a = s.add_todo("a", None, at(T0)).unwrap();
    s.trash_todos(&[a], at(T0)).unwrap();
    s.trash_list(list, at(T0)).unwrap();

    let out = s.empty_trash(at(T0 + 9), Trigger::Manual).unwrap();

    assert_eq!(
        (out.counts.entries, out.counts.todos, out.counts.lists),
        (2, 2, 1)
    );
    assert_eq!(s.trash_count().unwrap(), 0);
    let log = s.purge_log().unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].reason, LogReason::Empty);
    assert_eq!(log[0].trigger, Trigger::Manual);
    assert_eq!(log[0].at, at(T0 + 9));
    assert_eq!(log[0].cutoff, None);
}

#[test]
fn an_erased_title_is_gone_from_the_database_and_its_log_file() {
    let db = TempDb::new();
    let mut s = db.open();
    let marker = "ERASE-ME-7f3a9c-secret-title";
    let keep = s.add_todo("keep me", None, at(T0)).unwrap();
    let a = s.add_todo(marker, None, at(T0)).unwrap();
    s.edit_title(keep, "keep me still").unwrap();
    let entry = s.trash_todos(&[a], at(T0)).unwrap()[0];
    assert!(
        contains(&db.disk_bytes(), marker),
        "the marker should be on disk before the erase"
    );

    let out = s
        .erase_entries(&[entry], at(T0 + 1), Trigger::Manual)
        .unwrap();

    assert!(out.scrubbed);
    assert!(!contains(&db.disk_bytes(), marker));
    assert!(contains(&db.disk_bytes(), "keep me still"));
}

#[test]
fn a_purged_list_name_and_its_todo_titles_are_gone_from_disk() {
    let db = TempDb::new();
    let mut s = db.open();
    let list = s.add_list("LIST-MARKER-51e0", at(T0)).unwrap();
    s.add_todo("TODO-MARKER-88c2", Some(list), at(T0)).unwrap();
    s.trash_list(list, at(T0)).unwrap();
    let bytes = db.disk_bytes();
    assert!(contains(&bytes, "LIST-MARKER-51e0") && contains(&bytes, "TODO-MARKER-88c2"));

    let report = purge_expired(&mut s, thirty_days(), at(T0 + 30 * DAY), Trigger::Startup).unwrap();

    assert!(report.scrubbed);
    let bytes = db.disk_bytes();
    assert!(!contains(&bytes, "LIST-MARKER-51e0"));
    assert!(!contains(&bytes, "TODO-MARKER-88c2"));
}

#[test]
fn a_scrub_blocked_by_a_reader_is_finished_later() {
    let db = TempDb::new();
    let mut s = db.open();
    let marker = "BLOCKED-SCRUB-MARKER-4b1d";
    let a = s.add_todo(marker, None, at(T0)).unwrap();
    let entry = s.trash_todos(&[a], at(T0)).unwrap()[0];

    // Another connection holds a read snapshot open, so the log cannot be truncated.
    let reader = rusqlite::Connection::open(db.path()).unwrap();
    reader
        .execute_batch("BEGIN; SELECT count(*) FROM todos;")
        .unwrap();
    let out = s
        .erase_entries(&[entry], at(T0 + 1), Trigger::Manual)
        .unwrap();
    assert!(!out.scrubbed, "the reader should have kept the log busy");

    reader.execute_batch("COMMIT").unwrap();
    drop(reader);
    assert!(s.retry_pending_scrub().unwrap());
    assert!(!contains(&db.disk_bytes(), marker));
}
