//! Two versions of one todo: changes to different fields are both kept; the same field
//! changed on both sides goes to the later edit, the other version into the Trash; edits
//! within a minute of each other are ordered by SEQUENCE, and a client that writes no time
//! does not always lose.

use super::*;

/// A todo on the server and here, its text as last seen, its UID and place.
fn synced(title: &str) -> (MemoryServer, Device, TodoId, String, String) {
    let server = server();
    let mut a = Device::new("2026-12-01T10:00:00Z");
    let x = a.add(title);
    a.round(&server);
    let uid = uid_of(&a, x);
    let href = server.with(|s| s.find(&uid)).unwrap().0;
    (server, a, x, uid, href)
}

/// The phone rewrites the resource with `edit` applied to its text.
fn phone_edits(server: &MemoryServer, href: &str, edit: impl Fn(String) -> String) {
    server.with(|s| {
        let text = s
            .collections
            .values()
            .find_map(|c| c.items.get(href))
            .unwrap()
            .text
            .clone();
        s.store(href, &edit(text));
    });
}

fn set_line(text: String, name: &str, line: &str) -> String {
    let mut out: Vec<String> = text
        .split("\r\n")
        .filter(|l| !l.starts_with(&format!("{name}:")) && !l.starts_with(&format!("{name};")))
        .map(str::to_string)
        .collect();
    let end = out.iter().position(|l| l == "END:VTODO").unwrap();
    if !line.is_empty() {
        out.insert(end, line.to_string());
    }
    out.join("\r\n")
}

#[test]
fn changes_to_different_fields_on_each_side_are_both_kept() {
    let (server, mut a, x, uid, href) = synced("buy paint");
    a.later(10);
    a.store.edit_title(x, "buy blue paint").unwrap();
    phone_edits(&server, &href, |t| set_line(t, "PRIORITY", "PRIORITY:2"));
    let said = a.round(&server);
    assert_eq!(said.replaced, 0, "no conflict: {said:?}");
    let todo = a.store.sync_todo_by_id(x).unwrap().unwrap();
    assert_eq!(todo.content.title, "buy blue paint");
    assert_eq!(todo.content.priority, Some(3));
    let text = server.with(|s| s.find(&uid)).unwrap().1;
    assert!(
        text.contains("SUMMARY:buy blue paint") && text.contains("PRIORITY:2"),
        "{text}"
    );
    assert!(a.trash().is_empty());
}

#[test]
fn the_same_field_changed_on_both_sides_goes_to_the_later_edit() {
    let (server, mut a, x, _, href) = synced("call mom");
    a.later(10); // 10:10 here
    a.store.edit_title(x, "call mother").unwrap();
    phone_edits(&server, &href, |t| {
        let t = set_line(t, "SUMMARY", "SUMMARY:call mum");
        set_line(t, "LAST-MODIFIED", "LAST-MODIFIED:20261201T103000Z")
    });
    a.later(30);
    let said = a.round(&server);
    assert_eq!(said.replaced, 1, "{said:?}");
    assert_eq!(a.titles(), ["call mum"]);
    assert_eq!(a.trash(), [("call mother".into(), Some("replaced".into()))]);
}

#[test]
fn edits_within_a_minute_are_ordered_by_sequence() {
    // The phone's edit is 20 s after softly's by its clock, but it revised a version
    // softly never saw (SEQUENCE 5 against the 1 softly's would be): the phone's wins.
    let (server, mut a, x, _, href) = synced("water plants");
    a.later(10);
    a.store.edit_title(x, "water the plants").unwrap();
    phone_edits(&server, &href, |t| {
        let t = set_line(t, "SUMMARY", "SUMMARY:water the ferns");
        let t = set_line(t, "SEQUENCE", "SEQUENCE:5");
        set_line(t, "LAST-MODIFIED", "LAST-MODIFIED:20261201T100950Z")
    });
    a.round(&server);
    assert_eq!(a.titles(), ["water the ferns"]);
    // And the other way: the phone's SEQUENCE is no higher than softly's would be, so
    // softly's edit, 20 s earlier by the clocks, wins the tie.
    let (server, mut a, x, _, href) = synced("water plants");
    a.later(10);
    a.store.edit_title(x, "water the plants").unwrap();
    phone_edits(&server, &href, |t| {
        let t = set_line(t, "SUMMARY", "SUMMARY:water the ferns");
        set_line(t, "LAST-MODIFIED", "LAST-MODIFIED:20261201T101020Z")
    });
    a.round(&server);
    assert_eq!(a.titles(), ["water the plants"]);
    assert_eq!(
        a.trash(),
        [("water the ferns".into(), Some("replaced".into()))]
    );
}

