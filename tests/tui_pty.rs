//! End to end: the real binary in a pseudo-terminal, driven by keys, read off the screen.

mod common;

use std::path::PathBuf;

use common::cli::{NOBODY, softly_as};
use common::pty::{Pty, has, last};
use common::*;

const ENTER_ALT: &[u8] = b"\x1b[?1049h";
const LEAVE_ALT: &[u8] = b"\x1b[?1049l";
const SHOW_CURSOR: &[u8] = b"\x1b[?25h";

struct Sandbox {
    dir: tempfile::TempDir,
}

impl Sandbox {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("config.toml"), "").unwrap();
        Sandbox { dir }
    }

    fn db(&self) -> PathBuf {
        self.dir.path().join("softly.db")
    }

    fn env(&self, now: Option<&str>) -> Vec<(String, String)> {
        let path = |p: PathBuf| p.to_string_lossy().into_owned();
        let mut env = vec![
            ("HOME".into(), path(self.dir.path().join("home"))),
            ("SOFTLY_DB".into(), path(self.db())),
            (
                "SOFTLY_CONFIG".into(),
                path(self.dir.path().join("config.toml")),
            ),
            ("TZ".into(), "UTC".into()),
        ];
        if let Some(now) = now {
            env.push(("SOFTLY_NOW".into(), now.into()));
        }
        env
    }

    fn spawn(&self, args: &[&str], now: Option<&str>) -> Pty {
        Pty::spawn(args, self.env(now), self.dir.path(), 100, 30)
    }
}

/// The terminal was handed back: the alternate screen left after it was last entered,
/// and the cursor shown again.
fn assert_terminal_restored(pty: &Pty) {
    let raw = pty.raw();
    let entered = last(&raw, ENTER_ALT).expect("the app never entered the alternate screen");
    let left = last(&raw, LEAVE_ALT).expect("the app never left the alternate screen");
    assert!(
        left > entered,
        "the alternate screen was not left at the end"
    );
    assert!(has(&raw[left..], SHOW_CURSOR) || has(&raw[entered..], SHOW_CURSOR));
    assert!(
        has(&raw, b"\x1b[?1000l"),
        "mouse reporting was not turned off"
    );
}

#[test]
fn add_delete_restore_erase_then_quit_leaves_the_terminal_as_it_was() {
    let sandbox = Sandbox::new();
    let mut app = sandbox.spawn(&[], None);
    app.wait_for("No todos yet — press a to add one");

    app.send("a");
    app.type_slowly("Water the plants");
    app.send("\r");
    app.wait_for("[ ] Water the plants");

    app.send("d");
    app.wait_for("Moved to Trash — u to undo");
    app.send("2");
    let screen = app.wait_for("purges in 30 days");
    assert!(screen.contains("Water the plants"), "{screen}");
    assert!(screen.contains("Trash 1 "), "{screen}");

    app.send("r");
    app.wait_for("Restored 'Water the plants' to Inbox");
    app.wait_for("Trash is empty");

    app.send("1");
    app.wait_for("[ ] Water the plants");
    app.send("d2");
    app.wait_for("purges in 30 days");
    app.send("E");
    let dialog = app.wait_for("Erase forever");
    assert!(
        dialog.contains("Erase todo 'Water the plants' forever?"),
        "{dialog}"
    );
    assert!(dialog.contains("[ No ]"), "{dialog}");
    app.send("y");
    app.wait_for("Erased 'Water the plants' forever");

    app.send("q");
    assert_eq!(app.wait_exit(), 0);
    assert_terminal_restored(&app);
    let mut store = softly::store::Store::open(&sandbox.db()).unwrap();
    assert_eq!(store.trash_count().unwrap(), 0);
    assert_eq!(store.purge_log().unwrap().len(), 1);
    assert!(store.retry_pending_scrub().unwrap());
}

#[test]
fn an_entry_deleted_long_ago_is_purged_at_startup_and_the_app_says_so() {
    let sandbox = Sandbox::new();
    {
        let mut store = softly::store::Store::open(&sandbox.db()).unwrap();
        let old = store
            .add_todo("Ancient history", None, at(T0 - 50 * DAY))
            .unwrap();
        store.trash_todos(&[old], at(T0 - 40 * DAY)).unwrap();
        let kept = store.add_todo("Still fresh", None, at(T0 - DAY)).unwrap();
        store.trash_todos(&[kept], at(T0 - DAY)).unwrap();
    }
    let mut app = sandbox.spawn(&[], Some("2026-11-26T12:00:00Z"));
    app.wait_for("Purged 1 item deleted more than 30 days ago");
    app.send("2");
    let screen = app.wait_for("Still fresh");
    assert!(!screen.contains("Ancient history"), "{screen}");
    app.send("q");
    assert_eq!(app.wait_exit(), 0);
}

