//! The y/N question before anything is destroyed.

use std::io::{BufRead, IsTerminal, Write};

use super::CliError;
use crate::wording::command_line;

/// Asks `question` on the terminal and returns the answer; only "y" or "yes" mean yes.
/// Without a terminal to ask on, refuses: a script must say `--yes` to erase.
pub fn confirm(question: &str) -> Result<bool, CliError> {
    let stdin = std::io::stdin();
    if !stdin.is_terminal() {
        return Err(CliError::new(command_line::NO_TERMINAL_TO_ASK));
    }
    let mut stderr = std::io::stderr();
    write!(stderr, "{question} [y/N] ")?;
    stderr.flush()?;
    let mut answer = String::new();
    stdin.lock().read_line(&mut answer)?;
    Ok(matches!(answer.trim().to_lowercase().as_str(), "y" | "yes"))
}
