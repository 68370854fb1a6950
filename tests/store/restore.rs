//! Restoring: back where it was, or to the Inbox, or under a free name, and saying which.

use super::*;

#[test]
fn restoring_a_todo_brings_back_the_same_id_title_done_state_list_and_place() {
    let db = TempDb::new();
    let mut s = db.open();
    let list = s.add_list("L", at(T0)).unwrap();
    s.add_todo("first", Some(list), at(T0)).unwrap();
    let middle = s.add_todo("middle", Some(list), at(T0 + 1)).unwrap();
    s.add_todo("last", Some(list), at(T0 + 2)).unwrap();
    s.set_done(&[middle], true, at(T0)).unwrap();
    let before = s.live_todo(middle).unwrap();

    let entry = s.trash_todos(&[middle], at(T0 + 3)).unwrap()[0];
    let restored = s.restore_entries(&[entry]).unwrap();

    assert_eq!(s.live_todo(middle).unwrap(), before);
    assert_eq!(
        titles(&s, TodoScope::List(list)),
        ["first", "middle", "last"]
    );
    assert_eq!(restored[0].list.as_deref(), Some("L"));
    assert_eq!(restored[0].note, None);
    assert_eq!(s.trash_count().unwrap(), 0);
}

#[test]
fn restoring_a_list_brings_back_exactly_the_todos_that_went_with_it() {
    let db = TempDb::new();
    let mut s = db.open();
    let list = s.add_list("Groceries", at(T0)).unwrap();
    let early = s.add_todo("early", Some(list), at(T0)).unwrap();
    let milk = s.add_todo("milk", Some(list), at(T0)).unwrap();
    let eggs = s.add_todo("eggs", Some(list), at(T0)).unwrap();
    s.set_done(&[eggs], true, at(T0)).unwrap();
    let before: Vec<_> = s.live_todos(TodoScope::List(list)).unwrap();
    let early_entry = s.trash_todos(&[early], at(T0 + 1)).unwrap()[0];
    let entry = s.trash_list(list, at(T0 + 2)).unwrap();

    let restored = s.restore_entries(&[entry]).unwrap();

    assert_eq!(restored[0].kind, EntryKind::List);
    assert_eq!(restored[0].todos, 2);
    assert_eq!(restored[0].note, None);
    let after = s.live_todos(TodoScope::List(list)).unwrap();
    assert_eq!(after.iter().map(|t| t.id).collect::<Vec<_>>(), [milk, eggs]);
    assert_eq!(after, before[1..]);
    // The todo trashed before the list is still in the Trash, on its own clock.
    let trash = s.trash_entries().unwrap();
    assert_eq!(trash.len(), 1);
    assert_eq!(trash[0].id, early_entry);
    assert_eq!(trash[0].deleted_at, at(T0 + 1));
    // Restored after its list came back, it goes home to the list.
    let r = s.restore_entries(&[early_entry]).unwrap();
    assert_eq!(r[0].list.as_deref(), Some("Groceries"));
    assert_eq!(titles(&s, TodoScope::List(list)), ["early", "milk", "eggs"]);
}

#[test]
fn a_todo_whose_list_is_in_the_trash_is_restored_to_the_inbox_and_says_why() {
    let db = TempDb::new();
    let mut s = db.open();
    let list = s.add_list("Groceries", at(T0)).unwrap();
    let milk = s.add_todo("milk", Some(list), at(T0)).unwrap();
    s.add_todo("already in inbox", None, at(T0)).unwrap();
    let entry = s.trash_todos(&[milk], at(T0 + 1)).unwrap()[0];
    s.trash_list(list, at(T0 + 2)).unwrap();

    let r = s.restore_entries(&[entry]).unwrap();

    assert_eq!(r[0].list, None);
    assert_eq!(
        r[0].note,
        Some(RestoreNote::ListInTrash {
            list: "Groceries".into()
        })
    );
    // It joins the end of the Inbox.
    assert_eq!(titles(&s, TodoScope::Inbox), ["already in inbox", "milk"]);
    assert_eq!(s.live_todo(milk).unwrap().list, None);
}

