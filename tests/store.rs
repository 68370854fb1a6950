//! The deletion model, on temporary databases with explicit times.

mod common;

use common::*;
use softly::purge::purge_expired;
use softly::retention::Retention;
use softly::store::{
    EntryKind, LogReason, RestoreNote, Store, StoreError, TodoId, TodoScope, Trigger,
};

fn titles(store: &Store, scope: TodoScope) -> Vec<String> {
    store
        .live_todos(scope)
        .unwrap()
        .into_iter()
        .map(|t| t.title)
        .collect()
}

fn thirty_days() -> Retention {
    "30d".parse().unwrap()
}

// ---- lists and todos -------------------------------------------------------------------

#[test]
fn todos_live_in_the_inbox_or_one_list_in_the_order_they_were_added() {
    let db = TempDb::new();
    let mut s = db.open();
    let work = s.add_list("Work", at(T0)).unwrap();
    s.add_todo("inbox one", None, at(T0)).unwrap();
    s.add_todo("work one", Some(work), at(T0)).unwrap();
    s.add_todo("inbox two", None, at(T0 + 1)).unwrap();
    s.add_todo("work two", Some(work), at(T0 + 2)).unwrap();

    assert_eq!(titles(&s, TodoScope::Inbox), ["inbox one", "inbox two"]);
    assert_eq!(titles(&s, TodoScope::List(work)), ["work one", "work two"]);
    assert_eq!(
        titles(&s, TodoScope::All),
        ["inbox one", "inbox two", "work one", "work two"]
    );
    let todo = &s.live_todos(TodoScope::List(work)).unwrap()[0];
    assert_eq!(todo.list.as_ref().unwrap().1, "Work");
    assert_eq!(todo.created_at, at(T0));
}

#[test]
fn list_names_are_unique_among_live_lists_ignoring_case_and_spaces() {
    let db = TempDb::new();
    let mut s = db.open();
    s.add_list("Groceries", at(T0)).unwrap();
    assert!(matches!(
        s.add_list("  groceries ", at(T0)),
        Err(StoreError::ListNameTaken(name)) if name == "Groceries"
    ));
    // The name is stored trimmed, and found case-insensitively.
    let work = s.add_list("  Work  ", at(T0)).unwrap();
    assert_eq!(s.find_list("WORK").unwrap().id, work);
    assert_eq!(s.find_list("work").unwrap().name, "Work");
    // Renaming only the case of a name is fine; taking another list's name is not.
    s.rename_list(work, "work").unwrap();
    assert!(matches!(
        s.rename_list(work, "GROCERIES"),
        Err(StoreError::ListNameTaken(_))
    ));
}

#[test]
fn a_list_in_the_trash_does_not_block_a_new_list_of_the_same_name() {
    let db = TempDb::new();
    let mut s = db.open();
    let old = s.add_list("Groceries", at(T0)).unwrap();
    s.trash_list(old, at(T0 + 1)).unwrap();
    let new = s.add_list("groceries", at(T0 + 2)).unwrap();
    assert_ne!(old, new);
    assert_eq!(s.live_lists().unwrap().len(), 1);
}

#[test]
fn an_unknown_list_name_is_an_error_that_names_the_live_lists() {
    let db = TempDb::new();
    let mut s = db.open();
    let err = s.find_list("Work").unwrap_err();
    assert!(err.to_string().contains("no lists yet"), "{err}");
    s.add_list("Home", at(T0)).unwrap();
    s.add_list("Groceries", at(T0)).unwrap();
    let err = s.find_list("Work").unwrap_err().to_string();
    assert_eq!(
        err,
        "no list named 'Work'; the lists are: 'Home', 'Groceries'"
    );
}

#[test]
fn titles_are_cleaned_and_bad_titles_refused_without_a_write() {
    let db = TempDb::new();
    let mut s = db.open();
    let id = s.add_todo(" call\tmom\n\x1b[31m ", None, at(T0)).unwrap();
    assert_eq!(s.live_todo(id).unwrap().title, "call mom [31m");
    assert!(matches!(
        s.add_todo(" \n ", None, at(T0)),
        Err(StoreError::BadTitle(_))
    ));
    assert!(matches!(
        s.edit_title(id, &"x".repeat(501)),
        Err(StoreError::BadTitle(_))
    ));
    assert_eq!(s.live_todo(id).unwrap().title, "call mom [31m");
    assert_eq!(s.live_todos(TodoScope::All).unwrap().len(), 1);
}

