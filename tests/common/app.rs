//! Driving the app without a terminal: a session on a temporary database with a test clock.

use std::sync::Arc;

use jiff::SignedDuration;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use softly::clock::FixedClock;
use softly::config::Settings;
use softly::store::{Store, TodoScope};
use softly::tui::session::Session;
use softly::tui::theme::Theme;

use super::{T0, TempDb, at};

pub struct TestApp {
    pub db: TempDb,
    pub clock: Arc<FixedClock>,
    pub session: Session,
}

impl TestApp {
    /// An app at 80×24 on a database that `setup` fills first (at time T0).
    pub fn new(setup: impl FnOnce(&mut Store)) -> Self {
        Self::with_settings(Settings::default(), setup)
    }

    pub fn with_settings(settings: Settings, setup: impl FnOnce(&mut Store)) -> Self {
        let db = TempDb::new();
        {
            let mut store = db.open();
            setup(&mut store);
        }
        let clock = Arc::new(FixedClock::new(at(T0)));
        let mut session = Session::new(db.open(), settings, clock.clone(), Theme::plain());
        session.resize(80, 24);
        // Dates on screen are the same on every machine.
        session.app.zone = jiff::tz::TimeZone::UTC;
        TestApp { db, clock, session }
    }

    /// The app started again on the same database, as the next run would be.
    pub fn restart(self, settings: Settings) -> TestApp {
        let TestApp { db, clock, session } = self;
        drop(session);
        let mut session = Session::new(db.open(), settings, clock.clone(), Theme::plain());
        session.resize(80, 24);
        session.app.zone = jiff::tz::TimeZone::UTC;
        TestApp { db, clock, session }
    }

    /// Presses keys written as in the keymap: single characters, or names in angle brackets
    /// such as `<Enter>`, `<Esc>`, `<Down>`, `<Tab>`, `<BackTab>`, `<C-c>`, `<S-Delete>`.
    pub fn keys(&mut self, keys: &str) -> &mut Self {
        let mut rest = keys;
        while let Some(c) = rest.chars().next() {
            if c == '<'
                && let Some(end) = rest.find('>')
            {
                let name = &rest[1..end];
                self.session.handle_key(named_key(name));
                rest = &rest[end + 1..];
                continue;
            }
            self.session
                .handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
            rest = &rest[c.len_utf8()..];
        }
        self
    }

    /// Types text into whatever editor is open (as a user would, key by key).
    pub fn type_text(&mut self, text: &str) -> &mut Self {
        for c in text.chars() {
            self.session
                .handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        }
        self
    }

    pub fn paste(&mut self, text: &str) -> &mut Self {
        self.session.handle_event(Event::Paste(text.to_string()));
        self
    }

    pub fn click(&mut self, column: u16, row: u16) -> &mut Self {
        self.session.handle_event(Event::Mouse(MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column,
            row,
            modifiers: KeyModifiers::NONE,
        }));
        self
    }

    pub fn scroll_down(&mut self) -> &mut Self {
        self.session.handle_event(Event::Mouse(MouseEvent {
            kind: MouseEventKind::ScrollDown,
            column: 40,
            row: 5,
            modifiers: KeyModifiers::NONE,
        }));
        self
    }

    /// Turns the mouse wheel one notch (down or up) over column `column`, row `row`.
    pub fn wheel_at(&mut self, column: u16, row: u16, down: bool) -> &mut Self {
        self.session.handle_event(Event::Mouse(MouseEvent {
            kind: if down {
                MouseEventKind::ScrollDown
            } else {
                MouseEventKind::ScrollUp
            },
            column,
            row,
            modifiers: KeyModifiers::NONE,
        }));
        self
    }

    /// Moves the clock on and lets the app notice, as the event loop's tick does.
    pub fn advance(&mut self, by: SignedDuration) -> &mut Self {
        self.clock.advance(by);
        self.session.tick();
        // A purge that fell due runs on its worker: wait for its report, which the next tick
        // would take in.
        self.session.finish_purge();
        self
    }

    pub fn status(&self) -> String {
        self.session
            .app
            .status
            .as_ref()
            .map(|s| s.text.clone())
            .unwrap_or_default()
    }

    /// The titles the todo pane shows.
    pub fn shown_todos(&self) -> Vec<String> {
        self.session
            .app
            .todos
            .rows
            .iter()
            .map(|t| t.title.clone())
            .collect()
    }

    /// The titles the Trash tab shows.
    pub fn shown_trash(&self) -> Vec<String> {
        self.session
            .app
            .trash
            .rows
            .iter()
            .map(|e| e.title.clone())
            .collect()
    }

    /// Every live todo title in the store, in display order.
    pub fn stored_todos(&self) -> Vec<String> {
        self.session
            .store()
            .live_todos(TodoScope::All)
            .unwrap()
            .into_iter()
            .map(|t| t.title)
            .collect()
    }

    /// The screen as text, at the app's size.
    pub fn screen(&self) -> String {
        render(
            &self.session.app,
            self.session.app.width,
            self.session.app.height,
        )
    }
}

