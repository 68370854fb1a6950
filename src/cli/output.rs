//! Printing for people: aligned tables, safe text, warnings and notes on stderr. (The JSON
//! shapes are `json.rs`.)

use std::fmt::Write as _;
use std::io::Write as _;

use jiff::Timestamp;
use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use crate::fields::{Priority, due_label, open_due_label};
use crate::retention::Retention;
use crate::store::{LogRecord, Todo, TrashEntry};
use crate::text::{display_safe, escape_json_controls};
use crate::when;

/// Text from the store made safe for a terminal (control characters shown as symbols).
pub fn safe(text: &str) -> String {
    display_safe(text).into_owned()
}

/// Lays rows out in aligned columns under a header. The last column is not padded, so a
/// long title never pushes anything off to the right.
pub fn table(headers: &[&str], rows: &[Vec<String>]) -> String {
    let mut out = Vec::new();
    write_table(&mut out, headers, rows.len(), |row, column, out| {
        out.push_str(&rows[row][column]);
    })
    .expect("writing to a Vec cannot fail");
    String::from_utf8(out).expect("the table is built from strings")
}

/// Writes [`table`] to `to` for `rows` rows whose cells `cell(row, column, out)` writes into
/// `out` on demand, a chunk at a time. `softly ls` prints half a million rows at a million
/// todos: a string per cell, or the whole table held at once, was most of its memory and a
/// good part of its time. The padded cells are written once, side by side in one buffer, to
/// measure their columns; the last column (the titles, never padded) goes straight out.
pub fn write_table(
    to: &mut dyn std::io::Write,
    headers: &[&str],
    rows: usize,
    cell: impl Fn(usize, usize, &mut String),
) -> std::io::Result<()> {
    let columns = headers.len();
    let padded = columns.saturating_sub(1);
    let mut widths: Vec<usize> = headers.iter().map(|h| h.width()).collect();
    // The padded cells of every row, one after another, and where each one ends.
    let mut cells = String::new();
    let mut ends = Vec::with_capacity(rows * padded);
    for row in 0..rows {
        for (column, width) in widths.iter_mut().enumerate().take(padded) {
            let start = cells.len();
            cell(row, column, &mut cells);
            *width = (*width).max(display_width(&cells[start..]));
            ends.push(cells.len());
        }
    }
    const CHUNK: usize = 64 * 1024;
    let mut out = String::with_capacity(CHUNK + 1024);
    write_line(
        &mut out,
        &widths,
        headers[..padded].iter().copied(),
        |out| out.push_str(headers.get(padded).copied().unwrap_or("")),
    );
    let mut from = 0;
    for row in 0..rows {
        let row_ends = &ends[row * padded..(row + 1) * padded];
        let mut start = from;
        let texts = row_ends.iter().map(|&end| {
            let text = &cells[start..end];
            start = end;
            text
        });
        write_line(&mut out, &widths, texts, |out| cell(row, padded, out));
        from = row_ends.last().copied().unwrap_or(from);
        if out.len() >= CHUNK {
            to.write_all(out.as_bytes())?;
            out.clear();
        }
    }
    to.write_all(out.as_bytes())?;
    to.flush()
}

/// One line of a table: the padded cells, each followed by spaces up to its column's width
/// and two more, then the last cell; trailing spaces trimmed.
fn write_line<'a>(
    out: &mut String,
    widths: &[usize],
    padded: impl Iterator<Item = &'a str>,
    last: impl FnOnce(&mut String),
) {
    let start = out.len();
    for (text, width) in padded.zip(widths) {
        out.push_str(text);
        out.extend(std::iter::repeat_n(' ', width - display_width(text) + 2));
    }
    last(out);
    let end = start + out[start..].trim_end().len();
    out.truncate(end);
    out.push('\n');
}

