//! softly under hostile conditions, as a black box: the real binary against files it must
//! not damage, crashes at the worst moment, other programs holding the database, a disk
//! that fills up, and other users on the machine. `SOFTLY_STRESS=N` multiplies the rounds.

mod common;

use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::cli::{Softly, assert_one_error_line};
use common::{T0, at, stress};
use rusqlite::Connection;

fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Every byte of the database, its `-wal` and its `-shm` (`None` for a missing file).
fn all_three(db: &Path) -> [Option<Vec<u8>>; 3] {
    [db.to_path_buf(), sibling(db, "-wal"), sibling(db, "-shm")].map(|p| std::fs::read(p).ok())
}

fn contains(bytes: &[u8], text: &str) -> bool {
    bytes.windows(text.len()).any(|w| w == text.as_bytes())
}

/// True if `text` is anywhere in the database's files. Read by another process: closing a
/// file in this one would drop every lock this process holds on it (POSIX locks belong to
/// the process), including those of a connection that stands for another program.
fn on_disk(db: &Path, text: &str) -> bool {
    [db.to_path_buf(), sibling(db, "-wal"), sibling(db, "-shm")]
        .iter()
        .filter(|p| p.exists())
        .any(|p| contains(&Command::new("cat").arg(p).output().unwrap().stdout, text))
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// Runs `cmd` as its own process after `setup` ran in the child (limits, signals, umask).
fn run_with(mut cmd: Command, setup: impl Fn() + Send + Sync + 'static) -> Output {
    // SAFETY: the closure only calls async-signal-safe libc functions (umask, setrlimit,
    // signal) between fork and exec.
    unsafe {
        cmd.pre_exec(move || {
            setup();
            Ok(())
        });
    }
    cmd.output().unwrap()
}

/// A connection of another program that has read the database and stays open, as a second
/// softly (the app, idle) does: SQLite then keeps the log when softly's own connection closes.
fn another_program(db: &Path) -> Connection {
    let conn = Connection::open(db).unwrap();
    let _: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))
        .unwrap();
    conn
}

// ---- export never destroys what it writes over ------------------------------------------------

/// Promise: `export` refuses to write over the database or its `-wal`/`-shm`, by whatever
/// path the user names it (relative, through `..`, a symlink, a hard link), writes nothing,
/// and leaves the database working.
#[test]
fn export_over_the_database_or_its_files_is_refused_and_writes_nothing() {
    let s = Softly::new();
    s.ok(&["add", "precious"]);
    let db = s.db();
    let dir = db.parent().unwrap().to_path_buf();
    std::os::unix::fs::symlink(&db, s.dir.path().join("link.json")).unwrap();
    std::fs::hard_link(&db, s.dir.path().join("hard.json")).unwrap();
    let before = std::fs::read(&db).unwrap();
    let targets: Vec<(PathBuf, String)> = vec![
        (s.dir.path().to_path_buf(), "data/softly.db".into()),
        (dir.clone(), "./softly.db".into()),
        (dir.clone(), "../data/softly.db".into()),
        (dir.clone(), "softly.db-wal".into()),
        (dir.clone(), "softly.db-shm".into()),
        (s.dir.path().to_path_buf(), "link.json".into()),
        (s.dir.path().to_path_buf(), "hard.json".into()),
    ];
    for (cwd, target) in targets {
        let out = s
            .command(&["export", &target])
            .current_dir(&cwd)
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(1),
            "export {target} was not refused"
        );
        assert_one_error_line(
            &String::from_utf8_lossy(&out.stderr),
            "is the database itself",
        );
        assert_eq!(std::fs::read(&db).unwrap(), before, "export {target}");
        assert!(!sibling(&db, "-wal").exists() || target != "softly.db-wal");
    }
    assert!(s.ok(&["ls"]).contains("precious"));
}

