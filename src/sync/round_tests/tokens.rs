//! Sync tokens (RFC 6578): a round never relies on hearing of what it wrote itself, never
//! moves a token past what did not land, follows a listing in pages to its end, and takes
//! nothing as deleted from a listing known to be partial.

use super::*;

#[test]
fn a_todo_made_here_and_deleted_on_another_device_is_seen_deleted() {
    // The server leaves out of the listing from softly's token a member made and deleted
    // since it (Xandikos does): softly must not wait to hear of its own write.
    let server = server();
    let mut a = Device::new("2026-12-01T10:00:00Z");
    let mut b = Device::new("2026-12-01T10:00:00Z");
    a.round(&server);
    let x = a.add("water the plants");
    a.round(&server);
    b.round(&server);
    let on_b = b.id_of("water the plants");
    b.rm(on_b);
    b.round(&server);
    assert!(on_server(&server).is_empty());
    let said = a.round(&server);
    assert_eq!(said.trashed_here, 1, "{said:?}");
    assert!(a.titles().is_empty());
    assert_eq!(
        a.trash(),
        [("water the plants".into(), Some("elsewhere".into()))]
    );
    let _ = x;
}

#[test]
fn a_token_does_not_move_past_an_edit_made_here_during_the_round() {
    let server = server();
    let mut a = Device::new("2026-12-01T10:00:00Z");
    let x = a.add("call the bank");
    a.round(&server);
    let uid = uid_of(&a, x);
    // The phone renames it; while softly's round is fetching that, the app renames it too.
    let (href, text) = server.with(|s| s.find(&uid)).unwrap();
    server.with(|s| {
        s.store(
            &href,
            &text.replace("SUMMARY:call the bank", "SUMMARY:call the bank today"),
        )
    });
    let mut app = a.other_connection();
    let clock = a.clock.clone();
    // The round's requests: the collections, the listing, the fetch. The app edits just
    // before the fetch.
    server.before_request(server.requests() + 3, move |_| {
        clock.advance(jiff::SignedDuration::from_mins(5));
        app.edit_title(x, "call the bank at 9").unwrap();
    });
    a.later(1);
    a.round(&server);
    // Whatever that round did, the next ones settle it: the later edit (the app's) wins,
    // the phone's is kept in the Trash, and nothing is refused round after round.
    a.later(10);
    let second = a.round(&server);
    let third = a.round(&server);
    assert_eq!(a.titles(), ["call the bank at 9"]);
    assert_eq!(
        on_server(&server),
        [("Inbox".into(), "call the bank at 9".into())]
    );
    assert_eq!(third.retry_next_round, 0, "{second:?} {third:?}");
    assert!(third.quiet(), "{third:?}");
    assert!(
        a.trash()
            .contains(&("call the bank today".into(), Some("replaced".into()))),
        "{:?}",
        a.trash()
    );
}

#[test]
fn a_listing_in_pages_is_followed_to_its_end() {
    let server = server();
    let mut a = Device::new("2026-12-01T10:00:00Z");
    let mut b = Device::new("2026-12-01T10:00:00Z");
    for n in 0..25 {
        a.add(&format!("todo {n:02}"));
    }
    a.round(&server);
    server.with(|s| s.page = Some(7));
    let said = b.round(&server);
    assert_eq!(said.received, 25, "{said:?}");
    assert_eq!(b.titles().len(), 25);
    // A token refused: the whole listing again, in pages, deletes nothing it names.
    server.with(|s| s.oldest_token = s.change + 1);
    let said = b.round(&server);
    assert_eq!((said.trashed_here, said.received), (0, 0), "{said:?}");
    assert_eq!(b.titles().len(), 25);
}

#[test]
fn a_listing_known_to_be_partial_trashes_nothing() {
    let server = server();
    let mut a = Device::new("2026-12-01T10:00:00Z");
    for n in 0..5 {
        a.add(&format!("todo {n}"));
    }
    a.round(&server);
    a.round(&server);
    // The server refuses the token and answers in pages whose token never moves on: the
    // listing cannot be had whole.
    server.with(|s| {
        s.oldest_token = s.change + 1;
        s.page = Some(2);
        s.stuck = true;
    });
    let inbox = inbox_href(&server);
    server.with(|s| {
        let text = phone_todo("p1", "from the phone", "");
        s.store(&format!("{inbox}p1.ics"), &text);
    });
    let said = a.round(&server);
    assert_eq!(said.trashed_here, 0, "{said:?}");
    assert_eq!(said.partial_listings, 1, "{said:?}");
    assert_eq!(a.titles().len(), 5, "{:?}", a.titles());
    // Once the server answers whole again, the phone's todo comes.
    server.with(|s| {
        s.stuck = false;
        s.oldest_token = 0;
    });
    a.round(&server);
    assert_eq!(
        a.titles().len(),
        6,
        "the five, and the phone's: {:?}",
        a.titles()
    );
}

