//! The top line: the tabs, and the purge policy in words.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::retention::Retention;
use crate::tui::action::Tab;
use crate::tui::app::App;

/// The tab titles, as drawn.
fn titles(app: &App) -> [String; 2] {
    [
        " Todos ".to_string(),
        match app.trash_total {
            Some(n) if app.trash_pinned > 0 => {
                format!(" Trash {n} · {} pinned ", app.trash_pinned)
            }
            Some(n) => format!(" Trash {n} "),
            // Counted once the startup purge has taken the expired backlog.
            None => " Trash … ".to_string(),
        },
    ]
}

/// Which tab, if any, column `x` of the header belongs to.
pub fn tab_at(app: &App, x: u16) -> Option<Tab> {
    let [todos, trash] = titles(app);
    let todos_end = 1 + todos.chars().count() as u16;
    let trash_start = todos_end + 1;
    let trash_end = trash_start + trash.chars().count() as u16;
    if (1..todos_end).contains(&x) {
        Some(Tab::Todos)
    } else if (trash_start..trash_end).contains(&x) {
        Some(Tab::Trash)
    } else {
        None
    }
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let [todos, trash] = titles(app);
    let style_for = |tab: Tab| {
        if app.tab == tab {
            theme.active_tab()
        } else {
            theme.dim()
        }
    };
    let tabs = Line::from(vec![
        Span::raw(" "),
        Span::styled(todos, style_for(Tab::Todos)),
        Span::raw(" "),
        Span::styled(trash, style_for(Tab::Trash)),
    ]);
    buf.set_line(area.x, area.y, &tabs, area.width);

    let mut policy = match app.retention {
        Retention::Never => "auto-purge off".to_string(),
        after => format!("auto-purge after {after}"),
    };
    if app.demo {
        policy = format!("DEMO, offline: gone on quit · {policy}");
    } else if app.damaged {
        policy = format!("damaged: `softly export` saves it · {policy}");
    } else if app.read_only {
        policy = format!("read-only · {policy}");
    }
    if let Some(sync) = crate::wording::sync::header(&app.sync, app.sync_unread, app.now, &app.zone)
    {
        policy = format!("{sync} · {policy}");
    }
    let policy = Line::from(Span::styled(format!("{policy} "), theme.dim()));
    let width = policy.width() as u16;
    if width + tabs.width() as u16 + 1 < area.width {
        buf.set_line(area.right() - width, area.y, &policy, width);
    }
}