#[test]
fn several_ids_are_all_or_nothing() {
    let db = TempDb::new();
    let mut s = db.open();
    let a = s.add_todo("a", None, at(T0)).unwrap();
    let b = s.add_todo("b", None, at(T0)).unwrap();
    let missing = TodoId(999);

    assert!(matches!(
        s.set_done(&[a, missing, b], true),
        Err(StoreError::NoSuchTodo(id)) if id == missing
    ));
    assert!(
        s.live_todos(TodoScope::All)
            .unwrap()
            .iter()
            .all(|t| !t.done)
    );

    assert!(s.trash_todos(&[a, missing], at(T0)).is_err());
    assert_eq!(s.trash_count().unwrap(), 0);

    let list = s.add_list("L", at(T0)).unwrap();
    assert!(s.move_todos(&[b, missing], Some(list)).is_err());
    assert!(s.live_todos(TodoScope::List(list)).unwrap().is_empty());

    let entry = s.trash_todos(&[a], at(T0)).unwrap()[0];
    assert!(matches!(
        s.restore_entries(&[entry, softly::store::EntryId(77)]),
        Err(StoreError::NoSuchEntry(_))
    ));
    assert_eq!(s.trash_count().unwrap(), 1);
}

#[test]
fn a_todo_in_the_trash_is_not_edited_and_the_error_says_where_it_is() {
    let db = TempDb::new();
    let mut s = db.open();
    let a = s.add_todo("a", None, at(T0)).unwrap();
    let entry = s.trash_todos(&[a], at(T0)).unwrap()[0];
    let err = s.set_done(&[a], true).unwrap_err();
    assert!(
        matches!(err, StoreError::TodoInTrash { id, entry: e } if id == a && e == entry),
        "{err}"
    );
}

#[test]
fn moving_todos_appends_them_to_the_target_in_the_order_given() {
    let db = TempDb::new();
    let mut s = db.open();
    let list = s.add_list("L", at(T0)).unwrap();
    s.add_todo("already there", Some(list), at(T0)).unwrap();
    let a = s.add_todo("a", None, at(T0)).unwrap();
    let b = s.add_todo("b", None, at(T0)).unwrap();
    s.move_todos(&[b, a], Some(list)).unwrap();
    assert_eq!(
        titles(&s, TodoScope::List(list)),
        ["already there", "b", "a"]
    );
    s.move_todos(&[a], None).unwrap();
    assert_eq!(titles(&s, TodoScope::Inbox), ["a"]);
}

// ---- deleting ------------------------------------------------------------------------

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

// ---- restoring -----------------------------------------------------------------------

#[test]
fn restoring_a_todo_brings_back_the_same_id_title_done_state_list_and_place() {
    let db = TempDb::new();
    let mut s = db.open();
    let list = s.add_list("L", at(T0)).unwrap();
    s.add_todo("first", Some(list), at(T0)).unwrap();
    let middle = s.add_todo("middle", Some(list), at(T0 + 1)).unwrap();
    s.add_todo("last", Some(list), at(T0 + 2)).unwrap();
    s.set_done(&[middle], true).unwrap();
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
    s.set_done(&[eggs], true).unwrap();
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

// ---- erasing -------------------------------------------------------------------------

#[test]
fn erasing_removes_the_entry_rows_for_good_and_ids_are_never_reused() {
    let db = TempDb::new();
    let mut s = db.open();
    let a = s.add_todo("a", None, at(T0)).unwrap();
    let b = s.add_todo("b", None, at(T0)).unwrap();
    let entries = s.trash_todos(&[a, b], at(T0)).unwrap();

    let out = s
        .erase_entries(&[entries[1]], at(T0 + 1), Trigger::Manual)
        .unwrap();
    assert_eq!(out.counts.todos, 1);
    assert!(out.scrubbed);
    assert!(matches!(s.live_todo(b), Err(StoreError::NoSuchTodo(_))));
    assert_eq!(s.trash_entries().unwrap()[0].id, entries[0]);

    let c = s.add_todo("c", None, at(T0 + 2)).unwrap();
    assert!(c.0 > b.0, "a new todo must not take an erased id");
}

#[test]
fn emptying_the_trash_erases_every_entry_and_logs_it() {
    let db = TempDb::new();
    let mut s = db.open();
    let list = s.add_list("L", at(T0)).unwrap();
    s.add_todo("in list", Some(list), at(T0)).unwrap();
    let a = s.add_todo("a", None, at(T0)).unwrap();
    s.trash_todos(&[a], at(T0)).unwrap();
    s.trash_list(list, at(T0)).unwrap();

    let out = s.empty_trash(at(T0 + 9), Trigger::Manual).unwrap();

    assert_eq!(
        (out.counts.entries, out.counts.todos, out.counts.lists),
        (2, 2, 1)
    );
    assert_eq!(s.trash_count().unwrap(), 0);
    let log = s.purge_log().unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].reason, LogReason::Empty);
    assert_eq!(log[0].trigger, Trigger::Manual);
    assert_eq!(log[0].at, at(T0 + 9));
    assert_eq!(log[0].cutoff, None);
}

// ---- purge ---------------------------------------------------------------------------

