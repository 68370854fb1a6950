//! The text sync keeps of each todo (the server's copy, for the merge and for other apps'
//! properties) holds no title or note the todo no longer has: "erased means erased" for
//! that copy too, at once, offline or not. Read from the raw bytes of the files.

use super::deletes::{assert_gone_from_the_files, trash};
use super::scripted::Scripted;
use super::*;

fn an_edit_offline_takes_the_old_title_and_note_off_the_disk_at_once(kind: Kind) {
    let mut server = DavServer::start_kind(kind);
    let a = device(&server, "2026-12-01T12:00:00Z");
    a.ok(&["add", "--note", "the plover note", "call the plover bank"]);
    a.ok(&["sync"]);
    server.stop();
    a.ok(&[
        "edit",
        "1",
        "--title",
        "call the bank",
        "--note",
        "the new note",
    ]);
    assert_gone_from_the_files(&a, &["plover"]);
    a.fails(1, &["sync"]); // offline: still gone
    assert_gone_from_the_files(&a, &["plover"]);
    server.restart();
    assert!(a.ok(&["sync"]).contains("1 todo sent"));
    let text = server.todos()[0]["text"].as_str().unwrap().to_string();
    assert_eq!(phone_summaries(&server), ["call the bank"], "{text}");
    assert!(text.contains("DESCRIPTION:the new note"), "{text}");
    assert!(
        !text.contains("X-SOFTLY"),
        "the digests never leave: {text}"
    );
}

#[test]
fn erasing_the_version_that_lost_takes_it_off_the_disk_even_when_the_send_failed() {
    let server = Scripted::start(&["--unavailable", "ferns"]);
    let mut a = server.device("2026-12-01T12:00:00Z");
    let mut b = server.device("2026-12-01T12:00:00Z");
    a.ok(&["add", "water the plants"]);
    a.ok(&["sync"]);
    b.ok(&["sync"]);
    b.now = "2026-12-01T12:10:00Z".into();
    b.ok(&["edit", "1", "--title", "water the frotz plants"]);
    b.ok(&["sync"]);
    // Later, here: this edit wins, the other version goes to the Trash, and the server is
    // down for maintenance when the edit is sent.
    a.now = "2026-12-01T13:00:00Z".into();
    a.ok(&["edit", "1", "--title", "water the ferns"]);
    let err = a.fails(1, &["sync"]);
    assert!(err.contains("503"), "{err}");
    let entries = trash(&a);
    assert_eq!(entries.len(), 1, "{entries:?}");
    assert_eq!(entries[0]["title"], "water the frotz plants");
    assert_eq!(entries[0]["cause"], "replaced");
    a.ok(&["erase", &entries[0]["entry"].to_string(), "--yes"]);
    assert_gone_from_the_files(&a, &["frotz"]);
}

on_both_servers!(an_edit_offline_takes_the_old_title_and_note_off_the_disk_at_once,);
