//! The commands on todos and lists: `add`, `edit`, `ls`, `done`/`undone`, `mv` and `lists`.
//! (The one-call commands, `rm` and the `list` family, are in `run.rs`'s dispatch.)

use super::CliError;
use super::invocation::Invocation;
use super::json;
use super::output::{self, print_json, safe, table};
use super::{DoneFilter, ListOrInbox, ListScope, MoveTarget, SortOrder};
use crate::fields::{Due, Priority, Recurrence, due_label, end_of_day, parse_due};
use crate::store::{Details, DetailsChange, Todo, TodoId, TodoScope};
use crate::wording::command_line;

/// What `softly ls` narrows the todos to, besides the scope.
pub(super) struct LsFilters {
    pub tag: Option<String>,
    pub search: Option<String>,
    pub done: DoneFilter,
}

pub(super) fn ls(
    s: &Invocation,
    scope: ListScope,
    filters: LsFilters,
    limit: Option<u32>,
    sort: Option<SortOrder>,
    json: bool,
) -> Result<(), CliError> {
    let due_view = scope.today || scope.upcoming;
    let scope_of_todos = if scope.inbox {
        TodoScope::Inbox
    } else if let Some(name) = scope.list {
        match s.list_target(&name)? {
            Some(list) => TodoScope::List(list.id),
            None => TodoScope::Inbox,
        }
    } else {
        TodoScope::All
    };
    let sort = sort.unwrap_or(if due_view {
        SortOrder::Due
    } else {
        SortOrder::Manual
    });
    let tagged = match &filters.tag {
        Some(tag) => Some(s.store.live_todos_tagged(tag).map_err(|e| s.fail(e))?),
        None => None,
    };
    let found = match &filters.search {
        Some(text) => Some(s.store.live_todos_matching(text).map_err(|e| s.fail(e))?),
        None => None,
    };
    let zone = crate::when::local_zone();
    let due_by = if scope.today {
        Some((jiff::Timestamp::MIN, end_of_days_ahead(s.now, 0, &zone)))
    } else if scope.upcoming {
        Some((s.now, end_of_days_ahead(s.now, 7, &zone)))
    } else {
        None
    };
    let mut keep = |t: &Todo| {
        let done_ok = if filters.done.all {
            true
        } else {
            t.done == filters.done.done
        };
        done_ok
            && tagged.as_ref().is_none_or(|ids| ids.contains(&t.id))
            && found.as_ref().is_none_or(|ids| ids.contains(&t.id))
            && due_by.is_none_or(|(from, to)| t.due.is_some_and(|d| d.at >= from && d.at <= to))
    };
    // Manual order is the index's: the first N are read without reading the rest.
    let first = match sort {
        SortOrder::Manual => limit.map_or(usize::MAX, |n| n as usize),
        _ => usize::MAX,
    };
    let mut todos = s
        .store
        .first_live_todos_where(scope_of_todos, first, &mut keep)
        .map_err(|e| s.fail(e))?;
    sort_todos(&mut todos, sort);
    todos.truncate(limit.map_or(usize::MAX, |n| n as usize));
    if json {
        let mut shown = Vec::with_capacity(todos.len());
        for t in &todos {
            let note = if t.has_note {
                s.store.note(t.id).map_err(|e| s.fail(e))?
            } else {
                None
            };
            shown.push(json::TodoJson::new(t, note));
        }
        print_json(&shown);
    } else if todos.is_empty() {
        println!("{}", command_line::NO_TODOS_HERE);
    } else {
        output::write_todo_table(&mut std::io::stdout().lock(), &todos, s.now)
            .map_err(|e| CliError::new(command_line::cannot_write("the list", &e)))?;
    }
    Ok(())
}

/// The last millisecond of the day `days` after today, in `zone`.
fn end_of_days_ahead(
    now: jiff::Timestamp,
    days: i64,
    zone: &jiff::tz::TimeZone,
) -> jiff::Timestamp {
    let day = now.to_zoned_datetime(zone.clone()).date();
    let day = day.checked_add(jiff::Span::new().days(days)).unwrap_or(day);
    end_of_day(day, zone).map_or(jiff::Timestamp::MAX, |due| due.at)
}