#[test]
fn purge_keeps_an_entry_one_millisecond_before_expiry_and_erases_it_at_expiry() {
    let db = TempDb::new();
    let mut s = db.open();
    let a = s.add_todo("a", None, at(T0)).unwrap();
    s.trash_todos(&[a], at(T0)).unwrap();
    let expiry = T0 + 30 * DAY;

    let kept = purge_expired(&mut s, thirty_days(), at(expiry - 1), Trigger::Startup).unwrap();
    assert_eq!(kept.counts.entries, 0);
    assert_eq!(s.trash_count().unwrap(), 1);

    let gone = purge_expired(&mut s, thirty_days(), at(expiry), Trigger::Startup).unwrap();
    assert_eq!(gone.counts.entries, 1);
    assert_eq!(gone.cutoff, Some(at(T0)));
    assert_eq!(s.trash_count().unwrap(), 0);
    assert!(matches!(s.live_todo(a), Err(StoreError::NoSuchTodo(_))));
}

#[test]
fn purge_takes_only_what_is_past_retention_and_is_idempotent() {
    let db = TempDb::new();
    let mut s = db.open();
    let list = s.add_list("Old list", at(T0)).unwrap();
    s.add_todo("old list todo", Some(list), at(T0)).unwrap();
    let old = s.add_todo("old", None, at(T0)).unwrap();
    let young = s.add_todo("young", None, at(T0)).unwrap();
    s.trash_todos(&[old], at(T0)).unwrap();
    s.trash_list(list, at(T0 + DAY)).unwrap();
    s.trash_todos(&[young], at(T0 + 20 * DAY)).unwrap();
    let now = at(T0 + 31 * DAY);

    let first = purge_expired(&mut s, thirty_days(), now, Trigger::Timer).unwrap();
    assert_eq!(
        (first.counts.entries, first.counts.todos, first.counts.lists),
        (2, 2, 1)
    );
    let again = purge_expired(&mut s, thirty_days(), now, Trigger::Timer).unwrap();
    assert_eq!(again.counts.entries, 0);
    let left = s.trash_entries().unwrap();
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].title, "young");

    // One log line: the empty second run is not logged.
    let log = s.purge_log().unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].reason, LogReason::Purge);
    assert_eq!(log[0].trigger, Trigger::Timer);
    assert_eq!(log[0].cutoff, Some(at(T0 + DAY)));
    assert_eq!(log[0].at, now);
    assert_eq!(
        (
            log[0].counts.entries,
            log[0].counts.todos,
            log[0].counts.lists
        ),
        (2, 2, 1)
    );
}

#[test]
fn an_entry_deleted_in_the_future_is_never_purged_early() {
    let db = TempDb::new();
    let mut s = db.open();
    let a = s.add_todo("from the future", None, at(T0)).unwrap();
    // The clock was ahead when this was deleted, and has since been set back a year.
    let deleted_at = T0 + 365 * DAY;
    s.trash_todos(&[a], at(deleted_at)).unwrap();

    for now in [T0, T0 + 31 * DAY, deleted_at, deleted_at + 30 * DAY - 1] {
        purge_expired(&mut s, thirty_days(), at(now), Trigger::Startup).unwrap();
        assert_eq!(s.trash_count().unwrap(), 1, "purged early at {now}");
    }
    purge_expired(
        &mut s,
        thirty_days(),
        at(deleted_at + 30 * DAY),
        Trigger::Startup,
    )
    .unwrap();
    assert_eq!(s.trash_count().unwrap(), 0);
}

#[test]
fn retention_never_purges_nothing() {
    let db = TempDb::new();
    let mut s = db.open();
    let a = s.add_todo("a", None, at(T0)).unwrap();
    s.trash_todos(&[a], at(T0)).unwrap();
    let report = purge_expired(
        &mut s,
        Retention::Never,
        at(T0 + 10_000 * DAY),
        Trigger::Startup,
    )
    .unwrap();
    assert_eq!((report.cutoff, report.counts.entries), (None, 0));
    assert_eq!(s.trash_count().unwrap(), 1);
}

#[test]
fn the_purge_preview_counts_what_would_go_and_changes_nothing() {
    let db = TempDb::new();
    let mut s = db.open();
    let list = s.add_list("L", at(T0)).unwrap();
    s.add_todo("x", Some(list), at(T0)).unwrap();
    s.add_todo("y", Some(list), at(T0)).unwrap();
    s.trash_list(list, at(T0)).unwrap();
    let preview = s.purge_preview(at(T0)).unwrap();
    assert_eq!((preview.entries, preview.todos, preview.lists), (1, 2, 1));
    assert_eq!(s.trash_count().unwrap(), 1);
    assert!(s.purge_log().unwrap().is_empty());
}