/// Promise: an export that fails halfway (the disk fills up) leaves the file it would have
/// replaced exactly as it was, and leaves no partial file behind.
#[test]
fn an_export_that_fails_halfway_leaves_the_old_backup_intact() {
    let s = Softly::new();
    s.ok(&["add", "the old backup has one todo"]);
    let backup = s.dir.path().join("backup.json");
    s.ok(&["export", backup.to_str().unwrap()]);
    let old = std::fs::read(&backup).unwrap();
    // Enough todos that the new export is far bigger than the limit below.
    let mut rows = softly::store::rows::Rows::default();
    for i in 0..3_000 {
        rows.todos.push(softly::store::rows::TodoRow {
            id: i + 10,
            title: format!("todo {i} with a title long enough to make the export big"),
            list: None,
            list_erased: false,
            done: false,
            position: i + 10,
            created_at: 1_795_694_400_000,
            trash_entry: None,
        });
    }
    softly::store::Store::open(&s.db())
        .unwrap()
        .import(&rows, at(T0))
        .unwrap();
    // A file-size limit makes every write past 128 KiB fail, as a full disk does (the
    // database's own files are read, not grown).
    let cmd = s.command(&["export", backup.to_str().unwrap()]);
    let out = run_with(cmd, || unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
        let limit = libc::rlimit {
            rlim_cur: 128 * 1024,
            rlim_max: 128 * 1024,
        };
        libc::setrlimit(libc::RLIMIT_FSIZE, &limit);
    });
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_one_error_line(&err, "was left as it was");
    assert_eq!(
        std::fs::read(&backup).unwrap(),
        old,
        "the old backup changed"
    );
    let names: Vec<String> = std::fs::read_dir(s.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("export"))
        .collect();
    assert!(names.is_empty(), "a partial file was left: {names:?}");
}

// ---- files softly creates are private --------------------------------------------------------

/// Promise: under the usual umask 022, what softly creates is private: its directories 0700,
/// the database, its `-wal` and `-shm`, and exports 0600. A file the user already has keeps
/// the mode they gave it.
#[test]
fn what_softly_creates_is_private_whatever_the_umask() {
    let s = Softly::new();
    let umask = || unsafe {
        libc::umask(0o022);
    };
    let out = run_with(s.command(&["add", "private"]), umask);
    assert!(out.status.success());
    let db = s.db();
    assert_eq!(mode(db.parent().unwrap()), 0o700, "the data directory");
    assert_eq!(mode(&db), 0o600, "the database");
    // Killed with a connection open, the log and its index stay to be looked at.
    s.ok(&["rm", "1"]);
    let keep = another_program(&db);
    let mut crash = s.command(&["erase", "1", "--yes"]);
    crash.env("SOFTLY_CRASH_AT", "after-removal-commit");
    run_with(crash, umask);
    drop(keep);
    for file in ["-wal", "-shm"] {
        let path = sibling(&db, file);
        if path.exists() {
            assert_eq!(mode(&path), 0o600, "{file}");
        }
    }
    let export = s.dir.path().join("out.json");
    let out = run_with(s.command(&["export", export.to_str().unwrap()]), umask);
    assert!(out.status.success());
    assert_eq!(mode(&export), 0o600, "a new export");
    std::fs::set_permissions(&export, std::fs::Permissions::from_mode(0o640)).unwrap();
    run_with(s.command(&["export", export.to_str().unwrap()]), umask);
    assert_eq!(mode(&export), 0o640, "the user's own mode is kept");
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

// ---- files that are not softly's -------------------------------------------------------------

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

// ---- erased text leaves the disk, even through a crash ---------------------------------------

/// Promise: text removed by an erase, an edit or a list rename leaves the disk even if softly
/// is killed right after the change commits, while another softly has the file open: the
/// next command finishes the scrub.
#[test]
fn removed_text_leaves_the_disk_even_if_softly_dies_right_after_the_commit() {
    type Step<'a> = (&'a str, &'a [&'a str], &'a [&'a str]);
    let cases: [Step; 3] = [
        (
            "ERASED-MARKER-7f3a",
            &["add", "ERASED-MARKER-7f3a"],
            &["erase", "1", "--yes"],
        ),
        (
            "OLD-TITLE-MARKER-19c2",
            &["add", "OLD-TITLE-MARKER-19c2"],
            &["edit", "1", "a new title"],
        ),
        (
            "OLD-NAME-MARKER-5b0e",
            &["list", "add", "OLD-NAME-MARKER-5b0e"],
            &["list", "rename", "OLD-NAME-MARKER-5b0e", "Renamed"],
        ),
    ];
    for _ in 0..stress() {
        for (marker, create, remove) in cases {
            let s = Softly::new();
            s.ok(create);
            s.ok(&["add", "unrelated"]);
            if remove[0] == "erase" {
                s.ok(&["rm", "1"]);
            }
            let app = another_program(&s.db());
            let mut cmd = s.command(remove);
            cmd.env("SOFTLY_CRASH_AT", "after-removal-commit");
            let out = cmd.output().unwrap();
            assert_eq!(out.status.code(), None, "{remove:?} was not killed");
            assert!(
                on_disk(&s.db(), marker),
                "{remove:?}: the crash came too late to test anything"
            );
            s.ok(&["ls"]);
            assert!(
                !on_disk(&s.db(), marker),
                "{remove:?}: the text is still on disk after the next command"
            );
            drop(app);
        }
    }
}

