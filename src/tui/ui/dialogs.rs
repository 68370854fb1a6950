//! Popups: the confirm dialog (No is the default) and the "move to list" picker.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget, Wrap};

use super::pieces::{centered, clear, fit, row};
use crate::tui::app::App;
use crate::tui::mode::{Confirm, MovePicker};

pub fn render_confirm(app: &App, confirm: &Confirm, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let width = 56u16.min(area.width.saturating_sub(4));
    let text_width = width.saturating_sub(4) as usize;
    let message_lines = wrapped_lines(&confirm.message, text_width);
    let popup = centered(area, width, message_lines + 4);
    clear(popup, buf);
    Block::default()
        .borders(Borders::ALL)
        .border_style(theme.error())
        .title(Span::styled(format!(" {} ", confirm.title), theme.error()))
        .render(popup, buf);
    let inner = Rect::new(
        popup.x + 2,
        popup.y + 1,
        popup.width.saturating_sub(4),
        popup.height.saturating_sub(2),
    );
    Paragraph::new(confirm.message.as_str())
        .wrap(Wrap { trim: true })
        .render(
            Rect::new(
                inner.x,
                inner.y,
                inner.width,
                inner.height.saturating_sub(2),
            ),
            buf,
        );
    let button = |label: &str, selected: bool, danger: bool| {
        let style = match (selected, danger) {
            (true, true) => theme.danger(),
            (true, false) => theme.selected(),
            (false, _) => Style::new(),
        };
        Span::styled(format!("[ {label} ]"), style)
    };
    let buttons = Line::from(vec![
        button(confirm.no, !confirm.yes_selected, false),
        Span::raw("   "),
        button(confirm.yes, confirm.yes_selected, true),
    ]);
    let x = inner.x + inner.width.saturating_sub(buttons.width() as u16) / 2;
    buf.set_line(x, inner.bottom().saturating_sub(1), &buttons, inner.width);
}

/// How many lines `text` takes when wrapped at word boundaries to `width` columns.
fn wrapped_lines(text: &str, width: usize) -> u16 {
    let mut lines = 1;
    let mut used = 0;
    for word in text.split_whitespace() {
        let w = unicode_width::UnicodeWidthStr::width(word);
        if used > 0 && used + 1 + w > width {
            lines += 1;
            used = w;
        } else {
            used += w + usize::from(used > 0);
        }
    }
    lines
}

pub fn render_move(app: &App, picker: &MovePicker, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let height = (picker.choices.len() as u16 + 2).min(area.height.saturating_sub(4));
    let popup = centered(area, 40, height);
    clear(popup, buf);
    Block::default()
        .borders(Borders::ALL)
        .border_style(theme.focused_border())
        .title(Span::styled(
            match picker.marked.is_empty() {
                true => format!(" Move '{}' to ", fit(&picker.title, 20)),
                // "3 todos": a count, not a title.
                false => format!(" Move {} to ", picker.title),
            },
            theme.title(),
        ))
        .render(popup, buf);
    let inner = super::Areas::inner(popup);
    let rows = inner.height as usize;
    let offset = picker.cursor.saturating_sub(rows.saturating_sub(1));
    for (i, (_, name)) in picker.choices.iter().enumerate().skip(offset).take(rows) {
        let style = if i == picker.cursor {
            theme.selected()
        } else {
            Style::new()
        };
        row(
            buf,
            inner,
            inner.y + (i - offset) as u16,
            vec![Span::raw(name.clone())],
            vec![],
            style,
        );
    }
}
