//! The command line's own sentences: what a command did, why it did nothing, and what
//! went wrong, as whole sentences that name the file and the command that helps. (What both
//! surfaces say about the same event is in `mod.rs`.)

use std::path::Path;

use crate::store::Rescue;
use crate::store::rows::Rows;
use crate::text::count;

/// Shows user text in a line: control and bidi characters as visible symbols.
fn safe(text: &str) -> String {
    crate::text::display_safe(text).into_owned()
}

pub const NO_TERMINAL_TO_ASK: &str =
    "refusing to erase without confirmation: no terminal to ask on; pass --yes to erase anyway";

pub const APP_NEEDS_A_TERMINAL: &str =
    "the full-screen app needs a terminal; for scripts use the commands (softly --help)";

pub const NO_HOME: &str =
    "cannot find your home directory to keep the database in; pass --db PATH (or set SOFTLY_DB)";

pub const NO_TODOS_HERE: &str = "No todos here. Add one with `softly add TITLE`.";
pub const NO_LISTS_YET: &str = "No lists yet. Create one with `softly list add NAME`.";
pub const AUTO_PURGE_OFF: &str =
    "Auto-purge is off (retention is never); nothing is past retention.";
pub const NOTHING_LOGGED: &str = "Nothing has been erased or purged yet.";

/// `softly list rename` or `list rm` of the Inbox; `doing` is "renamed" or "deleted".
pub fn inbox_is_built_in(doing: &str) -> String {
    format!("the Inbox is built in and cannot be {doing}; it holds the todos that are in no list")
}

/// Said once per mode the file is given.
pub fn readable_by_others(db: &Path, mode: u32) -> String {
    format!(
        "{} can be read by other users (mode {mode:04o}); `chmod 600` it to keep your todos private",
        db.display()
    )
}

pub fn read_only_skipped_purge(db: &Path, due: i64) -> String {
    format!(
        "{} is read-only; skipped the retention purge ({} due)",
        db.display(),
        count(due, "trash entry")
    )
}

pub fn damaged_skipped_purge(db: &Path, detail: &str) -> String {
    format!(
        "{} is damaged ({detail}); skipped the retention purge",
        db.display()
    )
}

/// What a shortened retention would purge (`held`, from `held_back`), and how to let it;
/// `flag` is the `--retention` given on this command line, to repeat.
pub fn held_back_advice(held: &str, flag: Option<&str>) -> String {
    let flag = flag
        .map(|value| format!(" --retention {value}"))
        .unwrap_or_default();
    format!(
        "{held}; they are kept until you run `softly{flag} purge --accept-retention` (or set the retention back)"
    )
}

pub const NOTHING_TO_EDIT: &str =
    "nothing to change: give a new title, --due WHEN (or none) or --priority P (or none)";

/// After `softly edit`: the title, and each detail that was set (`Some(Some(..))`) or
/// cleared (`Some(None)`).
/// What an edit changed besides the title: `None` for what it left alone, `Some(None)` for
/// what it cleared.
pub struct Edited<'a> {
    pub due: Option<Option<String>>,
    pub priority: Option<Option<&'a str>>,
    /// Whether the todo has a note now.
    pub note: Option<bool>,
    pub every: Option<Option<String>>,
}

pub fn todo_edited(id: impl std::fmt::Display, title: &str, edited: Edited<'_>) -> String {
    let mut details = String::new();
    match edited.due {
        Some(Some(label)) => details.push_str(&format!(", due {label}")),
        Some(None) => details.push_str(", with no due date"),
        None => {}
    }
    match edited.priority {
        Some(Some(name)) => details.push_str(&format!(", priority {name}")),
        Some(None) => details.push_str(", with no priority"),
        None => {}
    }
    match edited.note {
        Some(true) => details.push_str(", with its note"),
        Some(false) => details.push_str(", with no note"),
        None => {}
    }
    match edited.every {
        Some(Some(rule)) => details.push_str(&format!(", every {rule}")),
        Some(None) => details.push_str(", not recurring"),
        None => {}
    }
    format!("Todo {id} is now '{}'{details}.", safe(title))
}

/// After `pin` / `unpin`: how many entries changed.
pub fn pinned(entries: i64, pinned: bool) -> String {
    match (entries, pinned) {
        (0, true) => "Already pinned; nothing changed.".to_string(),
        (0, false) => "Not pinned; nothing changed.".to_string(),
        (n, true) => format!(
            "Pinned {}: kept until unpinned, whatever the retention.",
            count(n, "entry")
        ),
        (n, false) => format!(
            "Unpinned {}: the purge takes them when their time comes.",
            count(n, "entry")
        ),
    }
}

