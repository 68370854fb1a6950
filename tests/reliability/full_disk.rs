//! A full disk fails the write cleanly and loses nothing.

use super::*;

/// Promise: when the disk fills up, the write fails with a clear error, is rolled back whole,
/// nothing already stored is lost, and the store keeps working.
#[test]
fn a_full_disk_fails_the_write_cleanly_and_loses_nothing() {
    let db = TempDb::new();
    let mut s = db.open();
    for i in 0..20 {
        s.add_todo(&format!("kept {i}"), None, at(T0)).unwrap();
    }
    // Cap the file just above its current size, as a full disk would.
    {
        let conn = rusqlite::Connection::open(db.path()).unwrap();
        conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
            .unwrap();
    }
    drop(s);
    let mut s = db.open();
    let pages: i64 = rusqlite::Connection::open(db.path())
        .unwrap()
        .query_row("PRAGMA page_count", [], |r| r.get(0))
        .unwrap();
    s.limit_pages_for_tests(pages + 1);
    let big = "x".repeat(400);
    let ids: Vec<_> = (0..2000)
        .map_while(|i| s.add_todo(&format!("{big} {i}"), None, at(T0)).ok())
        .collect();
    // The same add again (a shorter one might still squeeze into the last free page).
    let err = s
        .add_todo(&format!("{big} {}", ids.len()), None, at(T0))
        .unwrap_err();
    assert!(matches!(err, StoreError::DiskFull), "{err:?}");
    assert_eq!(err.to_string(), "the disk is full; nothing was changed");
    // Everything stored before is still there, and a bulk write that cannot fit is all-or-nothing.
    let before = s.live_todos(TodoScope::All).unwrap().len();
    assert_eq!(before, 20 + ids.len());
    assert!(matches!(
        s.trash_todos(&ids, at(T0)),
        Ok(_) | Err(StoreError::DiskFull)
    ));
    let after = s.live_todos(TodoScope::All).unwrap().len();
    assert!(after == before || after == 20, "partly applied: {after}");
    // Room again: the store works.
    s.limit_pages_for_tests(1_000_000);
    s.add_todo("after the disk was freed", None, at(T0))
        .unwrap();
}
