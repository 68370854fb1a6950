//! What deleting means across devices: the server holds only live items; a delete made
//! anywhere lands in this machine's Trash, restorable; erase and purge leave no copy here.

use super::*;

pub(super) fn trash(device: &Softly) -> Vec<Value> {
    device
        .json(&["trash", "--json"])
        .as_array()
        .unwrap()
        .clone()
}

fn a_todo_the_phone_deletes_lands_in_the_trash_and_restoring_brings_it_back_everywhere(kind: Kind) {
    let server = DavServer::start_kind(kind);
    let a = device(&server, "2026-11-26T12:00:00Z");
    let b = device(&server, "2026-11-26T12:00:00Z");
    a.ok(&["add", "pay rent"]);
    a.ok(&["add", "keep me"]);
    a.ok(&["sync"]);
    b.ok(&["sync"]);
    let uid = server
        .todos()
        .iter()
        .find(|t| t["summary"] == "pay rent")
        .unwrap()["uid"]
        .as_str()
        .unwrap()
        .to_string();
    server.phone(&["delete", &uid]);

    let said = a.ok(&["sync"]);
    assert!(
        said.contains("1 todo moved to the Trash: deleted on another device"),
        "{said}"
    );
    assert_eq!(titles(&a), ["keep me"]);
    let entries = trash(&a);
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0]["title"], "pay rent");
    assert_eq!(entries[0]["cause"], "elsewhere");
    let table = a.ok(&["trash"]);
    assert!(table.contains("deleted on another device"), "{table}");

    let entry = entries[0]["entry"].to_string();
    a.ok(&["restore", &entry]);
    assert!(a.ok(&["sync"]).contains("1 todo sent"));
    let phone = server.todos();
    assert!(
        phone.iter().any(|t| t["uid"] == uid.as_str()),
        "the same UID is back: {phone:?}"
    );
    b.ok(&["sync"]);
    assert_eq!(titles(&b), ["keep me", "pay rent"]);
    assert!(trash(&b).is_empty());
}

fn a_todo_deleted_here_leaves_the_server_and_the_other_machine_keeps_it_in_its_trash(kind: Kind) {
    let server = DavServer::start_kind(kind);
    let a = device(&server, "2026-11-26T12:00:00Z");
    let b = device(&server, "2026-11-26T12:00:00Z");
    a.ok(&["add", "old idea"]);
    a.ok(&["sync"]);
    b.ok(&["sync"]);
    a.ok(&["rm", "1"]);
    assert!(a.ok(&["sync"]).contains("1 todo deleted on the server"));
    assert!(server.todos().is_empty());
    b.ok(&["sync"]);
    assert!(titles(&b).is_empty());
    assert_eq!(trash(&b)[0]["cause"], "elsewhere");
}

fn a_list_deleted_and_restored_goes_and_comes_back_with_its_todos(kind: Kind) {
    let server = DavServer::start_kind(kind);
    let a = device(&server, "2026-11-26T12:00:00Z");
    let b = device(&server, "2026-11-26T12:00:00Z");
    a.ok(&["list", "add", "Garden"]);
    a.ok(&["add", "--list", "Garden", "plant tulips"]);
    a.ok(&["add", "--list", "Garden", "mow"]);
    a.ok(&["sync"]);
    b.ok(&["sync"]);
    assert_eq!(titles(&b), ["mow", "plant tulips"]);

    let entry = a.ok(&["list", "rm", "Garden"]).trim().to_string();
    let said = a.ok(&["sync"]);
    assert!(said.contains("1 list deleted on the server"), "{said}");
    assert_eq!(server.phone(&["collections"]), serde_json::json!(["Inbox"]));
    let said = b.ok(&["sync"]);
    assert!(
        said.contains("1 list moved to the Trash: deleted on another device"),
        "{said}"
    );
    let on_b = trash(&b);
    assert_eq!(
        on_b.len(),
        1,
        "the list and its todos are one entry: {on_b:?}"
    );
    assert_eq!(
        (on_b[0]["kind"].as_str(), on_b[0]["todos"].as_i64()),
        (Some("list"), Some(2))
    );
    assert!(titles(&b).is_empty());

    a.ok(&["restore", &entry]);
    a.ok(&["sync"]);
    assert_eq!(
        server.phone(&["collections"]),
        serde_json::json!(["Garden", "Inbox"])
    );
    assert_eq!(phone_summaries(&server), ["mow", "plant tulips"]);
    let said = b.ok(&["sync"]);
    assert!(!said.contains("edit"), "no conflict: {said}");
    assert_eq!(titles(&b), ["mow", "plant tulips"]);
    assert!(b.ok(&["lists"]).contains("Garden"));
    assert!(trash(&b).is_empty(), "the list came back out of b's Trash");
    assert_eq!(b.ok(&["sync"]).trim(), "In sync: nothing moved.");
}