#[test]
fn a_client_that_writes_no_time_does_not_always_lose() {
    let (server, mut a, x, _, href) = synced("file taxes");
    a.later(10);
    a.store.edit_title(x, "file taxes now").unwrap();
    phone_edits(&server, &href, |t| {
        let t = set_line(t, "SUMMARY", "SUMMARY:file the taxes");
        let t = set_line(t, "SEQUENCE", "SEQUENCE:2");
        let t = set_line(t, "LAST-MODIFIED", "");
        set_line(t, "DTSTAMP", "")
    });
    a.round(&server);
    assert_eq!(a.titles(), ["file the taxes"], "its higher SEQUENCE wins");
    assert_eq!(
        a.trash(),
        [("file taxes now".into(), Some("replaced".into()))]
    );
}

#[test]
fn a_title_an_older_softly_wrote_categories_into_gets_its_summary_back() {
    // Before schema 11 a phone's CATEGORIES were added to the title as #tags.
    let (server, mut a, x, uid, href) = synced("Renew passport");
    phone_edits(&server, &href, |t| {
        set_line(t, "CATEGORIES", "CATEGORIES:admin,Work Stuff")
    });
    a.round(&server);
    // The title as the older build kept it, nothing left to send, and the upgrade not yet
    // made (that build kept the copy as the server had it).
    let copy = a.store.sync_todo_by_id(x).unwrap().unwrap().ical.unwrap();
    a.store
        .edit_title(x, "Renew passport #admin #Work-Stuff")
        .unwrap();
    a.store.sync_set_copy_for_tests(x, &copy);
    let mark = a.store.sync_todo_by_id(x).unwrap().unwrap().changed_at;
    a.store.sync_nothing_to_send(x, mark).unwrap();
    a.store.forget_sync_meta("titles_untangled").unwrap();
    let said = a.round(&server);
    assert_eq!(a.titles(), ["Renew passport"], "{said:?}");
    assert_eq!(a.store.tags(x).unwrap(), ["admin", "Work Stuff"]);
    assert_eq!(said.sent, 0, "the server says that already");
    let text = server.with(|s| s.find(&uid)).unwrap().1;
    assert!(text.contains("SUMMARY:Renew passport\r\n"), "{text}");
}

#[test]
fn a_recurring_todo_ticked_done_elsewhere_is_left_to_that_app_to_continue() {
    // A phone ticks a weekly todo done (COMPLETED on it, no new occurrence): softly takes it
    // as done and makes no occurrence of its own, on every machine, so the series has
    // exactly the occurrences the phone made.
    let server = server();
    let mut a = Device::new("2026-12-01T10:00:00Z");
    let mut b = Device::new("2026-12-01T10:00:00Z");
    let due = crate::fields::end_of_day(jiff::civil::date(2026, 12, 3), &TimeZone::UTC);
    let details = crate::store::Details {
        due,
        every: Some(crate::fields::Recurrence::Weeks(1)),
        ..Default::default()
    };
    let now = a.now();
    let x = a
        .store
        .add_todo_with("water the garden", None, details, now)
        .unwrap();
    a.round(&server);
    b.round(&server);
    let uid = uid_of(&a, x);
    let href = server.with(|s| s.find(&uid)).unwrap().0;
    phone_edits(&server, &href, |t| {
        let t = set_line(t, "STATUS", "STATUS:COMPLETED");
        let t = set_line(t, "COMPLETED", "COMPLETED:20261203T080000Z");
        set_line(t, "LAST-MODIFIED", "LAST-MODIFIED:20261203T080000Z")
    });
    a.later(60);
    b.later(60);
    a.round(&server);
    b.round(&server);
    for device in [&a, &b] {
        let todos = device
            .store
            .live_todos(crate::store::TodoScope::All)
            .unwrap();
        assert_eq!(todos.len(), 1, "no occurrence of softly's own");
        assert!(todos[0].done);
    }
    assert_eq!(on_server(&server).len(), 1);
    assert!(a.round(&server).quiet() && b.round(&server).quiet());
}
