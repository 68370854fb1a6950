//! The commands on todos and lists: `add`, `edit`, `ls`, `done`/`undone`, `mv` and `lists`.
//! (The one-call commands, `rm` and the `list` family, are in `run.rs`'s dispatch.)

use super::CliError;
use super::invocation::Invocation;
use super::json;
use super::output::{self, print_json, safe, table};
use super::{ListScope, MoveTarget, SortOrder};
use crate::fields::{Due, Priority, due_label, end_of_day, parse_due};
use crate::store::{Details, DetailsChange, Todo, TodoId, TodoScope};
use crate::wording::command_line;

pub(super) fn ls(
    s: &Invocation,
    scope: ListScope,
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
    let todos = if sort == SortOrder::Manual && !due_view {
        // Manual order is the index's: the first N are read without reading the rest.
        match limit {
            Some(limit) => s.store.first_live_todos(scope_of_todos, limit as usize),
            None => s.store.live_todos(scope_of_todos),
        }
        .map_err(|e| s.fail(e))?
    } else {
        let mut todos = s.store.live_todos(scope_of_todos).map_err(|e| s.fail(e))?;
        let zone = crate::when::local_zone();
        if scope.today {
            let end = end_of_days_ahead(s.now, 0, &zone);
            todos.retain(|t| t.due.is_some_and(|d| d.at <= end));
        } else if scope.upcoming {
            let end = end_of_days_ahead(s.now, 7, &zone);
            todos.retain(|t| t.due.is_some_and(|d| d.at >= s.now && d.at <= end));
        }
        sort_todos(&mut todos, sort);
        todos.truncate(limit.map_or(usize::MAX, |n| n as usize));
        todos
    };
    if json {
        print_json(&todos.iter().map(json::TodoJson::from).collect::<Vec<_>>());
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

/// `softly add`: everything typed is checked before anything is written.
pub(super) fn add(
    s: &mut Invocation,
    title: &str,
    list: Option<String>,
    due: Option<String>,
    priority: Option<String>,
) -> Result<(), CliError> {
    let list = match list {
        Some(name) => s.list_target(&name)?.map(|l| l.id),
        None => None,
    };
    let details = Details {
        due: due
            .map(|text| parse_due_flag(s, &text))
            .transpose()?
            .flatten(),
        priority: priority
            .map(|text| parse_priority_flag(&text))
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

/// `softly edit`: a new title, due date or priority, in one write.
pub(super) fn edit(
    s: &mut Invocation,
    id: TodoId,
    title: Option<String>,
    due: Option<String>,
    priority: Option<String>,
) -> Result<(), CliError> {
    if title.is_none() && due.is_none() && priority.is_none() {
        return Err(CliError::new(command_line::NOTHING_TO_EDIT));
    }
    let change = DetailsChange {
        due: due.map(|text| parse_due_flag(s, &text)).transpose()?,
        priority: priority
            .map(|text| parse_priority_flag(&text))
            .transpose()?,
    };
    s.store
        .edit_todo(id, title.as_deref(), change)
        .map_err(|e| s.fail(e))?;
    let todo = s.store.live_todo(id).map_err(|e| s.fail(e))?;
    let zone = crate::when::local_zone();
    let due = change
        .due
        .map(|due| due.map(|d| due_label(d, s.now, &zone).text));
    let priority = change.priority.map(|p| p.map(Priority::name));
    println!(
        "{}",
        command_line::todo_edited(id, &todo.title, due, priority)
    );
    Ok(())
}

fn parse_due_flag(s: &Invocation, text: &str) -> Result<Option<Due>, CliError> {
    parse_due(text, s.now, &crate::when::local_zone())
        .map_err(|e| CliError::new(format!("--due: {e}")))
}

fn parse_priority_flag(text: &str) -> Result<Option<Priority>, CliError> {
    Priority::parse(text).map_err(|e| CliError::new(format!("--priority: {e}")))
}

pub(super) fn set_done(s: &mut Invocation, ids: &[TodoId], done: bool) -> Result<(), CliError> {
    s.store.set_done(ids, done).map_err(|e| s.fail(e))?;
    let one = match ids {
        [id] => Some(id.to_string()),
        _ => None,
    };
    println!("{}", command_line::marked(one, distinct_count(ids), done));
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
