//! Every sentence softly says about an event, for both surfaces: the app's status line and
//! dialogs, and the command line. Where the two say the same thing differently, both
//! versions sit side by side here, and the difference is deliberate: the status line is one
//! short line without a full stop, and keeps the user in the app; the command line writes
//! whole sentences, names the file, counts todos and lists, and names the flag that helps.
//!
//! The store's errors state facts only (it knows no command line); advice that names a
//! command or a flag is added here, per surface.

/// How a cancelled todo (closed without being done) is marked, where a done one is `[x]`.
pub const CANCELLED_TODO: &str = "cancelled";

pub mod command_line;
pub mod config_file;
pub mod marked;
pub mod status;
pub mod sync;
pub mod sync_held;
pub mod trashed;

use std::path::Path;

use crate::purge::HeldBack;
use crate::retention::Retention;
use crate::store::{
    EntryKind, EraseCounts, OpenError, RestoreNote, RestoredEntry, StoreError, TrashEntry,
};
use crate::text::{count, display_safe};

/// Where a sentence is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Surface {
    /// The full-screen app: its status line and its dialogs.
    App,
    /// The command line: stdout, stderr and y/N prompts.
    Cli,
}

/// What the user is told after answering no to a question in the app.
pub const CANCELLED: &str = "Cancelled; nothing changed";

/// What the command line says after "no" at an erase or empty prompt.
pub const CANCELLED_ERASE: &str = "Cancelled; nothing was erased.";

/// What a writing key says once the database file is known to be damaged.
pub const DAMAGED_APP: &str = "The database file is damaged; nothing can be changed. Quit, then `softly export FILE` saves it";

/// What a writing key says on a read-only database, before anything is typed.
pub const READ_ONLY_APP: &str = "The database is read-only; nothing can be changed";

/// `X` or `softly empty-trash` on an empty Trash.
pub fn trash_already_empty(surface: Surface) -> &'static str {
    match surface {
        Surface::App => "The Trash is already empty",
        Surface::Cli => "The Trash is already empty.",
    }
}

/// "3 trash entries (4 todos, 1 list)", with `noun` for the entries.
pub fn counts_phrase(counts: EraseCounts, noun: &str) -> String {
    format!(
        "{} ({}, {})",
        count(counts.entries, noun),
        count(counts.todos, "todo"),
        count(counts.lists, "list")
    )
}

/// What a trash row calls its entry: the todo's title or the list's name, and for a batch
/// of todos how many more it holds ("eggs and 2 more").
pub fn entry_title(e: &TrashEntry) -> String {
    let title = display_safe(&e.title);
    match e.kind {
        EntryKind::Todo if e.todos > 1 => format!("{title} and {} more", e.todos - 1),
        _ => title.into_owned(),
    }
}

/// A restored "replaced by a newer edit" entry: what came back is a copy, beside the newer
/// version (which stays).
pub fn restored_copy(r: &RestoredEntry, surface: Surface) -> String {
    let said = restored(r, surface);
    let said = said.trim_end_matches('.');
    format!("{said}, as a copy: the newer version it lost to stays too")
}

/// Where a restored entry went, and why if it is not where it was.
pub fn restored(r: &RestoredEntry, surface: Surface) -> String {
    let title = display_safe(&r.title);
    let todos = count(r.todos, "todo");
    if r.kind == EntryKind::Todo && r.todos > 1 {
        // A batch: its todos went back to their own lists.
        let more = r.todos - 1;
        return match surface {
            Surface::App => format!("Restored {todos}: '{title}' and {more} more"),
            Surface::Cli => format!("Restored {todos} ('{title}' and {more} more) to their lists."),
        };
    }
    match surface {
        Surface::App => match (r.kind, &r.note) {
            (EntryKind::Todo, Some(RestoreNote::ListInTrash { list })) => format!(
                "Restored to Inbox — its list '{}' is in the Trash",
                display_safe(list)
            ),
            (EntryKind::Todo, Some(_)) => "Restored to Inbox — its list was erased".to_string(),
            (EntryKind::Todo, None) => match &r.list {
                Some(list) => format!("Restored '{title}' to '{}'", display_safe(list)),
                None => format!("Restored '{title}' to Inbox"),
            },
            (EntryKind::List, Some(RestoreNote::Renamed { from })) => format!(
                "Restored list '{}' as '{title}' — the name was taken",
                display_safe(from)
            ),
            (EntryKind::List, _) => format!("Restored list '{title}' with {todos}"),
        },
        Surface::Cli => match (r.kind, &r.note) {
            (EntryKind::Todo, Some(RestoreNote::ListInTrash { list })) => format!(
                "Restored todo '{title}' to the Inbox: its list '{}' is in the Trash.",
                display_safe(list)
            ),
            (EntryKind::Todo, Some(_)) => {
                format!("Restored todo '{title}' to the Inbox: its list was erased.")
            }
            (EntryKind::Todo, None) => match &r.list {
                Some(list) => format!("Restored todo '{title}' to '{}'.", display_safe(list)),
                None => format!("Restored todo '{title}' to the Inbox."),
            },
            (EntryKind::List, Some(RestoreNote::Renamed { from })) => format!(
                "Restored list '{}' with {todos} as '{title}': a live list already has its name.",
                display_safe(from)
            ),
            (EntryKind::List, _) => format!("Restored list '{title}' with {todos}."),
        },
    }
}

