//! The bottom two lines: the keys that work here, and the status line (or the filter being
//! typed, or how to finish an edit).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::pieces::{editor_spans, fit};
use crate::tui::app::App;
use crate::tui::mode::Mode;
use crate::wording::status;

pub fn render(app: &App, keys: Rect, status: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    // Every mode's hints come from the keymap table, for the context the keys go to now.
    let hints: Vec<(String, &str)> = app
        .keymap
        .footer_bindings(app.context())
        .map(|b| (b.footer_label(), b.short))
        .collect();
    // Too narrow for every hint: the ones before the last two ("? help", "q quit") go
    // first, from the right, so help and quit stay in sight.
    let mut hints = hints;
    let width = |hints: &[(String, &str)]| -> usize {
        1 + hints
            .iter()
            .map(|(k, w)| k.chars().count() + w.chars().count() + 3)
            .sum::<usize>()
    };
    while width(&hints) > keys.width as usize && hints.len() > 2 {
        hints.remove(hints.len() - 3);
    }
    let mut spans = vec![Span::raw(" ")];
    for (key, what) in hints {
        spans.push(Span::styled(key, theme.key()));
        spans.push(Span::styled(format!(" {what}  "), theme.dim()));
    }
    buf.set_line(keys.x, keys.y, &Line::from(spans), keys.width);

    let line = match &app.mode {
        Mode::Filter(editor) => {
            // What the filter does not understand is said beside it, never dropped.
            let not_understood = app.view_filter().not_understood;
            let said = match not_understood.is_empty() {
                true => String::new(),
                false => format!("  {}", status::filter_not_understood(&not_understood)),
            };
            let room = status.width.saturating_sub(4) as usize;
            let room_for_text = room.saturating_sub(said.chars().count()).max(room / 2);
            let mut spans = vec![Span::styled(" / ", theme.key())];
            spans.extend(editor_spans(editor, room_for_text));
            spans.push(Span::styled(
                fit(&said, room - room_for_text.min(room)),
                theme.error(),
            ));
            Line::from(spans)
        }
        _ => match &app.status {
            Some(s) => Line::from(Span::styled(
                format!(" {}", fit(&s.text, status.width.saturating_sub(2) as usize)),
                if s.error { theme.error() } else { theme.info() },
            )),
            None => Line::default(),
        },
    };
    buf.set_line(status.x, status.y, &line, status.width);
}