#[test]
fn two_purgers_and_a_writer_at_once_lose_nothing_and_report_no_error() {
    let db = TempDb::new();
    {
        let mut s = db.open();
        // Old entries for the purger to take.
        let ids: Vec<TodoId> = (0..200)
            .map(|i| s.add_todo(&format!("old {i}"), None, at(T0)).unwrap())
            .collect();
        s.trash_todos(&ids, at(T0)).unwrap();
    }
    let now = T0 + 31 * DAY;
    let path = db.path();
    // Two purgers at once, as when two softly instances tick together.
    let purgers: Vec<_> = (0..2)
        .map(|_| {
            let path = path.clone();
            std::thread::spawn(move || {
                let mut s = Store::open(&path).unwrap();
                for i in 0..200 {
                    purge_expired(&mut s, thirty_days(), at(now + i), Trigger::Timer).unwrap();
                }
            })
        })
        .collect();
    let writer = {
        let path = path.clone();
        std::thread::spawn(move || {
            let mut s = Store::open(&path).unwrap();
            for i in 0..200 {
                let id = s.add_todo(&format!("new {i}"), None, at(now + i)).unwrap();
                if i % 2 == 0 {
                    // Deleted "now": must survive every purge running meanwhile.
                    s.trash_todos(&[id], at(now + i)).unwrap();
                }
            }
        })
    };
    for purger in purgers {
        purger.join().expect("a purger hit an error");
    }
    writer.join().expect("the writer hit an error");

    let s = Store::open(&path).unwrap();
    assert_eq!(s.live_todos(TodoScope::All).unwrap().len(), 100);
    let trash = s.trash_entries().unwrap();
    assert_eq!(trash.len(), 100);
    assert!(trash.iter().all(|e| e.title.starts_with("new ")));
    // Between them the purgers erased each old entry exactly once.
    let purged: i64 = s
        .purge_log()
        .unwrap()
        .iter()
        .map(|r| r.counts.entries)
        .sum();
    assert_eq!(purged, 200);
}

// ---- erased means erased on disk ---------------------------------------------------------

#[test]
fn an_erased_title_is_gone_from_the_database_and_its_log_file() {
    let db = TempDb::new();
    let mut s = db.open();
    let marker = "ERASE-ME-7f3a9c-secret-title";
    let keep = s.add_todo("keep me", None, at(T0)).unwrap();
    let a = s.add_todo(marker, None, at(T0)).unwrap();
    s.edit_title(keep, "keep me still").unwrap();
    let entry = s.trash_todos(&[a], at(T0)).unwrap()[0];
    assert!(
        contains(&db.disk_bytes(), marker),
        "the marker should be on disk before the erase"
    );

    let out = s
        .erase_entries(&[entry], at(T0 + 1), Trigger::Manual)
        .unwrap();

    assert!(out.scrubbed);
    assert!(!contains(&db.disk_bytes(), marker));
    assert!(contains(&db.disk_bytes(), "keep me still"));
}

#[test]
fn a_purged_list_name_and_its_todo_titles_are_gone_from_disk() {
    let db = TempDb::new();
    let mut s = db.open();
    let list = s.add_list("LIST-MARKER-51e0", at(T0)).unwrap();
    s.add_todo("TODO-MARKER-88c2", Some(list), at(T0)).unwrap();
    s.trash_list(list, at(T0)).unwrap();
    let bytes = db.disk_bytes();
    assert!(contains(&bytes, "LIST-MARKER-51e0") && contains(&bytes, "TODO-MARKER-88c2"));

    let report = purge_expired(&mut s, thirty_days(), at(T0 + 30 * DAY), Trigger::Startup).unwrap();

    assert!(report.scrubbed);
    let bytes = db.disk_bytes();
    assert!(!contains(&bytes, "LIST-MARKER-51e0"));
    assert!(!contains(&bytes, "TODO-MARKER-88c2"));
}

#[test]
fn a_scrub_blocked_by_a_reader_is_finished_later() {
    let db = TempDb::new();
    let mut s = db.open();
    let marker = "BLOCKED-SCRUB-MARKER-4b1d";
    let a = s.add_todo(marker, None, at(T0)).unwrap();
    let entry = s.trash_todos(&[a], at(T0)).unwrap()[0];

    // Another connection holds a read snapshot open, so the log cannot be truncated.
    let reader = rusqlite::Connection::open(db.path()).unwrap();
    reader
        .execute_batch("BEGIN; SELECT count(*) FROM todos;")
        .unwrap();
    let out = s
        .erase_entries(&[entry], at(T0 + 1), Trigger::Manual)
        .unwrap();
    assert!(!out.scrubbed, "the reader should have kept the log busy");

    reader.execute_batch("COMMIT").unwrap();
    drop(reader);
    assert!(s.retry_pending_scrub().unwrap());
    assert!(!contains(&db.disk_bytes(), marker));
}

// ---- opening -------------------------------------------------------------------------

#[test]
fn opening_creates_missing_directories() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a/b/c/softly.db");
    Store::open(&path).unwrap();
    assert!(path.exists());
}

fn assert_refused_untouched(path: &std::path::Path, expect_in_message: &[&str]) {
    let before = std::fs::read(path).unwrap();
    let err = match Store::open(path) {
        Ok(_) => panic!("{} should have been refused", path.display()),
        Err(e) => e.to_string(),
    };
    for part in expect_in_message {
        assert!(err.contains(part), "{err:?} should mention {part:?}");
    }
    assert!(err.contains(&path.display().to_string()), "{err}");
    assert_eq!(std::fs::read(path).unwrap(), before, "the file was changed");
    let wal = path.with_extension("db-wal");
    assert!(!wal.exists() || std::fs::metadata(&wal).unwrap().len() == 0);
}

