//! The circuit breaker: a round that would move more than a quarter of the todos here (and
//! at least ten) to the Trash, or that meets another account or calendar home, is held
//! whole (nothing received, nothing sent, nothing trashed) until it is accepted; deleting a
//! few todos, or moving many between lists elsewhere, goes through as always.

use super::*;
use crate::sync::held::Held;

/// A device with `n` todos ("todo 00"…), synced; the server's hrefs of them, in the order of
/// their titles.
fn synced_with(n: usize, server: &MemoryServer) -> (Device, Vec<String>) {
    let mut a = Device::new("2026-12-01T10:00:00Z");
    for i in 0..n {
        a.add(&format!("todo {i:02}"));
    }
    a.round(server);
    a.round(server);
    let mut hrefs: Vec<(String, String)> = server.with(|s| {
        s.collections
            .values()
            .flat_map(|c| c.items.iter())
            .map(|(h, i)| {
                let summary = i.text.lines().find(|l| l.starts_with("SUMMARY:"));
                (summary.unwrap_or_default().to_string(), h.clone())
            })
            .collect()
    });
    hrefs.sort();
    (a, hrefs.into_iter().map(|(_, h)| h).collect())
}

fn phone_deletes(server: &MemoryServer, hrefs: &[String]) {
    server.with(|s| hrefs.iter().for_each(|h| s.remove(h)));
}

#[test]
fn a_round_that_would_trash_most_todos_here_is_held_whole_until_accepted() {
    let server = server();
    let (mut a, hrefs) = synced_with(20, &server);
    phone_deletes(&server, &hrefs[..12]);
    let inbox = inbox_href(&server);
    server.with(|s| {
        s.store(
            &format!("{inbox}new.ics"),
            &phone_todo("new", "from the phone", ""),
        )
    });
    a.later(1);
    let kept = a.id_of("todo 19");
    a.store.edit_title(kept, "edited here").unwrap();
    // Deleted there and edited here: the edit wins, so it is not one of those held.
    let edited = a.id_of("todo 00");
    a.store.edit_title(edited, "todo 00, edited").unwrap();
    let before = a.titles();

    for _ in 0..2 {
        match a.try_round(&server) {
            Err(SyncError::Held(Held::Deletes { todos, live, first })) => {
                assert_eq!((todos, live), (11, 20));
                assert_eq!(first.len(), 11, "named");
            }
            other => panic!("not held: {other:?}"),
        }
        assert_eq!(a.titles(), before, "nothing received, nothing trashed");
        assert!(a.trash().is_empty());
        assert!(
            !on_server(&server).iter().any(|(_, t)| t == "edited here"),
            "nothing sent"
        );
    }

    let report = a.round_accepting(&server);
    assert_eq!(report.trashed_here, 11, "{report:?}");
    assert!(a.titles().contains(&"from the phone".to_string()));
    assert!(a.titles().contains(&"todo 00, edited".to_string()));
    assert_eq!(a.trash().len(), 11);
    assert!(on_server(&server).iter().any(|(_, t)| t == "edited here"));
    assert!(a.try_round(&server).is_ok(), "in sync: nothing held");
}

#[test]
fn a_few_deletes_or_a_small_share_of_many_go_through() {
    let server = server();
    let (mut a, hrefs) = synced_with(10, &server);
    phone_deletes(&server, &hrefs[..9]);
    assert_eq!(a.round(&server).trashed_here, 9, "fewer than ten");

    let server = super::server();
    let (mut b, hrefs) = synced_with(60, &server);
    phone_deletes(&server, &hrefs[..15]);
    assert_eq!(b.round(&server).trashed_here, 15, "a quarter is not more");
}