#[test]
fn a_new_etag_alone_does_not_undo_a_delete_made_here() {
    let server = server();
    let mut a = Device::new("2026-12-01T10:00:00Z");
    let x = a.add("old idea");
    a.round(&server);
    let uid = uid_of(&a, x);
    a.rm(x);
    // Another client saves it again with a new DTSTAMP only (a new ETag, nothing else).
    let (href, text) = server.with(|s| s.find(&uid)).unwrap();
    let stamp = text
        .lines()
        .find(|l| l.starts_with("DTSTAMP:"))
        .unwrap()
        .to_string();
    server.with(|s| s.store(&href, &text.replace(&stamp, "DTSTAMP:20261202T000000Z")));
    let said = a.round(&server);
    assert_eq!(said.edits_kept, 0, "{said:?}");
    assert!(a.titles().is_empty(), "still deleted");
    assert!(on_server(&server).is_empty(), "and deleted there");
}

#[test]
fn a_write_refused_because_it_changed_there_is_fetched_and_decided_at_once() {
    let server = server();
    let mut a = Device::new("2026-12-01T10:00:00Z");
    let x = a.add("plan the trip");
    a.round(&server);
    let uid = uid_of(&a, x);
    a.later(5);
    a.store.edit_title(x, "plan the trip to Rome").unwrap();
    // The phone changes its priority after softly's listing of the collections (nothing
    // moved there yet), before softly's write: the round's second request.
    let (href, text) = server.with(|s| s.find(&uid)).unwrap();
    server.before_request(server.requests() + 2, move |s| {
        let text = text.replace("END:VTODO", "PRIORITY:1\r\nEND:VTODO");
        s.store(&href, &text);
    });
    let said = a.round(&server);
    assert_eq!(said.retry_next_round, 0, "{said:?}");
    let on = server.with(|s| s.find(&uid)).unwrap().1;
    assert!(on.contains("SUMMARY:plan the trip to Rome"), "{on}");
    assert!(on.contains("PRIORITY:1"), "both changes are kept: {on}");
    let todo = a.store.sync_todo_by_id(x).unwrap().unwrap();
    assert_eq!(todo.content.priority, Some(3));
    assert!(a.round(&server).quiet());
}

#[test]
fn an_edit_elsewhere_to_a_todo_erased_here_comes_back() {
    let server = server();
    let mut a = Device::new("2026-12-01T10:00:00Z");
    let x = a.add("renew the lease");
    a.round(&server);
    let uid = uid_of(&a, x);
    a.rm(x);
    let now = a.now();
    a.store
        .empty_trash(now, crate::store::Trigger::Manual)
        .unwrap();
    let (href, text) = server.with(|s| s.find(&uid)).unwrap();
    server.with(|s| {
        s.store(
            &href,
            &text.replace("renew the lease", "renew the lease by May"),
        )
    });
    let said = a.round(&server);
    assert_eq!(a.titles(), ["renew the lease by May"], "{said:?}");
    assert_eq!(copies_of(&server, &uid), 1);
    assert!(a.round(&server).quiet());
}

#[test]
fn a_decision_that_did_not_land_keeps_the_collections_token() {
    // An edit made here between a round's decision and its write (the app writes on its
    // own connection while sync runs) makes the decision not land: the collection's token
    // must stay where it was, so the next round lists the change again.
    let server = server();
    let mut a = Device::new("2026-12-01T10:00:00Z");
    let x = a.add("sort the mail");
    a.round(&server);
    let inbox = inbox_href(&server);
    let token = |a: &Device| {
        a.store
            .sync_collections()
            .unwrap()
            .into_iter()
            .find(|c| c.list.is_none())
            .unwrap()
            .sync_token
    };
    let before = token(&a);
    let todo = a.store.sync_todo_by_id(x).unwrap().unwrap();
    let stale = crate::store::Received::Merged {
        id: x,
        seen_changed: Some(1), // not what it is now
        list: None,
        content: todo.content.clone(),
        copy: crate::store::ServerCopy {
            href: todo.href.clone().unwrap(),
            etag: "\"new\"".into(),
            ical: todo.ical.clone().unwrap(),
        },
        restore: false,
        mark: crate::store::Mark::Clear,
        replaced: None,
    };
    let now = a.now();
    let all = a
        .store
        .sync_receive((None, &inbox), &[stale], Some("t999"), now)
        .unwrap();
    assert!(!all);
    assert_eq!(token(&a), before);
}

