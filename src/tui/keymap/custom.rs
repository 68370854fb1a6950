//! The user's own keys: `[keys.CONTEXT] action = ["key", …]` in config.toml. Contexts are
//! `everywhere`, `todos`, `lists`, `trash`, `editor` (typing a title or name, and what any
//! text field does), `filter`, `note`, `dialog`, `picker` (choosing a list) and `help`;
//! actions are named after what they do (`delete`, `toggle_done`, `text_word_left`). A setting replaces the action's keys in
//! that context. An unknown context, action or key, or a key that would then do two things
//! at once, is an error naming the line.

use ratatui::crossterm::event::KeyCode;
use thiserror::Error;

use super::live::{CTRL_C, Keymap, way_out};
use super::{ANY_CHARACTER, Context, Key};
use crate::config::LookSetting;
use crate::tui::action::Action;

/// Why the user's keys cannot be used: what, and on which line of the config file.
#[derive(Debug, Error, PartialEq, Eq)]
#[error("line {line}: {message}")]
pub struct KeysError {
    pub line: usize,
    pub message: String,
}

/// The contexts a `[keys.NAME]` table can name, and the app's contexts each covers.
const CONTEXTS: &[(&str, &[Context])] = &[
    ("everywhere", &[Context::Global]),
    ("todos", &[Context::Todos]),
    ("lists", &[Context::Lists]),
    ("trash", &[Context::Trash]),
    ("editor", &[Context::Edit, Context::Editor]),
    ("filter", &[Context::Filter]),
    ("note", &[Context::Note]),
    ("dialog", &[Context::Dialog]),
    ("picker", &[Context::Picker]),
    ("help", &[Context::Help]),
];

/// What an action is called in config.toml: its name in snake case, with what it acts on
/// (`ShowTab(Trash)` is `show_tab_trash`, `Text(WordLeft)` `text_word_left`).
fn action_name(action: &Action) -> String {
    let debug = format!("{action:?}");
    let mut name = String::new();
    for c in debug.chars() {
        if c.is_ascii_uppercase() {
            if !name.is_empty() && !name.ends_with('_') {
                name.push('_');
            }
            name.push(c.to_ascii_lowercase());
        } else if c.is_ascii_alphanumeric() {
            name.push(c);
        } else if !name.ends_with('_') {
            name.push('_');
        }
    }
    name.trim_end_matches('_').to_string()
}

/// Whether the user may bind the action: not the rows that stand for "any character".
fn rebindable(keys: &[Key]) -> bool {
    !keys.contains(&ANY_CHARACTER)
}

impl Keymap {
    /// The table with `written` (config.toml's `[keys]`, in line order) put in.
    pub fn with_keys(written: &[LookSetting]) -> Result<Keymap, KeysError> {
        let mut keymap = Keymap::default();
        for w in written {
            let fail = |message: String| KeysError {
                line: w.line,
                message,
            };
            let Some((_, contexts)) = CONTEXTS.iter().find(|(name, _)| *name == w.table) else {
                let names: Vec<&str> = CONTEXTS.iter().map(|(n, _)| *n).collect();
                return Err(fail(format!(
                    "[keys.{}] is not a context; the contexts are {}",
                    w.table,
                    names.join(", ")
                )));
            };
            let keys = w
                .values
                .iter()
                .map(|k| Key::parse(k).ok_or_else(|| fail(not_a_key(&w.table, &w.name, k))))
                .collect::<Result<Vec<Key>, _>>()?;
            // An action with two rows in one context keeps only the first, rebound.
            let mut rebound: Vec<Context> = Vec::new();
            for b in keymap.bindings_mut() {
                if !contexts.contains(&b.context)
                    || action_name(&b.action) != w.name
                    || !rebindable(&b.keys)
                {
                    continue;
                }
                let keys = if rebound.contains(&b.context) {
                    Vec::new()
                } else {
                    keys.clone()
                };
                rebound.push(b.context);
                b.rebind(keys, w.line);
            }
            if rebound.is_empty() {
                // Named here: an installed softly has no example file to point at.
                let mut actions: Vec<String> = keymap
                    .bindings()
                    .filter(|b| contexts.contains(&b.context) && rebindable(&b.keys))
                    .map(|b| action_name(&b.action))
                    .collect();
                actions.dedup();
                return Err(fail(format!(
                    "[keys.{}] has no action '{}'; its actions are {}",
                    w.table,
                    w.name,
                    actions.join(", ")
                )));
            }
        }
        keymap.check_ways_out()?;
        if let Some((a, b, key)) = keymap.first_clash() {
            let line = a.set_at.into_iter().chain(b.set_at).max().unwrap_or(0);
            return Err(KeysError {
                line,
                message: format!(
                    "{} would both {} and {}; give one of them another key",
                    key.label(),
                    action_name(&a.action).replace('_', " "),
                    action_name(&b.action).replace('_', " "),
                ),
            });
        }
        Ok(keymap)
    }
}

/// The bindings that leave something: each must keep a key of its own (Ctrl-c, which always
/// leaves, may be it), or the app, a question, a text field, the picker, the help or a note
/// (kept) could be left only by dropping what is open.
const WAYS_OUT: &[(Context, Action)] = &[
    (Context::Global, Action::Quit),
    (Context::Dialog, Action::No),
    (Context::Edit, Action::Cancel),
    (Context::Filter, Action::Cancel),
    (Context::Picker, Action::Cancel),
    (Context::Help, Action::CloseHelp),
    (Context::Note, Action::Save),
];

