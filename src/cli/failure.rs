//! Errors at the edge: one line for stderr and the exit status that goes with it.

use std::path::Path;

use crate::config::ConfigError;
use crate::store::{OpenError, StoreError};
use crate::wording::{Surface, open_error, store_error};

/// Exit status for an ordinary failure.
pub const EXIT_ERROR: u8 = 1;
/// Exit status when another process held the database past the busy timeout
/// (EX_TEMPFAIL: trying again later may work).
pub const EXIT_BUSY: u8 = 75;

/// A failed command: what to tell the user, and the exit status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CliError {
    pub message: String,
    pub code: u8,
}

impl CliError {
    pub fn new(message: impl Into<String>) -> Self {
        CliError {
            message: message.into(),
            code: EXIT_ERROR,
        }
    }

    /// Explains a store failure, naming the database where that helps (see `wording`).
    pub fn from_store(e: StoreError, db: &Path) -> Self {
        CliError {
            message: store_error(&e, Surface::Cli, db),
            code: if matches!(e, StoreError::Busy) {
                EXIT_BUSY
            } else {
                EXIT_ERROR
            },
        }
    }
}

impl From<OpenError> for CliError {
    fn from(e: OpenError) -> Self {
        CliError::new(open_error(&e))
    }
}

impl From<ConfigError> for CliError {
    fn from(e: ConfigError) -> Self {
        CliError::new(e.to_string())
    }
}

impl From<std::io::Error> for CliError {
    fn from(e: std::io::Error) -> Self {
        CliError::new(e.to_string())
    }
}