/// Sorts in place, stably: todos that tie keep the manual order.
fn sort_todos(todos: &mut [Todo], sort: SortOrder) {
    match sort {
        SortOrder::Manual => {}
        // Without a due date or a priority: last.
        SortOrder::Due => todos.sort_by_key(|t| (t.due.is_none(), t.due.map(|d| d.at))),
        SortOrder::Priority => todos.sort_by_key(|t| std::cmp::Reverse(t.priority)),
        SortOrder::Created => todos.sort_by_key(|t| t.created_at),
        SortOrder::Title => todos.sort_by_cached_key(|t| t.title.to_lowercase()),
    }
}

/// The details flags of `add` and `edit`, as typed.
pub(super) struct DetailFlags {
    pub due: Option<String>,
    pub priority: Option<String>,
    pub note: Option<String>,
    pub every: Option<String>,
}

impl DetailFlags {
    fn is_empty(&self) -> bool {
        self.due.is_none() && self.priority.is_none() && self.note.is_none() && self.every.is_none()
    }
}

/// `softly add`: everything typed is checked before anything is written.
pub(super) fn add(
    s: &mut Invocation,
    title: &str,
    list: Option<String>,
    flags: DetailFlags,
) -> Result<(), CliError> {
    let list = match list {
        Some(name) => s.list_target(&name)?.map(|l| l.id),
        None => None,
    };
    let details = Details {
        due: flags
            .due
            .map(|text| parse_due_flag(s, &text))
            .transpose()?
            .flatten(),
        priority: flags
            .priority
            .map(|text| parse_priority_flag(&text))
            .transpose()?
            .flatten(),
        note: flags.note.map(|text| note_flag(&text)).transpose()?,
        every: flags
            .every
            .map(|text| parse_every_flag(&text))
            .transpose()?
            .flatten(),
    };
    let id = s
        .store
        .add_todo_with(title, list, details, s.now)
        .map_err(|e| s.fail(e))?;
    println!("{id}");
    Ok(())
}

/// `softly edit`: a new title and details, in one write.
pub(super) fn edit(
    s: &mut Invocation,
    id: TodoId,
    title: Option<String>,
    flags: DetailFlags,
) -> Result<(), CliError> {
    if title.is_none() && flags.is_empty() {
        return Err(CliError::new(command_line::NOTHING_TO_EDIT));
    }
    let change = DetailsChange {
        due: flags.due.map(|text| parse_due_flag(s, &text)).transpose()?,
        priority: flags
            .priority
            .map(|text| parse_priority_flag(&text))
            .transpose()?,
        // An empty note clears it (the store drops what is only blank).
        note: flags
            .note
            .map(|text| note_flag(&text).map(Some))
            .transpose()?,
        every: flags
            .every
            .map(|text| parse_every_flag(&text))
            .transpose()?,
    };
    s.store
        .edit_todo(id, title.as_deref(), change.clone())
        .map_err(|e| s.fail(e))?;
    let todo = s.store.live_todo(id).map_err(|e| s.fail(e))?;
    let zone = crate::when::local_zone();
    let edited = command_line::Edited {
        due: change
            .due
            .map(|due| due.map(|d| due_label(d, s.now, &zone).text)),
        priority: change.priority.map(|p| p.map(Priority::name)),
        note: change.note.map(|_| todo.has_note),
        every: change.every.map(|e| e.map(Recurrence::text)),
    };
    println!("{}", command_line::todo_edited(id, &todo.title, edited));
    Ok(())
}

/// The text of `--note`: as given, or standard input for `-`.
fn note_flag(text: &str) -> Result<String, CliError> {
    if text != "-" {
        return Ok(text.to_string());
    }
    let mut note = String::new();
    std::io::Read::read_to_string(&mut std::io::stdin(), &mut note)
        .map_err(|e| CliError::new(format!("--note: cannot read standard input: {e}")))?;
    Ok(note)
}

