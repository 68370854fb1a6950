//! The copy of the server's text kept per todo holds no title or note the todo no longer
//! has, from the moment it changes (online or not), and the merge still tells which side
//! changed what.

use super::*;
use crate::store::{DetailsChange, Trigger};

/// A todo with a note, on the server and here; its UID and place.
fn synced_with_note(title: &str, note: &str) -> (MemoryServer, Device, TodoId, String, String) {
    let server = server();
    let mut a = Device::new("2026-12-01T10:00:00Z");
    let x = a.add(title);
    edit(&mut a, x, None, Some(note));
    a.round(&server);
    let uid = uid_of(&a, x);
    let href = server.with(|s| s.find(&uid)).unwrap().0;
    (server, a, x, uid, href)
}

fn edit(a: &mut Device, id: TodoId, title: Option<&str>, note: Option<&str>) {
    let change = DetailsChange {
        note: note.map(|n| Some(n.to_string())),
        ..DetailsChange::default()
    };
    a.store.edit_todo(id, title, change).unwrap();
}

fn kept_copy(a: &Device, id: TodoId) -> String {
    a.store.sync_todo_by_id(id).unwrap().unwrap().ical.unwrap()
}

/// The phone replaces line `name` of the todo's text with `line`.
fn phone_sets(server: &MemoryServer, href: &str, name: &str, line: &str) {
    server.with(|s| {
        let text = s
            .texts()
            .into_iter()
            .find(|t| t.contains("BEGIN:VTODO"))
            .unwrap();
        let kept: Vec<&str> = text
            .split("\r\n")
            .filter(|l| !l.starts_with(&format!("{name}:")))
            .collect();
        let mut out = kept.join("\r\n");
        out = out.replace("END:VTODO", &format!("{line}\r\nEND:VTODO"));
        s.store(href, &out);
    });
}

#[test]
fn an_edit_takes_the_old_title_and_note_out_of_the_kept_copy_at_once() {
    let (_server, mut a, x, _, _) = synced_with_note("call the bank", "ask about the fee");
    assert!(
        kept_copy(&a, x).contains("call the bank"),
        "kept before the edit"
    );
    edit(&mut a, x, Some("call the bank at 9"), Some("and the card"));
    let kept = kept_copy(&a, x);
    assert!(
        !kept.contains("SUMMARY:call the bank") && !kept.contains("ask about the fee"),
        "{kept}"
    );
    // Nothing else of the server's text is lost.
    assert!(
        kept.contains("BEGIN:VTODO") && kept.contains("UID:"),
        "{kept}"
    );
}

#[test]
fn after_the_copy_loses_its_text_changes_to_other_fields_there_are_still_merged() {
    let (server, mut a, x, uid, href) = synced_with_note("call the bank", "ask about the fee");
    a.later(10);
    edit(&mut a, x, Some("call the bank at 9"), Some("and the card"));
    phone_sets(&server, &href, "PRIORITY", "PRIORITY:1");
    let said = a.round(&server);
    assert_eq!(
        said.replaced, 0,
        "the title and note are ours alone: {said:?}"
    );
    let todo = a.store.sync_todo_by_id(x).unwrap().unwrap();
    assert_eq!(todo.content.title, "call the bank at 9");
    assert_eq!(todo.content.note.as_deref(), Some("and the card"));
    assert_eq!(todo.content.priority, Some(3));
    let text = server.with(|s| s.find(&uid)).unwrap().1;
    assert!(
        text.contains("SUMMARY:call the bank at 9")
            && text.contains("DESCRIPTION:and the card")
            && text.contains("PRIORITY:1"),
        "{text}"
    );
    assert!(
        !text.contains("X-SOFTLY"),
        "the digests never leave: {text}"
    );
    assert!(a.trash().is_empty());
}

#[test]
fn after_the_copy_loses_its_text_a_title_changed_there_too_is_still_a_conflict() {
    let (server, mut a, x, _, href) = synced_with_note("call mom", "about sunday");
    a.later(10);
    a.store.edit_title(x, "call mother").unwrap();
    phone_sets(&server, &href, "SUMMARY", "SUMMARY:call mum");
    phone_sets(
        &server,
        &href,
        "LAST-MODIFIED",
        "LAST-MODIFIED:20261201T103000Z",
    );
    a.later(30);
    let said = a.round(&server);
    assert_eq!(said.replaced, 1, "{said:?}");
    assert_eq!(a.titles(), ["call mum"]);
    assert_eq!(a.trash(), [("call mother".into(), Some("replaced".into()))]);
    // The note nobody changed stays.
    assert_eq!(a.store.note(x).unwrap().as_deref(), Some("about sunday"));
}

#[test]
fn the_version_that_lost_leaves_with_its_trash_entry_even_when_the_send_failed() {
    let (server, mut a, x, _, href) = synced_with_note("water the plants", "the big ones");
    a.later(10);
    phone_sets(&server, &href, "SUMMARY", "SUMMARY:PHONE-LOST-TITLE");
    phone_sets(
        &server,
        &href,
        "LAST-MODIFIED",
        "LAST-MODIFIED:20261201T100100Z",
    );
    a.later(30);
    a.store.edit_title(x, "water the ferns").unwrap();
    // The round takes the phone's version in, then the server goes away before the send.
    server.cut_after.set(Some(server.requests() + 3));
    assert!(a.try_round(&server).is_err(), "the send failed");
    assert_eq!(
        a.trash(),
        [("PHONE-LOST-TITLE".into(), Some("replaced".into()))],
        "the later edit won; the phone's version is in the Trash"
    );
    assert!(!kept_copy(&a, x).contains("PHONE-LOST-TITLE"));
    let entry = a.store.trash_entries().unwrap()[0].id;
    let now = a.now();
    a.store
        .erase_entries(&[entry], now, Trigger::Manual)
        .unwrap();
    let todo = a.store.sync_todo_by_id(x).unwrap().unwrap();
    assert!(
        !format!("{todo:?}").contains("PHONE-LOST-TITLE"),
        "{todo:?}"
    );
    // Back online, the server gets the edit.
    server.cut_after.set(None);
    a.round(&server);
    assert_eq!(
        on_server(&server),
        [("Inbox".into(), "water the ferns".into())]
    );
}
