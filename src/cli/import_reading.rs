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
use crate::backup::ImportError;
use crate::interchange::{Format, Summary};
use crate::store::rows::Piece;
use crate::store::{ListNames, StoreError};
use crate::wording::command_line;

/// Pieces (of about a thousand rows) read ahead of the store: enough to keep both threads
/// busy, few enough to hold.
const PIECES_AHEAD: usize = 8;
/// Bytes read from the file at a time.
const READ_BUFFER: usize = 1 << 16;
/// A softly export up to this size is read whole and parsed from memory, which serde does
/// about twice as fast as from a stream; a bigger one streams, in constant memory.
const WHOLE: u64 = 16 << 20;

/// An export file (or standard input, `-`) being read and checked on a thread of its own.
pub(in crate::cli) struct ExportReading {
    name: String,
    thread: JoinHandle<Result<Summary, CliError>>,
    pieces: Receiver<Piece>,
    /// How much of the file was read, and its size (unknown for standard input).
    read: Arc<AtomicU64>,
    size: Option<u64>,
    /// Another app's projects join the lists of their names; a softly export's lists are
    /// its own.
    names: ListNames,
}

impl ExportReading {
    pub(in crate::cli) fn start(file: &str, format: Format, now: jiff::Timestamp) -> Self {
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
        let names = match format {
            Format::Softly => ListNames::Rename,
            _ => ListNames::Join,
        };
        let thread = std::thread::spawn(move || {
            let input: Box<dyn Read> = match opened {
                Ok(Some(mut f)) if format == Format::Softly && size.is_some_and(|n| n <= WHOLE) => {
                    let mut bytes = Vec::with_capacity(size.unwrap_or(0) as usize);
                    if let Err(e) = f.read_to_end(&mut bytes) {
                        return Err(CliError::new(command_line::cannot_read(&reader_name, &e)));
                    }
                    counter.store(bytes.len() as u64, Ordering::Relaxed);
                    let read =
                        crate::backup::read_export_slice(&bytes, |piece| send.send(piece).is_ok());
                    return outcome(read.map(|()| Summary::default()), &reader_name);
                }
                Ok(Some(f)) => Box::new(f),
                Ok(None) => Box::new(std::io::stdin()),
                Err(e) => return Err(CliError::new(command_line::cannot_read(&reader_name, &e))),
            };
            let input = BufReader::with_capacity(READ_BUFFER, Counted(input, counter));
            read_pieces(format, input, send, &reader_name, now)
        });
        ExportReading {
            name,
            thread,
            pieces,
            read,
            size,
            names,
        }
    }

    /// What the file left out, or why it could not be read or imported.
    fn finish(self) -> Result<Summary, CliError> {
        drop(self.pieces);
        self.thread
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    }
}

fn read_pieces(
    format: Format,
    input: impl std::io::BufRead,
    send: SyncSender<Piece>,
    name: &str,
    now: jiff::Timestamp,
) -> Result<Summary, CliError> {
    let sent = crate::interchange::read(format, input, |piece| send.send(piece).is_ok(), now);
    outcome(sent, name)
}

/// What the reading thread reports: the file's own fault, if it has one.
fn outcome(sent: Result<Summary, ImportError>, name: &str) -> Result<Summary, CliError> {
    match sent {
        Ok(summary) => Ok(summary),
        // The store stopped taking rows: it says why.
        Err(ImportError::Stopped) => Ok(Summary::default()),
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
    let pieces = reading.pieces.iter().map(|piece| {
        let piece = match piece {
            // Neither checked against the imports before nor recorded, and no item keeps
            // the identity that would recognise it.
            Piece::Origin(_) if duplicate => Piece::Origin(None),
            Piece::Todos { first, mut rows } if duplicate => {
                rows.iter_mut().for_each(|t| t.uid = None);
                Piece::Todos { first, rows }
            }
            // Every row is in: the indexes are built and the references checked.
            Piece::End => {
                progress.doing(command_line::IMPORT_FINISHING);
                Piece::End
            }
            piece => piece,
        };
        done += piece.len() as u64;
        progress.add(piece.len() as u64);
        let bytes = read.load(Ordering::Relaxed);
        if let Some(size) = size.filter(|_| bytes > 0) {
            progress.estimate(done * size / bytes);
        }
        piece
    });
    let imported = s.store.import_pieces(pieces, s.now, reading.names);
    progress.finish();
    let name = reading.name.clone();
    // The file's own fault first: the store stopped only because the reading did.
    let summary = reading.finish()?;
    let imported = imported.map_err(|e| match e {
        StoreError::RepeatedId { .. } | StoreError::ImportDoesNotFit(_) => {
            CliError::new(command_line::not_imported(&name, &e))
        }
        StoreError::ImportedBefore { .. } => {
            CliError::new(command_line::imported_before(&name, &e))
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
    for name in &imported.joined {
        println!("{}", command_line::import_joined(name));
    }
    for line in command_line::import_summary(&summary) {
        println!("{line}");
    }
    Ok(())
}
