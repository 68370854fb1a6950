//! softly against a scripted CalDAV server (tests/fixtures/sync/scripted.py) that answers the
//! way the RFCs allow but Radicale and Xandikos do not: a listing in pages with 507, a
//! member made and deleted between two tokens left out, a PUT answered without its ETag, a
//! write refused for good (403).

use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use super::*;

pub(super) struct Scripted {
    port: u16,
    child: Child,
}

impl Scripted {
    pub(super) fn start(args: &[&str]) -> Scripted {
        let python = Path::new(env!("CARGO_TARGET_TMPDIR")).join("sync-venv/bin/python");
        // The venv is made by the first server any test starts.
        drop(DavServer::start());
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sync/scripted.py");
        let child = Command::new(python)
            .arg(script)
            .arg(port.to_string())
            .args(args)
            .stdout(Stdio::null())
            .spawn()
            .unwrap();
        let started = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(started.elapsed() < Duration::from_secs(30), "did not start");
            std::thread::sleep(Duration::from_millis(30));
        }
        Scripted { port, child }
    }

    pub(super) fn device(&self, now: &str) -> Softly {
        let softly = Softly::new().at(now);
        let config = format!(
            "[sync]\nurl = \"http://127.0.0.1:{}/\"\nusername = \"alice\"\n\
             password_command = \"echo x\"\n",
            self.port
        );
        std::fs::write(softly.config(), config).unwrap();
        softly
    }
}