/// After `clear-done`: the entry that holds the done todos.
pub fn cleared_done(entry: impl std::fmt::Display, todos: i64) -> String {
    format!(
        "Moved {} to the Trash as entry {entry} (restore them together with `softly restore {entry}`).",
        count(todos, "done todo")
    )
}

pub const NOTHING_DONE: &str = "No done todos here; nothing was moved.";

/// After ticking a recurring todo done: the occurrence it made.
pub fn next_occurrence(
    done: impl std::fmt::Display,
    next: impl std::fmt::Display,
    due: &str,
) -> String {
    format!("Todo {done} comes back as todo {next}, due {due}.")
}

pub fn list_renamed(from: &str, to: &str) -> String {
    format!("Renamed list '{}' to '{}'.", safe(from), safe(to))
}

/// After `done`/`undone` of `ids` (`one` when it was a single todo).
pub fn marked(one: Option<String>, todos: i64, done: bool) -> String {
    let state = if done { "done" } else { "not done" };
    match one {
        Some(id) => format!("Marked todo {id} {state}."),
        None => format!("Marked {} {state}.", count(todos, "todo")),
    }
}

/// After `mv`: `list` is where they went (`None`: the Inbox).
pub fn moved(todos: i64, list: Option<&str>) -> String {
    let place = match list {
        Some(name) => format!("'{}'", safe(name)),
        None => "the Inbox".to_string(),
    };
    format!("Moved {} to {place}.", count(todos, "todo"))
}

pub fn nothing_to_purge(cutoff: &str) -> String {
    format!("Nothing to purge: nothing in the Trash was deleted on or before {cutoff}.")
}

pub fn cannot_write(what: &str, e: &dyn std::fmt::Display) -> String {
    format!("cannot write {what}: {e}")
}

pub fn cannot_read(what: &str, e: &dyn std::fmt::Display) -> String {
    format!("cannot read {what}: {e}")
}

/// An export that could not be imported: `name` is the file (or "standard input").
pub fn not_imported(name: &str, e: &dyn std::fmt::Display) -> String {
    format!("{name}: {e}; nothing was imported")
}

/// Items of a file that this database took before (by their uids).
pub fn imported_before(name: &str, e: &dyn std::fmt::Display) -> String {
    format!("{name}: {e}; nothing was imported (--duplicate imports everything again as new todos)")
}

pub fn exported(lists: i64, todos: i64, entries: i64, to: &Path) -> String {
    format!(
        "Exported {}, {} and {} to {}.",
        count(lists, "list"),
        count(todos, "todo"),
        count(entries, "trash entry"),
        to.display()
    )
}

pub fn exported_todotxt(todos: i64, to: &Path) -> String {
    format!(
        "Exported {} to {} as todo.txt.",
        count(todos, "todo"),
        to.display()
    )
}

/// What a todo.txt export had no place for, if anything.
pub fn left_out(notes: i64, trash: i64) -> Option<String> {
    let mut what = Vec::new();
    if notes > 0 {
        what.push(count(notes, "note"));
    }
    if trash > 0 {
        what.push(format!("the Trash ({})", count(trash, "entry")));
    }
    (!what.is_empty()).then(|| {
        format!(
            "todo.txt has no place for {}; `softly export` (the default format) keeps everything.",
            what.join(" or ")
        )
    })
}

/// A long import or export on a terminal (indicatif's template: `{rows}` done or done/total,
/// `{rate}` rows a second).
pub const PROGRESS_TEMPLATE: &str = "{msg} [{bar:30}] {rows} rows, {rate} rows/s, {eta} left";
/// The same when the total cannot be known (from standard input).
pub const PROGRESS_TEMPLATE_UNBOUNDED: &str = "{msg} {spinner} {rows} rows, {rate} rows/s";
pub const EXPORTING: &str = "Exporting";
pub const IMPORTING: &str = "Importing";
pub const IMPORT_FINISHING: &str = "Indexing and checking";

/// Damage met halfway through an export to standard output, which cannot be taken back.
pub fn export_met_damage(db: &Path) -> String {
    format!(
        "{} is damaged: the export stopped partway and what it printed is incomplete; run \
         `softly export FILE` to save every row that can still be read",
        db.display()
    )
}

pub fn imported(lists: i64, todos: i64, entries: i64) -> String {
    format!(
        "Imported {}, {} and {}.",
        count(lists, "list"),
        count(todos, "todo"),
        count(entries, "trash entry")
    )
}

/// An imported live list whose name was taken.
/// A project of another app's that went into the list here of its name.
pub fn import_joined(name: &str) -> String {
    format!(
        "Its todos of '{}' went into the list of that name here.",
        safe(name)
    )
}

pub fn import_renamed(from: &str, to: &str) -> String {
    format!(
        "List '{}' renamed '{}': a live list here already has its name.",
        safe(from),
        safe(to)
    )
}

