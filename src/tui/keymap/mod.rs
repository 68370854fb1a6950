//! Every key binding of every mode, in one table (normal mode in `normal.rs`, editors,
//! dialogs and the help in `modes.rs`). The keys are looked up here,
//! and the `?` help and the footer are drawn from the same table, so what the app says and
//! what it does cannot drift apart.

mod modes;
mod normal;

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
    fn footer_shows_fallback(self) -> bool {
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
    fn matches(&self, event: &KeyEvent) -> bool {
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
    /// The keys as the footer shows them.
    pub fn footer_label(&self) -> String {
        match self.footer_keys {
            Some(label) => label.to_string(),
            None => self.keys[0].label(),
        }
    }

    /// The same binding, shown in the footer as `label`.
    const fn shown_as(self, label: &'static str) -> Binding {
        Binding {
            footer_keys: Some(label),
            ..self
        }
    }
}

/// Every binding of every mode: the table, in the order lookups read it.
pub fn bindings() -> impl Iterator<Item = &'static Binding> + Clone {
    normal::NORMAL.iter().chain(modes::MODES)
}

/// The action a key asks for in `context`, if any.
pub fn action_for(context: Context, event: &KeyEvent) -> Option<Action> {
    let fallback = context.fallback();
    let found = bindings()
        .filter(|b| b.context == context || Some(b.context) == fallback)
        .find(|b| b.keys.iter().any(|k| k.matches(event)))
        .map(|b| b.action);
    // The note editor takes every key its own bindings leave (the table says so with its
    // "any other" row): letters, Enter, arrows, Backspace.
    let action = match (found, context) {
        (None | Some(Action::NoteInput(_)), Context::Note) => Action::NoteInput(*event),
        (found, _) => found?,
    };
    // The table says "any character is typed"; the event says which one.
    match (action, event.code) {
        (Action::Type(_), KeyCode::Char(c)) => Some(Action::Type(c)),
        _ => Some(action),
    }
}

/// The bindings to advertise in the footer for `context`: its own, then its fallback's.
pub fn footer_bindings(context: Context) -> impl Iterator<Item = &'static Binding> {
    let fallback = context
        .fallback()
        .filter(|_| context.footer_shows_fallback());
    let own = bindings().filter(move |b| b.context == context);
    let behind = bindings().filter(move |b| fallback == Some(b.context));
    own.chain(behind).filter(|b| !b.short.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn the_same_key_means_what_its_context_says() {
        let a = press(KeyCode::Char('a'), KeyModifiers::NONE);
        assert_eq!(action_for(Context::Todos, &a), Some(Action::Add));
        assert_eq!(action_for(Context::Lists, &a), Some(Action::Add));
        assert_eq!(action_for(Context::Trash, &a), None);
        let d = press(KeyCode::Char('d'), KeyModifiers::NONE);
        assert_eq!(action_for(Context::Todos, &d), Some(Action::Delete));
        assert_eq!(action_for(Context::Trash, &d), None);
    }

    #[test]
    fn capital_letters_match_with_or_without_the_shift_flag() {
        for m in [KeyModifiers::NONE, KeyModifiers::SHIFT] {
            assert_eq!(
                action_for(Context::Trash, &press(KeyCode::Char('E'), m)),
                Some(Action::Erase)
            );
        }
        assert_eq!(
            action_for(Context::Trash, &press(KeyCode::Delete, KeyModifiers::SHIFT)),
            Some(Action::Erase)
        );
        assert_eq!(
            action_for(Context::Trash, &press(KeyCode::Delete, KeyModifiers::NONE)),
            None,
            "a plain Delete must not erase"
        );
    }

    #[test]
    fn ctrl_c_quits_but_plain_c_does_nothing() {
        assert_eq!(
            action_for(
                Context::Todos,
                &press(KeyCode::Char('c'), KeyModifiers::CONTROL)
            ),
            Some(Action::Quit)
        );
        assert_eq!(
            action_for(
                Context::Todos,
                &press(KeyCode::Char('c'), KeyModifiers::NONE)
            ),
            None
        );
    }

    #[test]
    fn no_key_is_bound_twice_in_one_context() {
        let all: Vec<&Binding> = bindings().collect();
        for (i, a) in all.iter().enumerate() {
            for b in &all[i + 1..] {
                let overlapping = a.context == b.context
                    || a.context.fallback() == Some(b.context)
                    || b.context.fallback() == Some(a.context);
                if !overlapping || a.action == b.action {
                    continue;
                }
                for ka in a.keys {
                    assert!(
                        !b.keys.contains(ka),
                        "{} is bound to {:?} and {:?}",
                        ka.label(),
                        a.action,
                        b.action
                    );
                }
            }
        }
    }
}
