//! The Todos tab: the list pane on the left, the todos of the selected list on the right.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Widget};

use super::Areas;
use super::pane_lines::{self, PaneLine};
use super::pieces::{
    editor_spans, fit, match_count, row, scrollbar, searching_for, selection_style,
};
use super::todo_row::{Columns, RowShape};
use crate::store::Sort;
use crate::tui::action::Pane;
use crate::tui::app::App;
use crate::tui::mode::{EditTarget, Mode};
use crate::tui::todo_view::sort_name;
use crate::tui::view::View;
use crate::wording::status;

fn pane_block<'a>(app: &App, title: String, focused: bool) -> Block<'a> {
    let theme = &app.theme;
    Block::default()
        .borders(Borders::ALL)
        .border_style(if focused {
            theme.focused_border()
        } else {
            theme.border()
        })
        .title(Span::styled(
            title,
            if focused { theme.title() } else { theme.dim() },
        ))
}

pub fn render_lists(app: &App, area: Rect, buf: &mut Buffer) {
    let focused = app.focus == Pane::Lists;
    pane_block(app, " Lists ".to_string(), focused).render(area, buf);
    let inner = Areas::inner(area);
    let editing = match &app.mode {
        Mode::Edit { editor, target } => Some((editor, *target)),
        _ => None,
    };
    // The list pane scrolls only if there are more lists than rows. While a new list is
    // typed, it ends on the blank row the list will fill, below the last one.
    let height = inner.height as usize;
    let adding = matches!(editing, Some((_, EditTarget::NewList)));
    let offset = if adding {
        (app.lists.len() + 1).saturating_sub(height)
    } else {
        app.list_cursor.saturating_sub(height.saturating_sub(1))
    };
    scrollbar(
        area,
        app.lists.len() + usize::from(adding),
        offset,
        height,
        buf,
    );
    let mut y = inner.y;
    for (i, list) in app.lists.iter().enumerate().skip(offset).take(height) {
        let selected = i == app.list_cursor;
        let style = if selected {
            selection_style(app, Pane::Lists)
        } else {
            Style::new()
        };
        match editing {
            Some((editor, EditTarget::List(id))) if list.view == View::List(id) => {
                row(
                    buf,
                    inner,
                    y,
                    editor_spans(editor, inner.width as usize),
                    vec![],
                    Style::new(),
                );
            }
            _ => {
                let count = if list.open > 0 {
                    list.open.to_string()
                } else {
                    String::new()
                };
                row(
                    buf,
                    inner,
                    y,
                    vec![Span::raw(list.name.clone())],
                    vec![Span::styled(count, app.theme.dim())],
                    style,
                );
            }
        }
        y += 1;
    }
    if let Some((editor, EditTarget::NewList)) = editing {
        let y = y.min(inner.bottom().saturating_sub(1));
        let mut spans = vec![Span::styled("+ ", app.theme.key())];
        spans.extend(editor_spans(editor, inner.width.saturating_sub(2) as usize));
        row(buf, inner, y, spans, vec![], Style::new());
    }
}

