//! The Trash commands: `trash`, `restore`, `erase` and `empty-trash`, with the question asked
//! on a real terminal.

use super::*;

#[test]
fn trash_lists_entries_soonest_purge_first_with_relative_times() {
    let s = Softly::new();
    s.ok(&["add", "old"]);
    s.ok(&["add", "new"]);
    s.ok(&["rm", "1"]);
    let s = s.at("2026-12-01T12:00:00Z");
    assert_eq!(s.ok(&["rm", "2"]), "2\n");
    let s = s.at("2026-12-04T12:00:00Z");
    assert_eq!(
        s.ok(&["trash"]),
        "ENTRY  KIND  TODOS  DELETED  PURGES      TITLE\n\
         1      todo  1      Nov 26   in 22 days  old\n\
         2      todo  1      3d ago   in 27 days  new\n"
    );
}

#[test]
fn trash_json_has_the_stable_keys_and_purge_at_follows_retention() {
    let s = Softly::new();
    s.ok(&["add", "a"]);
    s.ok(&["rm", "1"]);
    let v = s.json(&["trash", "--json"]);
    assert_eq!(
        keys(&v[0]),
        [
            "cause",
            "deleted_at",
            "due",
            "entry",
            "from_list",
            "kind",
            "pinned",
            "purge_at",
            "title",
            "todos"
        ]
    );
    assert_eq!(v[0]["entry"], 1);
    assert_eq!(v[0]["kind"], "todo");
    assert_eq!(v[0]["title"], "a");
    assert_eq!(v[0]["todos"], 1);
    assert_eq!(v[0]["deleted_at"], "2026-11-26T12:00:00.000Z");
    assert_eq!(v[0]["purge_at"], "2026-12-26T12:00:00.000Z");
    let v = s.json(&["--retention", "12h", "trash", "--json"]);
    assert_eq!(v[0]["purge_at"], "2026-11-27T00:00:00.000Z");
    let v = s.json(&["--retention", "never", "trash", "--json"]);
    assert_eq!(v[0]["purge_at"], Value::Null);
    assert!(s.ok(&["--retention", "never", "trash"]).contains("kept"));
}

/// A time ahead of the clock (the clock was set back since) reads "in …", so a clock that
/// went back is visible rather than passing for "just now".
#[test]
fn times_ahead_of_the_clock_say_so() {
    let s = Softly::new().at("2026-12-04T13:00:00Z");
    s.ok(&["add", "from the future"]);
    s.ok(&["add", "deleted in the future"]);
    s.ok(&["rm", "2"]);
    let s = s.at("2026-12-01T12:00:00Z");
    let ls = s.ok(&["ls"]);
    assert!(ls.contains("in 3d    from the future"), "{ls}");
    let trash = s.ok(&["trash"]);
    assert!(trash.contains("in 3d"), "{trash}");
}

#[test]
fn an_empty_trash_says_how_long_things_stay() {
    let s = Softly::new();
    assert_eq!(
        s.ok(&["trash"]),
        "The Trash is empty. Deleted items stay here for 30 days.\n"
    );
}

#[test]
fn restore_says_where_each_entry_went() {
    let s = Softly::new();
    s.ok(&["list", "add", "Groceries"]);
    s.ok(&["add", "milk", "--list", "Groceries"]);
    s.ok(&["add", "bread", "--list", "Groceries"]);
    s.ok(&["add", "call mom"]);
    s.ok(&["rm", "1", "3"]); // entries 1 (milk) and 2 (call mom)
    s.ok(&["list", "rm", "Groceries"]); // entry 3, with bread
    s.ok(&["list", "add", "groceries"]);
    assert_eq!(
        s.ok(&["restore", "2", "1", "3"]),
        "Restored todo 'call mom' to the Inbox.\n\
         Restored todo 'milk' to the Inbox: its list 'Groceries' is in the Trash.\n\
         Restored list 'Groceries' with 1 todo as 'Groceries (restored)': a live list already has its name.\n"
    );
    // The restored list takes its old place, before the newer list.
    let lists = s.json(&["lists", "--json"]);
    assert_eq!(lists[1]["name"], "Groceries (restored)");
    assert_eq!(lists[1]["todos"], 1);
    assert_eq!(lists[2]["name"], "groceries");
}

#[test]
fn erase_without_a_terminal_or_yes_refuses_and_changes_nothing() {
    let s = Softly::new();
    s.ok(&["add", "a"]);
    s.ok(&["rm", "1"]);
    let err = s.fails(1, &["erase", "1"]);
    assert_one_error_line(&err, "pass --yes");
    let err = s.fails(1, &["empty-trash"]);
    assert_one_error_line(&err, "pass --yes");
    assert_eq!(s.json(&["trash", "--json"]).as_array().unwrap().len(), 1);
    assert_eq!(s.json(&["log", "--json"]), Value::Array(vec![]));
}

