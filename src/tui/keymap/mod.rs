//! Every key binding of every mode, in one table (normal mode in `normal.rs`, editors,
//! dialogs and the help in `modes.rs`), with the user's own keys put in (`custom.rs`) to
//! make the keymap the app runs with (`live.rs`). The keys are looked up there, and the `?`
//! help and the footer are drawn from it, so what the app says and what it does cannot
//! drift apart.

mod custom;
mod live;
mod modes;
mod normal;

pub use custom::{KeysError, example_keys};
pub use live::{Keymap, LiveBinding};

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::{Action, Pane, Tab};

/// Where a binding applies: a pane in normal mode, or an open editor, dialog or overlay.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// Everywhere in normal mode (unless a pane's own binding takes the key).
    Global,
    /// The Todos tab with the list pane focused.
    Lists,
    /// The Todos tab with the todo pane focused.
    Todos,
    /// The Trash tab.
    Trash,
    /// Typing a title or a list name.
    Edit,
    /// Typing the filter.
    Filter,
    /// What every text field does, behind `Edit` and `Filter`.
    Editor,
    /// Writing a note (several lines).
    Note,
    /// A question with two buttons.
    Dialog,
    /// Choosing the list a todo moves to.
    Picker,
    /// The `?` overlay.
    Help,
}

impl Context {
    pub fn of(tab: Tab, pane: Pane) -> Context {
        match (tab, pane) {
            (Tab::Trash, _) => Context::Trash,
            (Tab::Todos, Pane::Lists) => Context::Lists,
            (Tab::Todos, Pane::Todos) => Context::Todos,
        }
    }

    /// The context whose bindings apply here when this one's own do not take the key.
    pub fn fallback(self) -> Option<Context> {
        match self {
            Context::Lists | Context::Todos | Context::Trash => Some(Context::Global),
            Context::Edit | Context::Filter => Some(Context::Editor),
            _ => None,
        }
    }

    /// Whether the footer advertises the fallback's keys too. The filter's footer does not:
    /// the line beside it is the filter being typed, and its editing keys are any editor's.
    pub(super) fn footer_shows_fallback(self) -> bool {
        self != Context::Filter
    }

    /// The heading of its part of the `?` help.
    pub fn title(self) -> &'static str {
        match self {
            Context::Global => "Everywhere",
            Context::Lists => "Lists (left pane)",
            Context::Todos => "Todos (right pane)",
            Context::Trash => "Trash",
            Context::Edit => "Typing a title or name",
            Context::Filter => "Typing the filter",
            Context::Editor => "In any text field",
            Context::Note => "Writing a note",
            Context::Dialog => "In a question",
            Context::Picker => "Choosing a list",
            Context::Help => "In this help",
        }
    }

    /// Every context, in the order the `?` help lists them.
    pub const ALL: [Context; 11] = [
        Context::Global,
        Context::Todos,
        Context::Lists,
        Context::Trash,
        Context::Edit,
        Context::Filter,
        Context::Editor,
        Context::Note,
        Context::Dialog,
        Context::Picker,
        Context::Help,
    ];
}

/// A key with its modifiers. Shift is ignored for characters, since 'G' already says it;
/// Alt is ignored unless the binding asks for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub shift: bool,
    pub alt: bool,
}

/// Stands for any printable character typed without Ctrl or Alt (in an editor: typed).
pub const ANY_CHARACTER: Key = key(KeyCode::Null);

const fn key(code: KeyCode) -> Key {
    Key {
        code,
        ctrl: false,
        shift: false,
        alt: false,
    }
}

const fn ch(c: char) -> Key {
    key(KeyCode::Char(c))
}

const fn ctrl(c: char) -> Key {
    ctrl_key(KeyCode::Char(c))
}

const fn ctrl_key(code: KeyCode) -> Key {
    Key {
        ctrl: true,
        ..key(code)
    }
}

const fn alt(code: KeyCode) -> Key {
    Key {
        alt: true,
        ..key(code)
    }
}

const fn shift(code: KeyCode) -> Key {
    Key {
        shift: true,
        ..key(code)
    }
}

impl Key {
    pub(super) fn matches(&self, event: &KeyEvent) -> bool {
        let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
        let shift = event.modifiers.contains(KeyModifiers::SHIFT);
        let alt = event.modifiers.contains(KeyModifiers::ALT);
        if self.alt && !alt {
            return false;
        }
        match (self.code, event.code) {
            (KeyCode::Null, KeyCode::Char(c)) => !ctrl && !alt && !c.is_control(),
            (KeyCode::Char(a), KeyCode::Char(b)) => a == b && self.ctrl == ctrl,
            // Terminals report Shift-Tab as BackTab, with or without the Shift flag.
            (KeyCode::BackTab, KeyCode::BackTab) => true,
            (a, b) => a == b && self.ctrl == ctrl && self.shift == shift,
        }
    }

    /// How the key is written in the help and the footer.
    pub fn label(&self) -> String {
        let base = match self.code {
            KeyCode::Null => return "any other".into(),
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift-Tab".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::Delete => "Del".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Backspace => "Bksp".into(),
            other => format!("{other:?}"),
        };
        match (self.ctrl, self.alt, self.shift) {
            (true, _, _) => format!("Ctrl-{base}"),
            (false, true, _) => format!("Alt-{base}"),
            (false, false, true) => format!("Shift-{base}"),
            _ => base,
        }
    }
}

/// One row of the table: in `context`, any of `keys` does `action`.
pub struct Binding {
    pub context: Context,
    pub keys: &'static [Key],
    pub action: Action,
    /// A word or two for the footer; empty keeps the binding out of the footer.
    pub short: &'static str,
    /// What the help overlay says it does.
    pub help: &'static str,
    /// How the footer writes the keys, when one label stands for a pair ("j/k").
    pub footer_keys: Option<&'static str>,
}

impl Binding {
    /// The same binding, shown in the footer as `label`.
    const fn shown_as(self, label: &'static str) -> Binding {
        Binding {
            footer_keys: Some(label),
            ..self
        }
    }
}

/// Every binding of every mode as written: the table, in the order lookups read it.
fn table() -> impl Iterator<Item = &'static Binding> {
    normal::NORMAL.iter().chain(modes::MODES)
}
