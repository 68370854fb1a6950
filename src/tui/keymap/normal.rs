//! The normal-mode half of the table: the panes' keys, then the ones that work everywhere.
//! A pane's own bindings come first, so they win over a global one.

use ratatui::crossterm::event::KeyCode;

use super::{Binding, Context, Key, ch, ctrl, key, shift};
use crate::tui::action::{Action, Tab};

pub(super) const fn bind(
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

/// Every normal-mode binding. Specific contexts come first, so they win over global ones.
pub const NORMAL: &[Binding] = &[
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
        "to Trash (marked: as one)",
    ),
    bind(
        Todos,
        &[ch('m')],
        Action::MoveTo,
        "move",
        "move to another list",
    ),
    bind(Todos, &[ch('t')], Action::SetDue, "", "set the due date"),
    bind(
        Todos,
        &[ch('p')],
        Action::CyclePriority,
        "",
        "cycle the priority",
    ),
    bind(Todos, &[ch('n')], Action::EditNote, "", "write the note"),
    bind(
        Todos,
        &[ch('s')],
        Action::CycleSort,
        "",
        "next sort of this view",
    ),
    bind(
        Todos,
        &[ch('H')],
        Action::ToggleHideDone,
        "",
        "hide / show done todos",
    ),
    bind(Todos, &[ch('v')], Action::ToggleMark, "", "mark / unmark"),
    bind(
        Todos,
        &[ch('V')],
        Action::MarkAll,
        "",
        "mark all (again: none)",
    ),
    bind(
        Todos,
        &[ch('C')],
        Action::ClearDone,
        "",
        "done todos to Trash",
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
    bind(
        Lists,
        &[ch('s')],
        Action::CycleSort,
        "",
        "next sort of this view",
    ),
    bind(
        Lists,
        &[ch('H')],
        Action::ToggleHideDone,
        "",
        "hide / show done todos",
    ),
    bind(Lists, &[ch('K')], Action::Raise, "", "move the list up"),
    bind(Lists, &[ch('J')], Action::Lower, "", "move the list down"),
    // Trash tab
    bind(
        Trash,
        &[ch('r')],
        Action::Restore,
        "restore",
        "restore (or the marked)",
    ),
    bind(
        Trash,
        &[ch('E'), shift(KeyCode::Delete)],
        Action::Erase,
        "erase",
        "erase (marked too; asks)",
    ),
    bind(
        Trash,
        &[ch('X')],
        Action::EmptyTrash,
        "empty",
        "empty the Trash (asks)",
    ),
    bind(
        Trash,
        &[ch('p')],
        Action::TogglePin,
        "pin",
        "pin: kept until unpinned",
    ),
    bind(Trash, &[ch('v')], Action::ToggleMark, "", "mark / unmark"),
    bind(
        Trash,
        &[ch('V')],
        Action::MarkAll,
        "",
        "mark all (again: none)",
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
        "clear marks, else filter",
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
