//! A todo's place in its list and a list's place among the lists go whichever way they
//! were changed, on the memory server: a move here is sent, one there is taken, an edit
//! alone never gives another app's todo an order, and a list's `calendar-order` follows.

use super::*;

fn places(device: &Device, list: Option<ListId>) -> Vec<String> {
    let scope = match list {
        Some(list) => crate::store::TodoScope::List(list),
        None => crate::store::TodoScope::Inbox,
    };
    device
        .store
        .live_todos(scope)
        .unwrap()
        .into_iter()
        .map(|t| t.title)
        .collect()
}

fn raise(device: &mut Device, title: &str) {
    let id = device.id_of(title);
    let above = device.store.todo_neighbour(id, true).unwrap().unwrap();
    device.store.swap_todos(id, above).unwrap();
}

#[test]
fn a_move_here_is_sent_and_one_made_there_is_taken_without_a_copy_in_the_trash() {
    let server = server();
    let mut a = Device::new("2026-12-01T10:00:00Z");
    let mut b = Device::new("2026-12-01T10:00:00Z");
    for t in ["one", "two", "three"] {
        a.add(t);
    }
    a.round(&server);
    b.round(&server);
    assert_eq!(places(&b, None), ["one", "two", "three"]);
    a.later(1);
    raise(&mut a, "three");
    let sent = a.round(&server);
    assert_eq!(sent.sent, 2, "the two todos that traded places");
    b.later(2);
    b.round(&server);
    assert_eq!(places(&b, None), ["one", "three", "two"]);
    // Moved on both sides: this side's order stands, and nothing goes to the Trash.
    a.later(3);
    raise(&mut a, "two");
    b.later(3);
    raise(&mut b, "three");
    b.round(&server);
    a.round(&server);
    b.round(&server);
    assert_eq!(places(&a, None), places(&b, None));
    assert!(a.trash().is_empty() && b.trash().is_empty());
}

#[test]
fn an_edit_alone_gives_a_phones_todo_no_order_and_a_phones_order_is_taken() {
    let server = server();
    let mut a = Device::new("2026-12-01T10:00:00Z");
    a.add("mine");
    a.round(&server);
    let inbox = inbox_href(&server);
    let with_order = phone_todo("p2", "ordered", "X-APPLE-SORT-ORDER:-5\r\n");
    server.with(|s| {
        s.store(&format!("{inbox}p1.ics"), &phone_todo("p1", "plain", ""));
        s.store(&format!("{inbox}p2.ics"), &with_order);
    });
    a.later(1);
    a.round(&server);
    assert_eq!(places(&a, None)[0], "ordered", "-5 is before softly's 1");
    let plain = a.id_of("plain");
    a.later(1);
    a.store.edit_title(plain, "plain edited").unwrap();
    a.round(&server);
    let text = server.with(|s| s.find("UID:p1").unwrap().1);
    assert!(
        text.contains("plain edited") && !text.contains("X-APPLE-SORT-ORDER"),
        "{text}"
    );
}

#[test]
fn a_lists_place_goes_to_the_collection_and_comes_back_from_it() {
    let server = server();
    let mut a = Device::new("2026-12-01T10:00:00Z");
    let mut b = Device::new("2026-12-01T10:00:00Z");
    let work = a.list("Work");
    let home = a.list("Home");
    a.round(&server);
    b.round(&server);
    let names = |d: &Device| -> Vec<String> {
        d.store
            .live_lists()
            .unwrap()
            .into_iter()
            .map(|l| l.name)
            .collect()
    };
    assert_eq!(names(&b), ["Work", "Home"]);
    a.store.swap_lists(home, work).unwrap();
    a.round(&server);
    let orders = server.with(|s| {
        let order = |name: &str| s.collections[&s.collection_named(name).unwrap()].order;
        (order("Home"), order("Work"))
    });
    assert!(orders.0 < orders.1, "{orders:?}");
    b.round(&server);
    assert_eq!(names(&b), ["Home", "Work"]);
    assert!(b.round(&server).quiet() && a.round(&server).quiet());
}

#[test]
fn todos_added_on_two_devices_at_once_end_in_one_order_everywhere_sending_nothing_more() {
    let server = server();
    let mut a = Device::new("2026-12-01T10:00:00Z");
    let mut b = Device::new("2026-12-01T10:00:00Z");
    a.add("one");
    a.round(&server);
    b.round(&server);
    // Both at the second place, each on its own device.
    a.later(1);
    a.add("from a");
    b.later(1);
    b.add("from b");
    assert_eq!(a.round(&server).sent, 1);
    assert_eq!(
        b.round(&server).sent,
        1,
        "only its own new todo, at the end"
    );
    a.round(&server);
    assert_eq!(places(&a, None), ["one", "from a", "from b"]);
    assert_eq!(places(&b, None), places(&a, None));
    assert!(a.round(&server).quiet() && b.round(&server).quiet());
}
