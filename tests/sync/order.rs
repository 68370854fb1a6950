//! A list reads the same on every machine: its todos in the order `J`/`K` gave them on
//! any of them (sent as `X-APPLE-SORT-ORDER`, as Apple Reminders, Nextcloud Tasks and
//! Tasks.org write it), and the lists in the order of the first machine.

use super::*;
use softly::store::{Store, TodoScope};

/// The titles of `list` on `device`, in the list's own order.
fn list_order(device: &Softly, list: &str) -> Vec<String> {
    device
        .json(&["ls", "--list", list, "--json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["title"].as_str().unwrap().to_string())
        .collect()
}

/// `J`/`K` on `device`: the todo titled `title` trades places with the one above it.
fn raise(device: &Softly, title: &str) {
    let mut store = Store::open(&device.db()).unwrap();
    let todo = store
        .live_todos(TodoScope::All)
        .unwrap()
        .into_iter()
        .find(|t| t.title == title)
        .unwrap();
    let above = store.todo_neighbour(todo.id, true).unwrap().unwrap();
    store.swap_todos(todo.id, above).unwrap();
}

fn a_second_machine_shows_each_list_in_the_order_the_first_gave_it(kind: Kind) {
    let server = DavServer::start_kind(kind);
    let a = device(&server, "2026-11-26T12:00:00Z");
    let b = device(&server, "2026-11-26T12:05:00Z");
    a.ok(&["list", "add", "Work"]);
    for title in ["write report", "call Tom", "book flights", "file taxes"] {
        a.ok(&["add", title, "--list", "Work"]);
    }
    raise(&a, "file taxes");
    raise(&a, "file taxes");
    let made = ["write report", "file taxes", "call Tom", "book flights"];
    assert_eq!(list_order(&a, "Work"), made);
    a.ok(&["sync"]);
    b.ok(&["sync"]);
    assert_eq!(list_order(&b, "Work"), made, "the second machine's order");
    // A move on the second machine comes back to the first, and nothing else changes.
    raise(&b, "book flights");
    let said = b.ok(&["sync"]);
    assert!(
        said.contains("1 todo sent") || said.contains("2 todos sent"),
        "{said}"
    );
    a.ok(&["sync"]);
    let moved = ["write report", "file taxes", "book flights", "call Tom"];
    assert_eq!(list_order(&a, "Work"), moved);
    assert!(titles(&a) == titles(&b));
    assert_eq!(a.ok(&["sync"]).trim(), "In sync: nothing moved.");
    assert_eq!(b.ok(&["sync"]).trim(), "In sync: nothing moved.");
}

on_both_servers!(a_second_machine_shows_each_list_in_the_order_the_first_gave_it);

/// The live lists of `device`, in their order.
fn lists_in_order(device: &Softly) -> Vec<String> {
    device
        .json(&["lists", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["name"].as_str().unwrap().to_string())
        .collect()
}

/// `K` on a list: it trades places with the one above it.
fn raise_list(device: &Softly, name: &str) {
    let mut store = Store::open(&device.db()).unwrap();
    let list = store.find_list(name).unwrap().id;
    let above = store.list_neighbour(list, true).unwrap().unwrap();
    store.swap_lists(list, above).unwrap();
}

fn the_lists_read_in_the_same_order_on_every_machine(kind: Kind) {
    let server = DavServer::start_kind(kind);
    let a = device(&server, "2026-11-26T12:00:00Z");
    let b = device(&server, "2026-11-26T12:05:00Z");
    for name in ["Work", "Home", "Errands"] {
        a.ok(&["list", "add", name]);
    }
    raise_list(&a, "Errands");
    assert_eq!(lists_in_order(&a), ["Inbox", "Work", "Errands", "Home"]);
    a.ok(&["sync"]);
    b.ok(&["sync"]);
    assert_eq!(lists_in_order(&b), ["Inbox", "Work", "Errands", "Home"]);
    raise_list(&b, "Errands");
    b.ok(&["sync"]);
    a.ok(&["sync"]);
    assert_eq!(lists_in_order(&a), ["Inbox", "Errands", "Work", "Home"]);
    assert_eq!(a.ok(&["sync"]).trim(), "In sync: nothing moved.");
}

/// A phone's todo that softly only edits keeps having no order of softly's making: its
/// place is sent only once it was moved here.
fn an_edit_gives_another_apps_todo_no_order_but_a_move_does(kind: Kind) {
    let server = DavServer::start_kind(kind);
    let a = device(&server, "2026-11-26T12:00:00Z");
    a.ok(&["add", "buy milk"]);
    a.ok(&["sync"]);
    server.phone_with_input(&["put", "Inbox"], PHONE_TODO);
    a.ok(&["sync"]);
    let phone = |server: &DavServer| {
        let raw = server.phone(&["raw", "phone-1@example.com"]);
        raw.as_str().unwrap().to_string()
    };
    a.ok(&["edit", "2", "--title", "Renew the passport"]);
    a.ok(&["sync"]);
    assert!(
        !phone(&server).contains("X-APPLE-SORT-ORDER"),
        "{}",
        phone(&server)
    );
    raise(&a, "Renew the passport");
    a.ok(&["sync"]);
    assert!(
        phone(&server).contains("X-APPLE-SORT-ORDER:"),
        "{}",
        phone(&server)
    );
}

on_both_servers!(
    the_lists_read_in_the_same_order_on_every_machine,
    an_edit_gives_another_apps_todo_no_order_but_a_move_does
);
