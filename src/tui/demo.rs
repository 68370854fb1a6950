//! `softly --demo`: a throwaway database full of examples, so a newcomer sees every feature
//! at once, including an entry that the purge takes a few minutes after start.

use std::path::{Path, PathBuf};

use jiff::{SignedDuration, Timestamp};

use crate::fields::{Priority, Recurrence, end_of_day, parse_due};
use crate::retention::Retention;
use crate::store::{Details, Store, StoreError};

/// A private temporary directory (0700, an unguessable name) for the demo database,
/// removed when dropped (also on a panic).
pub struct DemoDir {
    dir: tempfile::TempDir,
}

impl DemoDir {
    pub fn create() -> std::io::Result<DemoDir> {
        let dir = tempfile::Builder::new()
            .prefix(&format!("softly-demo-{}-", std::process::id()))
            .tempdir()?;
        Ok(DemoDir { dir })
    }

    pub fn db_path(&self) -> PathBuf {
        self.dir.path().join("softly.db")
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }
}

fn ago(now: Timestamp, d: SignedDuration) -> Timestamp {
    now.checked_sub(d).unwrap_or(now)
}

/// Fills `store` with sample lists, todos and trash entries of different ages.
pub fn seed(store: &mut Store, now: Timestamp, retention: Retention) -> Result<(), StoreError> {
    let h = SignedDuration::from_hours;
    let m = SignedDuration::from_mins;

    // Due dates in words, read in the local zone as a user would type them.
    let zone = crate::when::local_zone();
    let due = |words: &str| match words {
        // Overdue: the end of yesterday.
        "yesterday" => now
            .to_zoned_datetime(zone.clone())
            .date()
            .yesterday()
            .ok()
            .and_then(|day| end_of_day(day, &zone)),
        words => parse_due(words, now, &zone).ok().flatten(),
    };
    let with = |words: &str, priority, note: Option<&str>, every| Details {
        due: due(words),
        priority,
        note: note.map(str::to_string),
        every,
    };
    store.add_todo_with(
        "Call the plumber about the dripping tap",
        None,
        with(
            "today",
            Some(Priority::High),
            Some("Ask about the boiler too.\nNumber is on the fridge."),
            None,
        ),
        ago(now, h(30)),
    )?;
    store.add_todo_with(
        "Book dentist appointment #health",
        None,
        with("in 3d", None, None, None),
        ago(now, h(30)),
    )?;
    let paper = store.add_todo("Renew the newspaper subscription", None, ago(now, h(5)))?;
    store.set_done(&[paper], true, ago(now, h(4)))?;

    let groceries = store.add_list("Groceries", ago(now, h(72)))?;
    for title in [
        "Oat milk",
        "Eggs",
        "Sourdough bread",
        "Coffee beans",
        "Apples",
    ] {
        store.add_todo(title, Some(groceries), ago(now, h(48)))?;
    }
    let work = store.add_list("Work", ago(now, h(200)))?;
    let report = store.add_todo("Send the quarterly report", Some(work), ago(now, h(100)))?;
    store.add_todo_with(
        "Review Sam's pull request #code",
        Some(work),
        with("tomorrow", Some(Priority::Medium), None, None),
        ago(now, h(20)),
    )?;
    store.add_todo_with(
        "Pay the invoices",
        Some(work),
        with("yesterday", Some(Priority::High), None, None),
        ago(now, h(60)),
    )?;
    store.add_todo("Plan the team offsite", Some(work), ago(now, m(90)))?;
    store.set_done(&[report], true, ago(now, m(80)))?;
    let home = store.add_list("Home", ago(now, h(300)))?;
    store.add_todo("Fix the squeaky door", Some(home), ago(now, h(250)))?;
    store.add_todo_with(
        "Water the plants",
        Some(home),
        with("today", None, None, Some(Recurrence::Days(3))),
        ago(now, h(3)),
    )?;

    // The Trash: a few entries of different ages.
    let fresh = store.add_todo("Buy printer ink", None, ago(now, h(60)))?;
    store.trash_todos(&[fresh], ago(now, h(2)))?;
    let project = store.add_list("Old project", ago(now, h(2000)))?;
    for title in ["Write the spec", "Draft the budget", "Pick a name"] {
        store.add_todo(title, Some(project), ago(now, h(1900)))?;
    }
    let kept = store.trash_list(project, ago(now, h(12 * 24)))?;
    store.pin_entries(&[kept], true)?;
    if let Retention::After(window) = retention {
        // One entry purges a few minutes after start, one in under a day (both sooner
        // when the retention window itself is short).
        let soon = store.add_todo("Cancel the old gym membership", None, ago(now, h(1000)))?;
        store.trash_todos(&[soon], ago(now, window - m(4).min(window / 2)))?;
        let today = store.add_todo("Return the library books", None, ago(now, h(900)))?;
        store.trash_todos(&[today], ago(now, window - h(20).min(window / 2)))?;
    }
    Ok(())
}
