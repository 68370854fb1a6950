//! Other tools' files in and out: Taskwarrior's `task export` and todo.txt. Each reader
//! turns the other tool's items into rows as it reads them and hands them to the store in
//! pieces, as the reader of softly's own export does (`backup::read_export`).

mod bounded_line;
mod emitter;
mod recognise;
mod taskwarrior;
mod todotxt;

use std::io::BufRead;

use crate::backup::ImportError;
use crate::store::rows::Piece;

pub use recognise::recognise_file;
pub use taskwarrior::read_taskwarrior;
pub use todotxt::{TodoTxtWriter, read_todotxt};

/// The file formats `softly import --from` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// softly's own export
    Softly,
    /// Taskwarrior's `task export`
    Taskwarrior,
    /// todo.txt
    Todotxt,
}

/// What an import from another tool left out or changed, to tell the user.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    /// Taskwarrior's recurring templates, whose pending instances were imported instead.
    pub templates: usize,
    /// Recurrences softly has no rule for (yearly, quarterly…): those todos do not come back.
    pub unmapped_recurrences: usize,
    /// todo.txt priorities below (C), which became low.
    pub lowered_priorities: usize,
}

/// Reads `input` in `format` and hands its rows to `send`.
pub fn read(
    format: Format,
    input: impl BufRead,
    send: impl FnMut(Piece) -> bool,
    now: jiff::Timestamp,
) -> Result<Summary, ImportError> {
    match format {
        Format::Softly => crate::backup::read_export(input, send).map(|()| Summary::default()),
        Format::Taskwarrior => read_taskwarrior(input, send, now, &crate::when::local_zone()),
        Format::Todotxt => read_todotxt(input, send, now, &crate::when::local_zone()),
    }
}

/// A JSON error as an import's: what the system said when the file could not be read,
/// else where the text is wrong.
pub(crate) fn syntax(e: serde_json::Error) -> ImportError {
    crate::backup::json_error(e)
}