fn parse_every_flag(text: &str) -> Result<Option<Recurrence>, CliError> {
    Recurrence::parse(text).map_err(|e| CliError::new(format!("--every: {e}")))
}

fn parse_due_flag(s: &Invocation, text: &str) -> Result<Option<Due>, CliError> {
    parse_due(text, s.now, &crate::when::local_zone())
        .map_err(|e| CliError::new(format!("--due: {e}")))
}

fn parse_priority_flag(text: &str) -> Result<Option<Priority>, CliError> {
    Priority::parse(text).map_err(|e| CliError::new(format!("--priority: {e}")))
}

/// `softly done` and `undone`. Ticking a recurring todo done makes its next occurrence,
/// whose id and due date are printed.
pub(super) fn set_done(s: &mut Invocation, ids: &[TodoId], done: bool) -> Result<(), CliError> {
    let made = if done {
        let zone = crate::when::local_zone();
        s.store
            .mark_done(ids, s.now, &zone)
            .map_err(|e| s.fail(e))?
    } else {
        s.store.set_done(ids, false, s.now).map_err(|e| s.fail(e))?;
        Vec::new()
    };
    let one = match ids {
        [id] => Some(id.to_string()),
        _ => None,
    };
    println!("{}", command_line::marked(one, distinct_count(ids), done));
    let zone = crate::when::local_zone();
    for next in made {
        let due = due_label(next.due, s.now, &zone).text;
        println!(
            "{}",
            command_line::next_occurrence(next.done, next.next, &due)
        );
    }
    Ok(())
}

/// `softly clear-done`: every done todo of a list, the Inbox or everywhere, into one entry.
pub(super) fn clear_done(s: &mut Invocation, scope: ListOrInbox) -> Result<(), CliError> {
    let scopes = if scope.inbox {
        vec![TodoScope::Inbox]
    } else if let Some(name) = scope.list {
        match s.list_target(&name)? {
            Some(list) => vec![TodoScope::List(list.id)],
            None => vec![TodoScope::Inbox],
        }
    } else {
        vec![TodoScope::All]
    };
    for scope in scopes {
        match s
            .store
            .trash_done_todos(scope, s.now)
            .map_err(|e| s.fail(e))?
        {
            Some((entry, todos)) => {
                println!("{}", command_line::cleared_done(entry, todos as i64))
            }
            None => println!("{}", command_line::NOTHING_DONE),
        }
    }
    Ok(())
}

fn distinct_count(ids: &[TodoId]) -> i64 {
    ids.iter().collect::<std::collections::HashSet<_>>().len() as i64
}

pub(super) fn move_todos(
    s: &mut Invocation,
    ids: &[TodoId],
    target: MoveTarget,
) -> Result<(), CliError> {
    let target = match target.list {
        Some(name) => s.list_target(&name)?,
        None => None,
    };
    let list = target.as_ref().map(|list| list.id);
    s.store.move_todos(ids, list).map_err(|e| s.fail(e))?;
    let name = target.as_ref().map(|list| list.name.as_str());
    println!("{}", command_line::moved(distinct_count(ids), name));
    Ok(())
}

pub(super) fn lists(s: &Invocation, json: bool) -> Result<(), CliError> {
    let lists = s.store.live_lists().map_err(|e| s.fail(e))?;
    let (inbox, _) = s.store.inbox_counts().map_err(|e| s.fail(e))?;
    if json {
        let all: Vec<json::ListJson> = std::iter::once(json::ListJson::inbox(inbox))
            .chain(lists.iter().map(json::ListJson::from))
            .collect();
        print_json(&all);
        return Ok(());
    }
    let mut rows = vec![vec![
        "-".to_string(),
        inbox.to_string(),
        "Inbox".to_string(),
    ]];
    rows.extend(
        lists
            .iter()
            .map(|l| vec![l.id.to_string(), l.todos.to_string(), safe(&l.name)]),
    );
    print!("{}", table(&["ID", "TODOS", "NAME"], &rows));
    if lists.is_empty() {
        println!("\n{}", command_line::NO_LISTS_YET);
    }
    Ok(())
}
