//! Drawing. Everything here reads `&App` and writes cells; nothing touches the store or the
//! clock. One file per screen or dialog.

mod dialogs;
mod entry_overlay;
mod footer;
mod header;
mod help;
mod note;
pub mod pane_lines;
mod pieces;
mod todo_row;
mod todos_tab;
mod trash_tab;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Widget;

use super::action::Tab;
use super::app::App;
use super::mode::Mode;

pub use header::tab_at;

/// Below this size the app shows a "terminal too small" message instead of its screens.
pub const MIN_WIDTH: u16 = 50;
pub const MIN_HEIGHT: u16 = 10;

/// Where each part of the screen goes at a given size. The mouse handler uses the same
/// layout to know what was clicked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    pub header: Rect,
    /// The Todos tab's left pane (Inbox and lists), with its border.
    pub lists: Rect,
    /// The Todos tab's right pane, or the whole Trash tab, with its border.
    pub main: Rect,
    /// The Trash tab's pane, with its border.
    pub trash: Rect,
    pub keys: Rect,
    pub status: Rect,
}

impl Areas {
    /// How many rows fit inside the main pane's border.
    pub fn page_rows(&self) -> u16 {
        self.main.height.saturating_sub(2).max(1)
    }

    /// The inside of a bordered pane, with a column of padding on each side.
    pub fn inner(pane: Rect) -> Rect {
        Rect::new(
            pane.x + 2,
            pane.y + 1,
            pane.width.saturating_sub(4),
            pane.height.saturating_sub(2),
        )
    }
}

/// The layout for a `width` × `height` terminal.
/// How far the help overlay can scroll on a terminal of this size.
pub fn help_scroll_limit(width: u16, height: u16, keymap: &crate::tui::keymap::Keymap) -> u16 {
    help::scroll_limit(Rect::new(0, 0, width, height), keymap)
}

pub fn layout(width: u16, height: u16) -> Areas {
    let width = width.max(MIN_WIDTH);
    let height = height.max(MIN_HEIGHT);
    let body = Rect::new(0, 1, width, height - 3);
    // About a quarter of the width, never under 24 columns: names stay readable at 80
    // columns and the lists do not sit in a narrow strip of a 250-column terminal.
    let lists_width = (width / 4).max(24);
    Areas {
        header: Rect::new(0, 0, width, 1),
        lists: Rect::new(0, body.y, lists_width, body.height),
        main: Rect::new(lists_width, body.y, width - lists_width, body.height),
        trash: body,
        keys: Rect::new(0, height - 2, width, 1),
        status: Rect::new(0, height - 1, width, 1),
    }
}

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            too_small(area, buf);
            return;
        }
        let areas = layout(area.width, area.height);
        header::render(self, areas.header, buf);
        match self.tab {
            Tab::Todos => {
                todos_tab::render_lists(self, areas.lists, buf);
                todos_tab::render_todos(self, areas.main, buf);
            }
            Tab::Trash => trash_tab::render(self, areas.trash, buf),
        }
        footer::render(self, areas.keys, areas.status, buf);
        match &self.mode {
            Mode::Help(scroll) => help::render(self, *scroll, area, buf),
            Mode::Confirm(confirm) => dialogs::render_confirm(self, confirm, area, buf),
            Mode::MoveTo(picker) => dialogs::render_move(self, picker, area, buf),
            Mode::Note(editor) => note::render(self, editor, area, buf),
            Mode::Entry(contents) => entry_overlay::render(self, contents, area, buf),
            Mode::Normal | Mode::Filter(_) | Mode::Edit { .. } => {}
        }
    }
}

fn too_small(area: Rect, buf: &mut Buffer) {
    let lines = [
        "Terminal too small".to_string(),
        format!("{}×{} now,", area.width, area.height),
        format!("softly needs {MIN_WIDTH}×{MIN_HEIGHT}"),
    ];
    for (i, text) in lines.iter().enumerate() {
        if i as u16 >= area.height {
            break;
        }
        let line = Line::from(text.as_str());
        let x = area.x + area.width.saturating_sub(line.width() as u16) / 2;
        let y = area.y + (area.height.saturating_sub(lines.len() as u16)) / 2 + i as u16;
        buf.set_line(x, y, &line, area.width);
    }
}
