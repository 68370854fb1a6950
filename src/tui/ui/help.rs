//! The `?` overlay: every binding of every mode, straight from the keymap table.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Widget};

use super::pieces::{centered, clear, scrollbar};
use crate::tui::app::App;
use crate::tui::keymap::{Context, Keymap};

/// The width of the keys' column, with the space before it.
const KEYS: usize = 13;

/// One line of the overlay: a context's heading, a binding (its keys, or none when they
/// did not fit beside what it does and took the line above), or a blank line.
enum Row {
    Heading(&'static str),
    Binding(String, &'static str),
    Blank,
}

/// Every binding, grouped by where it works, the keys of `first` (the pane the help was
/// opened from) first: one line each, or two when the keys are too many to fit beside what
/// they do.
fn rows(keymap: &Keymap, first: Context) -> Vec<Row> {
    let mut rows = Vec::new();
    let others = Context::ALL.into_iter().filter(|c| *c != first);
    for context in std::iter::once(first).chain(others) {
        if !rows.is_empty() {
            rows.push(Row::Blank);
        }
        rows.push(Row::Heading(context.title()));
        for binding in keymap.bindings().filter(|b| b.context == context) {
            let keys: Vec<String> = binding.keys.iter().map(|k| k.label()).collect();
            let keys = format!(" {}", keys.join(" "));
            if keys.chars().count() < KEYS {
                rows.push(Row::Binding(keys, binding.help));
            } else {
                rows.push(Row::Binding(keys, ""));
                rows.push(Row::Binding(String::new(), binding.help));
            }
        }
    }
    rows
}

fn lines(app: &App) -> Vec<Line<'static>> {
    let theme = &app.theme;
    rows(&app.keymap, Context::of(app.tab, app.focus))
        .into_iter()
        .map(|row| match row {
            Row::Heading(title) => Line::from(Span::styled(title, theme.title())),
            Row::Binding(keys, help) => Line::from(vec![
                Span::styled(format!("{keys:<KEYS$}"), theme.key()),
                Span::raw(help),
            ]),
            Row::Blank => Line::default(),
        })
        .collect()
}

/// One column of bindings is this wide.
const COLUMN: u16 = 44;

/// How the overlay sits in `area`: its rectangle, how many columns, how many rows a column
/// shows. Two columns when that holds everything at once, else one that scrolls.
fn placement(lines: usize, area: Rect) -> (Rect, u16, usize) {
    // Between the header and the two footer lines, which say how to scroll and close it.
    let area = Rect::new(
        area.x,
        area.y + 1,
        area.width,
        area.height.saturating_sub(3),
    );
    let room = area.height;
    let lines = lines as u16;
    let (columns, rows) = if lines + 2 <= room {
        (1, lines)
    } else if lines.div_ceil(2) + 2 <= room && 2 * COLUMN + 2 <= area.width {
        (2, lines.div_ceil(2))
    } else {
        (1, room.saturating_sub(2).max(1))
    };
    let popup = centered(area, columns * COLUMN + 2, rows + 2);
    // The rows the placed box has room for (it keeps a margin inside `area`).
    let rows = popup.height.saturating_sub(2).max(1);
    (popup, columns, rows as usize)
}

/// How far the overlay can scroll in `area` (0 when everything shows at once).
pub fn scroll_limit(area: Rect, keymap: &Keymap) -> u16 {
    // As many lines whichever pane comes first.
    let count = rows(keymap, Context::Global).len();
    let (_, columns, rows) = placement(count, area);
    (count.saturating_sub(columns as usize * rows)) as u16
}

pub fn render(app: &App, scroll: u16, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let lines = lines(app);
    let (popup, columns, rows) = placement(lines.len(), area);
    let scroll = (scroll as usize).min(lines.len().saturating_sub(columns as usize * rows));
    clear(popup, buf);
    let title = if columns == 1 && rows < lines.len() {
        " Keys · j/k scroll · ? or Esc closes "
    } else {
        " Keys · ? or Esc closes "
    };
    Block::default()
        .borders(Borders::ALL)
        .border_style(theme.focused_border())
        .title(Span::styled(title, theme.title()))
        .render(popup, buf);
    scrollbar(popup, lines.len(), scroll, rows, buf);
    let inner = Rect::new(popup.x + 1, popup.y + 1, popup.width - 2, popup.height - 2);
    for (i, line) in lines.iter().skip(scroll).enumerate() {
        let column = (i / rows.max(1)) as u16;
        if column >= columns {
            break;
        }
        let x = inner.x + column * COLUMN;
        buf.set_line(x, inner.y + (i % rows.max(1)) as u16, line, COLUMN);
    }
}