/// Display width of a cell. Printable ASCII (almost every cell) is one column a byte: a
/// quick byte test instead of a table lookup per character.
fn display_width(cell: &str) -> usize {
    if cell.bytes().all(|b| (b' '..=b'~').contains(&b)) {
        cell.len()
    } else {
        cell.width()
    }
}

/// Prints `value` as pretty JSON on stdout, control and bidi characters escaped.
pub fn print_json<T: Serialize>(value: &T) {
    // Serialising these plain structs cannot fail.
    let json = serde_json::to_string_pretty(value).unwrap_or_default();
    println!("{}", escape_json_controls(json));
}

/// A warning on stderr (`warning: …`), every character visible. Never panics: stderr may be
/// gone, and a warning is not worth failing over.
pub fn warn(text: &str) {
    let _ = writeln!(std::io::stderr(), "warning: {}", display_safe(text));
}

/// A note on stderr, like [`warn`], for what is worth knowing but not a problem.
pub fn note(text: &str) {
    let _ = writeln!(std::io::stderr(), "{}", display_safe(text));
}

/// Times in JSON: RFC 3339 in UTC.
/// The table `softly ls` prints, cells written straight from the todos to `to`. The DUE and
/// PRI columns show only when a todo listed has a due date or a priority.
pub fn write_todo_table(
    to: &mut dyn std::io::Write,
    todos: &[Todo],
    now: Timestamp,
) -> std::io::Result<()> {
    let zone = when::local_zone();
    let with_due = todos.iter().any(|t| t.due.is_some());
    let with_priority = todos.iter().any(|t| t.priority.is_some());
    let mut columns = vec![Column::Id, Column::Done, Column::List, Column::Created];
    columns.extend(with_due.then_some(Column::Due));
    columns.extend(with_priority.then_some(Column::Priority));
    columns.push(Column::Title);
    let headers: Vec<&str> = columns.iter().map(|c| c.header()).collect();
    write_table(to, &headers, todos.len(), |row, column, out| {
        let t = &todos[row];
        match columns[column] {
            Column::Id => {
                let _ = write!(out, "{}", t.id);
            }
            Column::Done => out.push_str(match (t.done, t.cancelled) {
                (_, true) => crate::wording::CANCELLED_TODO,
                (true, false) => "[x]",
                (false, false) => "[ ]",
            }),
            Column::List => match &t.list {
                Some((_, name)) => out.push_str(&display_safe(name)),
                None => out.push_str("Inbox"),
            },
            Column::Created => out.push_str(&when::age(t.created_at, now, &zone)),
            Column::Due => {
                if let Some(label) = t.due.and_then(|d| open_due_label(d, t.done, now, &zone)) {
                    out.push_str(&label.text);
                }
            }
            Column::Priority => out.push_str(t.priority.map_or("", Priority::marks)),
            Column::Title => {
                out.push_str(&display_safe(&t.title));
                for tag in &t.own_tags {
                    out.push_str("  #");
                    out.push_str(&display_safe(tag));
                }
                // The marks the app shows: a note, a recurrence.
                if t.has_note {
                    out.push_str(" ✎");
                }
                if let Some(every) = t.every {
                    out.push_str("  ↻ ");
                    out.push_str(&every.text());
                }
            }
        }
    })
}

/// The columns `softly ls` can show.
#[derive(Clone, Copy)]
enum Column {
    Id,
    Done,
    List,
    Created,
    Due,
    Priority,
    Title,
}

impl Column {
    fn header(self) -> &'static str {
        match self {
            Column::Id => "ID",
            Column::Done => "DONE",
            Column::List => "LIST",
            Column::Created => "CREATED",
            Column::Due => "DUE",
            Column::Priority => "PRI",
            Column::Title => "TITLE",
        }
    }
}

