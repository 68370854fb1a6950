//! Shared pieces for drawing rows: fitting text to a width, a row with a right-hand column,
//! the line editor, and clearing under a popup.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use crate::text::display_safe;
use crate::tui::editor::LineEditor;

/// Stored text made safe to draw (control characters as symbols), cut to `width` columns
/// with an ellipsis when it does not fit. Measures and cuts by grapheme cluster, as terminals
/// draw: a wide character, a joined emoji or a flag is kept whole or dropped whole.
pub fn fit(text: &str, width: usize) -> String {
    let safe = display_safe(text);
    if safe.width() <= width {
        return safe.into_owned();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for cluster in safe.graphemes(true) {
        let w = cluster.width();
        if used + w > width - 1 {
            break;
        }
        out.push_str(cluster);
        used += w;
    }
    out.push('…');
    out
}

/// Marks on the right border of `pane` where the rows on screen sit among `total`, when
/// there are more than fit: a thumb over a track, so more above or below is always visible.
pub fn scrollbar(pane: Rect, total: usize, first: usize, shown: usize, buf: &mut Buffer) {
    use ratatui::widgets::{Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget};
    if total <= shown || pane.height < 3 {
        return;
    }
    let track = Rect::new(
        pane.right().saturating_sub(1),
        pane.y + 1,
        1,
        pane.height - 2,
    );
    let mut state = ScrollbarState::new(total.saturating_sub(shown) + 1)
        .position(first)
        .viewport_content_length(shown);
    Scrollbar::new(ScrollbarOrientation::VerticalRight)
        .begin_symbol(None)
        .end_symbol(None)
        .track_symbol(Some("│"))
        .thumb_symbol("┃")
        .render(track, buf, &mut state);
}

/// Draws one row: `left` spans from the left edge, `right` flush right, the left side cut
/// short (with an ellipsis) so the two never overlap. `style` fills the whole row.
pub fn row(
    buf: &mut Buffer,
    area: Rect,
    y: u16,
    left: Vec<Span<'_>>,
    right: Vec<Span<'_>>,
    style: Style,
) {
    let width = area.width as usize;
    buf.set_style(Rect::new(area.x, y, area.width, 1), style);
    let right_width: usize = right.iter().map(|s| s.width()).sum();
    let right_width = if right_width + 4 > width {
        0
    } else {
        right_width
    };
    let room = width.saturating_sub(right_width + if right_width > 0 { 1 } else { 0 });
    let mut used = 0;
    let mut fitted = Vec::new();
    for span in left {
        let w = span.width();
        if used + w <= room {
            used += w;
            fitted.push(span);
        } else {
            fitted.push(Span::styled(fit(&span.content, room - used), span.style));
            break;
        }
    }
    buf.set_line(area.x, y, &Line::from(fitted).style(style), area.width);
    if right_width > 0 {
        let x = area.x + (width - right_width) as u16;
        buf.set_line(x, y, &Line::from(right).style(style), right_width as u16);
    }
}

/// The editor's text with a visible cursor, scrolled so the cursor stays in `width` columns.
/// Works in grapheme clusters, so the cursor covers a whole joined emoji.
pub fn editor_spans(editor: &LineEditor, width: usize) -> Vec<Span<'static>> {
    let (before, at, after) = editor.split_at_cursor();
    let at = display_safe(at.unwrap_or(" ")).into_owned();
    let at_width = at.width().max(1);
    // Show as much as fits before the cursor, leaving room for the cursor itself.
    let mut shown_before = Vec::new();
    let mut used = at_width;
    for cluster in before.graphemes(true).rev() {
        let cluster = display_safe(cluster);
        let w = cluster.width();
        if used + w > width {
            break;
        }
        used += w;
        shown_before.push(cluster);
    }
    shown_before.reverse();
    let mut shown_after = String::new();
    for cluster in after.graphemes(true) {
        let cluster = display_safe(cluster);
        let w = cluster.width();
        if used + w > width {
            break;
        }
        used += w;
        shown_after.push_str(&cluster);
    }
    vec![
        Span::raw(shown_before.concat()),
        Span::styled(
            at,
            Style::new().add_modifier(ratatui::style::Modifier::REVERSED),
        ),
        Span::raw(shown_after),
    ]
}

