//! The Trash tab: one row per entry, the soonest purge first, with live countdowns.

use jiff::Timestamp;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Widget};

use super::Areas;
use super::pieces::{fit, match_count, row, scrollbar, searching_for};
use crate::fields::due_label;
use crate::retention::Retention;
use crate::store::{EntryKind, TrashEntry};
use crate::text::count;
use crate::tui::app::App;
use crate::when;

/// A trash row's title keeps at least this many columns when its details need room.
const MIN_TITLE_WIDTH: usize = 12;
/// The widths of the "deleted …" and countdown columns.
const DELETED_WIDTH: usize = 22;
const COUNTDOWN_WIDTH: usize = 20;

/// Below this, a countdown is drawn to catch the eye.
const URGENT_MS: i64 = 24 * 3_600_000;

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let mut title = " Trash · the soonest purge first ".to_string();
    if !app.trash_filter.is_empty() {
        title = format!(
            " Trash · filter: {} · {} ",
            fit(&app.trash_filter, 16),
            match_count(&app.trash)
        );
    }
    Block::default()
        .borders(Borders::ALL)
        .border_style(theme.focused_border())
        .title(Span::styled(title, theme.title()))
        .render(area, buf);
    let inner = Areas::inner(area);

    let searching = app.trash.counting && app.trash.rows.is_empty();
    if app.trash.total == 0 || searching {
        let hint = if searching {
            // The first stretch of a big Trash held no match; the rest is being read.
            searching_for(&app.trash_filter)
        } else if !app.trash_filter.is_empty() {
            format!(
                "Nothing in the Trash matches '{}' — Esc clears the filter",
                fit(&app.trash_filter, 20)
            )
        } else {
            match app.retention {
                Retention::Never => {
                    "Trash is empty. Deleted items stay here until you erase them".to_string()
                }
                after => format!("Trash is empty. Deleted items stay here for {after}"),
            }
        };
        let line = Line::from(Span::styled(fit(&hint, inner.width as usize), theme.dim()));
        buf.set_line(inner.x + 1, inner.y, &line, inner.width.saturating_sub(1));
        return;
    }

    scrollbar(
        area,
        app.trash.total as usize,
        app.trash.offset as usize,
        inner.height as usize,
        buf,
    );
    let marking = !app.marked_entries.is_empty();
    for (i, entry) in app.trash.rows.iter().enumerate() {
        let y = inner.y + i as u16;
        if y >= inner.bottom() {
            break;
        }
        let selected = app.trash.offset + i as i64 == app.trash.cursor;
        let style = if selected {
            theme.selected()
        } else {
            Style::new()
        };
        // A list says how many todos went with it ("list  Groceries  +12 todos"), a batch
        // how many more it holds; a todo where it came from and when it was due.
        let (what, mut extra) = match entry.kind {
            EntryKind::Todo if entry.todos > 1 => {
                ("todos ", format!("  +{} more", entry.todos - 1))
            }
            EntryKind::Todo => ("todo  ", String::new()),
            EntryKind::List => ("list  ", format!("  +{}", count(entry.todos, "todo"))),
        };
        if let Some(list) = &entry.from_list {
            extra.push_str(&format!("  from {}", fit(list, 24)));
        }
        if let Some(why) = entry
            .cause
            .as_deref()
            .and_then(crate::wording::sync::trash_cause)
        {
            extra.push_str(&format!("  {why}"));
        }
        if let Some(due) = entry.due {
            extra.push_str(&format!(
                "  due {}",
                due_label(due, app.now, &app.zone).text
            ));
        }
        // Dim text on a reversed (selected) row would be a dark block; keep it plain.
        let dim = if selected { Style::new() } else { theme.dim() };
        // "deleted 3d ago" goes first when the row is short of room: the countdown, where a
        // todo came from and its due date say more.
        let marks_width = if marking { 2 } else { 0 };
        let extra_width = unicode_width::UnicodeWidthStr::width(extra.as_str());
        let title_need =
            unicode_width::UnicodeWidthStr::width(entry.title.as_str()).min(MIN_TITLE_WIDTH);
        let left_need = marks_width + what.len() + title_need + extra_width;
        let with_age =
            inner.width >= 70 && left_need + DELETED_WIDTH + COUNTDOWN_WIDTH < inner.width as usize;
        let mut right = Vec::new();
        if with_age {
            right.push(Span::styled(
                format!(
                    "{:<DELETED_WIDTH$}",
                    format!(
                        "deleted {}",
                        when::age(entry.deleted_at, app.now, &app.zone)
                    )
                ),
                dim,
            ));
        }
        right.push(countdown(app, entry));
        let mut left = Vec::with_capacity(4);
        if marking {
            left.push(if app.marked_entries.contains(&entry.id) {
                Span::styled("* ", theme.key())
            } else {
                Span::raw("  ")
            });
        }
        // The details (list, due date, how many more) keep their room; the title gives way
        // first, down to a few words.
        let right_width: usize = right.iter().map(|s| s.width()).sum::<usize>() + 1;
        let room = (inner.width as usize).saturating_sub(right_width + marks_width + what.len());
        let title_width = room.saturating_sub(extra_width).max(MIN_TITLE_WIDTH);
        left.extend([
            Span::styled(what, dim),
            Span::raw(fit(&entry.title, title_width)),
            Span::styled(extra, dim),
        ]);
        row(buf, inner, y, left, right, style);
    }
}

/// "purges in 27 days", "purges in 26h 14m" (highlighted under a day), or "kept" (retention
/// off, or "kept · pinned" for an entry pinned until unpinned).
fn countdown(app: &App, entry: &TrashEntry) -> Span<'static> {
    if entry.pinned {
        return Span::styled(
            format!("{:<COUNTDOWN_WIDTH$}", "kept · pinned"),
            app.theme.key(),
        );
    }
    match app.retention.purge_at(entry.deleted_at) {
        None => Span::styled(format!("{:<COUNTDOWN_WIDTH$}", "kept"), app.theme.dim()),
        Some(at) => {
            let text = format!(
                "{:<COUNTDOWN_WIDTH$}",
                format!("purges {}", when::until(at, app.now))
            );
            if remaining_ms(at, app.now) < URGENT_MS {
                Span::styled(text, app.theme.urgent())
            } else {
                Span::raw(text)
            }
        }
    }
}

fn remaining_ms(at: Timestamp, now: Timestamp) -> i64 {
    at.as_millisecond().saturating_sub(now.as_millisecond())
}
