//! A damaged file is never written to again.
//!
//! SQLite reports damage (`SQLITE_CORRUPT`) only when it reads a damaged page, and a write
//! that touches healthy pages would go through and change the file further. So the first
//! command that meets damage records it in a marker beside the database
//! (`softly.db.damaged`, private), and from then on every write, in every process, is
//! refused; reads go on, so `softly export` can save what is readable. An open that finds
//! the marker checks the whole file again: a file that was repaired or replaced is healthy,
//! and the marker goes.

use std::path::{Path, PathBuf};

use super::{Result, Store, StoreError};

/// The marker that says the database beside it is damaged.
pub fn damage_marker(db: &Path) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push(".damaged");
    PathBuf::from(name)
}

/// Records that `db` is damaged (what SQLite said), for this process and every later one.
/// Best effort: where the marker cannot be written, the database cannot be written either.
pub fn record_damage(db: &Path, detail: &str) {
    let marker = damage_marker(db);
    if marker.exists() {
        return;
    }
    let _ = crate::files::create_private_file(&marker);
    let one_line = detail.split_whitespace().collect::<Vec<_>>().join(" ");
    let _ = std::fs::write(&marker, format!("{one_line}\n"));
}

/// What the marker says, if there is one.
pub(super) fn recorded_damage(db: &Path) -> Option<String> {
    let text = std::fs::read_to_string(damage_marker(db)).ok()?;
    let detail = text.lines().next().unwrap_or("").trim();
    Some(if detail.is_empty() {
        "damage was found earlier".to_string()
    } else {
        detail.to_string()
    })
}

impl Store {
    /// Records damage this store ran into: no write goes through from now on.
    pub fn note_damage(&self, detail: &str) {
        record_damage(&self.path, detail);
    }

    /// True when the file is known to be damaged, so that every write is refused.
    pub fn is_known_damaged(&self) -> bool {
        self.known_damage().is_some()
    }

    /// Why writes are refused, if the file is known to be damaged.
    pub(super) fn known_damage(&self) -> Option<String> {
        recorded_damage(&self.path)
    }

    /// Checks every page of the file (`PRAGMA quick_check`): `None` when it is sound, else
    /// the first problem found, which is then recorded. Reads the whole file: for the app's
    /// background check and for a file already suspected, not for every command.
    pub fn check_integrity(&self) -> Result<Option<String>> {
        let first: std::result::Result<String, _> =
            self.conn
                .query_row("PRAGMA quick_check(1)", [], |r| r.get::<_, String>(0));
        let problem = match first {
            Ok(answer) if answer == "ok" => return Ok(None),
            // One line: "*** in database main ***" and then the problems, one a line.
            Ok(answer) => answer
                .lines()
                .filter(|l| !l.starts_with("***"))
                .collect::<Vec<_>>()
                .join("; "),
            Err(e) => match StoreError::from(e) {
                StoreError::Corrupt(detail) => detail,
                other => return Err(other),
            },
        };
        self.note_damage(&problem);
        Ok(Some(problem))
    }

    /// At open: a file marked damaged is checked again; if it is sound now (repaired, or
    /// replaced by a healthy one) the marker goes, else writes stay refused.
    pub(super) fn recheck_recorded_damage(&self) {
        if self.known_damage().is_none() {
            return;
        }
        if let Ok(None) = self.check_integrity() {
            let _ = std::fs::remove_file(damage_marker(&self.path));
        }
    }
}
