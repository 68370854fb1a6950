//! Tags, notes, recurrence, batches and pins through the binary (issue 13's CLI).

use super::*;

fn titles(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|t| t["title"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn ls_narrows_by_tag_search_and_done_state() {
    let s = Softly::new();
    s.ok(&["add", "buy milk #errands"]);
    s.ok(&["add", "call the bank #Errands #phone"]);
    s.ok(&[
        "add",
        "plan the trip",
        "--note",
        "book the ferry\nand a hotel",
    ]);
    s.ok(&["add", "renew passport #errands"]);
    s.ok(&["done", "4"]);
    // Open todos by default; --done only the done ones; --all both.
    assert_eq!(
        titles(&s.json(&["ls", "--json"])),
        [
            "buy milk #errands",
            "call the bank #Errands #phone",
            "plan the trip"
        ]
    );
    assert_eq!(
        titles(&s.json(&["ls", "--done", "--json"])),
        ["renew passport #errands"]
    );
    assert_eq!(
        s.json(&["ls", "--all", "--json"]).as_array().unwrap().len(),
        4
    );
    // A tag in any case, with or without its #.
    assert_eq!(
        titles(&s.json(&["ls", "--tag", "#ERRANDS", "--json"])),
        ["buy milk #errands", "call the bank #Errands #phone"]
    );
    assert_eq!(
        titles(&s.json(&["ls", "--tag", "errands", "--all", "--json"])).len(),
        3
    );
    assert_eq!(
        s.json(&["ls", "--tag", "err", "--json"]),
        Value::Array(vec![])
    );
    // Search reads titles and notes.
    assert_eq!(
        titles(&s.json(&["ls", "--search", "FERRY", "--json"])),
        ["plan the trip"]
    );
    assert_eq!(
        titles(&s.json(&["ls", "--search", "bank", "--json"])),
        ["call the bank #Errands #phone"]
    );
    let noted = &s.json(&["ls", "--search", "ferry", "--json"])[0];
    assert_eq!(noted["note"], "book the ferry\nand a hotel");
    assert_eq!(noted["tags"], serde_json::json!([]));
    // The table marks a todo with a note.
    assert!(s.ok(&["ls", "--tag", "phone"]).contains("call the bank"));
}

#[test]
fn a_note_is_cleaned_kept_in_lines_and_cleared_by_an_empty_one() {
    let s = Softly::new();
    s.ok(&[
        "add",
        "a",
        "--note",
        "\n  first\t line  \r\nsecond\u{1b}[31m\n\n",
    ]);
    assert_eq!(
        s.json(&["ls", "--json"])[0]["note"],
        "  first  line\nsecond[31m"
    );
    assert_eq!(
        s.ok(&["edit", "1", "--note", ""]),
        "Todo 1 is now 'a', with no note.\n"
    );
    assert_eq!(s.json(&["ls", "--json"])[0]["note"], Value::Null);
    // From standard input.
    let mut cmd = s.command(&["edit", "1", "--note", "-"]);
    cmd.stdin(Stdio::piped()).stdout(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    std::io::Write::write_all(child.stdin.as_mut().unwrap(), b"from a pipe\nline two\n").unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    assert_eq!(
        s.json(&["ls", "--json"])[0]["note"],
        "from a pipe\nline two"
    );
    // Too long: refused, and the note stays.
    let long = "x".repeat(10_001);
    let err = s.fails(1, &["edit", "1", "--note", &long]);
    assert_one_error_line(
        &err,
        "the note is too long: 10001 characters, at most 10000",
    );
    assert_eq!(
        s.json(&["ls", "--json"])[0]["note"],
        "from a pipe\nline two"
    );
}

#[test]
fn ticking_a_recurring_todo_done_makes_the_next_one_and_keeps_the_done_one() {
    // Thursday 2026-11-26, 12:00 UTC.
    let s = Softly::new();
    assert_eq!(
        s.ok(&["add", "water plants", "--due", "today", "--every", "3 days"]),
        "1\n"
    );
    assert_eq!(
        s.ok(&["done", "1"]),
        "Marked todo 1 done.\nTodo 1 comes back as todo 2, due Sun.\n"
    );
    let all = s.json(&["ls", "--all", "--json"]);
    assert_eq!(all[0]["done"], true);
    assert_eq!(all[0]["every"], Value::Null, "the recurrence moved on");
    assert_eq!(all[1]["title"], "water plants");
    assert_eq!(all[1]["due"], "2026-11-29T23:59:59.999Z");
    assert_eq!(all[1]["every"], "3 days");
    // Unticking and ticking the old one again makes no second one.
    s.ok(&["undone", "1"]);
    assert_eq!(s.ok(&["done", "1"]), "Marked todo 1 done.\n");
    // Ticked a week late, a daily todo comes back due today or later, not overdue.
    let s = Softly::new();
    s.ok(&[
        "add",
        "stretch",
        "--due",
        "2026-11-19 08:00",
        "--every",
        "day",
    ]);
    assert_eq!(
        s.ok(&["done", "1"]),
        "Marked todo 1 done.\nTodo 1 comes back as todo 2, due tomorrow 08:00.\n"
    );
    // Deleting one does not make the next.
    s.ok(&["rm", "2"]);
    assert_eq!(
        s.json(&["ls", "--all", "--json"]).as_array().unwrap().len(),
        1
    );
}

#[test]
fn a_recurrence_needs_a_due_date_and_words_softly_knows() {
    let s = Softly::new();
    let err = s.fails(1, &["add", "x", "--every", "week"]);
    assert_one_error_line(&err, "a recurring todo needs a due date");
    let err = s.fails(1, &["add", "x", "--due", "fri", "--every", "fortnightly"]);
    assert_one_error_line(&err, "--every: 'fortnightly' is not a recurrence");
    s.ok(&["add", "x", "--due", "fri", "--every", "weekday"]);
    let err = s.fails(1, &["edit", "1", "--due", "none"]);
    assert_one_error_line(&err, "a recurring todo needs a due date");
    assert_eq!(
        s.ok(&["edit", "1", "--due", "none", "--every", "none"]),
        "Todo 1 is now 'x', with no due date, not recurring.\n"
    );
    assert_eq!(
        s.json(&["ls", "--all", "--json"]).as_array().unwrap().len(),
        1
    );
}

#[test]
fn rm_batch_makes_one_entry_restored_together() {
    let s = Softly::new();
    s.ok(&["list", "add", "Groceries"]);
    s.ok(&["add", "eggs", "--list", "Groceries"]);
    s.ok(&["add", "call mom"]);
    s.ok(&["add", "bread", "--list", "Groceries", "--due", "fri"]);
    assert_eq!(s.ok(&["rm", "--batch", "1", "2", "3"]), "1\n");
    let trash = s.json(&["trash", "--json"]);
    assert_eq!(trash.as_array().unwrap().len(), 1);
    assert_eq!(trash[0]["todos"], 3);
    assert_eq!(trash[0]["from_list"], "Groceries");
    assert!(s.ok(&["trash"]).contains("eggs"));
    s.ok(&["restore", "1"]);
    let back = s.json(&["ls", "--json"]);
    assert_eq!(titles(&back), ["call mom", "eggs", "bread"]);
    assert_eq!(back[1]["list"], "Groceries");
    // All or nothing: one unknown id moves none.
    let err = s.fails(1, &["rm", "--batch", "1", "99"]);
    assert_one_error_line(&err, "no todo with id 99");
    assert_eq!(s.json(&["ls", "--json"]).as_array().unwrap().len(), 3);
}

#[test]
fn clear_done_moves_the_done_todos_of_a_list_into_one_entry() {
    let s = Softly::new();
    s.ok(&["list", "add", "Work"]);
    s.ok(&["add", "report", "--list", "Work"]);
    s.ok(&["add", "slides", "--list", "Work"]);
    s.ok(&["add", "inbox thing"]);
    s.ok(&["done", "1", "2", "3"]);
    assert_eq!(
        s.ok(&["clear-done", "--list", "work"]),
        "Moved 2 done todos to the Trash as entry 1 (restore them together with `softly restore 1`).\n"
    );
    assert_eq!(titles(&s.json(&["ls", "--all", "--json"])), ["inbox thing"]);
    assert_eq!(
        s.ok(&["clear-done", "--list", "Work"]),
        "No done todos here; nothing was moved.\n"
    );
    s.ok(&["clear-done"]);
    assert_eq!(s.json(&["ls", "--all", "--json"]), Value::Array(vec![]));
    assert_eq!(s.json(&["trash", "--json"]).as_array().unwrap().len(), 2);
}

#[test]
fn a_pinned_entry_outlives_retention_and_goes_once_unpinned() {
    let s = Softly::new();
    s.ok(&["add", "keep me"]);
    s.ok(&["add", "let me go"]);
    s.ok(&["rm", "1", "2"]);
    assert_eq!(
        s.ok(&["pin", "1"]),
        "Pinned 1 entry: kept until unpinned, whatever the retention.\n"
    );
    assert_eq!(s.ok(&["pin", "1"]), "Already pinned; nothing changed.\n");
    let trash = s.json(&["trash", "--json"]);
    assert_eq!(
        (trash[0]["pinned"].clone(), trash[0]["purge_at"].clone()),
        (Value::Bool(true), Value::Null)
    );
    assert!(s.ok(&["trash"]).contains("kept"));
    // Forty days on, the purge passes the pinned entry by.
    let s = s.at("2027-01-05T12:00:00Z");
    let trash = s.json(&["trash", "--json"]);
    assert_eq!(trash.as_array().unwrap().len(), 1);
    assert_eq!(trash[0]["title"], "keep me");
    // Emptying the Trash keeps it too; unpinning lets the purge take it at once.
    s.ok(&["empty-trash", "--yes"]);
    assert_eq!(s.json(&["trash", "--json"]).as_array().unwrap().len(), 1);
    let said = s.ok(&["unpin", "1"]);
    assert!(said.starts_with("Unpinned 1 entry"), "{said}");
    assert!(said.contains("Purged 1 trash entry"), "{said}");
    assert_eq!(s.json(&["trash", "--json"]), Value::Array(vec![]));
    let err = s.fails(1, &["pin", "7"]);
    assert_one_error_line(&err, "no trash entry with id 7");
}

/// Promise: a monthly series keeps its day through short months (Jan 31, Feb 28, Mar 31,
/// Apr 30), and an undone tick keeps it too.
#[test]
fn a_monthly_series_keeps_its_anchor_day() {
    let s = Softly::new().at("2027-01-30T12:00:00Z");
    s.ok(&["add", "pay rent", "--due", "2027-01-31", "--every", "month"]);
    let due_of_open = |s: &Softly| -> String {
        let todos = s.json(&["ls", "--json"]);
        let open: Vec<&Value> = todos
            .as_array()
            .unwrap()
            .iter()
            .filter(|t| t["done"] == false)
            .collect();
        assert_eq!(open.len(), 1, "{todos}");
        open[0]["due"].as_str().unwrap()[..10].to_string()
    };
    let mut days = Vec::new();
    for _ in 0..3 {
        let open = s.json(&["ls", "--json"]);
        let id = open
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["done"] == false)
            .unwrap()["id"]
            .to_string();
        s.ok(&["done", &id]);
        days.push(due_of_open(&s));
    }
    assert_eq!(days, ["2027-02-28", "2027-03-31", "2027-04-30"]);
}
