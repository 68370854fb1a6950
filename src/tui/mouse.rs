//! Mouse → action: where on the screen a click or the wheel landed, in the app's terms. The
//! screen's layout is `ui`'s; what the action then does is `App::update`'s.

use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};

use super::action::{Action, Pane, Tab};
use super::app::App;
use super::mode::Mode;
use super::ui;

/// The action a mouse event asks for, if any. The mouse works only in normal mode.
pub fn action_for(app: &App, mouse: MouseEvent) -> Option<Action> {
    if app.mode != Mode::Normal {
        return None;
    }
    let areas = ui::layout(app.width, app.height);
    let (x, y) = (mouse.column, mouse.row);
    let on_lists = app.tab == Tab::Todos && x < areas.lists.right();
    match mouse.kind {
        // The wheel scrolls the pane under the pointer, not the focused one.
        MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => Some(Action::Scroll {
            pane: if on_lists { Pane::Lists } else { Pane::Todos },
            delta: if mouse.kind == MouseEventKind::ScrollDown {
                1
            } else {
                -1
            },
        }),
        MouseEventKind::Down(MouseButton::Left) if y == areas.header.y => {
            ui::tab_at(app, x).map(Action::ShowTab)
        }
        MouseEventKind::Down(MouseButton::Left) => {
            let (pane, rect) = match app.tab {
                Tab::Trash => (Pane::Todos, areas.trash),
                Tab::Todos if on_lists => (Pane::Lists, areas.lists),
                Tab::Todos => (Pane::Todos, areas.main),
            };
            let inner = ui::Areas::inner(rect);
            if y < inner.y || y >= inner.bottom() {
                return None;
            }
            let row = i64::from(y - inner.y);
            // Today's and Upcoming's day headings take lines of their own: a click on one
            // selects nothing.
            if (app.tab, pane) == (Tab::Todos, Pane::Todos) {
                let lines = ui::pane_lines::pane_lines(app, inner.height as usize);
                return match lines.get(row as usize) {
                    Some(ui::pane_lines::PaneLine::Todo(i)) => Some(Action::Click {
                        pane,
                        index: app.todos.offset + *i as i64,
                    }),
                    _ => None,
                };
            }
            // The row's index in its whole view: the panes show a window from an offset (the
            // list pane scrolls only as far as its selection needs).
            let offset = match (app.tab, pane) {
                (Tab::Trash, _) => app.trash.offset,
                (Tab::Todos, Pane::Todos) => app.todos.offset,
                (Tab::Todos, Pane::Lists) => app
                    .list_cursor
                    .saturating_sub(inner.height.saturating_sub(1) as usize)
                    as i64,
            };
            Some(Action::Click {
                pane,
                index: offset + row,
            })
        }
        _ => None,
    }
}
