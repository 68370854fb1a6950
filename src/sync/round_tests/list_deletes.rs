//! Lists follow the rules of single todos: an edit or an add wins over a delete; a
//! collection is deleted only once it holds nothing softly has not seen; and softly never
//! renames a collection it did not name itself.

use super::*;

#[test]
fn a_todo_added_elsewhere_while_its_list_is_deleted_here_is_kept() {
    let server = server();
    let mut a = Device::new("2026-12-01T10:00:00Z");
    let work = a.list("Work");
    a.add_to(work, "old task");
    a.round(&server);
    a.round(&server);
    let now = a.now();
    a.store.trash_list(work, now).unwrap();
    let work_href = server.with(|s| s.collection_named("Work")).unwrap();
    // The phone adds a todo to Work after softly listed the collections, just before the
    // delete (the round's second request: nothing changed in Work to list).
    let href = format!("{work_href}p1.ics");
    server.before_request(server.requests() + 2, move |s| {
        s.store(&href, &phone_todo("p1", "new from the phone", ""));
    });
    let first = a.round(&server);
    a.later(1);
    let second = a.round(&server);
    a.round(&server);
    assert!(
        a.titles().contains(&"new from the phone".to_string()),
        "{:?} {first:?} {second:?}",
        a.titles()
    );
    assert!(
        server.with(|s| s.collection_named("Work")).is_none(),
        "the list is gone there"
    );
    assert!(
        on_server(&server).contains(&("Inbox".into(), "new from the phone".into())),
        "{:?}",
        on_server(&server)
    );
}

#[test]
fn a_list_deleted_elsewhere_keeps_what_was_changed_or_added_here() {
    let server = server();
    let mut a = Device::new("2026-12-01T10:00:00Z");
    let mut b = Device::new("2026-12-01T10:00:00Z");
    let work = a.list("Work");
    a.add_to(work, "untouched");
    a.add_to(work, "to edit");
    a.round(&server);
    b.round(&server);
    let b_work = b.store.find_list("Work").unwrap().id;
    let edited = b.id_of("to edit");
    b.later(1);
    b.store.edit_title(edited, "edited on b").unwrap();
    b.add_to(b_work, "added on b");
    let now = a.now();
    a.store.trash_list(work, now).unwrap();
    a.round(&server);
    let said = b.round(&server);
    assert_eq!(said.kept_from_deleted_lists, 2, "{said:?}");
    assert_eq!(b.titles(), ["added on b", "edited on b"]);
    assert_eq!(
        b.trash().into_iter().map(|t| t.0).collect::<Vec<_>>(),
        ["Work"],
        "the list and its untouched todo"
    );
    assert_eq!(
        on_server(&server),
        [
            ("Inbox".into(), "added on b".into()),
            ("Inbox".into(), "edited on b".into())
        ]
    );
}

#[test]
fn softly_never_renames_a_collection_it_did_not_name() {
    let server = server();
    let long = "x".repeat(10_000);
    for (n, name) in ["Inbox", "inbox", " work ", "   ", long.as_str(), "Work"]
        .iter()
        .enumerate()
    {
        let href = format!("{HOME}c{n}/");
        server.with(|s| {
            s.collections.insert(
                href,
                crate::sync::memory_server::Collection {
                    name: name.to_string(),
                    ..Default::default()
                },
            )
        });
    }
    let mut a = Device::new("2026-12-01T10:00:00Z");
    a.round(&server);
    a.round(&server);
    let names: Vec<String> =
        server.with(|s| s.collections.values().map(|c| c.name.clone()).collect());
    assert_eq!(names.len(), 6, "{} collections", names.len());
    for name in ["Inbox", "inbox", " work ", "   ", long.as_str(), "Work"] {
        assert!(names.iter().any(|n| n == name), "{:.40?} renamed", name);
    }
    // A rename made here is the user's: it goes to the server, and is said.
    let work = a.store.find_list("Work").unwrap().id;
    a.store.rename_list(work, "Office").unwrap();
    let said = a.round(&server);
    assert_eq!(said.lists_renamed_there, 1, "{said:?}");
    assert!(server.with(|s| s.collection_named("Office")).is_some());
    assert!(a.round(&server).quiet());
}