// ---- other programs reading --------------------------------------------------------------

/// Promise: another program holding a read transaction (a backup, `sqlite3`, a script) never
/// makes a softly command fail as "busy" and never leaves erased text for good: the erase
/// says the scrub waits, three writers at once all succeed meanwhile, and the first command
/// after the reader lets go scrubs the disk.
#[test]
fn a_reader_elsewhere_never_makes_softly_fail_and_the_scrub_follows_it() {
    let s = Softly::new();
    let marker = "READER-MARKER-c0de";
    s.ok(&["add", marker]);
    s.ok(&["rm", "1"]);
    let reader = Connection::open(s.db()).unwrap();
    reader.execute_batch("BEGIN").unwrap();
    let _: i64 = reader
        .query_row("SELECT count(*) FROM todos", [], |r| r.get(0))
        .unwrap();

    let out = s.run(&["erase", "1", "--yes"]);
    assert!(out.status.success());
    let note = String::from_utf8_lossy(&out.stderr);
    assert!(note.contains("another program is reading"), "{note}");
    let writers: Vec<_> = (0..3)
        .map(|i| {
            s.command(&["add", &format!("writer {i}")])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for writer in writers {
        let out = writer.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "a writer failed while only a reader held the file: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert_eq!(s.json(&["ls", "--json"]).as_array().unwrap().len(), 3);

    reader.execute_batch("COMMIT").unwrap();
    drop(reader);
    s.ok(&["ls"]);
    assert!(!on_disk(&s.db(), marker));
}

// ---- a damaged file ----------------------------------------------------------------------------

/// A database of 3,000 todos over a live list and the Inbox, every seventh in a trash entry
/// of its own, written through the store; returns (ids of live todos, ids in the Trash).
fn varied_database(db: &Path) -> (Vec<i64>, Vec<i64>) {
    use softly::store::rows::{EntryRow, ListRow, Rows, TodoRow};
    let mut rows = Rows::default();
    rows.lists.push(ListRow {
        id: 1,
        name: "Keep".into(),
        position: 1,
        created_at: 1_795_694_400_000,
        trash_entry: None,
    });
    let (mut live, mut trashed) = (Vec::new(), Vec::new());
    for i in 1..=3_000 {
        let in_trash = i % 7 == 0;
        if in_trash {
            rows.entries.push(EntryRow {
                id: i,
                kind: "todo".into(),
                deleted_at: 1_795_694_400_000,
            });
            trashed.push(i);
        } else {
            live.push(i);
        }
        rows.todos.push(TodoRow {
            id: i,
            title: format!("todo {i} with a title long enough to fill the pages quickly"),
            list: (i % 2 == 0).then_some(1),
            list_erased: false,
            done: i % 3 == 0,
            position: i,
            created_at: 1_795_694_400_000,
            trash_entry: in_trash.then_some(i),
        });
    }
    softly::store::Store::open(db)
        .unwrap()
        .import(&rows, at(T0))
        .unwrap();
    (live, trashed)
}

/// Overwrites a leaf page in the middle of `table` (or index) with junk, as a failing disk
/// might, and returns the file's bytes after.
fn damage_a_page(db: &Path, name: &str) -> Vec<u8> {
    let page: i64 = Connection::open(db)
        .unwrap()
        .query_row(
            "SELECT pageno FROM dbstat WHERE name = ?1 AND pagetype = 'leaf'
             ORDER BY pageno LIMIT 1 OFFSET 10",
            [name],
            |r| r.get(0),
        )
        .unwrap();
    let mut bytes = std::fs::read(db).unwrap();
    let start = (page as usize - 1) * 4096;
    bytes[start..start + 4096].fill(0xA5);
    std::fs::write(db, &bytes).unwrap();
    bytes
}

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

// ---- a full disk -------------------------------------------------------------------------------

/// Promise: with no room for the `-shm` file SQLite shares between processes, what is stored
/// can still be shown, and a write fails whole, changing nothing. (A file-size limit stands
/// in for the full disk, so any user can run this.)
#[test]
fn without_room_for_the_shared_index_reads_still_work_and_writes_change_nothing() {
    let s = Softly::new();
    s.ok(&["add", "still readable"]);
    let before = std::fs::read(s.db()).unwrap();
    let limit = || unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
        let limit = libc::rlimit {
            rlim_cur: 6 * 1024,
            rlim_max: 6 * 1024,
        };
        libc::setrlimit(libc::RLIMIT_FSIZE, &limit);
    };
    let out = run_with(s.command(&["ls"]), limit);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("still readable"));
    let out = run_with(s.command(&["add", &"x".repeat(400)]), limit);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(std::fs::read(s.db()).unwrap(), before);
    assert_eq!(s.json(&["ls", "--json"]).as_array().unwrap().len(), 1);
}

/// A tiny file system, mounted where the tests run as root (as CI does), unmounted when
/// dropped. `None` where mounting is not allowed.
struct TinyDisk {
    dir: tempfile::TempDir,
}

impl TinyDisk {
    fn mount(kib: u32) -> Option<TinyDisk> {
        let dir = tempfile::tempdir().unwrap();
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={kib}k"), "tmpfs"])
            .arg(dir.path())
            .output()
            .is_ok_and(|o| o.status.success());
        ok.then_some(TinyDisk { dir })
    }

    /// Fills the rest of the disk.
    fn fill(&self) {
        let mut filler = std::fs::File::create(self.dir.path().join("filler")).unwrap();
        let block = vec![0u8; 4096];
        while std::io::Write::write_all(&mut filler, &block).is_ok() {}
    }
}

impl Drop for TinyDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.dir.path()).output();
    }
}

