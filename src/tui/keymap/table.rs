//! The table itself: every binding of every mode. Specific contexts come before the ones
//! they fall back to, so a pane's own binding wins over a global one.

use ratatui::crossterm::event::KeyCode;

use super::{ANY_CHARACTER, Binding, Context, Key, alt, ch, ctrl, ctrl_key, key, shift};
use crate::tui::action::{Action, Tab};
use crate::tui::editor::TextEdit;

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
        footer_keys: None,
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

use Context::{Dialog, Edit, Editor, Filter, Help, Picker};
