//! Every key binding, in one table. The help overlay and the footer are drawn from it, so
//! what the app says and what it does cannot drift apart.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::{Action, Pane, Tab};

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// Everywhere (unless a more specific binding takes the key).
    Global,
    /// The Todos tab with the list pane focused.
    Lists,
    /// The Todos tab with the todo pane focused.
    Todos,
    /// The Trash tab.
    Trash,
}

impl Context {
    pub fn of(tab: Tab, pane: Pane) -> Context {
        match (tab, pane) {
            (Tab::Trash, _) => Context::Trash,
            (Tab::Todos, Pane::Lists) => Context::Lists,
            (Tab::Todos, Pane::Todos) => Context::Todos,
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Context::Global => "Everywhere",
            Context::Lists => "Lists (left pane)",
            Context::Todos => "Todos (right pane)",
            Context::Trash => "Trash",
        }
    }
}

/// A key with its modifiers. Shift is ignored for characters, since 'G' already says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub shift: bool,
}

const fn key(code: KeyCode) -> Key {
    Key {
        code,
        ctrl: false,
        shift: false,
    }
}

const fn ch(c: char) -> Key {
    key(KeyCode::Char(c))
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: true,
        shift: false,
    }
}

const fn shift(code: KeyCode) -> Key {
    Key {
        code,
        ctrl: false,
        shift: true,
    }
}

impl Key {
    fn matches(&self, event: &KeyEvent) -> bool {
        let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
        let shift = event.modifiers.contains(KeyModifiers::SHIFT);
        match (self.code, event.code) {
            (KeyCode::Char(a), KeyCode::Char(b)) => a == b && self.ctrl == ctrl,
            // Terminals report Shift-Tab as BackTab, with or without the Shift flag.
            (KeyCode::BackTab, KeyCode::BackTab) => true,
            (a, b) => a == b && self.ctrl == ctrl && self.shift == shift,
        }
    }