#[test]
fn a_file_that_is_not_sqlite_is_refused_and_left_unchanged() {
    let db = TempDb::new();
    std::fs::write(db.path(), "just some notes, not a database\n".repeat(200)).unwrap();
    assert_refused_untouched(&db.path(), &["not a SQLite database"]);
}

#[test]
fn a_sqlite_file_of_another_application_is_refused_and_left_unchanged() {
    let db = TempDb::new();
    {
        let conn = rusqlite::Connection::open(db.path()).unwrap();
        conn.execute_batch("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT);")
            .unwrap();
    }
    assert_refused_untouched(&db.path(), &["another application"]);

    let other = TempDb::new();
    {
        let conn = rusqlite::Connection::open(other.path()).unwrap();
        conn.execute_batch("PRAGMA application_id = 42;").unwrap();
    }
    assert_refused_untouched(&other.path(), &["another application", "0x2a"]);
}

#[test]
fn a_database_from_a_newer_softly_is_refused_naming_both_versions() {
    let db = TempDb::new();
    {
        let mut s = db.open();
        s.add_todo("precious", None, at(T0)).unwrap();
    }
    {
        let conn = rusqlite::Connection::open(db.path()).unwrap();
        conn.execute_batch("PRAGMA user_version = 7; PRAGMA wal_checkpoint(TRUNCATE);")
            .unwrap();
    }
    let supported = format!("up to {}", softly::store::LATEST_VERSION);
    assert_refused_untouched(
        &db.path(),
        &["newer softly", "schema version 7", &supported],
    );
}

#[test]
fn an_empty_file_becomes_a_new_database() {
    let db = TempDb::new();
    std::fs::write(db.path(), b"").unwrap();
    let mut s = db.open();
    s.add_todo("hello", None, at(T0)).unwrap();
    assert_eq!(titles(&s, TodoScope::All), ["hello"]);
}

#[test]
fn the_connection_is_set_up_for_safe_concurrent_writes_and_real_erasure() {
    let db = TempDb::new();
    let _s = db.open();
    // The settings are per connection; check them on the file itself and on a fresh store.
    let conn = rusqlite::Connection::open(db.path()).unwrap();
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let app: i64 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .unwrap();
    assert_eq!(app, softly::store::APPLICATION_ID);
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(integrity, "ok");
}

// ---- pages, filters and the app's undo helpers ------------------------------------------

use softly::store::{Page, Seek};

#[test]
fn a_page_of_todos_is_a_window_of_the_list_and_the_filter_ignores_ascii_case() {
    let db = TempDb::new();
    let mut s = db.open();
    for i in 0..10 {
        s.add_todo(&format!("Task {i}"), None, at(T0)).unwrap();
    }
    s.add_todo("100% done_ok", None, at(T0)).unwrap();
    let page = s
        .live_todos_page(
            TodoScope::Inbox,
            Page {
                skip: 3,
                limit: Some(2),
                ..Page::default()
            },
        )
        .unwrap();
    assert_eq!(
        page.iter().map(|t| t.title.as_str()).collect::<Vec<_>>(),
        ["Task 3", "Task 4"]
    );
    assert_eq!(s.count_live_todos(TodoScope::Inbox, "").unwrap(), 11);
    assert_eq!(s.count_live_todos(TodoScope::Inbox, "task 1").unwrap(), 1);
    // LIKE's wildcards in the filter are literal characters.
    assert_eq!(s.count_live_todos(TodoScope::Inbox, "%").unwrap(), 1);
    assert_eq!(s.count_live_todos(TodoScope::Inbox, "e_o").unwrap(), 1);
    assert_eq!(s.count_live_todos(TodoScope::Inbox, "k_").unwrap(), 0);
}

#[test]
fn the_quick_trash_count_is_exact_within_its_budget_and_declines_a_bigger_backlog() {
    let db = TempDb::new();
    let mut s = db.open();
    for i in 0..5 {
        let id = s.add_todo(&format!("old {i}"), None, at(T0)).unwrap();
        s.trash_todos(&[id], at(T0 + i)).unwrap();
    }
    let fresh = s.add_todo("fresh", None, at(T0)).unwrap();
    s.trash_todos(&[fresh], at(T0 + 100)).unwrap();
    // Three of the five old entries are at or before the cutoff.
    let cutoff = Some(at(T0 + 2));
    assert_eq!(s.count_trash(cutoff, "").unwrap(), 3);
    assert_eq!(s.count_trash_within(cutoff, 3).unwrap(), Some(3));
    assert_eq!(s.count_trash_within(cutoff, 10).unwrap(), Some(3));
    assert_eq!(s.count_trash_within(cutoff, 2).unwrap(), None);
    assert_eq!(s.count_trash_within(None, 0).unwrap(), Some(6));
}

