//! A todo moved to another list is written to its new collection, then deleted from the old
//! one: a round cut after any request leaves the next round to finish the move, and a UID
//! is never left in two collections.

use super::*;

fn moved_setup() -> (MemoryServer, Device, TodoId, String) {
    let server = server();
    let mut a = Device::new("2026-12-01T10:00:00Z");
    let work = a.list("Work");
    let x = a.add_to(work, "write the report");
    a.round(&server);
    a.round(&server);
    let uid = uid_of(&a, x);
    let home = a.list("Home");
    a.later(1);
    a.store.move_todos(&[x], Some(home)).unwrap();
    (server, a, x, uid)
}

#[test]
fn a_move_cut_short_at_any_request_is_finished_by_the_next_round() {
    let (server, mut a, _, _) = moved_setup();
    let requests = {
        let before = server.requests();
        a.round(&server);
        server.requests() - before
    };
    assert!(requests >= 4, "the move takes several requests: {requests}");
    for cut in 0..requests {
        let (server, mut a, x, uid) = moved_setup();
        server.cut_after.set(Some(server.requests() + cut));
        let _ = a.try_round(&server);
        server.cut_after.set(None);
        a.later(1);
        a.round(&server);
        assert_eq!(copies_of(&server, &uid), 1, "cut after {cut} requests");
        assert_eq!(
            on_server(&server),
            [("Home".into(), "write the report".into())],
            "cut after {cut} requests"
        );
        let todo = a.store.live_todo(x).unwrap();
        assert_eq!(todo.list.map(|l| l.1).as_deref(), Some("Home"));
        assert!(a.round(&server).quiet(), "cut after {cut} requests");
    }
}

#[test]
fn a_move_made_elsewhere_moves_here_and_leaves_one_copy() {
    let server = server();
    let mut a = Device::new("2026-12-01T10:00:00Z");
    let mut b = Device::new("2026-12-01T10:00:00Z");
    let work = a.list("Work");
    a.list("Home");
    let x = a.add_to(work, "pay rent");
    a.round(&server);
    b.round(&server);
    let uid = uid_of(&a, x);
    let on_b = b.id_of("pay rent");
    let home_b = b.store.find_list("Home").unwrap().id;
    b.later(1);
    b.store.move_todos(&[on_b], Some(home_b)).unwrap();
    b.round(&server);
    a.round(&server);
    let todo = a.store.live_todo(x).unwrap();
    assert_eq!(todo.list.map(|l| l.1).as_deref(), Some("Home"));
    assert_eq!(copies_of(&server, &uid), 1);
    assert!(
        a.trash().is_empty(),
        "a move is not a delete: {:?}",
        a.trash()
    );
}

#[test]
fn a_todo_whose_first_write_was_never_recorded_takes_a_later_edit_made_elsewhere() {
    // softly is killed after the server took a new todo and before it recorded it; another
    // machine edits it; the next round here finds it by its UID with nothing recorded.
    let server = server();
    let mut a = Device::new("2026-12-01T10:00:00Z");
    let mut b = Device::new("2026-12-01T10:00:00Z");
    a.round(&server);
    b.round(&server);
    let x = b.add("t34");
    b.round(&server);
    let uid = uid_of(&b, x);
    b.store.sync_forget_item_for_tests(x);
    a.later(5);
    a.round(&server);
    let on_a = a.id_of("t34");
    a.store.edit_title(on_a, "t34 e47").unwrap();
    a.round(&server);
    b.later(10);
    b.round(&server);
    b.round(&server);
    a.round(&server);
    assert_eq!(b.titles(), ["t34 e47"]);
    assert_eq!(a.titles(), ["t34 e47"]);
    assert_eq!(copies_of(&server, &uid), 1);
}