impl Keymap {
    /// Refuses, by line, keys that would lock the user in: a way out left with no key, or
    /// Ctrl-c given to anything but the way out.
    fn check_ways_out(&self) -> Result<(), KeysError> {
        for b in self.bindings() {
            let Some(line) = b.set_at else { continue };
            let name = action_name(&b.action).replace('_', " ");
            if b.keys.contains(&CTRL_C) && b.action != way_out(b.context) {
                return Err(KeysError {
                    line,
                    message: format!(
                        "Ctrl-c always quits, or closes what is open; give {name} another key"
                    ),
                });
            }
            if b.keys.is_empty() && WAYS_OUT.contains(&(b.context, b.action)) {
                return Err(KeysError {
                    line,
                    message: format!(
                        "{name} needs a key, or nothing would {name} but Ctrl-c; write its \
                         default back or another key"
                    ),
                });
            }
        }
        Ok(())
    }
}

/// The `[keys]` part of the example config: every context and action with its default
/// keys, commented out (`assets/config.example.toml` holds exactly this; a test checks).
pub fn example_keys() -> String {
    let keymap = Keymap::default();
    let mut out = String::new();
    for (name, contexts) in CONTEXTS {
        out.push_str(&format!("# [keys.{name}]\n"));
        let mut done: Vec<String> = Vec::new();
        for b in keymap.bindings() {
            let action = action_name(&b.action);
            if !contexts.contains(&b.context) || !rebindable(&b.keys) || done.contains(&action) {
                continue;
            }
            let keys: Vec<String> = b
                .keys
                .iter()
                .map(|k| format!("\"{}\"", k.label()))
                .collect();
            out.push_str(&format!(
                "# {action} = [{}]   # {}\n",
                keys.join(", "),
                b.help
            ));
            done.push(action);
        }
    }
    out
}

fn not_a_key(table: &str, action: &str, key: &str) -> String {
    format!(
        "[keys.{table}] {action}: '{key}' is not a key; keys are written d, D, Ctrl-d, Alt-b, \
         Shift-Delete, Enter, Esc, Tab, Space, Up, PgDn, F2"
    )
}

impl Key {
    /// A key as config.toml writes it (and the help shows it): `d`, `D`, `Ctrl-d`,
    /// `Alt-Left`, `Shift-Delete`, `Enter`, `Space`, `PgUp`, `F5`, `↑`.
    pub fn parse(text: &str) -> Option<Key> {
        let mut key = Key {
            code: KeyCode::Null,
            ctrl: false,
            shift: false,
            alt: false,
        };
        let mut rest = text.trim();
        loop {
            let lower = rest.to_ascii_lowercase();
            let (flag, len) = if lower.starts_with("ctrl-") || lower.starts_with("ctrl+") {
                (&mut key.ctrl, 5)
            } else if lower.starts_with("alt-") || lower.starts_with("alt+") {
                (&mut key.alt, 4)
            } else if (lower.starts_with("shift-") || lower.starts_with("shift+")) && rest.len() > 6
            {
                (&mut key.shift, 6)
            } else {
                break;
            };
            *flag = true;
            rest = &rest[len..];
        }
        let mut chars = rest.chars();
        key.code = match (chars.next(), chars.next()) {
            (Some(c), None) if !c.is_control() => match c {
                '↑' => KeyCode::Up,
                '↓' => KeyCode::Down,
                '←' => KeyCode::Left,
                '→' => KeyCode::Right,
                ' ' => KeyCode::Char(' '),
                // Ctrl with a letter is the same key in either case.
                c if key.ctrl => KeyCode::Char(c.to_ascii_lowercase()),
                c => KeyCode::Char(c),
            },
            _ => named(&rest.to_ascii_lowercase())?,
        };
        if key.shift && key.code == KeyCode::Tab {
            key = Key {
                code: KeyCode::BackTab,
                shift: false,
                ..key
            };
        }
        // Shift with a character is the character itself ('G'), as the table writes it.
        if let (true, KeyCode::Char(c)) = (key.shift, key.code) {
            key.shift = false;
            key.code = KeyCode::Char(c.to_ascii_uppercase());
        }
        Some(key)
    }
}

fn named(name: &str) -> Option<KeyCode> {
    Some(match name {
        "space" => KeyCode::Char(' '),
        "enter" | "return" => KeyCode::Enter,
        "esc" | "escape" => KeyCode::Esc,
        "tab" => KeyCode::Tab,
        "backtab" | "shift-tab" => KeyCode::BackTab,
        "backspace" | "bksp" => KeyCode::Backspace,
        "delete" | "del" => KeyCode::Delete,
        "insert" | "ins" => KeyCode::Insert,
        "up" => KeyCode::Up,
        "down" => KeyCode::Down,
        "left" => KeyCode::Left,
        "right" => KeyCode::Right,
        "home" => KeyCode::Home,
        "end" => KeyCode::End,
        "pageup" | "pgup" => KeyCode::PageUp,
        "pagedown" | "pgdn" => KeyCode::PageDown,
        f if f.starts_with('f') => {
            KeyCode::F(f[1..].parse().ok().filter(|n| (1..=24).contains(n))?)
        }
        _ => return None,
    })
}