    /// How the key is written in the help and the footer.
    pub fn label(&self) -> String {
        let base = match self.code {
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
            other => format!("{other:?}"),
        };
        match (self.ctrl, self.shift) {
            (true, _) => format!("Ctrl-{base}"),
            (false, true) => format!("Shift-{base}"),
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
}

const fn bind(
    context: Context,
    keys: &'static [Key],
    action: Action,
    short: &'static str,
    help: &'static str,
) -> Binding {
    Binding {
        context,
        keys,
        action,
        short,
        help,
    }
}

use Context::{Global, Lists, Todos, Trash};

/// Every binding. Specific contexts come first, so they win over global ones.
pub const BINDINGS: &[Binding] = &[
    // Todos pane
    bind(Todos, &[ch('a')], Action::Add, "add", "add a todo"),
    bind(Todos, &[ch('e')], Action::Edit, "edit", "edit the title"),
    bind(
        Todos,
        &[ch(' '), ch('x')],
        Action::ToggleDone,
        "done",
        "mark done / not done",
    ),
    bind(
        Todos,
        &[ch('d'), key(KeyCode::Delete)],
        Action::Delete,
        "delete",
        "move to Trash",
    ),
    bind(
        Todos,
        &[ch('m')],
        Action::MoveTo,
        "move",
        "move to another list",
    ),
    bind(
        Todos,
        &[ch('K')],
        Action::Raise,
        "",
        "move the todo up the list",
    ),
    bind(
        Todos,
        &[ch('J')],
        Action::Lower,
        "",
        "move the todo down the list",
    ),
    // Lists pane
    bind(Lists, &[ch('a')], Action::Add, "new list", "create a list"),
    bind(Lists, &[ch('e')], Action::Edit, "rename", "rename the list"),
    bind(
        Lists,
        &[ch('d'), key(KeyCode::Delete)],
        Action::Delete,
        "delete",
        "list + its todos to Trash",
    ),
    bind(Lists, &[ch('K')], Action::Raise, "", "move the list up"),
    bind(Lists, &[ch('J')], Action::Lower, "", "move the list down"),
    // Trash tab
    bind(
        Trash,
        &[ch('r')],
        Action::Restore,
        "restore",
        "restore to where it was",
    ),
    bind(
        Trash,
        &[ch('E'), shift(KeyCode::Delete)],
        Action::Erase,
        "erase",
        "erase forever (asks)",
    ),
    bind(
        Trash,
        &[ch('X')],
        Action::EmptyTrash,
        "empty",
        "empty the Trash (asks)",
    ),
    // Everywhere
    bind(
        Global,
        &[ch('j'), key(KeyCode::Down)],
        Action::Down,
        "",
        "move down",
    ),
    bind(
        Global,
        &[ch('k'), key(KeyCode::Up)],
        Action::Up,
        "",
        "move up",
    ),
    bind(
        Global,
        &[ch('g'), key(KeyCode::Home)],
        Action::Top,
        "",
        "go to the top",
    ),
    bind(
        Global,
        &[ch('G'), key(KeyCode::End)],
        Action::Bottom,
        "",
        "go to the bottom",
    ),
    bind(
        Global,
        &[key(KeyCode::PageUp)],
        Action::PageUp,
        "",
        "page up",
    ),
    bind(
        Global,
        &[key(KeyCode::PageDown)],
        Action::PageDown,
        "",
        "page down",
    ),
    bind(
        Global,
        &[ch('h'), key(KeyCode::Left)],
        Action::FocusLeft,
        "",
        "focus the list pane",
    ),
    bind(
        Global,
        &[ch('l'), key(KeyCode::Right)],
        Action::FocusRight,
        "",
        "focus the todo pane",
    ),
    bind(
        Global,
        &[key(KeyCode::Tab)],
        Action::NextTab,
        "",
        "next tab",
    ),
    bind(
        Global,
        &[key(KeyCode::BackTab)],
        Action::PrevTab,
        "",
        "previous tab",
    ),
    bind(
        Global,
        &[ch('1')],
        Action::ShowTab(Tab::Todos),
        "",
        "Todos tab",
    ),
    bind(
        Global,
        &[ch('2')],
        Action::ShowTab(Tab::Trash),
        "",
        "Trash tab",
    ),
    bind(
        Global,
        &[ch('/')],
        Action::StartFilter,
        "filter",
        "filter as you type",
    ),
    bind(
        Global,
        &[key(KeyCode::Esc)],
        Action::ClearFilter,
        "",
        "clear the filter",
    ),
    bind(
        Global,
        &[ch('u')],
        Action::Undo,
        "undo",
        "undo the last change",
    ),
    bind(
        Global,
        &[ctrl('r'), ch('U')],
        Action::Redo,
        "",
        "redo what was undone",
    ),
    bind(
        Global,
        &[ch('?')],
        Action::ToggleHelp,
        "help",
        "show or hide this help",
    ),
    bind(Global, &[ch('q'), ctrl('c')], Action::Quit, "quit", "quit"),
    bind(
        Global,
        &[ctrl('z')],
        Action::Suspend,
        "",
        "suspend (fg resumes)",
    ),
];

/// The action a key asks for in `context`, if any.
pub fn action_for(context: Context, event: &KeyEvent) -> Option<Action> {
    BINDINGS
        .iter()
        .filter(|b| b.context == context || b.context == Context::Global)
        .find(|b| b.keys.iter().any(|k| k.matches(event)))
        .map(|b| b.action)
}

/// The bindings to advertise in the footer for `context`: its own, then the global ones.
pub fn footer_bindings(context: Context) -> impl Iterator<Item = &'static Binding> {
    let own = BINDINGS.iter().filter(move |b| b.context == context);
    let global = BINDINGS.iter().filter(|b| b.context == Context::Global);
    own.chain(global).filter(|b| !b.short.is_empty())
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
        for (i, a) in BINDINGS.iter().enumerate() {
            for b in &BINDINGS[i + 1..] {
                let overlapping = a.context == b.context
                    || a.context == Context::Global
                    || b.context == Context::Global;
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
