//! Deleting: a todo, or a list with its todos, becomes one trash entry stamped with its time.

use super::*;

#[test]
fn deleting_a_todo_makes_one_entry_and_hides_it_from_every_view_and_count() {
    let db = TempDb::new();
    let mut s = db.open();
    let list = s.add_list("L", at(T0)).unwrap();
    let a = s.add_todo("a", Some(list), at(T0)).unwrap();
    s.add_todo("b", Some(list), at(T0)).unwrap();

    let entries = s.trash_todos(&[a], at(T0 + 5)).unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(titles(&s, TodoScope::All), ["b"]);
    assert_eq!(s.live_lists().unwrap()[0].todos, 1);
    assert!(matches!(
        s.live_todo(a),
        Err(StoreError::TodoInTrash { .. })
    ));

    let trash = s.trash_entries().unwrap();
    assert_eq!(trash.len(), 1);
    assert_eq!(trash[0].id, entries[0]);
    assert_eq!(trash[0].kind, EntryKind::Todo);
    assert_eq!(trash[0].title, "a");
    assert_eq!(trash[0].todos, 1);
    assert_eq!(trash[0].deleted_at, at(T0 + 5));
}

#[test]
fn deleting_several_todos_makes_one_entry_each_and_a_repeated_id_counts_once() {
    let db = TempDb::new();
    let mut s = db.open();
    let a = s.add_todo("a", None, at(T0)).unwrap();
    let b = s.add_todo("b", None, at(T0)).unwrap();
    let entries = s.trash_todos(&[b, a, b], at(T0)).unwrap();
    assert_eq!(entries.len(), 2);
    let trash = s.trash_entries().unwrap();
    assert_eq!(
        trash.iter().map(|e| e.title.as_str()).collect::<Vec<_>>(),
        ["b", "a"]
    );
}

#[test]
fn deleting_a_list_takes_its_live_todos_in_one_entry_and_leaves_earlier_entries_alone() {
    let db = TempDb::new();
    let mut s = db.open();
    let list = s.add_list("Groceries", at(T0)).unwrap();
    let early = s.add_todo("early", Some(list), at(T0)).unwrap();
    s.add_todo("milk", Some(list), at(T0)).unwrap();
    s.add_todo("eggs", Some(list), at(T0)).unwrap();
    s.add_todo("inbox", None, at(T0)).unwrap();
    let early_entry = s.trash_todos(&[early], at(T0 + DAY)).unwrap()[0];

    let list_entry = s.trash_list(list, at(T0 + 2 * DAY)).unwrap();

    assert!(s.live_lists().unwrap().is_empty());
    assert_eq!(titles(&s, TodoScope::All), ["inbox"]);
    let trash = s.trash_entries().unwrap();
    assert_eq!(trash.len(), 2);
    // The earlier todo kept its own entry and its own clock.
    assert_eq!(trash[0].id, early_entry);
    assert_eq!(trash[0].deleted_at, at(T0 + DAY));
    assert_eq!(trash[1].id, list_entry);
    assert_eq!(trash[1].kind, EntryKind::List);
    assert_eq!(trash[1].title, "Groceries");
    assert_eq!(trash[1].todos, 2);
}