#[test]
fn todos_moved_to_another_list_elsewhere_are_not_deletes() {
    let server = server();
    let (mut a, hrefs) = synced_with(20, &server);
    server.with(|s| {
        s.collections
            .insert(format!("{HOME}home/"), Default::default())
    });
    server.with(|s| s.collections.get_mut(&format!("{HOME}home/")).unwrap().name = "Home".into());
    // The phone moves twelve to a list of its own: deleted from one, made in the other.
    for href in &hrefs[..12] {
        let text = server.with(|s| {
            let c = &s.collections[crate::sync::memory_server::parent(href)];
            c.items[href].text.clone()
        });
        let name = href.rsplit('/').next().unwrap().to_string();
        server.with(|s| {
            s.remove(href);
            s.store(&format!("{HOME}home/{name}"), &text);
        });
    }
    let report = a.round(&server);
    assert_eq!(report.trashed_here, 0, "{report:?}");
    assert_eq!(a.titles().len(), 20);
}

#[test]
fn a_list_deleted_elsewhere_counts_its_todos() {
    let server = server();
    let mut a = Device::new("2026-12-01T10:00:00Z");
    let work = a.list("Work");
    for i in 0..15 {
        a.add_to(work, &format!("work {i:02}"));
    }
    for i in 0..5 {
        a.add(&format!("home {i}"));
    }
    a.round(&server);
    a.round(&server);
    let href = server.with(|s| s.collection_named("Work")).unwrap();
    server.with(|s| s.collections.remove(&href));
    match a.try_round(&server) {
        Err(SyncError::Held(Held::Deletes { todos, live, .. })) => {
            assert_eq!((todos, live), (15, 20));
        }
        other => panic!("not held: {other:?}"),
    }
    assert!(a.store.find_list("Work").is_ok(), "the list stays");
    let report = a.round_accepting(&server);
    assert_eq!(report.lists_trashed_here, 1);
    assert_eq!(a.titles().len(), 5);
}

#[test]
fn another_account_is_held_and_once_accepted_matched_again_by_uid() {
    let server = server();
    let (mut a, _) = synced_with(3, &server);
    let uid = uid_of(&a, a.id_of("todo 00"));
    a.username = "bob".into();
    match a.try_round(&server) {
        Err(SyncError::Held(Held::Account { was, now })) => {
            assert_eq!(
                (was.as_str(), now.as_str()),
                ("alice memory:", "bob memory:")
            );
        }
        other => panic!("not held: {other:?}"),
    }
    a.round_accepting(&server);
    a.round(&server);
    assert_eq!(
        copies_of(&server, &uid),
        1,
        "matched by UID, not sent twice"
    );
    assert!(a.trash().is_empty());
    assert_eq!(a.titles().len(), 3);
}

#[test]
fn a_first_account_put_right_before_any_round_went_through_is_not_held() {
    let server = server();
    let mut a = Device::new("2026-12-01T10:00:00Z");
    a.add("kept");
    server.cut_after.set(Some(server.requests()));
    a.username = "alcie".into();
    assert!(a.try_round(&server).is_err(), "offline");
    server.cut_after.set(None);
    a.username = "alice".into();
    assert_eq!(a.round(&server).sent, 1);
}

#[test]
fn calendars_moved_to_another_home_are_held() {
    let server = server();
    let (mut a, _) = synced_with(3, &server);
    const NEW: &str = "/dav/calendars/alice/";
    server.with(|s| {
        let moved = std::mem::take(&mut s.collections)
            .into_iter()
            .map(|(href, mut c)| {
                c.items = std::mem::take(&mut c.items)
                    .into_iter()
                    .map(|(h, i)| (h.replace(HOME, NEW), i))
                    .collect();
                (href.replace(HOME, NEW), c)
            })
            .collect();
        s.collections = moved;
        s.home = Some(NEW.into());
    });
    match a.try_round(&server) {
        Err(SyncError::Held(Held::Home { was, now })) => {
            assert_eq!((was.as_str(), now.as_str()), (HOME, NEW));
        }
        other => panic!("not held: {other:?}"),
    }
    assert_eq!(a.titles().len(), 3);
    a.round_accepting(&server);
    a.round(&server);
    assert!(a.trash().is_empty());
    assert_eq!(a.titles().len(), 3);
    assert_eq!(on_server(&server).len(), 3, "not sent twice");
}
