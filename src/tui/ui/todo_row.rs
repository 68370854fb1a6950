//! One todo's row in the todo pane: the checkbox and the title on the left, its columns on
//! the right (the list, the due date, when it was made). In a narrow pane the columns give
//! way in a fixed order (when it was made first, then the recurrence, the list, the due
//! time, the due day) before the title gets fewer than [`TITLE_KEEPS`] columns; the
//! checkbox is never cut.

use jiff::civil::Date;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Span;

use super::pieces::{fit, row, selection_style};
use crate::fields::open_due_label;
use crate::store::Todo;
use crate::tui::action::Pane;
use crate::tui::app::App;
use crate::when;

/// The columns of a title a narrow pane still shows, the right-hand columns given way.
pub const TITLE_KEEPS: usize = 12;

/// How the rows of this view are drawn.
pub struct RowShape<'a> {
    pub selected: bool,
    /// The mark column, when rows are marked.
    pub mark: Option<Span<'a>>,
    pub checkbox: &'static str,
    /// Rows name their list (a smart view mixes lists).
    pub mixed: bool,
    /// Grouped by day: a day is written on its first todo only.
    pub by_day: bool,
}

/// A right-hand column, and when it gives way: the lower, the sooner.
struct RightColumn<'a> {
    span: Span<'a>,
    gives_way: u8,
}

pub fn draw(
    app: &App,
    todo: &Todo,
    shape: &RowShape<'_>,
    last_day: &mut Option<Date>,
    (inner, y): (Rect, u16),
    buf: &mut Buffer,
) {
    let theme = &app.theme;
    let style = match shape.selected {
        true => selection_style(app, Pane::Todos),
        false => Style::new(),
    };
    let title_style = if todo.done {
        theme.done()
    } else {
        Style::new()
    };
    let mut left: Vec<Span> = shape.mark.clone().into_iter().collect();
    left.push(Span::raw(shape.checkbox));
    if let Some(priority) = todo.priority {
        left.push(Span::styled(
            format!("{} ", priority.marks()),
            theme.urgent(),
        ));
    }
    // What comes before the title is never cut, and the title keeps its first columns.
    let before_title: usize = left.iter().map(Span::width).sum();
    let title = fit(&todo.title, inner.width as usize);
    let keep = before_title + Span::raw(title.as_str()).width().min(TITLE_KEEPS);
    left.push(Span::styled(title, title_style));
    // Dim text on a reversed (selected) row would be a dark block.
    let quiet = if shape.selected {
        Style::new()
    } else {
        theme.dim()
    };
    for tag in &todo.own_tags {
        left.push(Span::styled(format!("  #{}", fit(tag, 40)), quiet));
    }
    if todo.has_note {
        left.push(Span::styled(" ✎", quiet));
    }
    let right = right_columns(app, todo, shape, last_day, quiet);
    let right = give_way(right, keep, inner.width as usize);
    row(buf, inner, y, left, right, style);
}

/// The right-hand columns, each ending in the gap before the next.
fn right_columns<'a>(
    app: &App,
    todo: &Todo,
    shape: &RowShape<'_>,
    last_day: &mut Option<Date>,
    quiet: Style,
) -> Vec<RightColumn<'a>> {
    let column = |text: String, style: Style, gives_way: u8| RightColumn {
        span: Span::styled(text, style),
        gives_way,
    };
    let mut right = Vec::new();
    if todo.cancelled {
        right.push(column(
            format!("{}  ", crate::wording::CANCELLED_TODO),
            quiet,
            9,
        ));
    }
    if let Some(every) = todo.every {
        right.push(column(format!("↻ {}  ", every.text()), quiet, 2));
    }
    if shape.mixed {
        let list = todo
            .list
            .as_ref()
            .map_or("Inbox", |(_, name)| name.as_str());
        right.push(column(format!("{}  ", fit(list, 16)), quiet, 3));
    }
    let shown_due = todo
        .due
        .and_then(|due| Some((due, open_due_label(due, todo.done, app.now, &app.zone)?)));
    if let Some((due, mut label)) = shown_due {
        let day = due.at.to_zoned_datetime(app.zone.clone()).date();
        // Each overdue todo says by how much.
        if shape.by_day && !label.overdue && *last_day == Some(day) {
            label.text = " ".repeat(label.text.chars().count());
        }
        *last_day = Some(day);
        let style = if label.overdue {
            app.theme.error()
        } else {
            Style::new()
        };
        // "Dec 24 14:30": the time gives way before the day.
        let (day_part, time_part) =
            match (due.has_time && !label.overdue, label.text.rsplit_once(' ')) {
                (true, Some((day, time))) => (day.to_string(), format!(" {time}")),
                _ => (label.text.clone(), String::new()),
            };
        right.push(column(day_part, style, 5));
        if !time_part.is_empty() {
            right.push(column(time_part, style, 4));
        }
        right.push(column("  ".into(), Style::new(), 5));
    }
    right.push(column(
        when::age(todo.created_at, app.now, &app.zone),
        quiet,
        1,
    ));
    right
}

/// Drops the columns that must give way for the left part to keep `keep` of `width`
/// columns, soonest first; the gap the last one left at the end goes too.
fn give_way(mut right: Vec<RightColumn<'_>>, keep: usize, width: usize) -> Vec<Span<'_>> {
    let fits = |right: &[RightColumn<'_>]| {
        let used: usize = right.iter().map(|c| c.span.width()).sum();
        // The gap the last column ends in is not drawn.
        let gap = right.last().map_or(0, |c| {
            c.span.content.len() - c.span.content.trim_end().len()
        });
        used == 0 || keep + 1 + used - gap <= width
    };
    while !fits(&right) {
        let Some(soonest) = right.iter().map(|c| c.gives_way).min() else {
            break;
        };
        right.retain(|c| c.gives_way != soonest);
    }
    let mut spans: Vec<Span> = right.into_iter().map(|c| c.span).collect();
    if let Some(last) = spans.last_mut() {
        let trimmed = last.content.trim_end().to_string();
        last.content = trimmed.into();
    }
    spans.retain(|s| !s.content.is_empty());
    spans
}