/// Promise: on a disk that is really full, reads work and a write says the disk is full,
/// naming the file, instead of "disk I/O error".
#[test]
fn on_a_full_disk_reads_work_and_writes_say_the_disk_is_full() {
    let Some(disk) = TinyDisk::mount(512) else {
        eprintln!("skipped: mounting a file system needs root, as in CI");
        return;
    };
    let s = Softly::new();
    s.ok(&["add", "on a full disk"]);
    let db = disk.dir.path().join("softly.db");
    std::fs::copy(s.db(), &db).unwrap();
    disk.fill();
    let run = |args: &[&str]| {
        let mut cmd = s.command(args);
        cmd.env("SOFTLY_DB", &db);
        cmd.output().unwrap()
    };
    let out = run(&["ls"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("on a full disk"));
    let out = run(&["add", "no room"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_one_error_line(&err, &format!("the disk holding {} is full", db.display()));
}

// ---- nothing raw reaches the terminal ---------------------------------------------------------

/// True when `bytes` hold a control character other than a line break, or a bidi control:
/// C0 (ESC, BEL…), DEL, C1 (the 8-bit CSI and OSC), U+202A–U+202E, U+2066–U+2069.
fn has_raw_control(bytes: &[u8]) -> bool {
    String::from_utf8_lossy(bytes).chars().any(|c| {
        (c.is_control() && c != '\n')
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    })
}

/// Promise: no value, path, setting or stored text softly prints, on stdout or stderr, in
/// tables, messages or JSON, carries a raw control or bidi character: escape sequences in a
/// config value (a clipboard write and a screen clear), `--retention`, `SOFTLY_NOW`, the
/// database and import paths, and titles another tool wrote, are all shown escaped.
#[test]
fn no_raw_control_character_reaches_the_terminal() {
    let evil = "\u{1b}]52;c;aGk=\u{7}\u{1b}[2J\u{9b}31m\u{202e}";
    let s = Softly::new();
    s.ok(&["add", "plain"]);
    // Text another program wrote straight into the database.
    Connection::open(s.db())
        .unwrap()
        .execute(
            "UPDATE todos SET title = ?1 WHERE id = 1",
            [format!("t{evil}")],
        )
        .unwrap();
    let mut runs: Vec<Output> = vec![
        s.run(&["ls"]),
        s.run(&["ls", "--json"]),
        s.run(&["export"]),
        s.run(&["rm", "1"]),
        s.run(&["trash"]),
        s.run(&["trash", "--json"]),
        s.run(&["--retention", evil, "ls"]),
        s.run(&["import", &format!("/nonexistent/{evil}.json")]),
        s.run(&[evil]),
    ];
    let mut now = s.command(&["ls"]);
    now.env("SOFTLY_NOW", evil);
    runs.push(now.output().unwrap());
    let mut db = s.command(&["ls"]);
    db.env("SOFTLY_DB", format!("/proc/{evil}/softly.db"));
    runs.push(db.output().unwrap());
    std::fs::write(
        s.config(),
        "retention = \"\\u001b]52;c;aGk=\\u0007\\u001b[2J\"\n",
    )
    .unwrap();
    runs.push(s.run(&["ls"]));
    for (i, out) in runs.iter().enumerate() {
        assert!(
            !has_raw_control(&out.stdout) && !has_raw_control(&out.stderr),
            "run {i}: stdout {:?} stderr {:?}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    // The JSON still says exactly what is stored.
    std::fs::write(s.config(), "").unwrap();
    let trash: serde_json::Value = s.json(&["trash", "--json"]);
    assert_eq!(trash[0]["title"], format!("t{evil}"));
}

// ---- a shorter retention -----------------------------------------------------------------------

/// Promise: a retention made shorter (an edit of the config file, or `--retention` on one
/// command line) never purges at once what only it would take: every command warns, naming
/// the counts, and purges only what the old retention would have; `softly purge
/// --accept-retention` lets it. A longer retention simply takes over.
#[test]
fn a_shorter_retention_never_purges_at_once_without_being_accepted() {
    let days_ago = |d: u32| format!("2026-11-{:02}T12:00:00Z", 26 - d);
    let s = Softly::new();
    for (i, d) in [10u32, 9, 8, 0].iter().enumerate() {
        let mut add = s.command(&["add", &format!("deleted {d} days ago")]);
        add.env("SOFTLY_NOW", days_ago(*d));
        assert!(add.output().unwrap().status.success());
        let mut rm = s.command(&["rm", &(i + 1).to_string()]);
        rm.env("SOFTLY_NOW", days_ago(*d));
        assert!(rm.output().unwrap().status.success());
    }
    s.ok(&["ls"]); // the default 30 days is in force
    let trash = || s.json(&["trash", "--json"]).as_array().unwrap().len();
    // A longer retention for one command is not remembered: the usual 30 days that follow
    // are no shortening.
    s.ok(&["--retention", "never", "trash"]);
    assert!(s.run(&["ls"]).stderr.is_empty());

    // Shortened to 3 hours in the config file: nothing goes, and every command says so.
    std::fs::write(s.config(), "retention = \"3h\"\n").unwrap();
    let out = s.run(&["ls"]);
    let warning = String::from_utf8_lossy(&out.stderr);
    assert!(
        warning.contains(
            "Retention is now 3 hours (was 30 days): 3 entries, with 3 todos, would be purged now; \
             they are kept until you run `softly purge --accept-retention`"
        ),
        "{warning}"
    );
    assert_eq!(trash(), 4);
    s.ok(&["purge"]);
    assert_eq!(trash(), 4, "a plain purge keeps them too");
    let preview = s.json(&["purge", "--dry-run", "--accept-retention", "--json"]);
    assert_eq!(preview["entries"], 3);
    assert_eq!(trash(), 4);

    // --retention on one command line is a change too, and the advice repeats it.
    std::fs::write(s.config(), "").unwrap();
    let out = s.run(&["--retention", "1d", "ls"]);
    let warning = String::from_utf8_lossy(&out.stderr);
    assert!(
        warning.contains("`softly --retention 1d purge --accept-retention`"),
        "{warning}"
    );
    assert_eq!(trash(), 4);

    // Accepted: purged by it, and from then on it is the one in force.
    std::fs::write(s.config(), "retention = \"3h\"\n").unwrap();
    let out = s.ok(&["purge", "--accept-retention"]);
    assert!(out.starts_with("Purged 3 trash entries"), "{out}");
    assert_eq!(trash(), 1);
    assert!(s.run(&["ls"]).stderr.is_empty(), "no warning once accepted");
    // Longer again: taken over without a word.
    std::fs::write(s.config(), "retention = \"30d\"\n").unwrap();
    assert!(s.run(&["ls"]).stderr.is_empty());
}
