//! Keyset pages and filters, and the writes that exist for the app's undo.

use super::*;

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
    s.set_done(&ids[0..5], true, at(T0)).unwrap();
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
