//! `Enter` in the Trash: the todos an entry holds (a batch's, or a list's), over the Trash,
//! each with its checkbox and the list it came from.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Widget};

use super::pieces::{centered, clear, fit, row, scrollbar};
use crate::tui::app::App;
use crate::tui::mode::EntryContents;
use crate::wording::status;

pub fn render(app: &App, contents: &EntryContents, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let more = contents.total - contents.todos.len() as i64;
    let lines = contents.todos.len() + usize::from(more > 0);
    // Between the header and the footer, a margin each side.
    let height = (lines as u16 + 2).min(area.height.saturating_sub(4)).max(3);
    let width = area.width.saturating_sub(4).min(72);
    let popup = centered(area, width, height);
    clear(popup, buf);
    let title = status::entry_contents_title(&contents.entry, contents.total);
    Block::default()
        .borders(Borders::ALL)
        .border_style(theme.focused_border())
        .title(Span::styled(
            fit(&title, width.saturating_sub(4) as usize),
            theme.title(),
        ))
        .render(popup, buf);
    let inner = super::Areas::inner(popup);
    let rows = inner.height as usize;
    let scroll = (contents.scroll as usize).min(lines.saturating_sub(rows));
    scrollbar(popup, lines, scroll, rows, buf);
    for (i, todo) in contents.todos.iter().enumerate().skip(scroll).take(rows) {
        let y = inner.y + (i - scroll) as u16;
        let checkbox = match (todo.done, todo.cancelled) {
            (_, true) => "[-] ",
            (true, false) => "[x] ",
            (false, false) => "[ ] ",
        };
        let left = vec![
            Span::raw(checkbox),
            Span::raw(fit(&todo.title, inner.width as usize)),
        ];
        let right = todo
            .list
            .as_ref()
            .map(|list| Span::styled(fit(list, 20), theme.dim()))
            .into_iter()
            .collect();
        row(buf, inner, y, left, right, ratatui::style::Style::new());
    }
    let last = scroll + rows;
    if more > 0 && contents.todos.len() < last {
        let y = inner.y + (contents.todos.len() - scroll) as u16;
        let line = Line::from(Span::styled(status::and_more(more), theme.dim()));
        buf.set_line(inner.x, y, &line, inner.width);
    }
}
