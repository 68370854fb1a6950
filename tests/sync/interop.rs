//! Other apps' todos through softly, on a real server: what they wrote comes back byte for
//! byte after an unrelated edit in softly; a cancelled todo stays cancelled; categories
//! keep their spelling out of the title; a todo made here and deleted elsewhere is seen
//! deleted (even where the server leaves it out of its listing).

use super::*;
use common::ical::{client_fixtures, kept_byte_for_byte};

/// The resource the server holds for `uid`, byte for byte as it sends it.
fn server_text(server: &DavServer, uid: &str) -> String {
    server.phone(&["raw", uid]).as_str().unwrap().to_string()
}

fn uid_in(text: &str) -> String {
    let unfolded = text.replace("\r\n ", "");
    unfolded
        .lines()
        .find_map(|l| l.strip_prefix("UID:"))
        .unwrap()
        .trim()
        .to_string()
}

fn other_apps_todos_come_back_byte_for_byte(kind: Kind) {
    let server = DavServer::start_kind(kind);
    let a = device(&server, "2026-12-01T12:00:00Z");
    a.ok(&["sync"]);
    let fixtures = client_fixtures();
    for (_, text) in &fixtures {
        server.phone_with_input(&["put", "Inbox"], text);
    }
    a.ok(&["sync"]);
    let befores: Vec<(String, String)> = fixtures
        .iter()
        .map(|(_, text)| {
            let uid = uid_in(text);
            (uid.clone(), server_text(&server, &uid))
        })
        .collect();
    for todo in todos(&a) {
        let id = todo["id"].to_string();
        let title = format!("{} (edited)", todo["title"].as_str().unwrap());
        a.ok(&["edit", &id, "--title", &title]);
    }
    let said = a.ok(&["sync"]);
    assert!(
        said.contains(&format!("{} todos sent", fixtures.len())),
        "{said}"
    );
    for (uid, before) in befores {
        let after = server_text(&server, &uid);
        assert!(after.contains("(edited)"), "{after}");
        kept_byte_for_byte(&before, &after, &["SUMMARY"]);
    }
}

fn a_cancelled_todo_stays_cancelled_and_never_counts_as_open(kind: Kind) {
    let server = DavServer::start_kind(kind);
    let a = device(&server, "2026-12-01T12:00:00Z");
    a.ok(&["sync"]);
    let cancelled = PHONE_TODO.replace("PRIORITY:5\r\n", "PRIORITY:5\r\nSTATUS:CANCELLED\r\n");
    server.phone_with_input(&["put", "Inbox"], &cancelled);
    a.ok(&["sync"]);
    assert!(
        a.ok(&["ls"]).contains("No todos here"),
        "not listed as open"
    );
    let all = todos(&a);
    assert_eq!(
        (&all[0]["done"], &all[0]["cancelled"]),
        (&serde_json::json!(false), &serde_json::json!(true))
    );
    assert!(
        a.ok(&["ls", "--all"]).contains("cancelled"),
        "shown with the word"
    );
    let id = all[0]["id"].to_string();
    a.ok(&["edit", &id, "--title", "Renew passport (no need)"]);
    a.ok(&["sync"]);
    let phone = server.todos();
    assert_eq!(phone[0]["status"], "CANCELLED", "never reopened by an edit");
}

fn categories_keep_their_spelling_and_stay_out_of_the_title(kind: Kind) {
    let server = DavServer::start_kind(kind);
    let a = device(&server, "2026-12-01T12:00:00Z");
    let b = device(&server, "2026-12-01T12:00:00Z");
    a.ok(&["sync"]);
    let tagged = PHONE_TODO.replace("CATEGORIES:admin", "CATEGORIES:Work Stuff,Home & Garden");
    server.phone_with_input(&["put", "Inbox"], &tagged);
    a.ok(&["sync"]);
    let todo = &todos(&a)[0];
    assert_eq!(todo["title"], "Renew passport");
    assert_eq!(
        todo["tags"],
        serde_json::json!(["Home & Garden", "Work Stuff"])
    );
    let id = todo["id"].to_string();
    a.ok(&["edit", &id, "--priority", "high"]);
    a.ok(&["sync"]);
    let text = server_text(&server, "phone-1@example.com");
    assert!(
        text.contains("CATEGORIES:Work Stuff,Home & Garden\r\n"),
        "{text}"
    );
    assert!(text.contains("SUMMARY:Renew passport\r\n"), "{text}");
    b.ok(&["sync"]);
    assert_eq!(
        todos(&b)[0]["tags"],
        todo["tags"],
        "and on the other machine"
    );
    assert_eq!(
        b.ok(&["ls", "--json", "--tag", "work-stuff"])
            .matches("\"id\"")
            .count(),
        1
    );
}

fn a_todo_made_here_and_deleted_elsewhere_is_seen_deleted(kind: Kind) {
    let server = DavServer::start_kind(kind);
    let a = device(&server, "2026-12-01T12:00:00Z");
    let b = device(&server, "2026-12-01T12:05:00Z");
    let said = made_here_deleted_there(&a, &b);
    assert!(
        said.contains("1 todo moved to the Trash: deleted on another device"),
        "{said}"
    );
    assert!(todos(&a).is_empty());
}

on_both_servers!(
    other_apps_todos_come_back_byte_for_byte,
    a_cancelled_todo_stays_cancelled_and_never_counts_as_open,
    categories_keep_their_spelling_and_stay_out_of_the_title,
    a_todo_made_here_and_deleted_elsewhere_is_seen_deleted,
);
