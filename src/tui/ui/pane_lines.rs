//! The lines of the todo pane: one per todo, and in Today and Upcoming (in their own
//! order) a heading before each day's first todo ("Tomorrow · Tue Dec 8") and above the
//! first todo on screen, so that every row's day is in sight. Drawing and the mouse both
//! read the pane through these lines.

use jiff::civil::Date;

use crate::store::{Sort, Todo};
use crate::tui::app::App;
use crate::tui::view::View;
use crate::wording::status;

/// One line of the todo pane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PaneLine {
    Heading(String),
    /// The todo at this index of the rows read (`app.todos.rows`).
    Todo(usize),
}

/// Whether the pane is grouped by day: Today and Upcoming in their own order.
pub fn by_day(app: &App) -> bool {
    matches!(app.view(), View::Today | View::Upcoming) && app.sort() == Sort::Natural
}

/// The pane's first `height` lines, starting late enough that the selected todo is among
/// them (headings take lines the rows read would fill).
pub fn pane_lines(app: &App, height: usize) -> Vec<PaneLine> {
    let rows = &app.todos.rows;
    let cursor = usize::try_from(app.todos.cursor - app.todos.offset).ok();
    let mut first = 0;
    loop {
        let lines = lines_from(app, rows, first, height);
        let shows_cursor = match cursor {
            Some(c) if c < rows.len() => lines.contains(&PaneLine::Todo(c)) || first >= c,
            _ => true,
        };
        if shows_cursor {
            return lines;
        }
        first += 1;
    }
}

/// Lines from row `first` on, at most `height`.
fn lines_from(app: &App, rows: &[Todo], first: usize, height: usize) -> Vec<PaneLine> {
    let grouped = by_day(app);
    let today = app.now.to_zoned_datetime(app.zone.clone()).date();
    let mut lines = Vec::with_capacity(height);
    let mut last: Option<Option<Date>> = None;
    for (i, todo) in rows.iter().enumerate().skip(first) {
        if lines.len() >= height {
            break;
        }
        if grouped {
            // Overdue days share one heading (`None`).
            let day = todo
                .due
                .map(|d| d.at.to_zoned_datetime(app.zone.clone()).date())
                .filter(|day| *day >= today);
            if last != Some(day) {
                lines.push(PaneLine::Heading(status::day_heading(day, today)));
                last = Some(day);
            }
        }
        lines.push(PaneLine::Todo(i));
    }
    lines.truncate(height);
    lines
}
