//! Lists and todos: adding, editing, marking done, moving, ordering.

use super::*;

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
        s.set_done(&[a, missing, b], true, at(T0)),
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
    let err = s.set_done(&[a], true, at(T0)).unwrap_err();
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

/// The time a todo was done is kept while it is done, from a tick or a recurring one's,
/// and goes when it is undone; an export carries it and an import keeps it.
#[test]
fn when_a_todo_was_done_is_kept_while_it_is_done_and_travels_with_an_export() {
    let db = TempDb::new();
    let mut s = db.open();
    let a = s.add_todo("a", None, at(T0)).unwrap();
    let b = s.add_todo("b", None, at(T0)).unwrap();
    let done_at = |s: &Store, id: TodoId| -> Option<i64> {
        s.dump(at(T0))
            .unwrap()
            .todos
            .iter()
            .find(|t| t.id == id.0)
            .unwrap()
            .done_at
    };
    s.set_done(&[a], true, at(T0 + 5)).unwrap();
    assert_eq!(done_at(&s, a), Some(T0 + 5));
    s.set_done(&[a], true, at(T0 + 9)).unwrap();
    assert_eq!(
        done_at(&s, a),
        Some(T0 + 5),
        "already done: the first time stays"
    );
    s.mark_done(&[b], at(T0 + 7), &jiff::tz::TimeZone::UTC)
        .unwrap();
    assert_eq!(done_at(&s, b), Some(T0 + 7));
    s.set_done(&[a], false, at(T0 + 11)).unwrap();
    assert_eq!(done_at(&s, a), None);
    let copy_db = TempDb::new();
    let mut copy = copy_db.open();
    let text = serde_json::to_string(&softly::backup::to_document(
        &s.dump(at(T0)).unwrap(),
        at(T0),
        None,
    ))
    .unwrap();
    assert!(text.contains("\"done_at\":\""), "{text}");
    copy.import(&softly::backup::parse(&text).unwrap(), at(T0))
        .unwrap();
    assert_eq!(done_at(&copy, b), Some(T0 + 7));
    assert_eq!(done_at(&copy, a), None);
    // A time it was done, on a todo that is not: refused by name.
    let bad = text.replacen(
        "\"done\":false",
        "\"done\":false,\"done_at\":\"2026-11-01T00:00:00Z\"",
        1,
    );
    let err = softly::backup::parse(&bad).unwrap_err().to_string();
    assert!(err.contains("done_at: a todo that is not done"), "{err}");
}
