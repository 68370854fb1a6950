//! Starting the full-screen app from the command line (plain `softly`, or `softly --demo`).

use std::io::IsTerminal;
use std::path::Path;
use std::sync::Arc;

use super::{CliError, Outcome};
use crate::clock::Clock;
use crate::config::{Looks, Settings};
use crate::store::Store;
use crate::tui::demo::{DemoDir, seed};
use crate::tui::event_loop::{Exit, run};
use crate::tui::keymap::Keymap;
use crate::tui::session::Session;
use crate::tui::theme::Theme;
use crate::wording::command_line;

/// Runs the app on an open store until the user quits.
pub fn run_app(
    store: Store,
    settings: Settings,
    clock: Arc<dyn Clock>,
    db: &Path,
    demo: bool,
) -> Result<Outcome, CliError> {
    // The user's keys and colours, and sync's settings, are checked before the terminal is
    // taken.
    let theme = checked_looks(&settings.looks).map_err(CliError::new)?;
    if let Some(broken) = &settings.sync_broken {
        return Err(CliError::new(broken.clone()));
    }
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        return Err(CliError::new(command_line::APP_NEEDS_A_TERMINAL));
    }
    // The size now (the app reads it again once the terminal is set up, and follows resizes).
    let size = ratatui::crossterm::terminal::size().unwrap_or((80, 24));
    let mut session = Session::with_size(store, settings, clock, theme, size);
    session.app.demo = demo;
    let exit = run(&mut session);
    // A startup purge still running finishes (and scrubs) before the process ends.
    session.finish_purge();
    match exit {
        Ok(Exit::Quit) => Ok(Outcome::Done),
        Ok(Exit::Signal(n)) => Ok(Outcome::Signalled(n)),
        Err(e) => Err(CliError::new(format!("{}: {e}", db.display()))),
    }
}

/// The app's colours, or why `[keys]` or `[theme]` cannot be used (the file and line).
pub fn checked_looks(looks: &Looks) -> Result<Theme, String> {
    let at = |line: usize, message: &str| {
        crate::wording::config_file::config_line(looks.path.as_deref(), line, message)
    };
    if let Some((line, message)) = &looks.broken {
        return Err(at(*line, message));
    }
    Keymap::with_keys(&looks.keys).map_err(|e| at(e.line, &e.message))?;
    Theme::from_env()
        .with_looks(&looks.theme)
        .map_err(|e| at(e.line, &e.message))
}

/// Runs the app on a throwaway database of examples, removed when the app ends. It never
/// syncs: its examples must not reach the user's server (and from there their database).
pub fn run_demo(mut settings: Settings, clock: Arc<dyn Clock>) -> Result<Outcome, CliError> {
    settings.sync = None;
    let dir = DemoDir::create()?;
    let db = dir.db_path();
    let mut store = Store::open(&db)?;
    seed(&mut store, clock.now(), settings.retention).map_err(|e| CliError::from_store(e, &db))?;
    let outcome = run_app(store, settings, clock, &db, true);
    drop(dir);
    outcome
}
