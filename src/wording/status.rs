//! The app's own sentences: what its status line says about a key that had nothing to act
//! on, a write, a purge, and a dialog whose subject changed elsewhere. One short line, no
//! full stop; a title in quotes is made safe to show.

use crate::text::count;
use crate::text::display_safe;

/// A key acted on the selected todo and there is none: `list` is the list on show (`None`:
/// the Inbox), `filtered` whether a filter hides todos.
pub fn nothing_here(verb: &str, list: Option<&str>, filtered: bool) -> String {
    match (filtered, list) {
        (true, _) => format!("No todo matches the filter; nothing to {verb}"),
        (false, Some(name)) => format!("'{name}' has no todos; nothing to {verb}"),
        (false, None) => format!("The Inbox has no todos; nothing to {verb}"),
    }
}

/// A key acted on the selected trash entry and there is none.
pub fn nothing_in_trash(verb: &str, filtered: bool) -> String {
    if filtered {
        format!("Nothing in the Trash matches the filter; nothing to {verb}")
    } else {
        format!("The Trash is empty; nothing to {verb}")
    }
}

pub const INBOX_STAYS_AT_TOP: &str = "The Inbox stays at the top";
pub const SMART_VIEWS_STAY: &str = "Today, Upcoming and All stay at the top";
pub const INBOX_NOT_RENAMED: &str = "The Inbox can't be renamed";
pub const INBOX_NOT_DELETED: &str = "The Inbox can't be deleted";
pub const SMART_VIEW_STAYS: &str =
    "Today, Upcoming and All are views of your lists: nothing to rename or delete";
/// Beside the tag editor.
pub const TAG_HINT: &str = "Enter adds it · -tag takes it off";

/// The label of a field's editor: "due: ", or "due (3 marked): " when it sets all of them.
pub fn field_label(field: &str, marked: usize) -> String {
    match marked {
        0 => format!("{field}: "),
        n => format!("{field} ({n} marked): "),
    }
}

/// The tag editor given no letters or digits.
pub const BAD_TAG: &str =
    "A tag needs a letter or digit: type work to add #work, -work to take it off";
pub const NO_OTHER_LIST: &str = "No other list to move to: press h, then a, to create one";

/// After `d` on a todo.
pub const TODO_TRASHED: &str = "Moved to Trash — u to undo";
/// After a list went to the Trash.
pub const LIST_TRASHED: &str = "List moved to Trash — u to undo";

/// After `m`: `list` is where the todo went (`None`: the Inbox; `Some("")`: a list no
/// longer loaded).
pub fn moved_to(list: Option<&str>) -> String {
    let name = match list {
        Some("") => "the list".to_string(),
        Some(name) => format!("'{}'", display_safe(name)),
        None => "the Inbox".to_string(),
    };
    format!("Moved to {name} — u to undo")
}

/// `J`/`K` at the end of the list.
pub fn already_at_the_edge(up: bool) -> &'static str {
    if up {
        "Already at the top"
    } else {
        "Already at the bottom"
    }
}

/// A purge that could not run now and will be tried again.
pub fn purge_postponed(why: &dyn std::fmt::Display) -> String {
    format!("Purge postponed: {why}")
}

/// A purge that failed.
pub fn purge_failed(why: &dyn std::fmt::Display) -> String {
    format!("Purge failed: {why}")
}

/// The views could not be read.
pub fn read_failed(why: &dyn std::fmt::Display) -> String {
    format!("Could not read the database: {why}")
}

/// The todo being edited went elsewhere; the editor now adds a new one.
pub const EDITED_TODO_GONE: &str = "The todo you are editing was deleted elsewhere: Enter saves \
     your text as a new todo, Esc drops it";

/// The list being renamed went elsewhere; the editor now makes a new one.
pub const RENAMED_LIST_GONE: &str = "The list you are renaming was deleted elsewhere: Enter \
     saves your text as a new list, Esc drops it";

/// The entry an erase question was about is gone: purged by its time, or taken elsewhere.
pub fn erase_subject_gone(title: &str, purged: bool) -> String {
    if purged {
        format!("'{title}' was purged meanwhile; nothing to erase")
    } else {
        format!("'{title}' was restored or erased elsewhere meanwhile")
    }
}

/// The list a delete question was about went elsewhere.
pub fn list_gone(name: &str) -> String {
    format!("The list '{name}' was deleted elsewhere meanwhile")
}

pub const TRASH_EMPTIED_MEANWHILE: &str = "The Trash was emptied meanwhile; nothing to erase";

/// The todo the move picker was for went elsewhere.
pub fn todo_gone(title: &str) -> String {
    format!("'{title}' was deleted elsewhere meanwhile")
}

pub const NO_OTHER_LIST_ANY_MORE: &str = "No other list to move to any more";

/// After `C`: how many done todos went to the Trash as one entry.
pub fn cleared_done(todos: i64) -> String {
    format!(
        "Moved {} to Trash as one entry — u to undo",
        count(todos, "done todo")
    )
}