/// Blanks `area` for a popup. A wide character whose left half sits just outside the popup
/// would otherwise spill its right half over the popup's border, so it is blanked too.
pub fn clear(area: Rect, buf: &mut Buffer) {
    for y in area.top()..area.bottom() {
        if area.x > 0
            && let Some(cell) = buf.cell_mut((area.x - 1, y))
            && cell.symbol().width() > 1
        {
            cell.reset();
        }
        for x in area.left()..area.right() {
            if let Some(cell) = buf.cell_mut((x, y)) {
                cell.reset();
            }
        }
    }
}

/// A rectangle of `width` × `height` in the middle of `area` (shrunk to fit).
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width.saturating_sub(2));
    let height = height.min(area.height.saturating_sub(2));
    Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    )
}

/// What a big view's pane says while its filter's first stretch found nothing and the
/// rest is being read.
pub fn searching_for(filter: &str) -> String {
    format!("Searching for '{}'…", fit(filter, 20))
}

/// How many rows a filtered view holds: "40+" while the rest is still being counted in
/// the background (its total is then the rows shown and one more).
pub fn match_count<T>(window: &crate::tui::view::Window<T>) -> String {
    if window.counting {
        format!("{}+", window.total - 1)
    } else {
        window.total.to_string()
    }
}

/// The style of a selected row: reversed in the focused pane, underlined elsewhere.
pub fn selection_style(app: &crate::tui::app::App, pane: crate::tui::action::Pane) -> Style {
    if app.focus == pane {
        app.theme.selected()
    } else {
        app.theme.selected_unfocused()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clearing_for_a_popup_blanks_a_wide_character_that_straddles_its_left_edge() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 10, 1));
        buf.set_string(0, 0, "日本語", Style::new()); // columns 0-5, 本 at 2-3
        clear(Rect::new(3, 0, 4, 1), &mut buf);
        assert_eq!(buf[(0, 0)].symbol(), "日");
        assert_eq!(buf[(2, 0)].symbol(), " ", "本 would spill into the popup");
        assert_eq!(buf[(3, 0)].symbol(), " ");
    }

    #[test]
    fn fit_cuts_by_display_width_and_never_splits_a_wide_character() {
        assert_eq!(fit("short", 10), "short");
        assert_eq!(fit("abcdefghij", 5), "abcd…");
        assert_eq!(fit("日本語テキスト", 6), "日本…");
        assert_eq!(fit("日本語テキスト", 5), "日本…");
        assert_eq!(fit("a\x1bb", 10), "a␛b");
    }

    #[test]
    fn fit_measures_joined_emoji_as_the_terminal_draws_them() {
        let hearts = "❤\u{fe0f}".repeat(10); // each heart is two columns, not one
        let cut = fit(&hearts, 9);
        assert!(cut.width() <= 9, "{cut:?} is {} columns", cut.width());
        assert_eq!(cut, format!("{}…", "❤\u{fe0f}".repeat(4)));
        let family = "👨\u{200d}👩\u{200d}👧\u{200d}👦";
        assert_eq!(fit(&format!("{family}{family}"), 3), format!("{family}…"));
        assert_eq!(
            fit(&format!("{family}{family}"), 2),
            "…",
            "never one person of a family"
        );
        assert_eq!(fit("🇯🇵🇫🇷", 3), "🇯🇵…", "never half a flag");
    }

    #[test]
    fn the_editor_cursor_covers_a_whole_joined_emoji_and_fits_its_width() {
        let family = "👨\u{200d}👩\u{200d}👧\u{200d}👦";
        let mut editor = LineEditor::new(&format!("{}{family}x", "ab".repeat(20)));
        editor.apply(crate::tui::editor::TextEdit::Left);
        editor.apply(crate::tui::editor::TextEdit::Left);
        let spans = editor_spans(&editor, 10);
        assert_eq!(spans[1].content, family);
        let width: usize = spans.iter().map(|s| s.width()).sum();
        assert!(width <= 10, "{width} columns: {spans:?}");
        assert_eq!(
            spans[0].content, "abababab",
            "the text just before the cursor"
        );
    }
}