pub fn render_todos(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let focused = app.focus == Pane::Todos;
    let name = app
        .selected_list()
        .map(|l| l.name.as_str())
        .unwrap_or("Inbox");
    let mut title = format!(" {} ", fit(name, area.width.saturating_sub(24) as usize));
    if app.sort() != Sort::Natural {
        title.push_str(&format!("· by {} ", sort_name(app.view(), app.sort())));
    }
    if app.hide_done {
        title.push_str("· done hidden ");
    }
    if !app.marked_todos.is_empty() {
        title.push_str(&format!("· {} marked ", app.marked_todos.len()));
    }
    if !app.todo_filter.is_empty() {
        title.push_str(&format!(
            "· filter: {} · {} ",
            fit(&app.todo_filter, 16),
            match_count(&app.todos)
        ));
    }
    pane_block(app, title, focused).render(area, buf);
    let inner = Areas::inner(area);
    let editing = match &app.mode {
        Mode::Edit { editor, target } => Some((editor, *target)),
        _ => None,
    };

    if app.todos.total == 0 && !matches!(editing, Some((_, EditTarget::NewTodo))) {
        let hint = if app.todo_filter.is_empty() {
            match app.view() {
                View::Today => "Nothing due today or overdue".to_string(),
                View::Upcoming => "Nothing due in the next 7 days".to_string(),
                _ if app.hide_done => "No open todos — H shows the done ones".to_string(),
                _ => "No todos yet — press a to add one".to_string(),
            }
        } else {
            let not_understood = app.view_filter().not_understood;
            match not_understood.is_empty() {
                true => format!(
                    "No todos match '{}' — Esc clears the filter",
                    fit(&app.todo_filter, 20)
                ),
                false => status::filter_matches_nothing(&not_understood),
            }
        };
        let line = Line::from(Span::styled(fit(&hint, inner.width as usize), theme.dim()));
        buf.set_line(inner.x + 1, inner.y, &line, inner.width.saturating_sub(1));
        if let Some((editor, EditTarget::NewTodo)) = editing {
            new_todo_row(app, editor, inner, inner.y, buf);
        }
        return;
    }

    if app.todos.counting && app.todos.rows.is_empty() {
        // The first stretch of a big view held no match; the rest is being read.
        let hint = searching_for(&app.todo_filter);
        let line = Line::from(Span::styled(fit(&hint, inner.width as usize), theme.dim()));
        buf.set_line(inner.x + 1, inner.y, &line, inner.width.saturating_sub(1));
        return;
    }

    let adding = matches!(editing, Some((_, EditTarget::NewTodo)));
    scrollbar(
        area,
        (app.todos.total + i64::from(adding)) as usize,
        app.todos.offset as usize,
        inner.height as usize,
        buf,
    );
    let mut y = inner.y;
    let mut editor_drawn = false;
    // With rows marked, every row gets a column for the mark.
    let marking = !app.marked_todos.is_empty();
    // The smart views mix lists: each row names its own. Today and Upcoming are grouped
    // by day, under a heading each.
    let mixed = !app.view().is_list_or_inbox();
    let by_day = pane_lines::by_day(app);
    let lines = pane_lines::pane_lines(app, inner.height as usize);
    let shape_of = |todo: &crate::store::Todo, selected: bool| RowShape {
        selected,
        mark: match (marking, app.marked_todos.contains(&todo.id)) {
            (false, _) => None,
            (true, true) => Some(Span::styled("* ", theme.key())),
            (true, false) => Some(Span::raw("  ")),
        },
        checkbox: match (todo.done, todo.cancelled) {
            (_, true) => "[-] ",
            (true, false) => "[x] ",
            (false, false) => "[ ] ",
        },
        mixed,
        by_day,
    };
    let shown: Vec<&crate::store::Todo> = lines
        .iter()
        .filter_map(|line| match line {
            PaneLine::Todo(i) => Some(&app.todos.rows[*i]),
            PaneLine::Heading(_) => None,
        })
        .collect();
    let columns = match shown.first() {
        Some(todo) => Columns::measure(
            app,
            shown.iter().copied(),
            &shape_of(todo, false),
            inner.width as usize,
        ),
        None => Columns::default(),
    };
    for line in &lines {
        let i = match line {
            PaneLine::Heading(words) => {
                let heading = Line::from(Span::styled(
                    fit(words, inner.width as usize),
                    theme.title(),
                ));
                buf.set_line(inner.x, y, &heading, inner.width);
                y += 1;
                continue;
            }
            PaneLine::Todo(i) => *i,
        };
        let todo = &app.todos.rows[i];
        let index = app.todos.offset + i as i64;
        let selected = index == app.todos.cursor;
        let shape = shape_of(todo, selected);
        let checkbox = shape.checkbox;
        match editing {
            Some((editor, EditTarget::Due(id))) if id == todo.id => {
                let label = status::field_label("due", app.marked_todos.len());
                // What the words mean, as they are typed; the date now while none are.
                let (said, ok) = due_preview(app, &editor.text(), todo.due);
                let style = if ok { theme.dim() } else { theme.error() };
                let hint = Span::styled(format!("  {said}"), style);
                let field = FieldEditor {
                    label,
                    width: 22,
                    hint,
                };
                field_row(app, checkbox, todo, editor, field, (inner, y), buf);
            }
            Some((editor, EditTarget::Tags(id))) if id == todo.id => {
                let label = status::field_label("tag", app.marked_todos.len());
                let hint = Span::styled(format!("  {}", status::TAG_HINT), theme.dim());
                let field = FieldEditor {
                    label,
                    width: 16,
                    hint,
                };
                field_row(app, checkbox, todo, editor, field, (inner, y), buf);
            }
            Some((editor, EditTarget::Todo(id))) if id == todo.id => {
                let mut spans = vec![Span::raw(checkbox)];
                spans.extend(editor_spans(editor, inner.width.saturating_sub(4) as usize));
                row(buf, inner, y, spans, vec![], Style::new());
                editor_drawn = true;
            }
            _ => super::todo_row::draw(app, todo, &shape, &columns, (inner, y), buf),
        }
        y += 1;
    }
    match editing {
        Some((editor, EditTarget::NewTodo)) => new_todo_row(
            app,
            editor,
            inner,
            y.min(inner.bottom().saturating_sub(1)),
            buf,
        ),
        // Its todo is not on screen (moved elsewhere meanwhile): the editor stays in view.
        Some((editor, EditTarget::Todo(_))) if !editor_drawn => {
            new_todo_row(app, editor, inner, inner.bottom().saturating_sub(1), buf)
        }
        _ => {}
    }
}