#[test]
fn erase_with_yes_erases_and_logs() {
    let s = Softly::new();
    s.ok(&["list", "add", "L"]);
    s.ok(&["add", "a", "--list", "L"]);
    s.ok(&["add", "b"]);
    s.ok(&["rm", "2"]);
    s.ok(&["list", "rm", "L"]);
    assert_eq!(
        s.ok(&["erase", "2", "--yes"]),
        "Erased 1 entry (1 todo, 1 list).\n"
    );
    let log = s.json(&["log", "--json"]);
    assert_eq!(log.as_array().unwrap().len(), 1);
    assert_eq!(
        keys(&log[0]),
        ["at", "entries", "lists", "reason", "todos", "trigger"]
    );
    assert_eq!(log[0]["reason"], "erase");
    assert_eq!(log[0]["trigger"], "manual");
    assert_eq!(log[0]["at"], "2026-11-26T12:00:00.000Z");
    assert_eq!(
        (
            log[0]["entries"].clone(),
            log[0]["todos"].clone(),
            log[0]["lists"].clone()
        ),
        (1.into(), 1.into(), 1.into())
    );
    assert_eq!(
        s.ok(&["empty-trash", "--yes"]),
        "Emptied the Trash: erased 1 entry (1 todo, 0 lists).\n"
    );
    assert_eq!(
        s.ok(&["empty-trash", "--yes"]),
        "The Trash is already empty.\n"
    );
    let log = s.ok(&["log"]);
    assert_eq!(
        log,
        "AT                REASON  TRIGGER  ENTRIES  TODOS  LISTS  CUTOFF\n\
         2026-11-26 12:00  erase   manual   1        1      1      -\n\
         2026-11-26 12:00  empty   manual   1        1      0      -\n"
    );
}

#[test]
fn erase_on_a_terminal_asks_and_only_yes_erases() {
    let s = Softly::new();
    s.ok(&["list", "add", "Groceries"]);
    s.ok(&["add", "milk", "--list", "Groceries"]);
    s.ok(&["add", "call mom"]);
    s.ok(&["rm", "2"]);
    s.ok(&["list", "rm", "Groceries"]);

    let (code, text) = answer_in_a_terminal(&s, &["erase", "1", "2"], "\r");
    assert!(
        text.contains(
            "Erase todo 'call mom', list 'Groceries' with 1 todo forever? This cannot be undone. [y/N]"
        ),
        "{text}"
    );
    // No is an answer, not a failure: it says so on stdout and exits 0.
    assert_eq!(code, 0, "the default answer is no: {text}");
    assert!(text.contains("Cancelled; nothing was erased."), "{text}");
    assert_eq!(s.json(&["trash", "--json"]).as_array().unwrap().len(), 2);

    let (code, text) = answer_in_a_terminal(&s, &["erase", "1"], "y\r");
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("Erased 1 entry (1 todo, 0 lists)."), "{text}");

    let (code, text) = answer_in_a_terminal(&s, &["empty-trash"], "yes\r");
    assert_eq!(code, 0, "{text}");
    assert!(
        text.contains("Erase the 1 entry in the Trash (1 todo)"),
        "{text}"
    );
    assert_eq!(s.json(&["trash", "--json"]), Value::Array(vec![]));
}

#[test]
fn emptying_the_trash_counts_only_what_it_erases_and_names_the_pinned_that_stay() {
    let s = Softly::new();
    s.ok(&["add", "keep me"]);
    s.ok(&["add", "let me go"]);
    s.ok(&["rm", "1"]);
    s.ok(&["rm", "2"]);
    s.ok(&["pin", "1"]);
    let (code, text) = answer_in_a_terminal(&s, &["empty-trash"], "y\r");
    assert_eq!(code, 0, "{text}");
    assert!(
        text.contains(
            "Erase the 1 entry in the Trash (1 todo) forever? 1 pinned entry stays. This cannot be undone."
        ),
        "{text}"
    );
    assert!(text.contains("erased 1 entry (1 todo, 0 lists)"), "{text}");
    // Only the pinned one left: said, and nothing asked.
    assert_eq!(
        s.ok(&["empty-trash"]),
        "Nothing to erase: the 1 pinned entry stays (`softly unpin` lets go).\n"
    );
    assert_eq!(s.json(&["trash", "--json"]).as_array().unwrap().len(), 1);
}

/// Promise: on a terminal, `rm` and `list rm` say what they did in a sentence; piped, they
/// print the bare entry id, for scripts.
#[test]
fn rm_says_what_it_did_on_a_terminal_and_prints_the_entry_id_to_a_pipe() {
    let s = Softly::new();
    s.ok(&["add", "a"]);
    s.ok(&["add", "b"]);
    s.ok(&["add", "c"]);
    s.ok(&["list", "add", "Trip"]);
    assert_eq!(s.ok(&["rm", "1"]), "1\n", "piped: the entry id");
    let (code, screen) = in_a_terminal(&s, &["rm", "2"]);
    assert_eq!(code, 0);
    assert!(
        screen.contains("Moved todo 2 to the Trash (entry 2)."),
        "{screen}"
    );
    let (_, screen) = in_a_terminal(&s, &["list", "rm", "Trip"]);
    assert!(
        screen.contains("Moved list 'Trip' to the Trash with its todos (entry 3)."),
        "{screen}"
    );
}
