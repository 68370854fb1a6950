//! A round that looks wrong is held, not applied: one that would move most of the todos here
//! to the Trash, or one against another server than the last round's. `softly sync` fails
//! saying so, `sync status` lists what is held, `--accept-deletes` applies it; the app asks
//! once, keeping everything by default.

use super::*;

/// Twelve todos on `a`, synced to `b`, of which `b` deletes ten: what the server then says.
fn most_deleted_elsewhere(server: &DavServer) -> (Softly, Softly) {
    let a = device(server, "2026-12-01T12:00:00Z");
    let b = device(server, "2026-12-01T12:00:00Z");
    let lines: String = (1..=12).map(|i| format!("chore {i:02}\n")).collect();
    let file = a.dir.path().join("t.txt");
    std::fs::write(&file, lines).unwrap();
    a.ok(&["import", "--from", "todotxt", file.to_str().unwrap()]);
    a.ok(&["sync"]);
    b.ok(&["sync"]);
    let chores: Vec<String> = (1..=10).map(|i| format!("chore {i:02}")).collect();
    rm(&b, &chores);
    assert!(b.ok(&["sync"]).contains("10 todos deleted on the server"));
    (a, b)
}

/// Deletes on `device` the todos with these titles.
fn rm(device: &Softly, titles: &[String]) {
    let ids: Vec<String> = todos(device)
        .iter()
        .filter(|t| titles.iter().any(|title| t["title"] == title.as_str()))
        .map(|t| t["id"].to_string())
        .collect();
    assert_eq!(ids.len(), titles.len());
    let mut args = vec!["rm"];
    args.extend(ids.iter().map(String::as_str));
    device.ok(&args);
}

fn a_round_that_would_trash_most_todos_is_held_until_accepted(kind: Kind) {
    let server = DavServer::start_kind(kind);
    let (a, _b) = most_deleted_elsewhere(&server);
    a.ok(&["add", "made while held"]);
    for _ in 0..2 {
        let err = a.fails(1, &["sync"]);
        assert!(
            err.contains("sync held: The server says 10 of 13 todos were deleted."),
            "{err}"
        );
        assert!(err.contains("softly sync --accept-deletes"), "{err}");
        assert_eq!(titles(&a).len(), 13, "nothing moved to the Trash");
        assert!(
            !phone_summaries(&server).contains(&"made while held".to_string()),
            "nothing sent"
        );
    }
    let status = a.ok(&["sync", "status"]);
    assert!(
        status.contains("Held: The server says 10 of 13 todos were deleted."),
        "{status}"
    );
    assert!(status.contains("  chore 01\n"), "{status}");
    let said = a.ok(&["sync", "--accept-deletes"]);
    assert!(said.contains("10 todos moved to the Trash"), "{said}");
    assert!(phone_summaries(&server).contains(&"made while held".to_string()));
    assert_eq!(a.ok(&["sync"]).trim(), "In sync: nothing moved.");
    assert!(!a.ok(&["sync", "status"]).contains("Held"));
}

fn another_server_than_the_last_rounds_is_held_until_accepted(kind: Kind) {
    let old = DavServer::start_kind(kind);
    let a = device(&old, "2026-12-01T12:00:00Z");
    a.ok(&["add", "pay rent"]);
    a.ok(&["sync"]);
    let new = DavServer::start_kind(kind);
    std::fs::write(a.config(), sync_config(&new)).unwrap();
    let err = a.fails(1, &["sync"]);
    assert!(
        err.contains("sync held: [sync] names another server or account than the last round"),
        "{err}"
    );
    assert!(new.todos().is_empty(), "nothing sent to the new one");
    let said = a.ok(&["sync", "--accept-deletes"]);
    assert!(said.contains("1 todo sent"), "{said}");
    assert_eq!(phone_summaries(&new), ["pay rent"]);
    assert_eq!(titles(&a), ["pay rent"]);
}

/// The app asks once, keeping everything by default; a new hold is asked about again.
fn the_app_asks_once_and_keeps_everything_unless_told(kind: Kind) {
    let server = DavServer::start_kind(kind);
    let (a, b) = most_deleted_elsewhere(&server);
    let mut pty = super::app::softly_in_a_terminal(&a, &[]);
    pty.wait_for("The server says 10 of 12 todos were deleted.");
    pty.wait_for("Keep them and stop syncing");
    pty.send("\r");
    pty.wait_for("Kept: the app syncs no more this session");
    pty.wait_for("sync held, nothing applied");
    pty.send("q");
    pty.wait_exit();
    assert_eq!(titles(&a).len(), 12);

    let mut pty = super::app::softly_in_a_terminal(&a, &[]);
    pty.wait_for("sync held, nothing applied");
    assert!(
        !pty.screen().contains("Keep them and stop syncing"),
        "asked once"
    );
    pty.send("q");
    pty.wait_exit();

    rm(&b, &["chore 11".to_string()]);
    b.ok(&["sync"]);
    let mut pty = super::app::softly_in_a_terminal(&a, &[]);
    pty.wait_for("The server says 11 of 12 todos were deleted.");
    pty.send("y");
    pty.wait_for("synced just now");
    pty.send("q");
    pty.wait_exit();
    assert_eq!(titles(&a), ["chore 12"]);
}

on_both_servers!(
    a_round_that_would_trash_most_todos_is_held_until_accepted,
    another_server_than_the_last_rounds_is_held_until_accepted,
    the_app_asks_once_and_keeps_everything_unless_told,
);