/// A field's editor on its todo's row: its label, how wide the typing shows, and what is
/// said beside it.
struct FieldEditor {
    label: String,
    width: usize,
    hint: Span<'static>,
}

/// The todo's row with a field's editor on the right. In a narrow pane the hint goes
/// first, then the typing narrows, then the title: what is typed always shows.
fn field_row(
    app: &App,
    checkbox: &str,
    todo: &crate::store::Todo,
    editor: &crate::tui::editor::LineEditor,
    field: FieldEditor,
    (inner, y): (Rect, u16),
    buf: &mut Buffer,
) {
    let width = inner.width as usize;
    let label = Span::styled(field.label, app.theme.key());
    // The row keeps the checkbox and a few letters of the title beside the editor.
    let room = width.saturating_sub(checkbox.len() + 6 + label.width());
    let typing = field.width.min(room.saturating_sub(1)).max(4);
    let mut right = vec![label];
    right.extend(editor_spans(editor, typing));
    let used: usize = right.iter().map(Span::width).sum();
    if used + field.hint.width() + checkbox.len() + 6 <= width {
        right.push(field.hint);
    }
    let left = vec![
        Span::raw(checkbox.to_string()),
        Span::raw(fit(&todo.title, width)),
    ];
    row(buf, inner, y, left, right, Style::new());
}

fn new_todo_row(
    app: &App,
    editor: &crate::tui::editor::LineEditor,
    inner: Rect,
    y: u16,
    buf: &mut Buffer,
) {
    let mut spans = vec![Span::styled("[ ] ", app.theme.key())];
    spans.extend(editor_spans(editor, inner.width.saturating_sub(4) as usize));
    row(buf, inner, y, spans, vec![], Style::new());
}

/// Beside the due editor: what the typed words mean ("→ Fri Dec 11, end of day"), why they
/// mean nothing, or, before anything is typed, the date now; and whether it reads.
fn due_preview(app: &App, typed: &str, now: Option<crate::fields::Due>) -> (String, bool) {
    let words = |due: crate::fields::Due| {
        let local = due.at.to_zoned_datetime(app.zone.clone());
        match due.has_time {
            true => local.strftime("%a %b %-d %Y %H:%M").to_string(),
            false => local.strftime("%a %b %-d %Y").to_string(),
        }
    };
    if typed.trim().is_empty() {
        return (status::due_hint(now.map(words).as_deref()), true);
    }
    match crate::fields::parse_due(typed, app.now, &app.zone) {
        Ok(Some(due)) => (status::due_means(&words(due), due.has_time), true),
        Ok(None) => (status::due_means_none(), true),
        Err(_) => (status::due_means_nothing(), false),
    }
}
