//! The other half of the table: the keys of editors, dialogs, the move picker and the `?`
//! help. Each mode's own keys come before the ones it falls back to (an editor's Enter and
//! Esc before the editing keys every text field shares).

use ratatui::crossterm::event::KeyCode;

use super::normal::bind;
use super::{ANY_CHARACTER, Binding, alt, ch, ctrl, ctrl_key, key};
use crate::tui::action::Action;
use crate::tui::editor::TextEdit;

use super::Context::{Dialog, Edit, Editor, Filter, Help, Note, Picker};

/// Stands for the key events the note editor types with (any key its own bindings leave).
const NOTE_KEY: ratatui::crossterm::event::KeyEvent = ratatui::crossterm::event::KeyEvent {
    code: KeyCode::Null,
    modifiers: ratatui::crossterm::event::KeyModifiers::NONE,
    kind: ratatui::crossterm::event::KeyEventKind::Press,
    state: ratatui::crossterm::event::KeyEventState::NONE,
};

/// Every binding of an editor, a dialog, the picker and the help.
pub const MODES: &[Binding] = &[
    // Writing a note: Esc keeps what was written, as closing a notes app does.
    bind(
        Note,
        &[key(KeyCode::Esc), ctrl('s')],
        Action::Save,
        "save",
        "close, keeping the note",
    ),
    bind(
        Note,
        &[ctrl('c')],
        Action::Cancel,
        "drop",
        "close, dropping changes",
    ),
    bind(
        Note,
        &[ANY_CHARACTER],
        Action::NoteInput(NOTE_KEY),
        "",
        "type; Enter: new line",
    ),
    // Typing a title or a list name
    bind(Edit, &[key(KeyCode::Enter)], Action::Save, "save", "save"),
    bind(
        Edit,
        &[key(KeyCode::Esc), ctrl('c')],
        Action::Cancel,
        "cancel",
        "cancel, dropping the text",
    ),
    // Typing the filter
    bind(
        Filter,
        &[key(KeyCode::Enter)],
        Action::Save,
        "keep filter",
        "keep the filter and leave it",
    ),
    bind(
        Filter,
        &[key(KeyCode::Esc), ctrl('c')],
        Action::Cancel,
        "clear",
        "clear the filter",
    ),
    // Any text field
    bind(
        Editor,
        &[
            ctrl_key(KeyCode::Left),
            alt(KeyCode::Left),
            alt(KeyCode::Char('b')),
        ],
        Action::Text(TextEdit::WordLeft),
        "word",
        "a word left",
    )
    .shown_as("Ctrl-←/→"),
    bind(
        Editor,
        &[
            ctrl_key(KeyCode::Right),
            alt(KeyCode::Right),
            alt(KeyCode::Char('f')),
        ],
        Action::Text(TextEdit::WordRight),
        "",
        "a word right",
    ),
    bind(
        Editor,
        &[
            ctrl('w'),
            ctrl_key(KeyCode::Backspace),
            alt(KeyCode::Backspace),
        ],
        Action::Text(TextEdit::DeleteWordBefore),
        "delete word",
        "delete the word before",
    )
    .shown_as("Ctrl-W"),
    bind(
        Editor,
        &[key(KeyCode::Left)],
        Action::Text(TextEdit::Left),
        "",
        "a character left",
    ),
    bind(
        Editor,
        &[key(KeyCode::Right)],
        Action::Text(TextEdit::Right),
        "",
        "a character right",
    ),
    bind(
        Editor,
        &[key(KeyCode::Home), ctrl('a')],
        Action::Text(TextEdit::Home),
        "",
        "to the start",
    ),
    bind(
        Editor,
        &[key(KeyCode::End), ctrl('e')],
        Action::Text(TextEdit::End),
        "",
        "to the end",
    ),
    bind(
        Editor,
        &[key(KeyCode::Backspace)],
        Action::Text(TextEdit::Backspace),
        "",
        "delete the character before",
    ),
    bind(
        Editor,
        &[key(KeyCode::Delete)],
        Action::Text(TextEdit::Delete),
        "",
        "delete the character under",
    ),
    bind(
        Editor,
        &[ctrl('u')],
        Action::Text(TextEdit::DeleteToStart),
        "",
        "delete to the start",
    ),
    bind(
        Editor,
        &[ctrl('k')],
        Action::Text(TextEdit::DeleteToEnd),
        "",
        "delete to the end",
    ),
    bind(
        Editor,
        &[ANY_CHARACTER],
        Action::Type(' '),
        "",
        "typed (a paste too)",
    ),
    // A question
    bind(Dialog, &[ch('y'), ch('Y')], Action::Yes, "yes", "yes"),
    bind(
        Dialog,
        &[ch('n'), ch('N'), key(KeyCode::Esc), ch('q'), ctrl('c')],
        Action::No,
        "no",
        "no",
    )
    .shown_as("n/Esc"),
    bind(
        Dialog,
        &[
            key(KeyCode::Left),
            key(KeyCode::Right),
            key(KeyCode::Tab),
            key(KeyCode::BackTab),
            ch('h'),
            ch('l'),
        ],
        Action::SwitchChoice,
        "choose",
        "the other button",
    )
    .shown_as("←/→"),
    bind(
        Dialog,
        &[key(KeyCode::Enter)],
        Action::Choose,
        "pick",
        "take the selected button",
    ),
    // Choosing a list
    bind(
        Picker,
        &[ch('j'), key(KeyCode::Down)],
        Action::Down,
        "choose",
        "next list",
    )
    .shown_as("j/k"),
    bind(
        Picker,
        &[ch('k'), key(KeyCode::Up)],
        Action::Up,
        "",
        "previous list",
    ),
    bind(
        Picker,
        &[key(KeyCode::Enter)],
        Action::Choose,
        "move",
        "move the todo there",
    ),
    bind(
        Picker,
        &[key(KeyCode::Esc), ch('q'), ctrl('c')],
        Action::Cancel,
        "cancel",
        "keep the todo where it is",
    ),
    // This help
    bind(
        Help,
        &[ch('j'), key(KeyCode::Down)],
        Action::Down,
        "scroll",
        "scroll down",
    )
    .shown_as("j/k"),
    bind(
        Help,
        &[ch('k'), key(KeyCode::Up)],
        Action::Up,
        "",
        "scroll up",
    ),
    bind(
        Help,
        &[key(KeyCode::PageDown), ch(' ')],
        Action::PageDown,
        "page",
        "a page down",
    )
    .shown_as("PgDn/PgUp"),
    bind(
        Help,
        &[key(KeyCode::PageUp)],
        Action::PageUp,
        "",
        "a page up",
    ),
    bind(
        Help,
        &[ch('g'), key(KeyCode::Home)],
        Action::Top,
        "",
        "to the top",
    ),
    bind(
        Help,
        &[ch('G'), key(KeyCode::End)],
        Action::Bottom,
        "",
        "to the bottom",
    ),
    bind(
        Help,
        &[ch('?'), key(KeyCode::Esc), ch('q'), ctrl('c')],
        Action::CloseHelp,
        "close",
        "close this help",
    )
    .shown_as("?/Esc"),
];