fn a_collection_the_phone_deletes_sends_the_list_to_the_trash_as_one_entry(kind: Kind) {
    let server = DavServer::start_kind(kind);
    let a = device(&server, "2026-11-26T12:00:00Z");
    a.ok(&["list", "add", "Trip"]);
    a.ok(&["add", "--list", "Trip", "book hotel"]);
    a.ok(&["add", "--list", "Trip", "pack"]);
    a.ok(&["sync"]);
    server.phone(&["delete-collection", "Trip"]);
    assert!(a.ok(&["sync"]).contains("1 list moved to the Trash"));
    let entries = trash(&a);
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0]["title"], "Trip");
    assert_eq!(entries[0]["todos"], 2);
    assert_eq!(entries[0]["cause"], "elsewhere");
    a.ok(&["restore", &entries[0]["entry"].to_string()]);
    a.ok(&["sync"]);
    assert_eq!(phone_summaries(&server), ["book hotel", "pack"]);
}

fn erasing_a_synced_todo_leaves_no_copy_of_it_in_the_files(kind: Kind) {
    let server = DavServer::start_kind(kind);
    let a = device(&server, "2026-11-26T12:00:00Z");
    a.ok(&["add", "--note", "the xyzzy note", "plan the xyzzy surprise"]);
    a.ok(&["sync"]);
    let uid = server.todos()[0]["uid"].as_str().unwrap().to_string();
    server.phone(&["delete", &uid]);
    a.ok(&["sync"]); // in the Trash here, with the text the server had
    let entry = trash(&a)[0]["entry"].to_string();
    a.ok(&["erase", &entry, "--yes"]);
    assert_gone_from_the_files(&a, &["xyzzy", uid.as_str(), "BEGIN:VTODO"]);
}

/// None of `texts` is anywhere in the database file or its log, byte for byte.
pub(super) fn assert_gone_from_the_files(device: &Softly, texts: &[&str]) {
    let db = device.db();
    let mut bytes = std::fs::read(&db).unwrap();
    bytes.extend(std::fs::read(db.with_extension("db-wal")).unwrap_or_default());
    for gone in texts {
        assert!(
            !common::contains(&bytes, gone),
            "{gone} is still in the database files"
        );
    }
}

fn a_todo_erased_before_the_next_round_leaves_the_server_too(kind: Kind) {
    let server = DavServer::start_kind(kind);
    let a = device(&server, "2026-11-26T12:00:00Z");
    a.ok(&["add", "kept"]);
    a.ok(&["add", "erased at once"]);
    a.ok(&["add", "stays"]);
    a.ok(&["sync"]);
    assert_eq!(server.todos().len(), 3);
    // Erased before any round could delete it on the server.
    let entry = a.ok(&["rm", "2"]).trim().to_string();
    a.ok(&["erase", &entry, "--yes"]);
    let said = a.ok(&["sync"]);
    assert!(said.contains("1 todo deleted on the server"), "{said}");
    assert_eq!(phone_summaries(&server), ["kept", "stays"]);
    assert_eq!(a.ok(&["sync"]).trim(), "In sync: nothing moved.");
    assert_eq!(titles(&a), ["kept", "stays"], "nothing erased comes back");
}

