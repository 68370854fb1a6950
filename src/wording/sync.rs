//! What sync says: on the command line (`softly sync`, `sync status`), in the app's header,
//! and in the Trash beside the entries sync put there.

pub use super::sync_held::held;
use crate::sync::report::Report;
use crate::text::{count, display_safe};

pub const NO_PASSWORD: &str = "no password for sync: set password_command in [sync] (a command that prints it) or the environment variable SOFTLY_SYNC_PASSWORD";

/// The password command failed, and why in a few words: never its command line nor its
/// output, which may hold the secret.
pub fn password_command_failed(why: &str) -> String {
    format!("the password command (password_command in [sync]) {why}")
}

pub fn password_command_too_slow(limit: std::time::Duration) -> String {
    let seconds = limit.as_secs_f64().round().max(1.0) as u64;
    format!(
        "did not finish in {}: it was stopped (a command that asks on a terminal cannot: use an agent)",
        count(seconds as i64, "second")
    )
}

pub fn not_set_up(config: &str) -> String {
    format!(
        "sync is not set up: add a [sync] table with url and username to {config} (see the README's Sync section)"
    )
}

/// A trash entry's cause, as its row shows it.
pub fn trash_cause(cause: &str) -> Option<&'static str> {
    match cause {
        "elsewhere" => Some("deleted on another device"),
        "replaced" => Some("replaced by a newer edit"),
        _ => None,
    }
}

/// What a round moved, a line each; one line when it moved nothing.
pub fn report_lines(r: &Report) -> Vec<String> {
    let would = if r.dry_run { "would be " } else { "" };
    let mut lines = Vec::new();
    let mut say = |n: usize, what: &str, how: &str| {
        if n > 0 {
            lines.push(format!("{} {would}{how}", count(n as i64, what)));
        }
    };
    say(r.received, "todo", "received from the server");
    say(r.sent, "todo", "sent to the server");
    say(
        r.deleted_there,
        "todo",
        "deleted on the server (deleted here)",
    );
    say(
        r.trashed_here,
        "todo",
        "moved to the Trash: deleted on another device",
    );
    say(
        r.replaced,
        "edit",
        "made on both sides: the older version is in the Trash, replaced by a newer edit",
    );
    say(
        r.edits_kept,
        "todo",
        "deleted on one side and edited on the other: kept, with the edit",
    );
    say(r.lists_received, "list", "received from the server");
    say(r.lists_sent, "list", "sent to the server");
    say(
        r.lists_trashed_here,
        "list",
        "moved to the Trash: deleted on another device",
    );
    say(
        r.lists_deleted_there,
        "list",
        "deleted on the server (deleted here)",
    );
    say(
        r.kept_from_deleted_lists,
        "todo",
        "kept, in the Inbox: changed or added here while another device deleted its list",
    );
    say(
        r.lists_renamed_here,
        "list",
        "renamed here: renamed on another device",
    );
    say(
        r.lists_renamed_there,
        "list",
        "renamed on the server: renamed here",
    );
    say(
        r.retry_next_round,
        "change",
        "refused by the server because it changed there meanwhile: tried again next round",
    );
    say(
        r.held_back,
        "change",
        "waiting: the server refused it, or holds a copy softly leaves as it is (softly sync status)",
    );
    say(
        r.partial_listings,
        "list",
        "listed only in part by the server: nothing there was taken as deleted; asked again next round",
    );
    if lines.is_empty() {
        lines.push(if r.dry_run {
            "Nothing would move: in sync.".into()
        } else {
            "In sync: nothing moved.".into()
        });
    }
    for skipped in &r.skipped {
        lines.push(format!("left on the server as it is, unread: {skipped}"));
    }
    for q in &r.refused {
        lines.push(match q.title.is_empty() {
            true => format!("a todo was not sent: {}", q.said),
            false => format!("'{}' was not sent: {}", q.title, q.said),
        });
    }
    for q in &r.kept_unread {
        lines.push(match q.title.is_empty() {
            true => format!("kept as it is, unread, in a todo: {}", q.said),
            false => format!("kept as it is, unread: '{}': {}", q.title, q.said),
        });
    }
    lines
}

/// `sync status`: what softly leaves on the server, until it changes there.
pub fn status_left(left: &[(String, String)]) -> Vec<String> {
    if left.is_empty() {
        return Vec::new();
    }
    let mut lines = vec![format!(
        "{} on the server as it is (until it changes there):",
        count(left.len() as i64, "item")
    )];
    lines.extend(left.iter().map(|(href, why)| format!("  {href}: {why}")));
    lines
}

/// Said after every failed round: what was not sent waits for the next.
pub const NOTHING_LOST: &str = "nothing was lost: what was not sent stays here and goes next time";

pub const NEVER_SYNCED: &str = "Never synced yet: run `softly sync`.";

/// The url and username come from the config file: shown display-safe, like all text from outside.
pub fn status_server(url: &str, username: &str) -> String {
    format!(
        "Server: {} (as {})",
        display_safe(url),
        display_safe(username)
    )
}

/// `ago` as `when::age` says it ("2m", "3d").
pub fn status_last(ago: &str) -> String {
    format!("Last synced {ago}:")
}

/// The stored error may quote the server: shown display-safe.
pub fn status_failed(ago: &str, error: &str) -> String {
    format!("The last round ({ago}) failed: {}", display_safe(error))
}

pub fn status_pending(pending: i64) -> String {
    match pending {
        0 => "Nothing waits to be sent.".into(),
        1 => "1 change waits to be sent.".into(),
        n => format!("{n} changes wait to be sent."),
    }
}