/// What an export of a damaged file saved, lost and had to make again, in sentences.
pub fn rescue_report(db: &Path, rows: &Rows, rescue: &Rescue) -> Vec<String> {
    let mut lines = vec![format!(
        "{} is damaged; the export holds every row that could still be read: {}, {} and {}",
        db.display(),
        count(rows.lists.len() as i64, "list"),
        count(rows.todos.len() as i64, "todo"),
        count(rows.entries.len() as i64, "trash entry"),
    )];
    if rescue.todos_from_index > 0 {
        lines.push(format!(
            "{} came from an index, their own page being damaged",
            count(rescue.todos_from_index as i64, "live todo")
        ));
    }
    for (ids, noun) in [
        (&rescue.lost_todos, "todo"),
        (&rescue.lost_lists, "list"),
        (&rescue.lost_entries, "trash entry"),
    ] {
        if !ids.is_empty() {
            lines.push(format!(
                "could not read {} ({})",
                count(ids.len() as i64, noun),
                id_ranges(ids)
            ));
        }
    }
    if !rescue.placeholder_lists.is_empty() {
        lines.push(format!(
            "{} could not be read but hold todos; they are in the export as 'Unreadable list N' ({})",
            count(rescue.placeholder_lists.len() as i64, "list"),
            id_ranges(&rescue.placeholder_lists)
        ));
    }
    if !rescue.remade_entries.is_empty() {
        lines.push(format!(
            "{} could not be read but hold rows; they are in the export, deleted now if their time was lost too ({})",
            count(rescue.remade_entries.len() as i64, "trash entry"),
            id_ranges(&rescue.remade_entries)
        ));
    }
    lines
}

/// Ids as runs: "ids 4, 9–12, 30"; at most ten runs, then how many more.
fn id_ranges(ids: &[i64]) -> String {
    let mut runs: Vec<(i64, i64)> = Vec::new();
    for &id in ids {
        match runs.last_mut() {
            Some((_, end)) if *end + 1 == id => *end = id,
            _ => runs.push((id, id)),
        }
    }
    let mut text: Vec<String> = runs
        .iter()
        .take(10)
        .map(|&(a, b)| {
            if a == b {
                a.to_string()
            } else {
                format!("{a}–{b}")
            }
        })
        .collect();
    if runs.len() > 10 {
        text.push(format!("and {} more runs", runs.len() - 10));
    }
    let noun = if ids.len() == 1 { "id" } else { "ids" };
    format!("{noun} {}", text.join(", "))
}

/// `softly paths` when there is no home directory to find a default in.
pub const NO_HOME_PATH: &str = "(none: no home directory; pass --db or set SOFTLY_DB)";

/// `softly paths`, last line: the purge log is not a file of its own.
pub const PURGE_LOG_LIVES_IN_THE_DATABASE: &str =
    "The purge log lives in the database (softly log); softly keeps no other files.";

/// A line of `softly paths`: what, where, where that came from, whether it is there yet.
pub fn path_line(what: &str, path: &str, from: Option<&str>, exists: Option<bool>) -> String {
    let mut line = format!("{what:<11} {path}");
    if let Some(from) = from {
        line.push_str(&format!("  ({from}"));
        match exists {
            Some(false) => line.push_str(", not created yet)"),
            _ => line.push(')'),
        }
    }
    line
}

/// `--db`'s help, naming the default this machine resolves.
pub fn db_flag_help(default: &str) -> String {
    format!("The database file [or $SOFTLY_DB; default: {default}]")
}

/// `--config`'s help, naming the default this machine resolves.
pub fn config_flag_help(default: &str) -> String {
    format!("The config file [or $SOFTLY_CONFIG; default: {default}]")
}

/// A todo's note, for a Taskwarrior recurrence softly has no rule for.
pub fn unmapped_recurrence(recur: &str) -> String {
    format!(
        "Taskwarrior repeated this '{recur}'; softly has no such rule, so it does not come back"
    )
}

/// What an import from another tool left out or changed.
pub fn import_summary(summary: &crate::interchange::Summary) -> Vec<String> {
    let mut lines = Vec::new();
    if summary.templates > 0 {
        lines.push(format!(
            "Skipped {} (Taskwarrior's parents of the pending ones, which were imported).",
            count(summary.templates as i64, "recurring template")
        ));
    }
    if summary.unmapped_recurrences > 0 {
        lines.push(format!(
            "{} had a recurrence softly has no rule for (yearly, quarterly…): they do not come back; their notes say so.",
            count(summary.unmapped_recurrences as i64, "todo")
        ));
    }
    if summary.lowered_priorities > 0 {
        lines.push(format!(
            "{} had a priority below (C): softly's lowest is low, so low it is.",
            count(summary.lowered_priorities as i64, "todo")
        ));
    }
    lines
}