#[test]
fn with_a_short_retention_the_timer_purges_an_entry_without_a_keypress() {
    let sandbox = Sandbox::new();
    let mut app = sandbox.spawn(&["--retention", "3s"], None);
    app.wait_for("auto-purge after 3 seconds");
    app.send("a");
    app.type_slowly("Short lived");
    app.send("\r");
    app.wait_for("[ ] Short lived");
    app.send("d2");
    app.wait_for("Short lived");
    // No key from here on: the purge fires when the entry reaches its purge time.
    app.wait_for_gone("Short lived");
    app.wait_for("Purged 1 item deleted more than 3 seconds ago");
    app.send("q");
    assert_eq!(app.wait_exit(), 0);
}

#[test]
fn sigterm_sighup_and_sigint_give_the_terminal_back_with_128_plus_the_signal() {
    for (name, number) in [("TERM", 15), ("HUP", 1), ("INT", 2)] {
        let sandbox = Sandbox::new();
        let mut app = sandbox.spawn(&[], None);
        app.wait_for("No todos yet");
        let status = std::process::Command::new("kill")
            .args([&format!("-{name}"), &app.pid().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
        assert_eq!(app.wait_exit(), 128 + number, "SIG{name}");
        assert_terminal_restored(&app);
    }
}

#[test]
fn an_abort_a_stack_overflow_or_running_out_of_memory_still_gives_the_terminal_back() {
    // Rust aborts on both, running no destructor and no panic hook: only the SIGABRT handler
    // is left to restore the terminal. The sync worker is where a server's input is worked
    // on, so that is where the stack is overflowed and memory is said to run out.
    for how in ["overflow", "oom"] {
        let sandbox = Sandbox::new();
        std::fs::write(
            sandbox.dir.path().join("config.toml"),
            "[sync]\nurl = \"http://127.0.0.1:1/\"\nusername = \"me\"\npassword_command = \"echo x\"\n",
        )
        .unwrap();
        let mut env = sandbox.env(None);
        env.push(("SOFTLY_CRASH_AT".into(), format!("sync-worker:{how}")));
        let mut app = Pty::spawn(&[], env, sandbox.dir.path(), 100, 30);
        app.wait_exit();
        assert_terminal_restored(&app);
        assert!(app.is_cooked(), "{how}: the terminal was left in raw mode");
    }
}

#[test]
fn ctrl_z_suspends_to_the_shell_and_fg_resumes() {
    let sandbox = Sandbox::new();
    // A shell with job control, as a user has.
    let mut env = sandbox.env(None);
    env.push(("PS1".into(), "$ ".into()));
    let mut shell = Pty::spawn_program(
        "bash",
        &["--norc", "--noprofile", "-i"],
        env,
        sandbox.dir.path(),
        100,
        30,
    );
    shell.wait_for("$");
    shell.send(&format!("{}\r", env!("CARGO_BIN_EXE_softly")));
    shell.wait_for("No todos yet");
    let before = shell.raw().len();

    shell.send("\x1a");
    shell.wait_for("Stopped");
    assert!(
        has(&shell.raw()[before..], LEAVE_ALT),
        "suspended without restoring"
    );

    let stopped = shell.raw().len();
    shell.send("fg\r");
    shell.wait_for("No todos yet");
    assert!(
        has(&shell.raw()[stopped..], ENTER_ALT),
        "no redraw after fg"
    );

    shell.send("q");
    shell.wait_for_gone("No todos yet");
    shell.send("echo exit=$?\r");
    shell.wait_for("exit=0");
    shell.send("exit\r");
    shell.wait_exit();
}

#[test]
fn ctrl_z_without_job_control_is_ignored_and_the_app_goes_on() {
    let sandbox = Sandbox::new();
    let mut app = sandbox.spawn(&[], None);
    app.wait_for("No todos yet");
    app.send("\x1a");
    app.send("a");
    app.type_slowly("still here");
    app.send("\r");
    app.wait_for("[ ] still here");
    app.send("q");
    assert_eq!(app.wait_exit(), 0);
    assert_terminal_restored(&app);
}

#[test]
fn the_demo_opens_on_examples_and_removes_its_database_on_exit() {
    let sandbox = Sandbox::new();
    let mut app = sandbox.spawn(&["--demo"], None);
    app.wait_for("Groceries");
    app.send("2");
    let screen = app.wait_for("purges in 3m");
    assert!(screen.contains("Old project"), "{screen}");
    app.send("q");
    assert_eq!(app.wait_exit(), 0);
    assert!(
        !sandbox.db().exists(),
        "the demo must not touch the real database"
    );
    let leftovers: Vec<_> = std::fs::read_dir(std::env::temp_dir())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with(&format!("softly-demo-{}-", app.pid()))
        })
        .collect();
    assert!(leftovers.is_empty(), "the demo database was left behind");
}

#[test]
fn resizing_redraws_and_a_tiny_terminal_says_what_it_needs() {
    let sandbox = Sandbox::new();
    let mut app = sandbox.spawn(&[], None);
    app.wait_for("No todos yet");
    app.resize(30, 8);
    app.wait_for("Terminal too small");
    app.wait_for("softly needs 50×10");
    app.resize(120, 40);
    app.wait_for("No todos yet");
    app.wait_for_gone("Terminal too small");
    app.send("q");
    assert_eq!(app.wait_exit(), 0);
}

