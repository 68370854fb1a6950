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
use unicode_width::UnicodeWidthStr;

/// A trash row's title keeps at least this many columns when its details need room.
const MIN_TITLE_WIDTH: usize = 12;

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
    draw_rows(app, inner, buf);
}

/// One row per entry on screen, the columns on the right as wide as their widest.
fn draw_rows(app: &App, inner: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let marking = !app.marked_entries.is_empty();
    let marks_width = if marking { 2 } else { 0 };
    let shown = &app.trash.rows[..app.trash.rows.len().min(inner.height as usize)];
    let details: Vec<(&str, String)> = shown.iter().map(|e| details_of(app, e)).collect();
    // The right-hand columns are as wide as their widest on screen, so they line up and
    // every other column goes to the titles. "deleted 3d ago" goes first when a row is
    // short of room: the countdown, where a todo came from and its due date say more.
    let ages: Vec<String> = shown
        .iter()
        .map(|e| format!("deleted {}", when::age(e.deleted_at, app.now, &app.zone)))
        .collect();
    let age_width = ages.iter().map(|a| a.width()).max().unwrap_or(0);
    let countdowns: Vec<Span> = shown.iter().map(|e| countdown(app, e)).collect();
    let countdown_width = countdowns.iter().map(Span::width).max().unwrap_or(0);
    let left_need = shown
        .iter()
        .zip(&details)
        .map(|(e, (what, extra))| {
            marks_width + what.len() + e.title.width().min(MIN_TITLE_WIDTH) + extra.width()
        })
        .max()
        .unwrap_or(0);
    let with_age = left_need + 1 + age_width + 2 + countdown_width <= inner.width as usize;
    for (i, entry) in shown.iter().enumerate() {
        let y = inner.y + i as u16;
        let selected = app.trash.offset + i as i64 == app.trash.cursor;
        let style = if selected {
            theme.selected()
        } else {
            Style::new()
        };
        let (what, extra) = &details[i];
        // Dim text on a reversed (selected) row would be a dark block; keep it plain.
        let dim = if selected { Style::new() } else { theme.dim() };
        let mut right = Vec::new();
        if with_age {
            right.push(Span::styled(format!("{:<age_width$}  ", ages[i]), dim));
        }
        let countdown = &countdowns[i];
        right.push(Span::styled(
            format!("{:<countdown_width$}", countdown.content),
            countdown.style,
        ));
        let mut left = Vec::with_capacity(4);
        if marking {
            left.push(if app.marked_entries.contains(&entry.id) {
                Span::styled("* ", theme.key())
            } else {
                Span::raw("  ")
            });
        }
        // The details (list, due date, how many more) keep their room; the title takes the
        // rest, and gives way first, down to a few words.
        let right_width: usize = right.iter().map(|s| s.width()).sum::<usize>() + 1;
        let room = (inner.width as usize).saturating_sub(right_width + marks_width + what.len());
        let title_width = room.saturating_sub(extra.width()).max(MIN_TITLE_WIDTH);
        left.extend([
            Span::styled(*what, dim),
            Span::raw(fit(&entry.title, title_width)),
            Span::styled(extra.clone(), dim),
        ]);
        row(buf, inner, y, left, right, style);
    }
}

/// What an entry is ("todo  ", "todos ", "list  ") and what it says after its title: how
/// many more a batch holds or a list took with it, where a todo came from, why sync put it
/// here, when it was due.
fn details_of(app: &App, entry: &TrashEntry) -> (&'static str, String) {
    let (what, mut extra) = match entry.kind {
        EntryKind::Todo if entry.todos > 1 => ("todos ", format!("  +{} more", entry.todos - 1)),
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
    (what, extra)
}

/// "purges in 27 days", "purges in 26h 14m" (highlighted under a day), or "kept" (retention
/// off, or "kept · pinned" for an entry pinned until unpinned).
fn countdown(app: &App, entry: &TrashEntry) -> Span<'static> {
    if entry.pinned {
        return Span::styled("kept · pinned", app.theme.key());
    }
    match app.retention.purge_at(entry.deleted_at) {
        None => Span::styled("kept", app.theme.dim()),
        Some(at) => {
            let text = format!("purges {}", when::until(at, app.now));
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
