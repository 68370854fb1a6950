//! Errors at the edge: one line for stderr and the exit status that goes with it.

use std::path::Path;

use crate::config::ConfigError;
use crate::store::{OpenError, StoreError};

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

    /// Explains a store failure, naming the database where that helps.
    pub fn from_store(e: StoreError, db: &Path) -> Self {
        match e {
            StoreError::ReadOnly => CliError::new(format!(
                "{} is read-only; nothing was changed",
                db.display()
            )),
            StoreError::Busy => CliError {
                message: format!(
                    "{} stayed locked by another program for 5 seconds; nothing was changed, try again",
                    db.display()
                ),
                code: EXIT_BUSY,
            },
            StoreError::DiskFull => CliError::new(format!(
                "the disk holding {} is full; nothing was changed (free some space and try again)",
                db.display()
            )),
            StoreError::Corrupt(detail) => CliError::new(format!(
                "{} is damaged ({detail}); nothing was changed. `softly export FILE` saves what can still be read",
                db.display()
            )),
            other => CliError::new(other.to_string()),
        }
    }
}

impl From<OpenError> for CliError {
    fn from(e: OpenError) -> Self {
        CliError::new(e.to_string())
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