#[test]
fn a_filtered_count_from_a_row_counts_that_row_and_the_matches_after_it() {
    let db = TempDb::new();
    let mut s = db.open();
    let list = s.add_list("Work", at(T0)).unwrap();
    for i in 0..10 {
        s.add_todo(&format!("Task {i}"), None, at(T0)).unwrap();
        s.add_todo(&format!("Task {i}"), Some(list), at(T0))
            .unwrap();
        s.add_todo(&format!("note {i}"), None, at(T0)).unwrap();
    }
    let inbox = s.live_todos(TodoScope::Inbox).unwrap();
    let tasks: Vec<_> = inbox
        .iter()
        .filter(|t| t.title.starts_with("Task"))
        .collect();
    let fourth = tasks[3].key();
    assert_eq!(
        s.count_live_todos_from(TodoScope::Inbox, "task", fourth)
            .unwrap(),
        7
    );
    assert_eq!(
        s.count_live_todos_from(TodoScope::Inbox, "note", fourth)
            .unwrap(),
        7
    );
    assert_eq!(
        s.count_live_todos_from(TodoScope::Inbox, "task 9", fourth)
            .unwrap(),
        1
    );
    assert_eq!(
        s.count_live_todos_from(TodoScope::List(list), "task", (i64::MIN, i64::MIN))
            .unwrap(),
        10
    );
    let ids: Vec<_> = tasks.iter().map(|t| t.id).collect();
    for id in &ids {
        s.trash_todos(&[*id], at(T0 + id.0)).unwrap();
    }
    let trash = s.trash_page(None, Page::default()).unwrap();
    assert_eq!(trash.len(), 10);
    assert_eq!(s.count_trash_from(None, "task", trash[2].key()).unwrap(), 8);
    assert_eq!(
        s.count_trash_from(None, "task 1", trash[2].key()).unwrap(),
        0
    );
    // Past the cutoff are not counted, wherever the count starts.
    let cutoff = Some(trash[5].deleted_at);
    assert_eq!(
        s.count_trash_from(cutoff, "task", trash[2].key()).unwrap(),
        4
    );
}

#[test]
fn the_trash_page_hides_entries_past_the_cutoff_before_the_purge_removes_them() {
    let db = TempDb::new();
    let mut s = db.open();
    let a = s.add_todo("expired", None, at(T0)).unwrap();
    let b = s.add_todo("fresh", None, at(T0)).unwrap();
    s.trash_todos(&[a], at(T0)).unwrap();
    s.trash_todos(&[b], at(T0 + 1)).unwrap();
    let cutoff = Some(at(T0));
    let shown = s.trash_page(cutoff, Page::default()).unwrap();
    assert_eq!(shown.len(), 1);
    assert_eq!(shown[0].title, "fresh");
    assert_eq!(s.count_trash(cutoff, "").unwrap(), 1);
    assert_eq!(s.count_trash(None, "").unwrap(), 2);
    assert_eq!(s.count_trash(None, "FRESH").unwrap(), 1);
    assert_eq!(
        s.trash_page(
            None,
            Page {
                filter: "exp",
                ..Page::default()
            }
        )
        .unwrap()[0]
            .title,
        "expired"
    );
}

#[test]
fn an_add_can_be_taken_back_and_a_move_put_back_exactly() {
    let db = TempDb::new();
    let mut s = db.open();
    let list = s.add_list("L", at(T0)).unwrap();
    let a = s.add_todo("a", None, at(T0)).unwrap();
    let b = s.add_todo("b", None, at(T0)).unwrap();
    s.add_todo("c", None, at(T0)).unwrap();
    let place = s.todo_place(b).unwrap();
    s.move_todos(&[b], Some(list)).unwrap();
    s.place_todo(b, place.0, place.1).unwrap();
    assert_eq!(titles(&s, TodoScope::Inbox), ["a", "b", "c"]);

    s.unadd_todo(a).unwrap();
    assert_eq!(titles(&s, TodoScope::Inbox), ["b", "c"]);
    assert!(matches!(s.live_todo(a), Err(StoreError::NoSuchTodo(_))));

    let empty = s.add_list("Empty", at(T0)).unwrap();
    s.unadd_list(empty).unwrap();
    s.add_todo("x", Some(list), at(T0)).unwrap();
    assert!(matches!(s.unadd_list(list), Err(StoreError::ListInUse(_))));
}

#[test]
fn data_version_changes_when_another_connection_commits() {
    let db = TempDb::new();
    let s = db.open();
    let mut other = db.open();
    let before = s.data_version().unwrap();
    other.add_todo("from elsewhere", None, at(T0)).unwrap();
    assert_ne!(s.data_version().unwrap(), before);
}

