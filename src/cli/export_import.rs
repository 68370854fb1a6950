//! `softly export` and `softly import`: the backup file out and in, and what an export of
//! a damaged database could save.

use std::path::PathBuf;

use super::CliError;
use super::invocation::Invocation;
use super::output::{note, warn};
use crate::files::write_atomically;
use crate::store::rows::Rows;
use crate::text::escape_json_controls;
use crate::wording::command_line;

pub(super) fn export(s: &mut Invocation, file: Option<PathBuf>) -> Result<(), CliError> {
    let rows = s.store.dump(s.now).map_err(|e| s.fail(e))?;
    if let Some(rescue) = &rows.rescue {
        for line in command_line::rescue_report(&s.db, &rows, rescue) {
            warn(&line);
        }
    }
    let source = s.store.database_id().map_err(|e| s.fail(e))?;
    let document = crate::backup::to_document(&rows, s.now, source);
    let text = serde_json::to_string_pretty(&document)
        .map(escape_json_controls)
        .map_err(|e| CliError::new(command_line::cannot_write("the export", &e)))?;
    match file {
        None => println!("{text}"),
        Some(path) => {
            let protected = database_files(&s.db);
            write_atomically(&path, format!("{text}\n").as_bytes(), &protected)
                .map_err(|e| CliError::new(e.to_string()))?;
            note(&command_line::exported(&rows, &path));
        }
    }
    Ok(())
}

/// The database and the files SQLite keeps beside it: nothing may be written over them.
fn database_files(db: &std::path::Path) -> Vec<PathBuf> {
    let mut journal = db.as_os_str().to_owned();
    journal.push("-journal");
    vec![
        db.to_path_buf(),
        crate::store::wal_path(db),
        crate::store::shm_path(db),
        PathBuf::from(journal),
    ]
}

/// An export file (or standard input, `-`) being read and checked on a thread of its own.
pub(super) struct ExportReading(std::thread::JoinHandle<Result<Rows, CliError>>);

impl ExportReading {
    pub(super) fn start(file: &str) -> Self {
        let file = file.to_string();
        ExportReading(std::thread::spawn(move || read_export(&file)))
    }

    /// The checked rows, or why the file cannot be imported.
    fn finish(self) -> Result<Rows, CliError> {
        self.0
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    }
}

fn read_export(file: &str) -> Result<Rows, CliError> {
    let (text, name) = if file == "-" {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut text)
            .map_err(|e| CliError::new(command_line::cannot_read("standard input", &e)))?;
        (text, "standard input")
    } else {
        let text = std::fs::read_to_string(file)
            .map_err(|e| CliError::new(command_line::cannot_read(file, &e)))?;
        (text, file)
    };
    crate::backup::parse(&text).map_err(|e| CliError::new(command_line::not_imported(name, &e)))
}

pub(super) fn import(
    s: &mut Invocation,
    reading: ExportReading,
    duplicate: bool,
) -> Result<(), CliError> {
    let mut rows = reading.finish()?;
    if duplicate {
        // Neither checked against the imports before nor recorded.
        rows.origin = None;
    }
    let imported = s.store.import(&rows, s.now).map_err(|e| s.fail(e))?;
    let (lists, todos, entries) = (imported.lists, imported.todos, imported.entries);
    println!("{}", command_line::imported(lists, todos, entries));
    for (from, to) in &imported.renamed {
        println!("{}", command_line::import_renamed(from, to));
    }
    Ok(())
}
