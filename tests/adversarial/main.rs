//! softly under hostile conditions, as a black box: the real binary against files it must
//! not damage, crashes at the worst moment, other programs holding the database, a disk
//! that fills up, and other users on the machine. `SOFTLY_STRESS=N` multiplies the rounds.

#[path = "../common/mod.rs"]
mod common;

use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::cli::{Softly, assert_one_error_line};
use common::{T0, at, cannot_run_here, stress};
use rusqlite::Connection;

mod damage;
mod erased_text;
mod export;
mod files;
mod full_disk;
mod readers;
mod retention;
mod terminal;

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
                pinned: false,
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
            due_at: None,
            due_has_time: false,
            priority: None,
            note: (i % 2 == 0)
                .then(|| format!("the note of todo {i}, {}", "long ".repeat(40).trim_end())),
            every: None,
            uid: None,
            done_at: None,
            cancelled: false,
            own_tags: Vec::new(),
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

/// True when `bytes` hold a control character other than a line break, or a bidi control:
/// C0 (ESC, BEL…), DEL, C1 (the 8-bit CSI and OSC), U+202A–U+202E, U+2066–U+2069.
fn has_raw_control(bytes: &[u8]) -> bool {
    String::from_utf8_lossy(bytes).chars().any(|c| {
        (c.is_control() && c != '\n')
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    })
}