#[test]
fn pages_start_at_either_end_or_next_to_a_known_row_and_come_back_in_order() {
    let db = TempDb::new();
    let mut s = db.open();
    for i in 0..10 {
        s.add_todo(&format!("t{i}"), None, at(T0)).unwrap();
    }
    let page = |seek, skip, limit| Page {
        filter: "",
        seek,
        skip,
        limit: Some(limit),
    };
    let get = |s: &Store, p: Page| -> Vec<String> {
        s.live_todos_page(TodoScope::Inbox, p)
            .unwrap()
            .into_iter()
            .map(|t| t.title)
            .collect()
    };
    let all = s.live_todos(TodoScope::Inbox).unwrap();
    let key4 = all[4].key();
    assert_eq!(get(&s, page(Seek::From(key4), 0, 3)), ["t4", "t5", "t6"]);
    assert_eq!(get(&s, page(Seek::From(key4), 2, 2)), ["t6", "t7"]);
    assert_eq!(get(&s, page(Seek::Before(key4), 0, 2)), ["t2", "t3"]);
    assert_eq!(get(&s, page(Seek::Before(key4), 1, 1)), ["t2"]);
    assert_eq!(get(&s, page(Seek::End, 0, 3)), ["t7", "t8", "t9"]);
    assert_eq!(get(&s, page(Seek::End, 9, 5)), ["t0"]);
    // The same for the Trash, ordered by delete time.
    let ids: Vec<TodoId> = all.iter().map(|t| t.id).collect();
    for (i, id) in ids.iter().enumerate() {
        s.trash_todos(&[*id], at(T0 + i as i64)).unwrap();
    }
    let trash = s.trash_entries().unwrap();
    let titles = |entries: Vec<softly::store::TrashEntry>| -> Vec<String> {
        entries.into_iter().map(|e| e.title).collect()
    };
    assert_eq!(
        titles(
            s.trash_page(None, page(Seek::From(trash[8].key()), 0, 5))
                .unwrap()
        ),
        ["t8", "t9"]
    );
    assert_eq!(
        titles(
            s.trash_page(None, page(Seek::Before(trash[1].key()), 0, 5))
                .unwrap()
        ),
        ["t0"]
    );
}

#[test]
fn the_kept_counts_always_equal_a_real_count() {
    let db = TempDb::new();
    let mut s = db.open();
    let a = s.add_list("A", at(T0)).unwrap();
    let b = s.add_list("B", at(T0)).unwrap();
    let mut ids = Vec::new();
    for i in 0..12 {
        let list = [None, Some(a), Some(b)][i % 3];
        ids.push(s.add_todo(&format!("t{i}"), list, at(T0)).unwrap());
    }
    s.set_done(&ids[0..5], true).unwrap();
    s.move_todos(&ids[5..7], Some(b)).unwrap();
    let e1 = s.trash_todos(&ids[7..9], at(T0)).unwrap();
    let list_entry = s.trash_list(a, at(T0)).unwrap();
    s.restore_entries(&[e1[0]]).unwrap();
    s.erase_entries(&[e1[1]], at(T0), Trigger::Manual).unwrap();
    s.restore_entries(&[list_entry]).unwrap();
    s.unadd_todo(ids[9]).unwrap();
    s.place_todo(ids[5], None, 1).unwrap();
    let b_entry = s.trash_list(b, at(T0)).unwrap();
    s.erase_entries(&[b_entry], at(T0), Trigger::Manual)
        .unwrap();

    let real = |scope| {
        let todos = s.live_todos(scope).unwrap();
        (
            todos.len() as i64,
            todos.iter().filter(|t| !t.done).count() as i64,
        )
    };
    assert_eq!(s.inbox_counts().unwrap(), real(TodoScope::Inbox));
    for list in s.live_lists().unwrap() {
        assert_eq!(
            (list.todos, list.open),
            real(TodoScope::List(list.id)),
            "{}",
            list.name
        );
    }
    assert_eq!(
        s.count_live_todos(TodoScope::All, "").unwrap(),
        s.live_todos(TodoScope::All).unwrap().len() as i64
    );
}

// ---- import at size -------------------------------------------------------------------------

#[test]
fn an_import_never_reuses_the_ids_of_erased_rows_and_keeps_references_right() {
    let db = TempDb::new();
    let mut s = db.open();
    let list = s.add_list("Old", at(T0)).unwrap();
    let mut erased = Vec::new();
    for i in 0..70 {
        erased.push(s.add_todo(&format!("old {i}"), Some(list), at(T0)).unwrap());
    }
    s.trash_list(list, at(T0)).unwrap();
    s.empty_trash(at(T0), Trigger::Manual).unwrap();
    // Everything is gone; the file to import numbers its rows from 1, as an export of a
    // new database does. 130 todos: two full batches of inserts and a short one.
    let source = TempDb::new();
    let mut src = source.open();
    let work = src.add_list("Work", at(T0)).unwrap();
    for i in 0..130 {
        let id = src
            .add_todo(&format!("new {i}"), (i % 2 == 0).then_some(work), at(T0))
            .unwrap();
        if i % 5 == 0 {
            src.trash_todos(&[id], at(T0 + i64::from(i))).unwrap();
        }
    }
    let rows = src.dump(at(T0)).unwrap();
    s.import(&rows, at(T0)).unwrap();
    let todos = s.live_todos(TodoScope::All).unwrap();
    assert_eq!(todos.len(), 104);
    let highest_erased = erased.iter().map(|id| id.0).max().unwrap();
    assert!(
        todos.iter().all(|t| t.id.0 > highest_erased),
        "an erased id came back"
    );
    // Each todo is still in the list it was in, and each trash entry holds its todo.
    for t in &todos {
        let n: usize = t.title[4..].parse().unwrap();
        let in_work = t.list.as_ref().map(|(_, name)| name.as_str()) == Some("Work");
        assert_eq!(in_work, n.is_multiple_of(2), "{}", t.title);
    }
    let trash = s.trash_page(None, Page::default()).unwrap();
    let titles: Vec<_> = trash.iter().map(|e| e.title.clone()).collect();
    let expected: Vec<_> = (0..130)
        .filter(|i| i % 5 == 0)
        .map(|i| format!("new {i}"))
        .collect();
    assert_eq!(titles, expected);
    assert_eq!(s.count_trash(None, "").unwrap(), 26);
}

