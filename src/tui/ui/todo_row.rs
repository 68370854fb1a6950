//! One todo's row in the todo pane: the checkbox and the title on the left, its columns on
//! the right (the recurrence, the list, the due date, when it was made), each as wide as
//! its widest on screen so that they line up from row to row. In a narrow pane the columns
//! give way in a fixed order (when it was made first, then the recurrence, the list, the
//! due time, the due day) before a title gets fewer than [`TITLE_KEEPS`] columns; the
//! checkbox is never cut. Every row gives way alike, so what stays still lines up.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Span;

use super::pieces::{fit, row, selection_style};
use crate::fields::{Due, open_due_label};
use crate::store::Todo;
use crate::tui::action::Pane;
use crate::tui::app::App;
use crate::{when, wording};

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
    /// Under day headings: the due column says the time, "all day", or how overdue.
    pub by_day: bool,
}

/// The right-hand columns, left to right.
const CANCELLED: usize = 0;
const EVERY: usize = 1;
const LIST: usize = 2;
const DUE_DAY: usize = 3;
const DUE_TIME: usize = 4;
const AGE: usize = 5;
const KINDS: usize = 6;
/// When each gives way: the lower, the sooner.
const GIVES_WAY: [u8; KINDS] = [9, 2, 3, 5, 4, 1];

/// The width of each right-hand column on screen (0: not shown).
#[derive(Debug, Clone, Copy, Default)]
pub struct Columns {
    widths: [usize; KINDS],
}

/// One row's text in each right-hand column (the due's day alone, and the day with its
/// time), whether its due date is overdue, and whether it has a time.
struct Cells {
    texts: [String; KINDS],
    overdue: bool,
    timed: bool,
}

impl Columns {
    /// The columns of `todos` in a pane `width` wide: each as wide as its widest cell, and
    /// those that must give way for the longest title kept, gone.
    pub fn measure<'t>(
        app: &App,
        todos: impl IntoIterator<Item = &'t Todo>,
        shape: &RowShape<'_>,
        width: usize,
    ) -> Columns {
        let mut columns = Columns::default();
        let mut keep = 0;
        let mut any_time = false;
        for todo in todos {
            let cells = cells(app, todo, shape);
            any_time |= cells.timed;
            for (w, text) in columns.widths.iter_mut().zip(&cells.texts) {
                *w = (*w).max(Span::raw(text.as_str()).width());
            }
            let before_title = shape.mark.as_ref().map_or(0, Span::width)
                + shape.checkbox.len()
                + todo.priority.map_or(0, |p| p.marks().len() + 1);
            let title = Span::raw(todo.title.as_str()).width().min(TITLE_KEEPS);
            keep = keep.max(before_title + title);
        }
        if !any_time {
            columns.widths[DUE_TIME] = 0;
        }
        while keep + 1 + columns.total() > width {
            let Some(soonest) = (0..KINDS)
                .filter(|&k| columns.widths[k] > 0)
                .min_by_key(|&k| GIVES_WAY[k])
            else {
                break;
            };
            columns.widths[soonest] = 0;
        }
        columns
    }

    /// The columns on show, left to right: the due's day alone only once its time gave way.
    fn shown(&self) -> impl Iterator<Item = usize> + '_ {
        (0..KINDS).filter(|&k| self.widths[k] > 0 && !(k == DUE_DAY && self.widths[DUE_TIME] > 0))
    }

    /// The gap after column `kind`: none after the last.
    fn gap_after(&self, kind: usize) -> usize {
        match self.shown().any(|k| k > kind) {
            true => 2,
            false => 0,
        }
    }

    fn total(&self) -> usize {
        self.shown()
            .map(|k| self.widths[k] + self.gap_after(k))
            .sum()
    }
}

pub fn draw(
    app: &App,
    todo: &Todo,
    shape: &RowShape<'_>,
    columns: &Columns,
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
    left.push(Span::styled(
        fit(&todo.title, inner.width as usize),
        title_style,
    ));
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
    let cells = cells(app, todo, shape);
    let mut right = Vec::new();
    for kind in columns.shown() {
        let width = columns.widths[kind];
        let text = &cells.texts[kind];
        // When it was made lines up on the right; the others on the left.
        let padded = match kind {
            AGE => format!("{text:>width$}"),
            _ => format!("{text:<width$}"),
        };
        let style = match kind {
            DUE_DAY | DUE_TIME if cells.overdue => app.theme.error(),
            DUE_DAY | DUE_TIME => Style::new(),
            _ => quiet,
        };
        right.push(Span::styled(padded, style));
        right.push(Span::raw(" ".repeat(columns.gap_after(kind))));
    }
    right.retain(|s| !s.content.is_empty());
    row(buf, inner, y, left, right, style);
}

/// The text of each right-hand column for `todo` (empty where it has none).
fn cells(app: &App, todo: &Todo, shape: &RowShape<'_>) -> Cells {
    let mut texts: [String; KINDS] = Default::default();
    if todo.cancelled {
        texts[CANCELLED] = wording::CANCELLED_TODO.to_string();
    }
    if let Some(every) = todo.every {
        texts[EVERY] = format!("↻ {}", every.text());
    }
    if shape.mixed {
        let list = todo
            .list
            .as_ref()
            .map_or("Inbox", |(_, name)| name.as_str());
        texts[LIST] = fit(list, 16);
    }
    let (mut overdue, mut timed) = (false, false);
    if let Some(due) = todo.due
        && let Some(label) = open_due_label(due, todo.done, app.now, &app.zone)
    {
        overdue = label.overdue;
        let (day, time) = match shape.by_day {
            true => (under_heading(app, due, &label.text), String::new()),
            false => match (due.has_time && !overdue, label.text.rsplit_once(' ')) {
                (true, Some((day, time))) => (day.to_string(), time.to_string()),
                _ => (label.text, String::new()),
            },
        };
        timed = !time.is_empty();
        texts[DUE_TIME] = match timed {
            true => format!("{day} {time}"),
            false => day.clone(),
        };
        texts[DUE_DAY] = day;
    }
    texts[AGE] = when::age(todo.created_at, app.now, &app.zone);
    Cells {
        texts,
        overdue,
        timed,
    }
}

/// Under a day's heading the day is said already: the time, "all day", or, for a day gone
/// by, how overdue it is.
fn under_heading(app: &App, due: Due, label: &str) -> String {
    let today = app.now.to_zoned_datetime(app.zone.clone()).date();
    let local = due.at.to_zoned_datetime(app.zone.clone());
    match (local.date() < today, due.has_time) {
        (true, _) => label.to_string(),
        (false, true) => local.strftime("%H:%M").to_string(),
        (false, false) => wording::status::ALL_DAY.to_string(),
    }
}