#[test]
fn no_color_turns_colours_off_but_keeps_emphasis() {
    let colour = |no_color: bool| {
        let sandbox = Sandbox::new();
        let mut env = sandbox.env(None);
        if no_color {
            env.push(("NO_COLOR".into(), "1".into()));
        }
        let mut app = Pty::spawn(&[], env, sandbox.dir.path(), 100, 30);
        app.wait_for("No todos yet");
        app.send("q");
        app.wait_exit();
        app.raw()
    };
    let coloured = colour(false);
    assert!(has(&coloured, b"\x1b[38;5;"), "colours are used by default");
    let plain = colour(true);
    assert!(!has(&plain, b"\x1b[38;5;") && !has(&plain, b"\x1b[48;5;"));
    assert!(
        has(&plain, b"\x1b[7m"),
        "the selection is still shown, reversed"
    );
}

#[test]
fn a_read_only_database_opens_and_refuses_writes_in_the_status_line() {
    use std::os::unix::fs::PermissionsExt;
    let sandbox = Sandbox::new();
    {
        let mut store = softly::store::Store::open(&sandbox.db()).unwrap();
        store
            .add_todo("Look but don't touch", None, at(T0))
            .unwrap();
    }
    let set_mode = |path: &std::path::Path, mode: u32| {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
    };
    set_mode(sandbox.dir.path(), 0o777); // the directory stays writable; only the file is locked
    set_mode(&sandbox.db(), 0o444);
    set_mode(&sandbox.dir.path().join("config.toml"), 0o644);
    let before = std::fs::read(sandbox.db()).unwrap();
    // Root ignores file permissions: the app runs as nobody, so the file is really read-only.
    let (program, args) = softly_as(NOBODY);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let mut app = Pty::spawn_program(
        program,
        &args,
        sandbox.env(None),
        sandbox.dir.path(),
        100,
        30,
    );
    let screen = app.wait_for("Look but don't touch");
    assert!(screen.contains("read-only"), "{screen}");
    app.send("a");
    app.wait_for("The database is read-only; nothing can be changed");
    app.send("q");
    assert_eq!(app.wait_exit(), 0);
    assert_eq!(std::fs::read(sandbox.db()).unwrap(), before);
}

#[test]
fn closing_the_terminal_ends_the_app_instead_of_leaving_it_spinning() {
    let sandbox = Sandbox::new();
    let mut app = sandbox.spawn(&[], None);
    app.wait_for("No todos yet");
    app.hang_up();
    // It notices within a tick (or its watchdog does within a second) and exits as for SIGHUP.
    assert_eq!(app.wait_exit(), 129);
}

#[test]
fn a_signal_during_an_edit_saves_nothing_half_done() {
    let sandbox = Sandbox::new();
    let mut app = sandbox.spawn(&[], None);
    app.wait_for("No todos yet");
    app.send("a");
    app.type_slowly("half typ");
    app.wait_for("half typ");
    std::process::Command::new("kill")
        .args(["-TERM", &app.pid().to_string()])
        .status()
        .unwrap();
    assert_eq!(app.wait_exit(), 143);
    assert_terminal_restored(&app);
    let store = softly::store::Store::open(&sandbox.db()).unwrap();
    assert!(
        store
            .live_todos(softly::store::TodoScope::All)
            .unwrap()
            .is_empty()
    );
    let conn = rusqlite::Connection::open(sandbox.db()).unwrap();
    let ok: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
}

#[test]
fn a_damaged_file_is_found_at_start_and_the_app_writes_nothing_to_it() {
    let sandbox = Sandbox::new();
    {
        let mut store = softly::store::Store::open(&sandbox.db()).unwrap();
        for i in 0..2_000 {
            let title = format!("todo {i} with a title long enough to fill the pages");
            store.add_todo(&title, None, at(T0)).unwrap();
        }
    }
    // A leaf of the todos table (not the index the list reads) overwritten with junk: no
    // screen reads it, so only a check of the whole file can find it.
    let page: i64 = rusqlite::Connection::open(sandbox.db())
        .unwrap()
        .query_row(
            "SELECT pageno FROM dbstat WHERE name = 'todos' AND pagetype = 'leaf'
             ORDER BY pageno LIMIT 1 OFFSET 5",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let mut bytes = std::fs::read(sandbox.db()).unwrap();
    let start = (page as usize - 1) * 4096;
    bytes[start..start + 4096].fill(0xA5);
    std::fs::write(sandbox.db(), &bytes).unwrap();

    let mut app = sandbox.spawn(&[], None);
    app.wait_for("damaged: `softly export` saves it");
    app.send("a");
    app.wait_for("The database file is damaged; nothing can be changed");
    app.send("q");
    assert_eq!(app.wait_exit(), 0);
    assert_terminal_restored(&app);
    assert_eq!(std::fs::read(sandbox.db()).unwrap(), bytes);
}