#[test]
fn ids_that_are_not_ids_are_refused_and_a_full_id_counter_imports_nothing() {
    let source = TempDb::new();
    let mut src = source.open();
    for t in ["a", "b", "c"] {
        src.add_todo(t, None, at(T0)).unwrap();
    }
    let doc = softly::backup::to_document(&src.dump(at(T0)).unwrap(), at(T0), None);
    let text = serde_json::to_string(&doc).unwrap();
    for bad in ["0", "-3", "9007199254740993"] {
        let edited = text.replacen("\"id\":2,", &format!("\"id\":{bad},"), 1);
        assert_ne!(edited, text);
        let err = softly::backup::parse(&edited).unwrap_err().to_string();
        assert!(err.starts_with("todos[1].id: "), "{err}");
    }
    // A table whose id counter is nearly at its end cannot take the file's ids past it.
    let db = TempDb::new();
    let mut s = db.open();
    s.add_todo("here", None, at(T0)).unwrap();
    {
        let conn = rusqlite::Connection::open(db.path()).unwrap();
        conn.execute(
            "UPDATE sqlite_sequence SET seq = 9223372036854775806 WHERE name = 'todos'",
            [],
        )
        .unwrap();
    }
    let rows = softly::backup::parse(&text).unwrap();
    let err = s.import(&rows, at(T0)).unwrap_err();
    assert!(matches!(err, StoreError::IdsExhausted("todos")), "{err}");
    assert_eq!(titles(&s, TodoScope::All), ["here"], "nothing was imported");
}

#[test]
fn a_big_import_into_a_used_database_keeps_schema_counts_and_order() {
    use softly::store::rows::{EntryRow, ListRow, Rows, TodoRow};
    let db = TempDb::new();
    let mut s = db.open();
    s.add_todo("already here", None, at(T0)).unwrap();
    let schema = |s: &Store| -> Vec<(String, String)> {
        let conn = rusqlite::Connection::open(s.path()).unwrap();
        let mut stmt = conn
            .prepare("SELECT name, coalesce(sql, '') FROM sqlite_schema ORDER BY name")
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    let before = schema(&s);
    // Big enough for the bulk path (indexes built after the rows), with every kind of row.
    let n = 12_000;
    let mut rows = Rows::default();
    rows.lists.push(ListRow {
        id: 1,
        name: "Work".into(),
        position: 1,
        created_at: T0 - DAY,
        trash_entry: None,
    });
    for i in 0..n {
        let id = i as i64 + 1;
        let trashed = i % 4 == 3;
        if trashed {
            rows.entries.push(EntryRow {
                id,
                kind: "todo".into(),
                deleted_at: T0 - DAY,
            });
        }
        rows.todos.push(TodoRow {
            id,
            title: format!("imported {i}"),
            list: (i % 2 == 0).then_some(1),
            list_erased: false,
            done: i % 3 == 0,
            position: id,
            created_at: T0 - DAY,
            trash_entry: trashed.then_some(id),
        });
    }
    s.import(&rows, at(T0)).unwrap();
    assert_eq!(
        schema(&s),
        before,
        "every index is back, exactly as the schema has it"
    );
    let conn = rusqlite::Connection::open(db.path()).unwrap();
    let ok: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
    // The import skips SQLite's per-row reference checks; every reference must hold anyway.
    let dangling: i64 = conn
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(dangling, 0);
    // Counts kept by the triggers equal the real ones.
    let live = |list: &str| -> (i64, i64) {
        conn.query_row(
            &format!(
                "SELECT count(*), coalesce(sum(NOT done), 0) FROM todos
                 WHERE trash_entry_id IS NULL AND list_id {list}"
            ),
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap()
    };
    assert_eq!(s.inbox_counts().unwrap(), live("IS NULL"));
    let work = s
        .live_lists()
        .unwrap()
        .into_iter()
        .find(|l| l.name == "Work")
        .unwrap();
    assert_eq!((work.todos, work.open), live("IS NOT NULL"));
    // The Inbox keeps its order: what was there first, then the imported ones in order.
    let inbox = titles(&s, TodoScope::Inbox);
    assert_eq!(inbox[0], "already here");
    assert_eq!(inbox[1], "imported 1");
    assert_eq!(inbox.last().unwrap(), &format!("imported {}", n - 3));
    assert_eq!(s.trash_count().unwrap(), (n / 4) as i64);
}
