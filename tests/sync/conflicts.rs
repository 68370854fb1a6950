//! Both sides changed the same todo: the later edit wins and the other version is kept in
//! the Trash, "replaced by a newer edit"; an edit against a delete: the edit wins.

use super::*;

fn uid_of(server: &DavServer, summary: &str) -> String {
    server
        .todos()
        .iter()
        .find(|t| t["summary"] == summary)
        .unwrap()["uid"]
        .as_str()
        .unwrap()
        .to_string()
}

fn replaced(device: &Softly) -> Vec<String> {
    device
        .json(&["trash", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["cause"] == "replaced")
        .map(|e| e["title"].as_str().unwrap().to_string())
        .collect()
}

fn of_two_edits_the_later_wins_and_the_other_is_kept_in_the_trash(kind: Kind) {
    let server = DavServer::start_kind(kind);
    let mut a = device(&server, "2026-11-26T12:00:00Z");
    a.ok(&["add", "call mom"]);
    a.ok(&["sync"]);
    let uid = uid_of(&server, "call mom");

    // softly edits at 12:10, the phone at 12:30: the phone's edit is the later.
    a.now = "2026-11-26T12:10:00Z".into();
    a.ok(&["edit", "1", "--title", "call mother"]);
    server.phone(&["set", &uid, "SUMMARY", "call mum", "20261126T123000Z"]);
    a.now = "2026-11-26T12:40:00Z".into();
    let said = a.ok(&["sync"]);
    assert!(said.contains("1 edit made on both sides"), "{said}");
    assert_eq!(titles(&a), ["call mum"]);
    assert_eq!(replaced(&a), ["call mother"]);
    assert_eq!(phone_summaries(&server), ["call mum"]);

    // Now softly's is the later one (13:00 against 12:50).
    a.now = "2026-11-26T13:00:00Z".into();
    a.ok(&["edit", "1", "--title", "call mom tonight"]);
    server.phone(&["set", &uid, "SUMMARY", "call mum later", "20261126T125000Z"]);
    a.now = "2026-11-26T13:10:00Z".into();
    a.ok(&["sync"]);
    assert_eq!(titles(&a), ["call mom tonight"]);
    assert_eq!(replaced(&a), ["call mother", "call mum later"]);
    assert_eq!(phone_summaries(&server), ["call mom tonight"]);
    assert_eq!(server.todos().len(), 1, "one todo, not two");

    // Restoring a replaced version says it comes back as a copy; the newer one stays.
    let entry = a
        .json(&["trash", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["title"] == "call mother")
        .unwrap()["entry"]
        .to_string();
    let said = a.ok(&["restore", &entry]);
    assert!(
        said.contains("as a copy: the newer version it lost to stays too"),
        "{said}"
    );
    assert_eq!(titles(&a), ["call mom tonight", "call mother"]);
}

fn an_edit_here_wins_over_a_delete_there(kind: Kind) {
    let server = DavServer::start_kind(kind);
    let mut a = device(&server, "2026-11-26T12:00:00Z");
    a.ok(&["add", "file taxes"]);
    a.ok(&["sync"]);
    let uid = uid_of(&server, "file taxes");
    server.phone(&["delete", &uid]);
    a.now = "2026-11-26T12:10:00Z".into();
    a.ok(&["edit", "1", "--title", "file taxes by Friday"]);
    let said = a.ok(&["sync"]);
    assert!(
        said.contains("1 todo deleted on one side and edited on the other: kept"),
        "{said}"
    );
    assert_eq!(titles(&a), ["file taxes by Friday"]);
    let phone = server.todos();
    assert_eq!(phone.len(), 1);
    assert_eq!(
        (phone[0]["summary"].as_str(), phone[0]["uid"].as_str()),
        (Some("file taxes by Friday"), Some(uid.as_str()))
    );
}

fn an_edit_there_wins_over_a_delete_here(kind: Kind) {
    let server = DavServer::start_kind(kind);
    let a = device(&server, "2026-11-26T12:00:00Z");
    a.ok(&["add", "water plants"]);
    a.ok(&["sync"]);
    let uid = uid_of(&server, "water plants");
    a.ok(&["rm", "1"]);
    server.phone(&[
        "set",
        &uid,
        "SUMMARY",
        "water the plants daily",
        "20261126T123000Z",
    ]);
    let said = a.ok(&["sync"]);
    assert!(
        said.contains("deleted on one side and edited on the other: kept"),
        "{said}"
    );
    assert_eq!(titles(&a), ["water the plants daily"]);
    assert!(a.json(&["trash", "--json"]).as_array().unwrap().is_empty());
    assert_eq!(phone_summaries(&server), ["water the plants daily"]);
}

fn a_todo_added_there_to_a_list_deleted_here_is_kept_in_the_inbox(kind: Kind) {
    let server = DavServer::start_kind(kind);
    let a = device(&server, "2026-11-26T12:00:00Z");
    a.ok(&["list", "add", "Party"]);
    a.ok(&["add", "--list", "Party", "balloons"]);
    a.ok(&["sync"]);
    a.ok(&["list", "rm", "Party"]);
    let phone_todo = PHONE_TODO.replace("phone-1@example.com", "phone-party@example.com");
    server.phone_with_input(&["put", "Party"], &phone_todo);
    a.ok(&["sync"]);
    a.ok(&["sync"]);
    assert_eq!(
        titles(&a),
        ["Renew passport"],
        "the phone's new todo is kept, in the Inbox"
    );
    assert_eq!(todos(&a)[0]["list"], serde_json::Value::Null);
    assert_eq!(
        server.phone(&["collections"]),
        serde_json::json!(["Inbox"]),
        "the list is gone there"
    );
    let phone = server.todos();
    assert_eq!(phone.len(), 1);
    assert_eq!(
        (
            phone[0]["summary"].as_str(),
            phone[0]["collection"].as_str()
        ),
        (Some("Renew passport"), Some("Inbox"))
    );
    assert_eq!(a.ok(&["sync"]).trim(), "In sync: nothing moved.");
}

on_both_servers!(
    of_two_edits_the_later_wins_and_the_other_is_kept_in_the_trash,
    an_edit_here_wins_over_a_delete_there,
    an_edit_there_wins_over_a_delete_here,
    a_todo_added_there_to_a_list_deleted_here_is_kept_in_the_inbox,
);
