//! softly against a scripted CalDAV server (tests/fixtures/sync/scripted.py) that answers the
//! way the RFCs allow but Radicale and Xandikos do not: a listing in pages with 507, a
//! member made and deleted between two tokens left out, a PUT answered without its ETag, a
//! write refused for good (403).

use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use super::*;

struct Scripted {
    port: u16,
    child: Child,
}

impl Scripted {
    fn start(args: &[&str]) -> Scripted {
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

    fn device(&self, now: &str) -> Softly {
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