/// The question before erasing `entries` forever. The app asks about one entry at a time.
pub fn erase_question(entries: &[TrashEntry], surface: Surface) -> String {
    let what: Vec<String> = entries
        .iter()
        .map(|e| {
            let title = display_safe(&e.title);
            let todos = count(e.todos, "todo");
            match (e.kind, surface) {
                (EntryKind::Todo, _) if e.todos > 1 => {
                    format!("{todos} ('{title}' and {} more)", e.todos - 1)
                }
                (EntryKind::Todo, _) => format!("todo '{title}'"),
                (EntryKind::List, Surface::App) => format!("list '{title}' and its {todos}"),
                (EntryKind::List, Surface::Cli) => format!("list '{title}' with {todos}"),
            }
        })
        .collect();
    format!("Erase {} forever? This cannot be undone.", what.join(", "))
}

/// The question before restoring, or erasing forever, `entries` marked trash entries.
pub fn marked_question(entries: i64, erase: bool) -> String {
    let what = count(entries, "marked entry");
    if erase {
        format!("Erase {what} forever? This cannot be undone.")
    } else {
        format!("Restore {what} to where they were?")
    }
}

/// The app's question before moving list `name` and its `todos` to the Trash.
pub fn trash_list_question(name: &str, todos: i64) -> String {
    if todos == 0 {
        format!("Move list '{name}' to the Trash?")
    } else {
        format!(
            "Move list '{name}' and its {} to the Trash?",
            count(todos, "todo")
        )
    }
}

/// The app's question when a shortened retention would purge entries the longer one kept.
pub fn shorter_retention_question(held: &HeldBack) -> String {
    format!("{}. Purge them?", held_back(held))
}

/// What the app says when the user keeps the longer retention for now.
pub fn kept_longer_retention(held: &HeldBack) -> String {
    format!(
        "Kept: purges follow {} until you accept {} (`softly purge --accept-retention`)",
        held.was, held.now
    )
}

/// The app's question before emptying the Trash of the `entries` it would erase (`None`
/// while a purge backlog is not yet counted), `pinned` staying.
pub fn empty_question_app(entries: Option<i64>, pinned: i64) -> String {
    let what = match entries {
        Some(1) => "the 1 entry".to_string(),
        Some(n) => format!("all {}", count(n, "entry")),
        None => "everything".to_string(),
    };
    format!(
        "Erase {what} in the Trash forever?{} This cannot be undone.",
        pinned_stay(pinned)
    )
}

/// The command line's question before emptying the Trash of the `entries` it would erase,
/// holding `todos`, `pinned` staying.
pub fn empty_question_cli(entries: i64, todos: i64, pinned: i64) -> String {
    let which = if entries == 1 { "the" } else { "all" };
    format!(
        "Erase {which} {} in the Trash ({}) forever?{} This cannot be undone.",
        count(entries, "entry"),
        count(todos, "todo"),
        pinned_stay(pinned)
    )
}

/// " 2 pinned entries stay.", or nothing without any.
fn pinned_stay(pinned: i64) -> String {
    match pinned {
        0 => String::new(),
        1 => " 1 pinned entry stays.".to_string(),
        n => format!(" {n} pinned entries stay."),
    }
}

/// Emptying a Trash that holds only pinned entries: nothing to ask.
pub fn only_pinned_in_trash(pinned: i64, surface: Surface) -> String {
    let held = match pinned {
        1 => "the 1 pinned entry stays".to_string(),
        n => format!("the {n} pinned entries stay"),
    };
    match surface {
        Surface::App => format!("Nothing to erase: {held} (unpin to let go)"),
        Surface::Cli => format!("Nothing to erase: {held} (`softly unpin` lets go)."),
    }
}

/// After an erase by hand: the app names the one entry, the command line counts.
pub fn erased(title: &str, counts: EraseCounts, surface: Surface) -> String {
    match surface {
        Surface::App => format!("Erased '{}' forever", display_safe(title)),
        Surface::Cli => format!("Erased {}.", counts_phrase(counts, "entry")),
    }
}

