//! The app syncs by itself, on a worker: after the first frame, after a change, and says
//! where it stands in the header; an unreachable server never stops the keys.

use std::time::{Duration, Instant};

use super::*;
use common::pty::Pty;

fn app(device: &Softly) -> Pty {
    softly_in_a_terminal(device, &[])
}

/// softly with `args` in a 100×24 terminal, on `device`'s files.
pub(super) fn softly_in_a_terminal(device: &Softly, args: &[&str]) -> Pty {
    let path = |p: std::path::PathBuf| p.to_string_lossy().into_owned();
    let env = vec![
        ("HOME".to_string(), path(device.dir.path().join("home"))),
        ("SOFTLY_DB".to_string(), path(device.db())),
        ("SOFTLY_CONFIG".to_string(), path(device.config())),
        ("TZ".to_string(), "UTC".to_string()),
    ];
    Pty::spawn(args, env, device.dir.path(), 100, 24)
}

/// Waits until the phone sees a todo with this summary.
fn phone_sees(server: &DavServer, summary: &str) {
    let started = Instant::now();
    while !phone_summaries(server).iter().any(|s| s == summary) {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "the phone never saw {summary}"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}

fn the_app_brings_what_the_phone_made_and_sends_what_is_typed(kind: Kind) {
    let mut server = DavServer::start_kind(kind);
    let a = device(&server, "2026-11-26T12:00:00Z");
    a.ok(&["sync"]);
    server.phone_with_input(&["put", "Inbox"], PHONE_TODO);
    let mut pty = app(&a);
    pty.wait_for("Renew passport");
    pty.wait_for("synced just now");

    pty.send("a");
    pty.type_slowly("typed in the app");
    pty.send("\r");
    phone_sees(&server, "typed in the app");

    // The server goes away: the keys go on, the header says so, nothing is lost.
    server.stop();
    pty.send("a");
    pty.type_slowly("typed offline");
    pty.send("\r");
    pty.wait_for("offline (retrying in");
    pty.send("j");
    pty.wait_for("typed offline");
    pty.send("q");
    pty.wait_exit();
    server.restart();
    assert!(a.ok(&["sync"]).contains("1 todo sent"));
    phone_sees(&server, "typed offline");
}

fn a_long_first_round_says_so_on_a_terminal_only(kind: Kind) {
    let server = DavServer::start_kind(kind);
    let lines: String = (0..150).map(|i| format!("todo {i}\n")).collect();
    let [a, b] = [0, 1].map(|_| {
        let device = device(&server, "2026-11-26T12:00:00Z");
        let file = device.dir.path().join("t.txt");
        std::fs::write(&file, &lines).unwrap();
        device.ok(&["import", "--from", "todotxt", file.to_str().unwrap()]);
        device
    });
    let mut pty = softly_in_a_terminal(&a, &["sync"]);
    pty.wait_for("Sending 150 todos to the server");
    pty.wait_for("150 todos sent to the server");
    pty.wait_exit();
    // Not on a pipe: scripts read only what moved.
    let out = b.run(&["sync"]);
    assert!(out.status.success());
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("150 todos sent"));
}

on_both_servers!(
    the_demo_never_syncs,
    the_app_brings_what_the_phone_made_and_sends_what_is_typed,
    a_long_first_round_says_so_on_a_terminal_only,
);

/// With `[sync]` set, `softly --demo` still never connects (strace watches): its examples
/// must not reach the user's server, and from there their database. Its header says it is
/// offline.
fn the_demo_never_syncs(kind: Kind) {
    let server = DavServer::start_kind(kind);
    let a = device(&server, "2026-11-26T12:00:00Z");
    let log = a.dir.path().join("strace.log");
    let path = |p: &std::path::Path| p.to_string_lossy().into_owned();
    let env = vec![
        ("HOME".to_string(), path(&a.dir.path().join("home"))),
        ("SOFTLY_DB".to_string(), path(&a.db())),
        ("SOFTLY_CONFIG".to_string(), path(&a.config())),
        ("TZ".to_string(), "UTC".to_string()),
    ];
    let log_arg = path(&log);
    let program = env!("CARGO_BIN_EXE_softly");
    let args = [
        "-f",
        "-qq",
        "-e",
        "trace=connect",
        "-o",
        &log_arg,
        program,
        "--demo",
    ];
    let mut pty = Pty::spawn_program("strace", &args, env, a.dir.path(), 100, 24);
    pty.wait_for("DEMO, offline");
    // A round would have started after the first frame; give it the time it would take.
    std::thread::sleep(Duration::from_secs(3));
    pty.send("q");
    pty.wait_exit();
    let connected: Vec<String> = std::fs::read_to_string(&log)
        .unwrap_or_default()
        .lines()
        .filter(|l| l.contains("AF_INET"))
        .map(str::to_string)
        .collect();
    assert!(connected.is_empty(), "the demo connected: {connected:?}");
    assert!(
        server.todos().is_empty(),
        "nothing of the demo's on the server"
    );
}
