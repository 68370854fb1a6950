//! `softly import`: the file read and checked on a thread of its own while the store adds
//! what it has read so far, a batch at a time, in one transaction. Neither the file nor its
//! rows are ever held whole; the reading starts before the database is even open.

use std::fs::File;
use std::io::{BufReader, Read};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::thread::JoinHandle;

use super::CliError;
use super::invocation::Invocation;
use super::progress::Progress;
use crate::backup::{ImportError, read_export};
use crate::store::StoreError;
use crate::store::rows::Piece;
use crate::wording::command_line;

/// Pieces (of about a thousand rows) read ahead of the store: enough to keep both threads
/// busy, few enough to hold.
const PIECES_AHEAD: usize = 8;
/// Bytes read from the file at a time.
const READ_BUFFER: usize = 1 << 16;

/// An export file (or standard input, `-`) being read and checked on a thread of its own.
pub(in crate::cli) struct ExportReading {
    name: String,
    thread: JoinHandle<Result<(), CliError>>,
    pieces: Receiver<Piece>,
    /// How much of the file was read, and its size (unknown for standard input).
    read: Arc<AtomicU64>,
    size: Option<u64>,
}

impl ExportReading {
    pub(in crate::cli) fn start(file: &str) -> Self {
        let name = if file == "-" {
            "standard input".to_string()
        } else {
            file.to_string()
        };
        let (send, pieces) = sync_channel(PIECES_AHEAD);
        let read = Arc::new(AtomicU64::new(0));
        let opened = if file == "-" {
            Ok(None)
        } else {
            File::open(file).map(Some)
        };
        let size = match &opened {
            Ok(Some(f)) => f.metadata().ok().map(|m| m.len()),
            _ => None,
        };
        let counter = Arc::clone(&read);
        let reader_name = name.clone();
        let thread = std::thread::spawn(move || {
            let input: Box<dyn Read> = match opened {
                Ok(Some(f)) => Box::new(f),
                Ok(None) => Box::new(std::io::stdin()),
                Err(e) => return Err(CliError::new(command_line::cannot_read(&reader_name, &e))),
            };
            let input = BufReader::with_capacity(READ_BUFFER, Counted(input, counter));
            read_pieces(input, send, &reader_name)
        });
        ExportReading {
            name,
            thread,
            pieces,
            read,
            size,
        }
    }

    /// Why the file could not be read or imported, if it could not.
    fn finish(self) -> Result<(), CliError> {
        drop(self.pieces);
        self.thread
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    }
}

fn read_pieces(input: impl Read, send: SyncSender<Piece>, name: &str) -> Result<(), CliError> {
    match read_export(input, |piece| send.send(piece).is_ok()) {
        Ok(()) => Ok(()),
        // The store stopped taking rows: it says why.
        Err(ImportError::Stopped) => Ok(()),
        Err(ImportError::Unreadable(e)) => Err(CliError::new(command_line::cannot_read(name, &e))),
        Err(e) => Err(CliError::new(command_line::not_imported(name, &e))),
    }
}

/// A reader that counts the bytes it has read, for the progress bar's estimate.
struct Counted<R>(R, Arc<AtomicU64>);

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.0.read(buf)?;
        self.1.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

pub(in crate::cli) fn import(
    s: &mut Invocation,
    reading: ExportReading,
    duplicate: bool,
    quiet: bool,
    json: bool,
) -> Result<(), CliError> {
    let mut progress = Progress::new(command_line::IMPORTING, None, reading.size.is_some(), quiet);
    let (size, read) = (reading.size, Arc::clone(&reading.read));
    let mut done = 0u64;
    let pieces = reading.pieces.iter().map(|piece| match piece {
        // Neither checked against the imports before nor recorded.
        Piece::Origin(_) if duplicate => Piece::Origin(None),
        // Every row is in: the indexes are built and the references checked.
        Piece::End => {
            progress.doing(command_line::IMPORT_FINISHING);
            Piece::End
        }
        piece => {
            done += piece.len() as u64;
            progress.add(piece.len() as u64);
            let bytes = read.load(Ordering::Relaxed);
            if let Some(size) = size.filter(|_| bytes > 0) {
                progress.estimate(done * size / bytes);
            }
            piece
        }
    });
    let imported = s.store.import_pieces(pieces, s.now);
    progress.finish();
    let name = reading.name.clone();
    // The file's own fault first: the store stopped only because the reading did.
    reading.finish()?;
    let imported = imported.map_err(|e| match e {
        StoreError::RepeatedId { .. } | StoreError::ImportDoesNotFit(_) => {
            CliError::new(command_line::not_imported(&name, &e))
        }
        e => s.fail(e),
    })?;
    if json {
        super::output::print_json(&super::json::ImportJson::from(&imported));
        return Ok(());
    }
    let (lists, todos, entries) = (imported.lists, imported.todos, imported.entries);
    println!("{}", command_line::imported(lists, todos, entries));
    for (from, to) in &imported.renamed {
        println!("{}", command_line::import_renamed(from, to));
    }
    Ok(())
}