fn a_todo_moved_to_another_list_moves_there_once(kind: Kind) {
    let server = DavServer::start_kind(kind);
    let a = device(&server, "2026-11-26T12:00:00Z");
    let b = device(&server, "2026-11-26T12:00:00Z");
    a.ok(&["list", "add", "Home"]);
    a.ok(&["add", "fix the tap"]);
    a.ok(&["sync"]);
    b.ok(&["sync"]);
    a.ok(&["mv", "1", "--list", "Home"]);
    a.ok(&["sync"]);
    let phone = server.todos();
    assert_eq!(phone.len(), 1, "moved, not copied: {phone:?}");
    assert_eq!(phone[0]["collection"], "Home");
    let said = b.ok(&["sync"]);
    assert!(!said.contains("Trash"), "a move is not a delete: {said}");
    assert_eq!(todos(&b)[0]["list"], "Home");
    assert!(trash(&b).is_empty());
}

fn a_list_renamed_here_is_renamed_everywhere(kind: Kind) {
    let server = DavServer::start_kind(kind);
    let a = device(&server, "2026-11-26T12:00:00Z");
    let b = device(&server, "2026-11-26T12:00:00Z");
    a.ok(&["list", "add", "Shopping"]);
    a.ok(&["sync"]);
    b.ok(&["sync"]);
    a.ok(&["list", "rename", "Shopping", "Groceries"]);
    a.ok(&["sync"]);
    assert_eq!(
        server.phone(&["collections"]),
        serde_json::json!(["Groceries", "Inbox"])
    );
    b.ok(&["sync"]);
    let lists = b.ok(&["lists"]);
    assert!(
        lists.contains("Groceries") && !lists.contains("Shopping"),
        "{lists}"
    );
}

fn purging_a_todo_deleted_elsewhere_leaves_no_copy_of_it_in_the_files(kind: Kind) {
    let server = DavServer::start_kind(kind);
    let mut a = device(&server, "2026-11-26T12:00:00Z");
    a.ok(&["add", "--note", "the plugh note", "the plugh plan"]);
    a.ok(&["sync"]);
    let uid = server.todos()[0]["uid"].as_str().unwrap().to_string();
    server.phone(&["delete", &uid]);
    a.ok(&["sync"]);
    assert_eq!(trash(&a).len(), 1);
    // Past the 30 days: the next command's purge takes it, and every copy sync kept.
    a.now = "2026-12-27T12:00:00Z".into();
    a.ok(&["ls"]);
    assert!(trash(&a).is_empty());
    assert_gone_from_the_files(&a, &["plugh", uid.as_str(), "BEGIN:VTODO"]);
    assert_eq!(
        a.ok(&["sync"]).trim(),
        "In sync: nothing moved.",
        "and it does not come back"
    );
}

on_both_servers!(
    a_todo_the_phone_deletes_lands_in_the_trash_and_restoring_brings_it_back_everywhere,
    a_todo_deleted_here_leaves_the_server_and_the_other_machine_keeps_it_in_its_trash,
    a_list_deleted_and_restored_goes_and_comes_back_with_its_todos,
    a_collection_the_phone_deletes_sends_the_list_to_the_trash_as_one_entry,
    erasing_a_synced_todo_leaves_no_copy_of_it_in_the_files,
    a_todo_erased_before_the_next_round_leaves_the_server_too,
    a_todo_moved_to_another_list_moves_there_once,
    a_list_renamed_here_is_renamed_everywhere,
    purging_a_todo_deleted_elsewhere_leaves_no_copy_of_it_in_the_files,
);