pub const NOTHING_DONE: &str = "No done todos here";

/// After `d` on marked todos.
pub fn trashed_together(todos: i64) -> String {
    format!(
        "Moved {} to Trash as one entry — u to undo",
        count(todos, "todo")
    )
}

/// After `r` on marked entries.
pub fn restored_many(entries: i64) -> String {
    format!("Restored {} — u to undo", count(entries, "entry"))
}

/// After `p` in the Trash.
pub fn pinned(entries: i64, pinned: bool) -> String {
    if pinned {
        format!("Pinned {}: kept until unpinned", count(entries, "entry"))
    } else {
        format!(
            "Unpinned {}: purged when its time comes",
            count(entries, "entry")
        )
    }
}

/// After ticking a recurring todo done: when the next one is due.
pub fn comes_back(due: &str) -> String {
    format!("Done — it comes back {due}")
}

/// A due date that could not be read: the editor stays open with the text.
pub fn bad_due(why: &dyn std::fmt::Display) -> String {
    format!("{why} — Esc cancels")
}

/// After `s`.
pub fn sorted_by(order: &str) -> String {
    format!("Sorted by {order} — s for the next order")
}

/// After `H`.
pub fn done_todos(hidden: bool) -> &'static str {
    if hidden {
        "Done todos hidden — H shows them"
    } else {
        "Done todos shown — H hides them"
    }
}

pub const MARKS_CLEARED: &str = "Marks cleared";

/// Beside the filter being typed: the keys it does not understand.
pub fn filter_not_understood(words: &[String]) -> String {
    format!("not understood: {}", display_safe(&words.join(", ")))
}

/// The todo pane under a filter with keys it does not understand: it matches nothing.
pub fn filter_matches_nothing(words: &[String]) -> String {
    format!(
        "Nothing matches: {} (due: takes a date, today, week, overdue or none; pri: high, \
         medium, low or none; done: yes, no or cancelled)",
        filter_not_understood(words)
    )
}

/// Beside the empty due editor: the date now, and how to clear it.
pub fn due_hint(now: Option<&str>) -> String {
    match now {
        Some(day) => format!("now {day} · Enter keeps it · none clears it"),
        None => "e.g. tomorrow 9am, fri, in 3 days, Dec 24".to_string(),
    }
}

/// Beside the due editor: what the typed words mean.
pub fn due_means(day: &str, has_time: bool) -> String {
    match has_time {
        true => format!("→ {day}"),
        false => format!("→ {day}, end of day"),
    }
}

/// Beside the due editor, for "none".
pub fn due_means_none() -> String {
    "→ no due date".to_string()
}

/// Beside the due editor, for words that are no date (yet).
pub fn due_means_nothing() -> String {
    "→ not a date yet (tomorrow 9am, fri, in 3 days, Dec 24)".to_string()
}

/// Under a day heading, an all-day todo's due column.
pub const ALL_DAY: &str = "all day";

/// The heading over a day's todos in Today and Upcoming: "Tomorrow · Tue Dec 8", "Wed Dec 9";
/// `None` heads the todos of days gone by.
pub fn day_heading(day: Option<jiff::civil::Date>, today: jiff::civil::Date) -> String {
    let Some(day) = day else {
        return "Overdue".to_string();
    };
    let date = match day.year() == today.year() {
        true => day.strftime("%a %b %-d").to_string(),
        false => day.strftime("%a %b %-d %Y").to_string(),
    };
    match today.until(day).map(|span| span.get_days()) {
        Ok(0) => format!("Today · {date}"),
        Ok(1) => format!("Tomorrow · {date}"),
        _ => date,
    }
}

/// Over an opened trash entry: "todos 'buy milk' +2 more · 3 todos · Esc closes".
pub fn entry_contents_title(entry: &crate::store::TrashEntry, todos: i64) -> String {
    let what = match entry.kind {
        crate::store::EntryKind::List => "list",
        crate::store::EntryKind::Todo if todos > 1 => "todos",
        crate::store::EntryKind::Todo => "todo",
    };
    format!(
        " {what} '{}' · {} · Esc closes ",
        display_safe(&entry.title),
        count(todos, "todo")
    )
}

/// The last line of a very big entry's list: how many are not shown.
pub fn and_more(n: i64) -> String {
    format!("… and {n} more")
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn day_headings_name_today_and_tomorrow_and_the_year_when_it_changes() {
        let today = date(2026, 12, 30);
        assert_eq!(day_heading(Some(today), today), "Today · Wed Dec 30");
        assert_eq!(
            day_heading(Some(date(2026, 12, 31)), today),
            "Tomorrow · Thu Dec 31"
        );
        assert_eq!(day_heading(Some(date(2027, 1, 1)), today), "Fri Jan 1 2027");
        assert_eq!(day_heading(None, today), "Overdue");
    }
}
