//! `softly export` and `softly import`: the backup file out and in, and what an export of
//! a damaged database could save.

use std::path::PathBuf;

use super::CliError;
use super::invocation::Invocation;
use super::output::{note, safe, warn};
use crate::files::write_atomically;
use crate::store::Rescue;
use crate::store::rows::Rows;
use crate::text::{count, escape_json_controls};

pub(super) fn export(s: &mut Invocation, file: Option<PathBuf>) -> Result<(), CliError> {
    let rows = s.store.dump(s.now).map_err(|e| s.fail(e))?;
    if let Some(rescue) = &rows.rescue {
        for line in rescue_report(&s.db, &rows, rescue) {
            warn(&line);
        }
    }
    let source = s.store.database_id().map_err(|e| s.fail(e))?;
    let document = crate::backup::to_document(&rows, s.now, source);
    let text = serde_json::to_string_pretty(&document)
        .map(escape_json_controls)
        .map_err(|e| CliError::new(format!("cannot write the export: {e}")))?;
    match file {
        None => println!("{text}"),
        Some(path) => {
            let protected = database_files(&s.db);
            write_atomically(&path, format!("{text}\n").as_bytes(), &protected)
                .map_err(|e| CliError::new(e.to_string()))?;
            note(&format!(
                "Exported {}, {} and {} to {}.",
                count(rows.lists.len() as i64, "list"),
                count(rows.todos.len() as i64, "todo"),
                count(rows.entries.len() as i64, "trash entry"),
                path.display()
            ));
        }
    }
    Ok(())
}

/// What an export of a damaged file saved, lost and had to make again, in sentences.
fn rescue_report(db: &std::path::Path, rows: &Rows, rescue: &Rescue) -> Vec<String> {
    let mut lines = vec![format!(
        "{} is damaged; the export holds every row that could still be read: {}, {} and {}",
        db.display(),
        count(rows.lists.len() as i64, "list"),
        count(rows.todos.len() as i64, "todo"),
        count(rows.entries.len() as i64, "trash entry"),
    )];
    if rescue.todos_from_index > 0 {
        lines.push(format!(
            "{} came from an index, their own page being damaged",
            count(rescue.todos_from_index as i64, "live todo")
        ));
    }
    for (ids, noun) in [
        (&rescue.lost_todos, "todo"),
        (&rescue.lost_lists, "list"),
        (&rescue.lost_entries, "trash entry"),
    ] {
        if !ids.is_empty() {
            lines.push(format!(
                "could not read {} ({})",
                count(ids.len() as i64, noun),
                id_ranges(ids)
            ));
        }
    }
    if !rescue.placeholder_lists.is_empty() {
        lines.push(format!(
            "{} could not be read but hold todos; they are in the export as 'Unreadable list N' ({})",
            count(rescue.placeholder_lists.len() as i64, "list"),
            id_ranges(&rescue.placeholder_lists)
        ));
    }
    if !rescue.remade_entries.is_empty() {
        lines.push(format!(
            "{} could not be read but hold rows; they are in the export, deleted now if their time was lost too ({})",
            count(rescue.remade_entries.len() as i64, "trash entry"),
            id_ranges(&rescue.remade_entries)
        ));
    }
    lines
}

/// Ids as runs: "ids 4, 9–12, 30"; at most ten runs, then how many more.
fn id_ranges(ids: &[i64]) -> String {
    let mut runs: Vec<(i64, i64)> = Vec::new();
    for &id in ids {
        match runs.last_mut() {
            Some((_, end)) if *end + 1 == id => *end = id,
            _ => runs.push((id, id)),
        }
    }
    let mut text: Vec<String> = runs
        .iter()
        .take(10)
        .map(|&(a, b)| {
            if a == b {
                a.to_string()
            } else {
                format!("{a}–{b}")
            }
        })
        .collect();
    if runs.len() > 10 {
        text.push(format!("and {} more runs", runs.len() - 10));
    }
    let noun = if ids.len() == 1 { "id" } else { "ids" };
    format!("{noun} {}", text.join(", "))
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
            .map_err(|e| CliError::new(format!("cannot read standard input: {e}")))?;
        (text, "standard input")
    } else {
        let text = std::fs::read_to_string(file)
            .map_err(|e| CliError::new(format!("cannot read {file}: {e}")))?;
        (text, file)
    };
    crate::backup::parse(&text)
        .map_err(|e| CliError::new(format!("{name}: {e}; nothing was imported")))
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
    println!(
        "Imported {}, {} and {}.",
        count(imported.lists, "list"),
        count(imported.todos, "todo"),
        count(imported.entries, "trash entry")
    );
    for (from, to) in &imported.renamed {
        println!(
            "List '{}' is now '{}': a live list already has its name.",
            safe(from),
            safe(to)
        );
    }
    Ok(())
}
