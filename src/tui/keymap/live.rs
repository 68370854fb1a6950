//! The keymap the app runs with: the table (`normal.rs`, `modes.rs`) with the user's own
//! keys put in (`custom.rs`). Lookups, the footer and the `?` help all read this one, so
//! the help always shows the keys that work.

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::{Binding, Context, Key};
use crate::tui::action::Action;

/// One binding as the app runs it.
#[derive(Debug, Clone)]
pub struct LiveBinding {
    pub context: Context,
    pub keys: Vec<Key>,
    pub action: Action,
    /// A word or two for the footer; empty keeps the binding out of the footer.
    pub short: &'static str,
    /// What the help overlay says it does.
    pub help: &'static str,
    /// How the footer writes the keys, when one label stands for a pair ("j/k").
    footer_keys: Option<&'static str>,
    /// The config file's line that gave its keys, if the user did.
    pub(super) set_at: Option<usize>,
}

impl LiveBinding {
    fn from_table(b: &Binding) -> Self {
        LiveBinding {
            context: b.context,
            keys: b.keys.to_vec(),
            action: b.action,
            short: b.short,
            help: b.help,
            footer_keys: b.footer_keys,
            set_at: None,
        }
    }

    /// The keys as the footer shows them.
    pub fn footer_label(&self) -> String {
        match (self.footer_keys, self.keys.first()) {
            (Some(label), _) => label.to_string(),
            (None, Some(key)) => key.label(),
            (None, None) => String::new(),
        }
    }

    /// Gives the binding the user's `keys`, set on `line` of the config file.
    pub(super) fn rebind(&mut self, keys: Vec<Key>, line: usize) {
        self.keys = keys;
        self.footer_keys = None;
        self.set_at = Some(line);
    }
}

/// Ctrl-c: the way out wherever one is, whatever the user's keys say (`custom.rs` refuses
/// to give it to anything else), so no keymap can lock anyone in.
pub(super) const CTRL_C: Key = Key {
    code: KeyCode::Char('c'),
    ctrl: true,
    shift: false,
    alt: false,
};

/// What Ctrl-c does in `context`: quits, or closes what is open (a title or note being
/// typed is dropped, a question answered no, the help closed).
pub(super) fn way_out(context: Context) -> Action {
    match context {
        Context::Edit | Context::Filter | Context::Editor | Context::Note | Context::Picker => {
            Action::Cancel
        }
        Context::Dialog => Action::No,
        Context::Help => Action::CloseHelp,
        Context::Global | Context::Lists | Context::Todos | Context::Trash => Action::Quit,
    }
}

#[derive(Debug, Clone)]
pub struct Keymap {
    bindings: Vec<LiveBinding>,
}

impl Default for Keymap {
    /// The table as it is written.
    fn default() -> Self {
        Keymap {
            bindings: super::table().map(LiveBinding::from_table).collect(),
        }
    }
}

impl Keymap {
    /// Every binding, in the order lookups read them.
    pub fn bindings(&self) -> impl Iterator<Item = &LiveBinding> + Clone {
        self.bindings.iter()
    }

    pub(super) fn bindings_mut(&mut self) -> impl Iterator<Item = &mut LiveBinding> {
        self.bindings.iter_mut()
    }

    /// The action a key asks for in `context`, if any.
    pub fn action_for(&self, context: Context, event: &KeyEvent) -> Option<Action> {
        if CTRL_C.matches(event) {
            return Some(way_out(context));
        }
        let fallback = context.fallback();
        let found = self
            .bindings
            .iter()
            .filter(|b| b.context == context || Some(b.context) == fallback)
            .find(|b| b.keys.iter().any(|k| k.matches(event)))
            .map(|b| b.action);
        // The note editor takes every key its own bindings leave (the table says so with
        // its "any other" row): letters, Enter, arrows, Backspace.
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
    pub fn footer_bindings(&self, context: Context) -> impl Iterator<Item = &LiveBinding> {
        let fallback = context
            .fallback()
            .filter(|_| context.footer_shows_fallback());
        let own = self.bindings.iter().filter(move |b| b.context == context);
        let behind = self
            .bindings
            .iter()
            .filter(move |b| fallback == Some(b.context));
        own.chain(behind)
            .filter(|b| !b.short.is_empty() && !b.keys.is_empty())
    }

    /// Two bindings that take the same key where both apply, with different actions.
    pub(super) fn first_clash(&self) -> Option<(&LiveBinding, &LiveBinding, Key)> {
        for (i, a) in self.bindings.iter().enumerate() {
            for b in &self.bindings[i + 1..] {
                let overlapping = a.context == b.context
                    || a.context.fallback() == Some(b.context)
                    || b.context.fallback() == Some(a.context);
                if !overlapping || a.action == b.action {
                    continue;
                }
                if let Some(key) = a.keys.iter().find(|k| b.keys.contains(k)) {
                    return Some((a, b, *key));
                }
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use ratatui::crossterm::event::KeyModifiers;

    use super::*;

    fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn the_same_key_means_what_its_context_says() {
        let keys = Keymap::default();
        let a = press(KeyCode::Char('a'), KeyModifiers::NONE);
        assert_eq!(keys.action_for(Context::Todos, &a), Some(Action::Add));
        assert_eq!(keys.action_for(Context::Lists, &a), Some(Action::Add));
        assert_eq!(keys.action_for(Context::Trash, &a), None);
        let d = press(KeyCode::Char('d'), KeyModifiers::NONE);
        assert_eq!(keys.action_for(Context::Todos, &d), Some(Action::Delete));
        assert_eq!(keys.action_for(Context::Trash, &d), None);
    }

    #[test]
    fn capital_letters_match_with_or_without_the_shift_flag() {
        let keys = Keymap::default();
        for m in [KeyModifiers::NONE, KeyModifiers::SHIFT] {
            assert_eq!(
                keys.action_for(Context::Trash, &press(KeyCode::Char('E'), m)),
                Some(Action::Erase)
            );
        }
        assert_eq!(
            keys.action_for(Context::Trash, &press(KeyCode::Delete, KeyModifiers::SHIFT)),
            Some(Action::Erase)
        );
        assert_eq!(
            keys.action_for(Context::Trash, &press(KeyCode::Delete, KeyModifiers::NONE)),
            None,
            "a plain Delete must not erase"
        );
    }

    #[test]
    fn ctrl_c_quits_but_plain_c_does_nothing() {
        let keys = Keymap::default();
        let ctrl_c = press(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(keys.action_for(Context::Todos, &ctrl_c), Some(Action::Quit));
        let c = press(KeyCode::Char('c'), KeyModifiers::NONE);
        assert_eq!(keys.action_for(Context::Todos, &c), None);
    }

    #[test]
    fn no_key_is_bound_twice_in_one_context() {
        if let Some((a, b, key)) = Keymap::default().first_clash() {
            panic!(
                "{} is bound to {:?} and {:?}",
                key.label(),
                a.action,
                b.action
            );
        }
    }
}