/// The header's words for where sync stands, and how many tasks on the server softly could
/// not read (said until they can be); `None` when sync is off.
pub fn header(
    state: &crate::sync::report::SyncState,
    unread: usize,
    now: jiff::Timestamp,
    zone: &jiff::tz::TimeZone,
) -> Option<String> {
    use crate::sync::report::SyncState;
    let unread = match unread {
        0 => String::new(),
        n => format!(" · {n} unread on the server"),
    };
    let state = match state {
        SyncState::Off => return None,
        SyncState::Syncing => "syncing…".into(),
        SyncState::Synced(at) => format!("synced {}", crate::when::age(*at, now, zone)),
        SyncState::Offline { retry_at } => {
            format!("offline (retrying {})", crate::when::until(*retry_at, now))
        }
        SyncState::Failed(crate::sync::report::Trouble::Held) => {
            "sync held, nothing applied (softly sync status)".into()
        }
        SyncState::Failed(trouble) => format!("sync failed: {}", trouble_words(*trouble)),
    };
    Some(state + &unread)
}

/// The status line once a round finds more tasks on the server it cannot read.
pub fn app_unread(unread: usize) -> String {
    format!(
        "{} on the server could not be read: softly sync status says which and why",
        count(unread as i64, "task")
    )
}

/// The status line after a round in the app that moved something.
pub fn app_status(r: &Report) -> String {
    let mut parts = Vec::new();
    let mut part = |n: usize, what: &str, how: &str| {
        if n > 0 {
            parts.push(format!("{} {how}", count(n as i64, what)));
        }
    };
    part(r.received, "todo", "received");
    part(r.sent, "todo", "sent");
    part(
        r.trashed_here + r.lists_trashed_here,
        "item",
        "deleted on another device (in the Trash)",
    );
    part(r.replaced, "edit", "replaced by a newer one (in the Trash)");
    part(r.edits_kept, "deleted todo", "kept: it was edited");
    part(
        r.kept_from_deleted_lists,
        "todo",
        "kept in the Inbox: its list was deleted elsewhere",
    );
    part(r.lists_renamed_here, "list", "renamed elsewhere");
    format!("Synced: {}", parts.join(", "))
}

/// The status line when a round in the app failed.
pub fn app_failed(error: &str) -> String {
    format!("Sync failed: {error}; {NOTHING_LOST}")
}

fn trouble_words(trouble: crate::sync::report::Trouble) -> &'static str {
    use crate::sync::report::Trouble;
    match trouble {
        Trouble::SignIn => "the server refused the password",
        Trouble::Password => "no password",
        Trouble::Settings => "check [sync] in the config",
        Trouble::Certificate => "its certificate is not trusted",
        Trouble::Server => "the server's answer (softly sync status)",
        Trouble::Database => "the database (softly sync status)",
        Trouble::Held => "held",
    }
}

/// A round that ended on a fault of softly's own, not the server's: said, and the app goes on.
pub fn worker_failed(why: &str) -> String {
    format!("softly's sync stopped on a fault of its own ({why}); nothing was lost")
}

/// Said on a terminal before a round that sends many todos.
pub fn sending(todos: i64) -> String {
    format!(
        "Sending {} to the server: a PUT each, so this takes a while…",
        count(todos, "todo")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sync::report::{SyncState, Trouble};

    #[test]
    fn a_round_says_what_it_kept_renamed_held_back_and_left_unread() {
        let r = Report {
            kept_from_deleted_lists: 2,
            lists_renamed_here: 1,
            lists_renamed_there: 1,
            held_back: 1,
            partial_listings: 1,
            kept_unread: vec![crate::sync::report::Quoted {
                title: "Call the plumber".into(),
                said: "DUE:-1".into(),
            }],
            ..Report::default()
        };
        let lines = report_lines(&r).join("\n");
        for said in [
            "2 todos kept, in the Inbox: changed or added here while another device deleted its list",
            "1 list renamed here: renamed on another device",
            "1 list renamed on the server: renamed here",
            "1 change waiting: the server refused it",
            "1 list listed only in part by the server: nothing there was taken as deleted",
            "kept as it is, unread: 'Call the plumber': DUE:-1",
        ] {
            assert!(lines.contains(said), "{said} in\n{lines}");
        }
        let record = report_lines(&r.for_the_record()).join("\n");
        assert!(
            record.contains("kept as it is, unread, in a todo: DUE:-1")
                && !record.contains("plumber"),
            "the record quotes no title: {record}"
        );
        assert!(!r.quiet(), "something moved");
        assert!(app_status(&r).contains("2 todos kept in the Inbox"));
    }

    #[test]
    fn the_header_says_where_sync_stands_in_words() {
        let now: jiff::Timestamp = "2026-12-02T12:00:00Z".parse().unwrap();
        let ago = |s: i64| now.checked_sub(jiff::SignedDuration::from_secs(s)).unwrap();
        let zone = jiff::tz::TimeZone::UTC;
        let said = |state: SyncState| header(&state, 0, now, &zone);
        assert_eq!(said(SyncState::Off), None, "nothing without [sync]");
        assert_eq!(said(SyncState::Syncing).as_deref(), Some("syncing…"));
        assert_eq!(
            said(SyncState::Synced(ago(120))).as_deref(),
            Some("synced 2m ago")
        );
        let retry_at = now.checked_add(jiff::SignedDuration::from_mins(1)).unwrap();
        assert_eq!(
            said(SyncState::Offline { retry_at }).as_deref(),
            Some("offline (retrying in 1m)")
        );
        assert_eq!(
            said(SyncState::Failed(Trouble::SignIn)).as_deref(),
            Some("sync failed: the server refused the password")
        );
        assert_eq!(
            header(&SyncState::Synced(ago(120)), 3, now, &zone).as_deref(),
            Some("synced 2m ago · 3 unread on the server"),
            "said until they can be read"
        );
    }
}
