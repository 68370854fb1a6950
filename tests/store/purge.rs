//! The purge: nothing early, everything due, with several purgers and writers at once.

use super::*;

#[test]
fn purge_keeps_an_entry_one_millisecond_before_expiry_and_erases_it_at_expiry() {
    let db = TempDb::new();
    let mut s = db.open();
    let a = s.add_todo("a", None, at(T0)).unwrap();
    s.trash_todos(&[a], at(T0)).unwrap();
    let expiry = T0 + 30 * DAY;

    let kept = purge_expired(&mut s, thirty_days(), at(expiry - 1), Trigger::Startup).unwrap();
    assert_eq!(kept.counts.entries, 0);
    assert_eq!(s.trash_count().unwrap(), 1);

    let gone = purge_expired(&mut s, thirty_days(), at(expiry), Trigger::Startup).unwrap();
    assert_eq!(gone.counts.entries, 1);
    assert_eq!(gone.cutoff, Some(at(T0)));
    assert_eq!(s.trash_count().unwrap(), 0);
    assert!(matches!(s.live_todo(a), Err(StoreError::NoSuchTodo(_))));
}

#[test]
fn purge_takes_only_what_is_past_retention_and_is_idempotent() {
    let db = TempDb::new();
    let mut s = db.open();
    let list = s.add_list("Old list", at(T0)).unwrap();
    s.add_todo("old list todo", Some(list), at(T0)).unwrap();
    let old = s.add_todo("old", None, at(T0)).unwrap();
    let young = s.add_todo("young", None, at(T0)).unwrap();
    s.trash_todos(&[old], at(T0)).unwrap();
    s.trash_list(list, at(T0 + DAY)).unwrap();
    s.trash_todos(&[young], at(T0 + 20 * DAY)).unwrap();
    let now = at(T0 + 31 * DAY);

    let first = purge_expired(&mut s, thirty_days(), now, Trigger::Timer).unwrap();
    assert_eq!(
        (first.counts.entries, first.counts.todos, first.counts.lists),
        (2, 2, 1)
    );
    let again = purge_expired(&mut s, thirty_days(), now, Trigger::Timer).unwrap();
    assert_eq!(again.counts.entries, 0);
    let left = s.trash_entries().unwrap();
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].title, "young");

    // One log line: the empty second run is not logged.
    let log = s.purge_log().unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].reason, LogReason::Purge);
    assert_eq!(log[0].trigger, Trigger::Timer);
    assert_eq!(log[0].cutoff, Some(at(T0 + DAY)));
    assert_eq!(log[0].at, now);
    assert_eq!(
        (
            log[0].counts.entries,
            log[0].counts.todos,
            log[0].counts.lists
        ),
        (2, 2, 1)
    );
}

#[test]
fn an_entry_deleted_in_the_future_is_never_purged_early() {
    let db = TempDb::new();
    let mut s = db.open();
    let a = s.add_todo("from the future", None, at(T0)).unwrap();
    // The clock was ahead when this was deleted, and has since been set back a year.
    let deleted_at = T0 + 365 * DAY;
    s.trash_todos(&[a], at(deleted_at)).unwrap();

    for now in [T0, T0 + 31 * DAY, deleted_at, deleted_at + 30 * DAY - 1] {
        purge_expired(&mut s, thirty_days(), at(now), Trigger::Startup).unwrap();
        assert_eq!(s.trash_count().unwrap(), 1, "purged early at {now}");
    }
    purge_expired(
        &mut s,
        thirty_days(),
        at(deleted_at + 30 * DAY),
        Trigger::Startup,
    )
    .unwrap();
    assert_eq!(s.trash_count().unwrap(), 0);
}

#[test]
fn retention_never_purges_nothing() {
    let db = TempDb::new();
    let mut s = db.open();
    let a = s.add_todo("a", None, at(T0)).unwrap();
    s.trash_todos(&[a], at(T0)).unwrap();
    let report = purge_expired(
        &mut s,
        Retention::Never,
        at(T0 + 10_000 * DAY),
        Trigger::Startup,
    )
    .unwrap();
    assert_eq!((report.cutoff, report.counts.entries), (None, 0));
    assert_eq!(s.trash_count().unwrap(), 1);
}

#[test]
fn the_purge_preview_counts_what_would_go_and_changes_nothing() {
    let db = TempDb::new();
    let mut s = db.open();
    let list = s.add_list("L", at(T0)).unwrap();
    s.add_todo("x", Some(list), at(T0)).unwrap();
    s.add_todo("y", Some(list), at(T0)).unwrap();
    s.trash_list(list, at(T0)).unwrap();
    let preview = s.purge_preview(at(T0)).unwrap();
    assert_eq!((preview.entries, preview.todos, preview.lists), (1, 2, 1));
    assert_eq!(s.trash_count().unwrap(), 1);
    assert!(s.purge_log().unwrap().is_empty());
}

#[test]
fn two_purgers_and_a_writer_at_once_lose_nothing_and_report_no_error() {
    let db = TempDb::new();
    {
        let mut s = db.open();
        // Old entries for the purger to take.
        let ids: Vec<TodoId> = (0..200)
            .map(|i| s.add_todo(&format!("old {i}"), None, at(T0)).unwrap())
            .collect();
        s.trash_todos(&ids, at(T0)).unwrap();
    }
    let now = T0 + 31 * DAY;
    let path = db.path();
    // Two purgers at once, as when two softly instances tick together.
    let purgers: Vec<_> = (0..2)
        .map(|_| {
            let path = path.clone();
            std::thread::spawn(move || {
                let mut s = Store::open(&path).unwrap();
                for i in 0..200 {
                    purge_expired(&mut s, thirty_days(), at(now + i), Trigger::Timer).unwrap();
                }
            })
        })
        .collect();
    let writer = {
        let path = path.clone();
        std::thread::spawn(move || {
            let mut s = Store::open(&path).unwrap();
            for i in 0..200 {
                let id = s.add_todo(&format!("new {i}"), None, at(now + i)).unwrap();
                if i % 2 == 0 {
                    // Deleted "now": must survive every purge running meanwhile.
                    s.trash_todos(&[id], at(now + i)).unwrap();
                }
            }
        })
    };
    for purger in purgers {
        purger.join().expect("a purger hit an error");
    }
    writer.join().expect("the writer hit an error");

    let s = Store::open(&path).unwrap();
    assert_eq!(s.live_todos(TodoScope::All).unwrap().len(), 100);
    let trash = s.trash_entries().unwrap();
    assert_eq!(trash.len(), 100);
    assert!(trash.iter().all(|e| e.title.starts_with("new ")));
    // Between them the purgers erased each old entry exactly once.
    let purged: i64 = s
        .purge_log()
        .unwrap()
        .iter()
        .map(|r| r.counts.entries)
        .sum();
    assert_eq!(purged, 200);
}
