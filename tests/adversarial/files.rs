//! Files softly creates are private whatever the umask; files that are not softly's are left
//! byte for byte.

use super::*;

/// Promise: under the usual umask 022, what softly creates is private: its directories 0700,
/// the database, its `-wal` and `-shm`, and exports 0600. A file the user already has keeps
/// the mode they gave it.
#[test]
fn what_softly_creates_is_private_whatever_the_umask() {
    for mask in [0o022, 0o000] {
        let s = Softly::new();
        let umask = move || unsafe {
            libc::umask(mask);
        };
        let out = run_with(s.command(&["add", "private"]), umask);
        assert!(out.status.success());
        let db = s.db();
        assert_eq!(mode(db.parent().unwrap()), 0o700, "the data directory");
        assert_eq!(mode(&db), 0o600, "the database");
        // Killed with the database open: its log and index stay, made by softly, and are
        // looked at while another connection holds them.
        s.ok(&["rm", "1"]);
        let mut crash = s.command(&["erase", "1", "--yes"]);
        crash.env("SOFTLY_CRASH_AT", "after-removal-commit");
        let out = run_with(crash, umask);
        assert_eq!(out.status.code(), None, "killed after the commit");
        let keep = another_program(&db);
        for file in ["-wal", "-shm"] {
            let path = sibling(&db, file);
            assert!(path.exists(), "{file} is there to be looked at");
            assert_eq!(mode(&path), 0o600, "{file} under umask {mask:03o}");
        }
        drop(keep);
        let export = s.dir.path().join("out.json");
        let out = run_with(s.command(&["export", export.to_str().unwrap()]), umask);
        assert!(out.status.success());
        assert_eq!(mode(&export), 0o600, "a new export under umask {mask:03o}");
        std::fs::set_permissions(&export, std::fs::Permissions::from_mode(0o640)).unwrap();
        run_with(s.command(&["export", export.to_str().unwrap()]), umask);
        assert_eq!(mode(&export), 0o640, "the user's own mode is kept");
    }
}

/// Promise: a database other users can read is pointed out on stderr, once, and its mode is
/// left as the user set it.
#[test]
fn a_database_others_can_read_is_warned_about_once() {
    let s = Softly::new();
    s.ok(&["add", "x"]);
    std::fs::set_permissions(s.db(), std::fs::Permissions::from_mode(0o644)).unwrap();
    let first = s.run(&["ls"]);
    let warning = String::from_utf8_lossy(&first.stderr);
    assert!(
        warning.starts_with("warning: ")
            && warning.contains("can be read by other users (mode 0644)"),
        "{warning}"
    );
    let second = s.run(&["ls"]);
    assert!(second.stderr.is_empty(), "warned twice");
    assert_eq!(mode(&s.db()), 0o644);
}

/// Promise: a file softly refuses keeps every byte of its main file, `-wal` and `-shm`: another
/// application's WAL database whose newest data is only in its log, and a softly database
/// from a newer version (its version only in the log, or in the main file).
#[test]
fn refused_files_keep_every_byte_of_the_database_its_log_and_its_index() {
    // Another application's database, killed with its data still in the log.
    let s = Softly::new();
    std::fs::create_dir_all(s.db().parent().unwrap()).unwrap();
    let other = Connection::open(s.db()).unwrap();
    other
        .execute_batch(
            "PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0;
             CREATE TABLE notes (body); INSERT INTO notes VALUES ('not softly''s');",
        )
        .unwrap();
    std::mem::forget(other); // as if killed: the log is never copied back
    let before = all_three(&s.db());
    assert!(
        before.iter().all(Option::is_some),
        "db, -wal and -shm exist"
    );
    let err = s.fails(1, &["ls"]);
    assert_one_error_line(&err, "another application");
    assert_eq!(all_three(&s.db()), before);

    // A newer softly's database: its version in the log only, then in the main file too.
    let s = Softly::new();
    s.ok(&["add", "from a newer softly"]);
    let newer = Connection::open(s.db()).unwrap();
    newer
        .execute_batch("PRAGMA wal_autocheckpoint = 0; PRAGMA user_version = 99;")
        .unwrap();
    std::mem::forget(newer);
    let before = all_three(&s.db());
    for args in [&["ls"][..], &["add", "x"], &["export", "-"]] {
        let err = s.fails(1, args);
        assert_one_error_line(&err, "schema version 99");
        assert_eq!(all_three(&s.db()), before, "{args:?}");
    }
}