/// After emptying the Trash.
pub fn emptied(counts: EraseCounts, surface: Surface) -> String {
    match surface {
        Surface::App => format!(
            "Emptied the Trash: {} erased forever",
            count(counts.entries, "item")
        ),
        Surface::Cli => format!(
            "Emptied the Trash: erased {}.",
            counts_phrase(counts, "entry")
        ),
    }
}

/// After a purge by retention erased something: the one every start runs, and the app's
/// timed one. The app's status line counts items; the command line counts entries, todos
/// and lists, on stderr.
pub fn purged(counts: EraseCounts, applied: Retention, surface: Surface) -> String {
    match surface {
        Surface::App => format!(
            "Purged {} deleted more than {applied} ago",
            count(counts.entries, "item")
        ),
        Surface::Cli => format!(
            "Purged {} deleted more than {applied} ago.",
            counts_phrase(counts, "trash entry")
        ),
    }
}

/// What `softly purge` did (or, with `--dry-run`, would do), to the minute of `cutoff`.
pub fn purged_to(counts: EraseCounts, applied: Retention, cutoff: &str, dry_run: bool) -> String {
    let verb = if dry_run { "Would purge" } else { "Purged" };
    format!(
        "{verb} {} deleted on or before {cutoff} ({applied} ago).",
        counts_phrase(counts, "trash entry")
    )
}

/// "Retention is now 3 hours (was 30 days): 214 entries, with 1,030 todos, would be purged
/// now", for the app's question and the command line's warning alike.
pub fn held_back(held: &HeldBack) -> String {
    format!(
        "Retention is now {} (was {}): {}, with {}, would be purged now",
        held.now,
        held.was,
        grouped_count(held.counts.entries, "entry"),
        grouped_count(held.counts.todos, "todo"),
    )
}

/// "1 entry", "1,030 todos".
fn grouped_count(n: i64, noun: &str) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut grouped = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(d);
    }
    count(n, noun).replacen(&n.to_string(), &grouped, 1)
}

/// After the user accepted a shortened retention in the app.
pub fn accepted_retention(counts: EraseCounts, applied: Retention) -> String {
    format!(
        "Purged {}: retention is now {applied}",
        count(counts.entries, "item")
    )
}

/// Added to what an erase or purge says when another program kept the removed text on disk
/// for now (see `store::scrub`).
pub fn unscrubbed(message: String, surface: Surface) -> String {
    match surface {
        Surface::App => {
            format!("{message} (another program is reading; the disk is scrubbed when it stops)")
        }
        Surface::Cli => "note: another program is reading the database, so the removed text is \
             still on disk for now; softly clears it the next time it opens the database after \
             that program is done."
            .to_string(),
    }
}

/// What the Trash keeps, in one sentence (the command line's `trash` heading).
pub fn policy_sentence(retention: Retention) -> String {
    match retention {
        Retention::Never => {
            "Deleted items stay here until you restore or erase them (auto-purge is off)."
                .to_string()
        }
        after => format!("Deleted items stay here for {after}."),
    }
}

/// A failed write or read, for the user: the app speaks of "the database"; the command line
/// names the file `db`, waited 5 seconds for a lock, and names the flag or command that helps.
pub fn store_error(e: &StoreError, surface: Surface, db: &Path) -> String {
    let db = db.display();
    match (e, surface) {
        (StoreError::ReadOnly, Surface::App) => {
            "The database is read-only; nothing was changed".to_string()
        }
        (StoreError::Busy, Surface::App) => {
            "The database is locked by another program; nothing was changed, try again".to_string()
        }
        (StoreError::ReadOnly, Surface::Cli) => format!("{db} is read-only; nothing was changed"),
        (StoreError::Busy, Surface::Cli) => format!(
            "{db} stayed locked by another program for 5 seconds; nothing was changed, try again"
        ),
        (StoreError::DiskFull, Surface::Cli) => format!(
            "the disk holding {db} is full; nothing was changed (free some space and try again)"
        ),
        (StoreError::Corrupt(detail), Surface::Cli) => format!(
            "{db} is damaged ({detail}); nothing was changed. `softly export FILE` saves what can still be read"
        ),
        (StoreError::NoSuchList { live, .. }, Surface::Cli) if live.is_empty() => {
            format!("{e} (create one with `softly list add NAME`)")
        }
        (StoreError::AlreadyImported(_) | StoreError::ImportOfItself, Surface::Cli) => {
            format!("{e} (pass --duplicate to import it anyway)")
        }
        (other, _) => other.to_string(),
    }
}

/// A database that could not be opened, for the command line: a file that is not softly's
/// is pointed at the flag that picks another.
pub fn open_error(e: &OpenError) -> String {
    match e {
        OpenError::NotADatabase { .. } | OpenError::Foreign { .. } => {
            format!("{e} (use --db to pick another file)")
        }
        other => other.to_string(),
    }
}
