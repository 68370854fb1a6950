//! `softly export` and `softly import`: the backup file out and in, each a stream (a file of
//! any size goes through in the memory of a few thousand rows), and what an export of a
//! damaged database could save.

use std::fs::File;
use std::io::{self, BufWriter, Seek, Write};
use std::path::{Path, PathBuf};

use super::CliError;
use super::export_writer::{ExportCounts, ExportFormat, RowWriter};
use super::invocation::Invocation;
use super::output::{note, warn};
use super::progress::Progress;
use crate::files::write_atomically_with;
use crate::store::{AnyRow, ReadAll, StoreError};
use crate::wording::command_line;

pub(super) use super::import_reading::{ExportReading, import};

/// Bytes written to the output at a time.
const WRITE_BUFFER: usize = 1 << 16;

pub(super) fn export(
    s: &mut Invocation,
    file: Option<PathBuf>,
    format: ExportFormat,
    quiet: bool,
) -> Result<(), CliError> {
    let source = s.store.database_id().map_err(|e| s.fail(e))?;
    // Counting reads every table: damage met here sends the export around it.
    let total = match s.store.row_count() {
        Ok(total) => Some(total),
        Err(StoreError::Corrupt(detail)) => {
            s.store.note_damage(&detail);
            None
        }
        Err(e) => return Err(s.fail(e)),
    };
    let mut progress = Progress::new(command_line::EXPORTING, total, true, quiet);
    let how = How {
        format,
        source: source.as_deref(),
    };
    let Some(path) = file else {
        let mut out = BufWriter::with_capacity(WRITE_BUFFER, io::stdout().lock());
        let written = if s.store.is_known_damaged() {
            rescue_export(s, &mut out, &how).map(Some)
        } else {
            stream_export(s, &mut out, &how, &mut progress)
        };
        progress.finish();
        return match written.map_err(Failed::into_cli)? {
            Some(written) => {
                left_out(&written);
                Ok(())
            }
            None => Err(CliError::new(command_line::export_met_damage(&s.db))),
        };
    };
    let protected = database_files(&s.db);
    let mut done = ExportCounts::default();
    let mut store_failure = None;
    let written = write_atomically_with(&path, &protected, |file| {
        match export_to_file(s, file, &how, &mut progress) {
            Ok(written) => done = written,
            // Said by the target's own message: the old file was left as it was.
            Err(Failed::Write(e)) => return Err(e),
            Err(Failed::Other(e)) => store_failure = Some(e),
        }
        match store_failure {
            Some(_) => Err(io::Error::other("the export stopped")),
            None => Ok(()),
        }
    });
    progress.finish();
    if let Some(e) = store_failure {
        return Err(e);
    }
    written.map_err(|e| CliError::new(e.to_string()))?;
    match format {
        ExportFormat::Softly => note(&command_line::exported(
            done.lists,
            done.todos,
            done.entries,
            &path,
        )),
        ExportFormat::Todotxt => note(&command_line::exported_todotxt(done.todos, &path)),
    }
    left_out(&done);
    Ok(())
}

/// What the export is written as, and the database it comes from.
struct How<'a> {
    format: ExportFormat,
    source: Option<&'a str>,
}

/// Says what a format had no place for (todo.txt: notes, the Trash).
fn left_out(written: &ExportCounts) {
    if let Some(line) = command_line::left_out(written.left_out_notes, written.left_out_trash) {
        note(&line);
    }
}

/// The export into `file` (new and empty): streamed, or should the database turn out to be
/// damaged, started over around the damage.
fn export_to_file(
    s: &Invocation,
    file: &mut File,
    how: &How<'_>,
    progress: &mut Progress,
) -> Result<ExportCounts, Failed> {
    if !s.store.is_known_damaged() {
        let streamed = {
            let mut out = BufWriter::with_capacity(WRITE_BUFFER, &*file);
            stream_export(s, &mut out, how, progress)?
        };
        if let Some(written) = streamed {
            return Ok(written);
        }
        file.set_len(0)
            .and_then(|()| file.rewind())
            .map_err(write_failed)?;
    }
    rescue_export(s, &mut BufWriter::with_capacity(WRITE_BUFFER, &*file), how)
}

/// Why an export stopped: its output could not be written, or something else.
enum Failed {
    Write(io::Error),
    Other(CliError),
}

impl Failed {
    fn into_cli(self) -> CliError {
        match self {
            Failed::Write(e) => CliError::new(command_line::cannot_write("the export", &e)),
            Failed::Other(e) => e,
        }
    }
}

fn write_failed(e: io::Error) -> Failed {
    Failed::Write(e)
}

/// Writes the export to `out` a row at a time, straight from the database. Returns what
/// was written, or `None` when a damaged page stopped it partway.
fn stream_export(
    s: &Invocation,
    out: &mut impl Write,
    how: &How<'_>,
    progress: &mut Progress,
) -> Result<Option<ExportCounts>, Failed> {
    let mut writer =
        RowWriter::start(how.format, &mut *out, s.now, how.source).map_err(write_failed)?;
    let mut failure = None;
    let read = s
        .store
        .each_row(|row| {
            progress.add(1);
            failure = writer.row(row).err();
            failure.is_none()
        })
        .map_err(|e| Failed::Other(s.fail(e)))?;
    if let Some(e) = failure {
        return Err(write_failed(e));
    }
    if read == ReadAll::Damaged {
        return Ok(None);
    }
    writer.finish().map(Some).map_err(write_failed)
}

/// The export of a damaged file: every row that can still be read, gathered in memory
/// around the damage (`Store::dump`), and what was lost said on stderr.
fn rescue_export(
    s: &Invocation,
    out: &mut impl Write,
    how: &How<'_>,
) -> Result<ExportCounts, Failed> {
    let rows = s.store.dump(s.now).map_err(|e| Failed::Other(s.fail(e)))?;
    if let Some(rescue) = &rows.rescue {
        for line in command_line::rescue_report(&s.db, &rows, rescue) {
            warn(&line);
        }
    }
    let written = (|| {
        let mut writer = RowWriter::start(how.format, &mut *out, s.now, how.source)?;
        rows.lists
            .iter()
            .try_for_each(|l| writer.row(AnyRow::List(l)))?;
        rows.todos
            .iter()
            .try_for_each(|t| writer.row(AnyRow::Todo(t)))?;
        rows.entries
            .iter()
            .try_for_each(|e| writer.row(AnyRow::Entry(e)))?;
        writer.finish()
    })();
    written.map_err(write_failed)
}

/// The database and the files SQLite keeps beside it: nothing may be written over them.
fn database_files(db: &Path) -> Vec<PathBuf> {
    let mut journal = db.as_os_str().to_owned();
    journal.push("-journal");
    vec![
        db.to_path_buf(),
        crate::store::wal_path(db),
        crate::store::shm_path(db),
        PathBuf::from(journal),
    ]
}
