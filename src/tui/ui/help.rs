//! The `?` overlay: every binding, straight from the keymap table.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Widget};

use super::rows::{centered, clear};
use crate::tui::app::App;
use crate::tui::keymap::{BINDINGS, Context};

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let mut lines: Vec<Line> = Vec::new();
    for context in [
        Context::Global,
        Context::Todos,
        Context::Lists,
        Context::Trash,
    ] {
        if !lines.is_empty() {
            lines.push(Line::default());
        }
        lines.push(Line::from(Span::styled(context.title(), theme.title())));
        for binding in BINDINGS.iter().filter(|b| b.context == context) {
            let keys: Vec<String> = binding.keys.iter().map(|k| k.label()).collect();
            lines.push(Line::from(vec![
                Span::styled(format!(" {:<12}", keys.join(" ")), theme.key()),
                Span::raw(binding.help),
            ]));
        }
    }
    // One column when it fits the height, else two side by side.
    const COLUMN: u16 = 38;
    let fits = lines.len() as u16 + 2 <= area.height.saturating_sub(2);
    let (width, height) = if fits {
        (COLUMN + 2, lines.len() as u16 + 2)
    } else {
        (2 * COLUMN + 2, (lines.len() as u16).div_ceil(2) + 2)
    };
    let popup = centered(area, width, height);
    clear(popup, buf);
    Block::default()
        .borders(Borders::ALL)
        .border_style(theme.focused_border())
        .title(Span::styled(" Keys · any key closes ", theme.title()))
        .render(popup, buf);
    let inner = Rect::new(popup.x + 1, popup.y + 1, popup.width - 2, popup.height - 2);
    let rows = inner.height.max(1) as usize;
    for (i, line) in lines.iter().enumerate() {
        let column = (i / rows) as u16;
        let x = inner.x + column * COLUMN;
        if x + COLUMN > inner.right() {
            break; // the terminal is too short even for two columns
        }
        buf.set_line(x, inner.y + (i % rows) as u16, line, COLUMN);
    }
}