#[test]
fn on_a_server_whose_token_is_a_hash_of_its_contents_a_delete_is_still_seen() {
    // Xandikos: softly writes a todo, another device deletes it, and the collection holds
    // what it held at softly's token again, so the token is the same one.
    let server = server();
    server.with(|s| s.hash_tokens = true);
    let mut a = Device::new("2026-12-01T10:00:00Z");
    let mut b = Device::new("2026-12-01T10:00:00Z");
    a.round(&server);
    b.round(&server);
    a.add("book the venue");
    a.round(&server);
    b.round(&server);
    let on_b = b.id_of("book the venue");
    b.rm(on_b);
    b.round(&server);
    let said = a.round(&server);
    assert_eq!(said.trashed_here, 1, "{said:?}");
    assert!(a.titles().is_empty());
}

#[test]
fn a_write_of_softlys_put_back_as_it_was_is_not_taken_for_a_delete() {
    // softly changes a todo; another client writes the old text back byte for byte: the
    // listing does not name it (nothing differs from softly's token), but it is there.
    let server = server();
    server.with(|s| s.hash_tokens = true);
    let mut a = Device::new("2026-12-01T10:00:00Z");
    let x = a.add("draft");
    a.round(&server);
    a.round(&server);
    let uid = uid_of(&a, x);
    let (href, old) = server.with(|s| s.find(&uid)).unwrap();
    a.later(1);
    a.store.edit_title(x, "final draft").unwrap();
    a.round(&server);
    server.with(|s| {
        s.store(&href, &old);
    });
    let said = a.round(&server);
    assert_eq!(said.trashed_here, 0, "{said:?}");
    assert_eq!(a.titles(), ["draft"], "the other client's write, taken");
    assert_eq!(copies_of(&server, &uid), 1);
}

#[test]
fn a_todo_restored_on_another_device_comes_back_here_whatever_the_tokens() {
    for hash_tokens in [false, true] {
        let server = server();
        server.with(|s| s.hash_tokens = hash_tokens);
        let mut a = Device::new("2026-12-01T10:00:00Z");
        let mut b = Device::new("2026-12-01T10:00:00Z");
        a.add("renew the permit");
        a.round(&server);
        b.round(&server);
        let x = a.id_of("renew the permit");
        a.rm(x);
        a.round(&server);
        b.round(&server);
        assert!(b.titles().is_empty());
        let entry = b.store.trash_entries().unwrap()[0].id;
        b.store.restore_entries(&[entry]).unwrap();
        b.round(&server);
        let said = a.round(&server);
        assert_eq!(
            a.titles(),
            ["renew the permit"],
            "hash tokens: {hash_tokens}; {said:?}"
        );
        assert_eq!(on_server(&server).len(), 1);
        assert!(a.round(&server).quiet() && b.round(&server).quiet());
    }
}

#[test]
fn a_delete_refused_because_it_changed_there_meanwhile_lets_the_edit_win() {
    let server = server();
    let mut a = Device::new("2026-12-01T10:00:00Z");
    let x = a.add("book the flights");
    a.round(&server);
    let uid = uid_of(&a, x);
    a.rm(x);
    // The phone renames it after softly's listing of the collections, just before the
    // DELETE (the round's second request: nothing moved there before).
    let (href, text) = server.with(|s| s.find(&uid)).unwrap();
    server.before_request(server.requests() + 2, move |s| {
        s.store(
            &href,
            &text.replace("book the flights", "book the flights (cheaper)"),
        );
    });
    let said = a.round(&server);
    assert_eq!(said.edits_kept, 1, "{said:?}");
    assert_eq!(a.titles(), ["book the flights (cheaper)"], "the edit wins");
    assert_eq!(copies_of(&server, &uid), 1);
    assert!(a.round(&server).quiet());
}
