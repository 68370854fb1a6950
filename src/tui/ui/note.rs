//! The note editor: a popup over the todos with the note in a multi-line text area
//! (ratatui-textarea), the todo's title above it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders, Widget};

use super::pieces::{centered, clear, fit};
use crate::text::MAX_NOTE_CHARS;
use crate::tui::app::App;
use crate::tui::mode::NoteEditor;

pub fn render(app: &App, editor: &NoteEditor, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let width = 72u16.min(area.width.saturating_sub(4));
    let height = 16u16.min(area.height.saturating_sub(4));
    let popup = centered(area, width, height);
    clear(popup, buf);
    let title = format!(
        " Note · {} ",
        fit(&editor.title, width.saturating_sub(12) as usize)
    );
    let chars: usize = editor
        .area
        .lines()
        .iter()
        .map(|l| l.chars().count() + 1)
        .sum();
    let size = format!(" {}/{MAX_NOTE_CHARS} ", chars.saturating_sub(1));
    let size_style = if chars.saturating_sub(1) > MAX_NOTE_CHARS {
        theme.error()
    } else {
        theme.dim()
    };
    Block::default()
        .borders(Borders::ALL)
        .border_style(theme.focused_border())
        .title(Span::styled(title, theme.title()))
        .title_bottom(Span::styled(size, size_style))
        .render(popup, buf);
    let inner = Rect::new(
        popup.x + 1,
        popup.y + 1,
        popup.width.saturating_sub(2),
        popup.height.saturating_sub(2),
    );
    editor.area.render(inner, buf);
}