impl Drop for Scripted {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

use std::path::Path;

#[test]
fn a_listing_in_pages_with_507_is_followed_to_its_end() {
    let server = Scripted::start(&["--page", "7"]);
    let a = server.device("2026-12-01T12:00:00Z");
    let b = server.device("2026-12-01T12:00:00Z");
    for n in 0..25 {
        a.ok(&["add", &format!("todo {n:02}")]);
    }
    a.ok(&["sync"]);
    let said = b.ok(&["sync"]);
    assert!(said.contains("25 todos received"), "{said}");
    assert_eq!(todos(&b).len(), 25);
    a.ok(&["rm", "3"]);
    a.ok(&["sync"]);
    let said = b.ok(&["sync"]);
    assert!(said.contains("1 todo moved to the Trash"), "{said}");
    assert_eq!(b.ok(&["sync"]).trim(), "In sync: nothing moved.");
}

#[test]
fn a_member_left_out_of_a_listing_is_still_seen_deleted() {
    let server = Scripted::start(&["--omit"]);
    let a = server.device("2026-12-01T12:00:00Z");
    let b = server.device("2026-12-01T12:00:00Z");
    let said = made_here_deleted_there(&a, &b);
    assert!(said.contains("1 todo moved to the Trash"), "{said}");
    assert!(todos(&a).is_empty());
}

#[test]
fn a_write_answered_without_its_etag_is_recorded_with_the_one_asked_for() {
    let server = Scripted::start(&["--no-etag-on-put"]);
    let a = server.device("2026-12-01T12:00:00Z");
    a.ok(&["add", "call the bank"]);
    assert!(a.ok(&["sync"]).contains("1 todo sent"));
    a.ok(&["sync"]);
    a.ok(&["edit", "1", "--title", "call the bank at 9"]);
    let said = a.ok(&["sync"]);
    assert!(
        said.contains("1 todo sent") && !said.contains("refused"),
        "{said}"
    );
    assert_eq!(a.ok(&["sync"]).trim(), "In sync: nothing moved.");
}

#[test]
fn a_write_refused_for_good_is_said_and_waits_until_the_todo_changes() {
    let server = Scripted::start(&["--refuse", "in the bin"]);
    let a = server.device("2026-12-01T12:00:00Z");
    a.ok(&["add", "keep this"]);
    a.ok(&["add", "still in the bin"]);
    let said = a.ok(&["sync"]);
    assert!(said.contains("1 todo sent"), "{said}");
    assert!(
        said.contains("'still in the bin' was not sent: the server refused it (403 Forbidden)"),
        "{said}"
    );
    let again = a.ok(&["sync"]);
    assert!(!again.contains("was not sent"), "not tried again: {again}");
    assert!(
        again.contains("1 change waiting: the server refused it"),
        "{again}"
    );
    let status = a.ok(&["sync", "status"]);
    assert!(
        status.contains("the server refused it (403 Forbidden)"),
        "{status}"
    );
    a.ok(&["edit", "2", "--title", "out of the bin"]);
    let said = a.ok(&["sync"]);
    assert!(
        said.contains("1 todo sent"),
        "changed here, it goes: {said}"
    );
    assert_eq!(todos(&a).len(), 2, "nothing lost here");
}

#[test]
fn the_record_of_a_round_keeps_no_title_it_quoted() {
    let server = Scripted::start(&["--refuse", "frobozz"]);
    let a = server.device("2026-12-01T12:00:00Z");
    a.ok(&["add", "the frobozz plan"]);
    let said = a.ok(&["sync"]);
    assert!(said.contains("'the frobozz plan' was not sent"), "{said}");
    a.ok(&["rm", "1"]);
    a.ok(&["erase", "1", "--yes"]);
    super::deletes::assert_gone_from_the_files(&a, &["frobozz"]);
    let status = a.ok(&["sync", "status"]);
    assert!(
        status.contains("a todo was not sent: the server refused it"),
        "{status}"
    );
}

#[test]
fn what_cannot_be_read_is_left_and_named_and_the_rest_syncs() {
    let server = Scripted::start(&["--plant"]);
    let a = server.device("2026-12-01T12:00:00Z");
    // The Inbox softly makes is one the server fills at once; the same round lists it.
    let said = a.ok(&["sync"]);
    let titles: Vec<String> = todos(&a)
        .iter()
        .map(|t| t["title"].as_str().unwrap().to_string())
        .collect();
    assert!(
        titles.contains(&"the readable neighbour".to_string()),
        "{said}"
    );
    assert!(
        titles
            .iter()
            .any(|t| t.starts_with("pay ") && !t.contains('\u{1b}')),
        "raw escapes spoil the multiget, not the task: {titles:?}"
    );
    for why in [
        "it is empty",
        "nest more than 16 deep",
        "more than softly reads",
    ] {
        assert!(said.contains(why), "{why} in\n{said}");
    }
    assert!(
        !said.contains('\u{1b}') && !said.contains('\u{7}'),
        "{said:?}"
    );
    // Named until they can be read, not only in the round that met them.
    let status = a.ok(&["sync", "status"]);
    assert!(status.contains("on the server as it is"), "{status}");
    assert!(!status.contains('\u{1b}'), "{status:?}");
    assert!(a.ok(&["sync"]).contains("In sync"), "not fetched again");
}

#[test]
fn an_answer_that_never_ends_is_refused_as_too_big_without_eating_the_memory() {
    let server = Scripted::start(&["--endless"]);
    let a = server.device("2026-12-01T12:00:00Z");
    // Reaped by wait4 below, which also says how much memory the child took at its peak.
    #[allow(clippy::zombie_processes)]
    let mut child = a
        .command(&["sync"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = String::new();
    use std::io::Read;
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    let pid = child.id() as i32;
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value for wait4 to fill.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: waits for our own child, filling `status` and `usage`.
    unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert!(
        stderr.contains("the server's answer is too big (over 64 MiB)"),
        "{stderr}"
    );
    let peak_mib = usage.ru_maxrss / 1024;
    assert!(peak_mib < 400, "softly grew to {peak_mib} MiB");
}

#[test]
fn the_app_says_what_it_could_not_read_until_it_can() {
    let server = Scripted::start(&["--plant"]);
    let a = server.device("2026-12-01T12:00:00Z");
    let mut pty = super::app::softly_in_a_terminal(&a, &[]);
    pty.wait_for("the readable neighbour");
    let screen = pty.wait_for("4 tasks on the server could not be read: softly sync status");
    assert!(screen.contains("4 unread on the server"), "{screen}");
    pty.send("q");
    pty.wait_exit();
    // Said again on the next start, from what the database keeps.
    let mut pty = super::app::softly_in_a_terminal(&a, &[]);
    pty.wait_for("4 unread on the server");
    pty.send("q");
    pty.wait_exit();
}

#[test]
fn a_server_that_hangs_is_given_up_on_with_a_clear_error_and_nothing_lost() {
    let server = Scripted::start(&["--trickle"]);
    let a = server.device("2026-12-01T12:00:00Z");
    a.ok(&["add", "kept while the server hangs"]);
    let mut child = a
        .command(&["sync"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // The request limit is 30 s; far past it, the command is still running only if it hangs.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    while child.try_wait().unwrap().is_none() {
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("softly sync still waits on a server that hangs");
        }
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("no answer in 30 seconds"), "{stderr}");
    assert_eq!(todos(&a).len(), 1, "nothing lost");
}