/// Draws `app` into a test terminal and returns its cells.
pub fn render_buffer(
    app: &softly::tui::app::App,
    width: u16,
    height: u16,
) -> ratatui::buffer::Buffer {
    let backend = ratatui::backend::TestBackend::new(width, height);
    let mut terminal = ratatui::Terminal::new(backend).unwrap();
    terminal
        .draw(|frame| frame.render_widget(app, frame.area()))
        .unwrap();
    terminal.backend().buffer().clone()
}

/// Draws `app` into a test terminal and returns its text, one line per row.
pub fn render(app: &softly::tui::app::App, width: u16, height: u16) -> String {
    let buffer = render_buffer(app, width, height);
    let mut out = String::new();
    for y in 0..height {
        let mut line = String::new();
        let mut x = 0;
        while x < width {
            // A wide character covers the next cell too; that cell holds no text of its own.
            let symbol = buffer[(x, y)].symbol();
            line.push_str(symbol);
            x += unicode_width::UnicodeWidthStr::width(symbol).max(1) as u16;
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// The styles `app` draws with, one line per run of same-styled cells that are not plain:
/// `row 3, 2..41 "Call the plumber…": fg=Cyan bold reversed`. Text snapshots cannot see a
/// lost colour, bold or strike-through; this can.
pub fn render_styles(app: &softly::tui::app::App, width: u16, height: u16) -> String {
    let buffer = render_buffer(app, width, height);
    let mut out = String::new();
    for y in 0..height {
        let mut x = 0;
        while x < width {
            let style = buffer[(x, y)].style();
            let start = x;
            let mut text = String::new();
            while x < width && buffer[(x, y)].style() == style {
                text.push_str(buffer[(x, y)].symbol());
                x += 1;
            }
            let mut parts = Vec::new();
            if let Some(fg) = style.fg.filter(|c| *c != ratatui::style::Color::Reset) {
                parts.push(format!("fg={fg:?}"));
            }
            if let Some(bg) = style.bg.filter(|c| *c != ratatui::style::Color::Reset) {
                parts.push(format!("bg={bg:?}"));
            }
            for (flag, name) in [
                (ratatui::style::Modifier::BOLD, "bold"),
                (ratatui::style::Modifier::DIM, "dim"),
                (ratatui::style::Modifier::ITALIC, "italic"),
                (ratatui::style::Modifier::UNDERLINED, "underlined"),
                (ratatui::style::Modifier::REVERSED, "reversed"),
                (ratatui::style::Modifier::CROSSED_OUT, "crossed-out"),
            ] {
                if style.add_modifier.contains(flag) {
                    parts.push(name.to_string());
                }
            }
            if !parts.is_empty() {
                out.push_str(&format!(
                    "row {y:2}, {start:2}..{x:2} {:?}: {}\n",
                    text.trim_end(),
                    parts.join(" ")
                ));
            }
        }
    }
    out
}

fn named_key(name: &str) -> KeyEvent {
    let none = KeyModifiers::NONE;
    let (code, modifiers) = match name {
        "Enter" => (KeyCode::Enter, none),
        "Esc" => (KeyCode::Esc, none),
        "Tab" => (KeyCode::Tab, none),
        "BackTab" => (KeyCode::BackTab, KeyModifiers::SHIFT),
        "Up" => (KeyCode::Up, none),
        "Down" => (KeyCode::Down, none),
        "Left" => (KeyCode::Left, none),
        "Right" => (KeyCode::Right, none),
        "Home" => (KeyCode::Home, none),
        "End" => (KeyCode::End, none),
        "PageUp" => (KeyCode::PageUp, none),
        "PageDown" => (KeyCode::PageDown, none),
        "Delete" => (KeyCode::Delete, none),
        "S-Delete" => (KeyCode::Delete, KeyModifiers::SHIFT),
        "Backspace" => (KeyCode::Backspace, none),
        "Space" => (KeyCode::Char(' '), none),
        "C-Left" => (KeyCode::Left, KeyModifiers::CONTROL),
        // Ctrl and a letter: <C-c>, <C-r>, <C-w>.
        ctrl if ctrl.len() == 3 && ctrl.starts_with("C-") => (
            KeyCode::Char(ctrl.chars().nth(2).unwrap()),
            KeyModifiers::CONTROL,
        ),
        other => panic!("unknown key name <{other}>"),
    };
    KeyEvent::new(code, modifiers)
}
