//! The files the binary touches: refused foreign or newer databases, read-only files, erased
//! text on disk, busy databases, missing homes.

use super::*;

#[test]
fn a_file_that_is_not_a_database_is_refused_untouched() {
    let s = Softly::new();
    std::fs::create_dir_all(s.db().parent().unwrap()).unwrap();
    std::fs::write(s.db(), "my shopping list\nmilk\n").unwrap();
    assert_file_refused(&s, "is not a SQLite database");
}

#[test]
fn a_foreign_or_newer_database_is_refused_untouched() {
    let s = Softly::new();
    std::fs::create_dir_all(s.db().parent().unwrap()).unwrap();
    rusqlite::Connection::open(s.db())
        .unwrap()
        .execute_batch("CREATE TABLE t (x);")
        .unwrap();
    assert_file_refused(&s, "another application");

    let s = Softly::new();
    s.ok(&["add", "a"]);
    let newer = softly::store::LATEST_VERSION + 1;
    rusqlite::Connection::open(s.db())
        .unwrap()
        .execute_batch(&format!("PRAGMA user_version = {newer};"))
        .unwrap();
    assert_file_refused(
        &s,
        &format!(
            "schema version {newer}; this softly knows up to {}",
            softly::store::LATEST_VERSION
        ),
    );
}

#[test]
fn a_read_only_database_serves_reads_and_refuses_writes() {
    let s = Softly::new();
    s.ok(&["add", "keep me"]);
    s.ok(&["add", "old"]);
    s.ok(&["rm", "2"]);
    // Everyone may read the directory, nobody but root may write the file.
    chmod(s.dir.path(), 0o755);
    chmod(s.db().parent().unwrap(), 0o777); // the directory stays writable: only the file is locked
    chmod(&s.db(), 0o444);
    chmod(&s.config(), 0o644);
    let before = std::fs::read(s.db()).unwrap();

    let s = s.at("2027-02-01T00:00:00Z"); // the old entry is due for purging
    let out = run_unprivileged(&s, &["ls"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("keep me"));
    assert!(
        stderr.starts_with("warning: ")
            && stderr.contains("read-only")
            && stderr.contains("skipped the retention purge"),
        "{stderr}"
    );

    let out = run_unprivileged(&s, &["add", "new"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("error: ") && stderr.contains("is read-only; nothing was changed"),
        "{stderr}"
    );
    assert_eq!(std::fs::read(s.db()).unwrap(), before);
}

#[test]
fn text_erased_from_the_command_line_is_gone_from_the_files() {
    let s = Softly::new();
    let marker = "CLI-ERASE-MARKER-d41c";
    s.ok(&["add", marker]);
    s.ok(&["add", "unrelated"]);
    s.ok(&["rm", "1"]);
    let files = || {
        let mut bytes = std::fs::read(s.db()).unwrap();
        bytes.extend(std::fs::read(s.db().with_extension("db-wal")).unwrap_or_default());
        bytes
    };
    let found = |bytes: &[u8]| bytes.windows(marker.len()).any(|w| w == marker.as_bytes());
    assert!(found(&files()));
    s.ok(&["erase", "1", "--yes"]);
    assert!(!found(&files()));
}

#[test]
fn a_write_blocked_past_the_busy_timeout_exits_75_and_changes_nothing() {
    let s = Softly::new();
    s.ok(&["add", "a"]);
    let holder = rusqlite::Connection::open(s.db()).unwrap();
    holder.execute_batch("BEGIN EXCLUSIVE;").unwrap();
    let err = s.fails(75, &["add", "b"]);
    assert_one_error_line(&err, "stayed locked by another program");
    holder.execute_batch("ROLLBACK;").unwrap();
    drop(holder);
    assert_eq!(s.json(&["ls", "--json"]).as_array().unwrap().len(), 1);
}

#[test]
fn without_a_home_directory_the_error_suggests_db() {
    if !is_root() {
        // Only root can become a user with no home directory.
        cannot_run_here(
            "without_a_home_directory_the_error_suggests_db",
            "root",
            "running as a user with no passwd entry",
        );
        return;
    }
    // A user with no passwd entry, so no home directory.
    let out = softly_command_as(54321)
        .arg("ls")
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_one_error_line(&String::from_utf8_lossy(&out.stderr), "pass --db PATH");
}

#[test]
fn the_db_flag_wins_over_the_environment() {
    let s = Softly::new();
    let other = s.dir.path().join("elsewhere/other.db");
    s.ok(&["--db", other.to_str().unwrap(), "add", "over there"]);
    assert!(
        other.exists(),
        "--db creates missing directories and the file"
    );
    assert!(!s.db().exists(), "SOFTLY_DB was not used");
    assert_eq!(
        s.json(&["ls", "--json", "--db", other.to_str().unwrap()])[0]["title"],
        "over there"
    );
}
