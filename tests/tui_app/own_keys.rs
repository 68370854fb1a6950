//! `[keys]` and `[theme]` in config.toml: the app runs with the user's keys, shows them in
//! the footer and the help, and refuses what it cannot use by line.

use super::*;
use softly::config::{ConfigLocation, load_settings};
use softly::tui::keymap::{Keymap, example_keys};
use softly::tui::theme::Theme;

fn settings_from(text: &str) -> (tempfile::TempDir, Settings) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    std::fs::write(&path, text).unwrap();
    let location = ConfigLocation {
        path,
        required: true,
    };
    let settings = load_settings(Some(&location), None).unwrap();
    (dir, settings)
}

fn keys_error(text: &str) -> (usize, String) {
    let (_dir, settings) = settings_from(text);
    let err = Keymap::with_keys(&settings.looks.keys).unwrap_err();
    (err.line, err.message)
}

/// Promise: a key rebound in config.toml does the action, the old key no longer does, and
/// the footer and the `?` help show the new one.
#[test]
fn a_rebound_key_works_and_the_footer_and_help_show_it() {
    let (_dir, settings) = settings_from(
        "retention = \"30d\"\n\n[keys.todos]\ndelete = [\"Ctrl-d\"]\ntoggle_done = \"Enter\"\n",
    );
    let mut app = TestApp::with_settings(settings, |s| {
        s.add_todo("keep", None, at(T0)).unwrap();
        s.add_todo("drop", None, at(T0)).unwrap();
    });
    app.keys("j").keys("d");
    assert_eq!(app.stored_todos(), ["keep", "drop"], "d no longer deletes");
    app.keys("<C-d>");
    assert_eq!(app.stored_todos(), ["keep"]);
    app.keys("<Enter>");
    assert!(app.screen().contains("[x] keep"), "{}", app.screen());
    let screen = app.screen();
    assert!(screen.contains("Ctrl-d delete"), "footer: {screen}");
    assert!(screen.contains("Enter done"), "footer: {screen}");
    app.session.resize(160, 90);
    app.keys("?");
    let help = app.screen();
    assert!(
        help.contains("Ctrl-d      to Trash (marked: as one)"),
        "help: {help}"
    );
    assert!(
        !help.contains("d Del       to Trash (marked"),
        "the old keys are gone from the help: {help}"
    );
}

/// Promise: an unknown context, action or key, or a key that would do two things in one
/// place, is refused with its line.
#[test]
fn what_the_keymap_cannot_use_is_refused_by_line() {
    let (line, message) = keys_error("\n[keys.todo]\nadd = \"a\"\n");
    assert_eq!(line, 3);
    assert!(
        message.contains("[keys.todo] is not a context"),
        "{message}"
    );
    let (line, message) = keys_error("[keys.todos]\nadd = \"a\"\nfly = \"f\"\n");
    assert_eq!(line, 3);
    assert!(message.contains("no action 'fly'"), "{message}");
    // The actions are named, not a file an installed softly does not have.
    assert!(
        message.contains("its actions are ") && message.contains("toggle_done"),
        "{message}"
    );
    assert!(!message.contains("config.example"), "{message}");
    let (line, message) = keys_error("[keys.trash]\nrestore = [\"r\", \"Hyper-r\"]\n");
    assert_eq!(line, 2);
    assert!(message.contains("'Hyper-r' is not a key"), "{message}");
    // x already marks done in the todo pane; q quits everywhere, behind every pane.
    let (line, message) = keys_error("[keys.todos]\n\ndelete = \"x\"\n");
    assert_eq!(line, 3);
    assert!(message.contains("x would both"), "{message}");
    assert!(
        message.contains("delete") && message.contains("toggle done"),
        "{message}"
    );
    let (_, message) = keys_error("[keys.todos]\nadd = \"q\"\n");
    assert!(message.contains("q would both"), "{message}");
}

/// The example config lists every context and action with its default keys, and those
/// defaults, uncommented, are exactly the keymap and theme the app has without them.
#[test]
fn the_example_config_documents_every_key_and_its_default() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/config.example.toml");
    let example = std::fs::read_to_string(path).unwrap();
    assert!(
        example.contains(&example_keys()),
        "run the keymap's example_keys() into it"
    );
    let uncommented: String = example
        .lines()
        .map(|l| match l.strip_prefix("# ") {
            Some(table) if table.starts_with("[keys.") || table == "[theme]" => table,
            Some(setting)
                if setting.split_once(" = ").is_some_and(|(name, _)| {
                    name.chars().all(|c| c.is_ascii_lowercase() || c == '_')
                }) =>
            {
                setting
            }
            _ => l,
        })
        .collect::<Vec<_>>()
        .join("\n");
    let (_dir, settings) = settings_from(&uncommented);
    assert!(
        settings.looks.keys.len() > 60,
        "{}",
        settings.looks.keys.len()
    );
    let mine = Keymap::with_keys(&settings.looks.keys).unwrap();
    let shape = |k: &Keymap| -> Vec<String> {
        k.bindings()
            .map(|b| format!("{:?} {:?} {:?}", b.context, b.action, b.keys))
            .collect()
    };
    assert_eq!(shape(&mine), shape(&Keymap::default()));
    let theme = Theme::coloured().with_looks(&settings.looks.theme).unwrap();
    assert_eq!(theme, Theme::coloured());
}

/// Promise: no keymap locks the user in: a way out (quit, no, cancel, close) left without a
/// key, or Ctrl-c given to anything else, is refused by line; Ctrl-c quits whatever the
/// keys say.
#[test]
fn no_keymap_can_lock_the_user_in() {
    let (line, message) = keys_error("[keys.everywhere]\n\nquit = []\n");
    assert_eq!(line, 3);
    assert!(message.contains("quit needs a key"), "{message}");
    let (line, message) = keys_error("[keys.dialog]\nno = []\n");
    assert_eq!(line, 2);
    assert!(message.contains("no needs a key"), "{message}");
    let (line, message) = keys_error("[keys.help]\nclose_help = []\n");
    assert_eq!(line, 2);
    assert!(message.contains("close help needs a key"), "{message}");
    let (line, message) = keys_error("[keys.todos]\ndelete = [\"Ctrl-c\"]\n");
    assert_eq!(line, 2);
    assert!(message.contains("Ctrl-c always quits"), "{message}");
    // Quit moved to another key: Ctrl-c still quits, and in a question still says no.
    let (_dir, settings) = settings_from("[keys.everywhere]\nquit = [\"Ctrl-q\"]\n");
    let mut app = TestApp::with_settings(settings, sample);
    app.keys("q");
    assert!(!app.session.app.quit, "q is no longer quit");
    app.keys("d2X<C-c>");
    assert!(!app.session.app.quit, "Ctrl-c answered the question no");
    assert!(matches!(app.session.app.mode, Mode::Normal));
    app.keys("<C-c>");
    assert!(app.session.app.quit);
}
