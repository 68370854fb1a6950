//! The `list` commands and `lists`: names kept as typed, the reserved Inbox.

use super::*;

#[test]
fn lists_shows_counts_and_json_has_the_stable_keys() {
    let s = Softly::new();
    s.ok(&["list", "add", "Work"]);
    s.ok(&["list", "add", "Home"]);
    s.ok(&["add", "a", "--list", "Work"]);
    s.ok(&["add", "b", "--list", "Work"]);
    s.ok(&["add", "c"]);
    s.ok(&["rm", "2"]);
    assert_eq!(
        s.ok(&["lists"]),
        "ID  TODOS  NAME\n-   1      Inbox\n1   1      Work\n2   0      Home\n"
    );
    // The Inbox first, as in the table, with no id.
    let v = s.json(&["lists", "--json"]);
    assert_eq!(v.as_array().unwrap().len(), 3);
    assert_eq!(keys(&v[0]), ["id", "name", "todos"]);
    assert_eq!(
        (
            v[0]["id"].clone(),
            v[0]["name"].clone(),
            v[0]["todos"].clone()
        ),
        (Value::Null, "Inbox".into(), 1.into())
    );
    assert_eq!(
        (
            v[1]["id"].clone(),
            v[1]["name"].clone(),
            v[1]["todos"].clone()
        ),
        (1.into(), "Work".into(), 1.into())
    );
}

#[test]
fn list_add_rename_and_rm() {
    let s = Softly::new();
    assert_eq!(s.ok(&["list", "add", "Groceries"]), "1\n");
    assert_one_error_line(
        &s.fails(1, &["list", "add", " groceries "]),
        "a list named 'Groceries' already exists",
    );
    assert_eq!(
        s.ok(&["list", "rename", "groceries", "Shopping"]),
        "Renamed list 'Groceries' to 'Shopping'.\n"
    );
    s.ok(&["add", "milk", "--list", "Shopping"]);
    s.ok(&["add", "eggs", "--list", "Shopping"]);
    assert_eq!(s.ok(&["list", "rm", "shopping"]), "1\n");
    assert_eq!(
        s.json(&["lists", "--json"]).as_array().unwrap().len(),
        1,
        "the Inbox"
    );
    let trash = s.json(&["trash", "--json"]);
    assert_eq!(trash[0]["kind"], "list");
    assert_eq!(trash[0]["title"], "Shopping");
    assert_eq!(trash[0]["todos"], 2);
    // A list in the Trash does not block a new one of the same name.
    assert_eq!(s.ok(&["list", "add", "Shopping"]), "2\n");
}

/// A list is found by the very name it was made with, whatever creation cleaned out of it
/// (tabs, line breaks, control and bidi characters).
#[test]
fn a_list_is_found_by_the_name_it_was_created_with() {
    for typed in [
        "Work\tStuff",
        "Work\nStuff",
        "\u{202E}Work Stuff",
        "Work\u{1} Stuff",
    ] {
        let s = Softly::new();
        s.ok(&["list", "add", typed]);
        s.ok(&["add", "x", "--list", typed]);
        let shown = s.json(&["ls", "--list", typed, "--json"]);
        assert_eq!(shown[0]["title"], "x", "{typed:?}");
        s.ok(&["mv", "1", "--inbox"]);
        s.ok(&["mv", "1", "--list", typed]);
        s.ok(&["list", "rename", typed, "Renamed"]);
        s.ok(&["list", "rm", "renamed"]);
    }
}

/// "Inbox" (any case or spacing) is the built-in Inbox: no list takes the name, and
/// `--list inbox` means the Inbox wherever a list is named.
#[test]
fn the_inbox_name_is_reserved_and_means_the_inbox() {
    let s = Softly::new();
    for name in ["Inbox", " inbox ", "INBOX\t"] {
        let err = s.fails(1, &["list", "add", name]);
        assert_one_error_line(&err, "'Inbox' is the built-in Inbox");
    }
    s.ok(&["list", "add", "Work"]);
    let err = s.fails(1, &["list", "rename", "Work", "inbox"]);
    assert_one_error_line(&err, "'Inbox' is the built-in Inbox");
    for doing in ["renamed", "deleted"] {
        let args: &[&str] = if doing == "renamed" {
            &["list", "rename", "inbox", "Mine"]
        } else {
            &["list", "rm", "inbox"]
        };
        let err = s.fails(1, args);
        assert_one_error_line(
            &err,
            &format!("the Inbox is built in and cannot be {doing}"),
        );
    }
    s.ok(&["add", "in no list", "--list", "inbox"]);
    s.ok(&["add", "at work", "--list", "work"]);
    s.ok(&["mv", "2", "--list", "INBOX"]);
    let inbox = s.json(&["ls", "--list", "inbox", "--json"]);
    assert_eq!(inbox.as_array().unwrap().len(), 2);
    assert!(inbox[0]["list"].is_null() && inbox[1]["list"].is_null());
    assert_eq!(s.json(&["lists", "--json"]).as_array().unwrap().len(), 2);
    // A list of that name from elsewhere (an old export) comes in renamed, as a clash would.
    let file = s.dir.path().join("old.json");
    std::fs::write(
        &file,
        r#"{"format": "softly-export", "version": 1, "exported_at": "2026-11-26T12:00:00Z",
            "lists": [{"id": 1, "name": "INBOX", "position": 1,
                       "created_at": "2026-11-26T12:00:00Z", "trash_entry": null}],
            "todos": [], "trash": []}"#,
    )
    .unwrap();
    let out = s.ok(&["import", file.to_str().unwrap()]);
    assert!(
        out.contains("List 'INBOX' renamed 'INBOX (restored)'"),
        "{out}"
    );
}
