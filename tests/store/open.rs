//! Opening: files that are not ours, or newer, are refused and left byte for byte.

use super::*;

#[test]
fn opening_creates_missing_directories() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a/b/c/softly.db");
    Store::open(&path).unwrap();
    assert!(path.exists());
}

#[test]
fn a_file_that_is_not_sqlite_is_refused_and_left_unchanged() {
    let db = TempDb::new();
    std::fs::write(db.path(), "just some notes, not a database\n".repeat(200)).unwrap();
    assert_refused_untouched(&db.path(), &["not a SQLite database"]);
}

#[test]
fn a_sqlite_file_of_another_application_is_refused_and_left_unchanged() {
    let db = TempDb::new();
    {
        let conn = rusqlite::Connection::open(db.path()).unwrap();
        conn.execute_batch("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT);")
            .unwrap();
    }
    assert_refused_untouched(&db.path(), &["another application"]);

    let other = TempDb::new();
    {
        let conn = rusqlite::Connection::open(other.path()).unwrap();
        conn.execute_batch("PRAGMA application_id = 42;").unwrap();
    }
    assert_refused_untouched(&other.path(), &["another application", "0x2a"]);
}

#[test]
fn a_database_from_a_newer_softly_is_refused_naming_both_versions() {
    let db = TempDb::new();
    {
        let mut s = db.open();
        s.add_todo("precious", None, at(T0)).unwrap();
    }
    {
        let conn = rusqlite::Connection::open(db.path()).unwrap();
        let newer = softly::store::LATEST_VERSION + 1;
        conn.execute_batch(&format!(
            "PRAGMA user_version = {newer}; PRAGMA wal_checkpoint(TRUNCATE);"
        ))
        .unwrap();
    }
    let supported = format!("up to {}", softly::store::LATEST_VERSION);
    let found = format!("schema version {}", softly::store::LATEST_VERSION + 1);
    assert_refused_untouched(&db.path(), &["newer softly", &found, &supported]);
}

#[test]
fn an_empty_file_becomes_a_new_database() {
    let db = TempDb::new();
    std::fs::write(db.path(), b"").unwrap();
    let mut s = db.open();
    s.add_todo("hello", None, at(T0)).unwrap();
    assert_eq!(titles(&s, TodoScope::All), ["hello"]);
}

#[test]
fn the_connection_is_set_up_for_safe_concurrent_writes_and_real_erasure() {
    let db = TempDb::new();
    let _s = db.open();
    // The settings are per connection; check them on the file itself and on a fresh store.
    let conn = rusqlite::Connection::open(db.path()).unwrap();
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let app: i64 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .unwrap();
    assert_eq!(app, softly::store::APPLICATION_ID);
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(integrity, "ok");
}