/// The table of `softly trash`: headers and rows. FROM (the list a todo entry came from)
/// and DUE show only when an entry listed has one.
pub fn trash_table(
    entries: &[TrashEntry],
    retention: Retention,
    now: Timestamp,
) -> (Vec<&'static str>, Vec<Vec<String>>) {
    let zone = when::local_zone();
    let with_from = entries.iter().any(|e| e.from_list.is_some());
    let with_due = entries.iter().any(|e| e.due.is_some());
    let with_why = entries.iter().any(|e| e.cause.is_some());
    let mut headers = vec!["ENTRY", "KIND", "TODOS", "DELETED", "PURGES"];
    headers.extend(with_from.then_some("FROM"));
    headers.extend(with_due.then_some("DUE"));
    headers.extend(with_why.then_some("WHY"));
    headers.push("TITLE");
    let rows = entries
        .iter()
        .map(|e| {
            let purges = match retention.purge_at(e.deleted_at).filter(|_| !e.pinned) {
                Some(at) => until_or_due(at, now),
                None => "kept".to_string(),
            };
            let mut row = vec![
                e.id.to_string(),
                e.kind.as_str().to_string(),
                e.todos.to_string(),
                when::age(e.deleted_at, now, &zone),
                purges,
            ];
            if with_from {
                row.push(e.from_list.as_deref().map(safe).unwrap_or_default());
            }
            if with_due {
                row.push(
                    e.due
                        .map(|d| due_label(d, now, &zone).text)
                        .unwrap_or_default(),
                );
            }
            if with_why {
                let why = e
                    .cause
                    .as_deref()
                    .and_then(crate::wording::sync::trash_cause);
                row.push(why.unwrap_or_default().to_string());
            }
            row.push(crate::wording::entry_title(e));
            row
        })
        .collect();
    (headers, rows)
}

fn until_or_due(at: Timestamp, now: Timestamp) -> String {
    if at <= now {
        "due now".to_string()
    } else {
        when::until(at, now)
    }
}

/// The rows of `softly log`.
pub fn log_rows(records: &[LogRecord]) -> Vec<Vec<String>> {
    records
        .iter()
        .map(|r| {
            vec![
                when::local(r.at),
                r.reason.as_str().to_string(),
                r.trigger.as_str().to_string(),
                r.counts.entries.to_string(),
                r.counts.todos.to_string(),
                r.counts.lists.to_string(),
                r.cutoff.map(when::local).unwrap_or_else(|| "-".to_string()),
            ]
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_line_up_by_display_width_and_the_last_is_not_padded() {
        let out = table(
            &["ID", "LIST", "TITLE"],
            &[
                vec!["1".into(), "日本".into(), "a".into()],
                vec!["22".into(), "Work".into(), "b".into()],
            ],
        );
        assert_eq!(out, "ID  LIST  TITLE\n1   日本  a\n22  Work  b\n");
    }

    #[test]
    fn a_table_longer_than_one_chunk_comes_out_whole_and_aligned() {
        let rows: Vec<Vec<String>> = (0..3000)
            .map(|i| {
                vec![
                    i.to_string(),
                    "x".repeat(i % 7),
                    format!("title {i} {}", "t".repeat(40)),
                ]
            })
            .collect();
        let out = table(&["N", "PAD", "TITLE"], &rows);
        let mut expected = String::from("N     PAD     TITLE\n");
        for row in &rows {
            expected.push_str(&format!("{:<6}{:<8}{}\n", row[0], row[1], row[2]));
        }
        assert!(out.len() > 2 * 64 * 1024);
        // Not assert_eq: a mismatch would print 200 KB.
        let first_difference = out.lines().zip(expected.lines()).position(|(a, b)| a != b);
        assert_eq!(first_difference, None);
        assert!(
            out == expected,
            "{} bytes, expected {}",
            out.len(),
            expected.len()
        );
    }

    #[test]
    fn a_one_column_table_is_its_cells_one_per_line() {
        let out = table(&["NAME"], &[vec!["a".into()], vec!["bb".into()]]);
        assert_eq!(out, "NAME\na\nbb\n");
    }
}