#[test]
fn a_todo_whose_list_was_erased_is_restored_to_the_inbox_and_says_why() {
    let db = TempDb::new();
    let mut s = db.open();
    let list = s.add_list("Groceries", at(T0)).unwrap();
    let milk = s.add_todo("milk", Some(list), at(T0)).unwrap();
    s.add_todo("bread", Some(list), at(T0)).unwrap();
    let milk_entry = s.trash_todos(&[milk], at(T0 + 1)).unwrap()[0];
    let list_entry = s.trash_list(list, at(T0 + 2)).unwrap();

    let erased = s
        .erase_entries(&[list_entry], at(T0 + 3), Trigger::Manual)
        .unwrap();
    assert_eq!(
        (
            erased.counts.entries,
            erased.counts.todos,
            erased.counts.lists
        ),
        (1, 1, 1)
    );
    // Erasing the list took nothing else: the earlier todo is still in the Trash.
    let trash = s.trash_entries().unwrap();
    assert_eq!(trash.len(), 1);
    assert_eq!(trash[0].id, milk_entry);
    assert_eq!(trash[0].deleted_at, at(T0 + 1));

    let r = s.restore_entries(&[milk_entry]).unwrap();
    assert_eq!(r[0].list, None);
    assert_eq!(r[0].note, Some(RestoreNote::ListErased));
    assert_eq!(titles(&s, TodoScope::Inbox), ["milk"]);
}

#[test]
fn a_restored_list_whose_name_is_taken_is_renamed_restored_then_restored_2() {
    let db = TempDb::new();
    let mut s = db.open();
    let first = s.add_list("Groceries", at(T0)).unwrap();
    let first_entry = s.trash_list(first, at(T0 + 1)).unwrap();
    let second = s.add_list("groceries", at(T0 + 2)).unwrap();
    let second_entry = s.trash_list(second, at(T0 + 3)).unwrap();
    s.add_list("GROCERIES", at(T0 + 4)).unwrap();

    let r = s.restore_entries(&[first_entry, second_entry]).unwrap();

    assert_eq!(r[0].title, "Groceries (restored)");
    assert_eq!(
        r[0].note,
        Some(RestoreNote::Renamed {
            from: "Groceries".into()
        })
    );
    assert_eq!(r[1].title, "groceries (restored 2)");
    let names: Vec<String> = s
        .live_lists()
        .unwrap()
        .into_iter()
        .map(|l| l.name)
        .collect();
    assert_eq!(
        names,
        [
            "Groceries (restored)",
            "groceries (restored 2)",
            "GROCERIES"
        ]
    );
}

#[test]
fn every_detail_survives_delete_restore_and_undoing_an_add() {
    use softly::fields::{Due, Priority, Recurrence};
    use softly::store::{Details, DetailsChange};
    let db = TempDb::new();
    let mut s = db.open();
    let due = Due {
        at: at(T0 + 3 * DAY),
        has_time: true,
    };
    let details = Details {
        due: Some(due),
        priority: Some(Priority::High),
        note: Some("receipts in the blue folder\nform 1040".into()),
        every: Some(Recurrence::Months(1)),
    };
    let id = s
        .add_todo_with("file taxes #home #Money", None, details, at(T0))
        .unwrap();
    let all_there = |s: &softly::store::Store, id| {
        let todo = s.live_todo(id).unwrap();
        assert_eq!((todo.due, todo.priority), (Some(due), Some(Priority::High)));
        assert_eq!(todo.every, Some(Recurrence::Months(1)));
        assert!(todo.has_note);
        assert_eq!(
            s.note(id).unwrap().as_deref(),
            Some("receipts in the blue folder\nform 1040")
        );
        assert_eq!(s.tags(id).unwrap(), ["home", "money"]);
        assert!(s.live_todos_tagged("#HOME").unwrap().contains(&id));
    };
    all_there(&s, id);
    let entry = s.trash_todos(&[id], at(T0 + HOUR)).unwrap()[0];
    assert!(
        s.live_todos_tagged("home").unwrap().is_empty(),
        "a todo in the Trash is not among the live ones tagged"
    );
    s.restore_entries(&[entry]).unwrap();
    all_there(&s, id);
    // Undo of the add takes the row away whole (tags and note with it), and redo puts
    // every field back.
    let row = s.unadd_todo(id).unwrap();
    assert_eq!(s.note(id).unwrap(), None);
    assert!(s.tags(id).unwrap().is_empty());
    let id = s.readd_todo(&row).unwrap();
    all_there(&s, id);
    // A change names only what it changes.
    let clear = DetailsChange {
        every: Some(None),
        note: Some(None),
        ..DetailsChange::default()
    };
    s.edit_todo(id, Some("file taxes #money"), clear).unwrap();
    let todo = s.live_todo(id).unwrap();
    assert_eq!((todo.due, todo.priority), (Some(due), Some(Priority::High)));
    assert_eq!((todo.every, todo.has_note), (None, false));
    assert_eq!(s.note(id).unwrap(), None);
    assert_eq!(s.tags(id).unwrap(), ["money"], "tags follow the title");
    // A page of the view carries them too.
    let page = s
        .live_todos_page(TodoScope::Inbox, softly::store::Page::default())
        .unwrap();
    assert_eq!(page[0].priority, Some(Priority::High));
}
