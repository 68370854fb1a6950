//! Helpers shared by the integration tests: temporary databases and fixed times.
#![allow(dead_code)] // each test binary uses a different subset

pub mod app;
pub mod cli;
pub mod dav_server;
pub mod ical;
pub mod pty;

use std::path::{Path, PathBuf};

use jiff::Timestamp;
use softly::store::Store;
use tempfile::TempDir;

pub const SECOND: i64 = 1_000;
pub const MINUTE: i64 = 60 * SECOND;
pub const HOUR: i64 = 60 * MINUTE;
pub const DAY: i64 = 24 * HOUR;

/// A fixed starting instant for tests: 2026-11-26T12:00:00Z.
pub const T0: i64 = 1_795_694_400_000;

/// The instant `ms` milliseconds after the Unix epoch.
/// Says that a test cannot run on this machine, where it shows: written to the process's
/// stderr directly, which the test harness does not capture (as it does `eprintln!`). When
/// `SOFTLY_REQUIRE` (a comma list; `.ci/run` sets it for what it installed) names `needs`,
/// it is a failure instead: a test CI should run is never skipped there in silence.
pub fn cannot_run_here(test: &str, needs: &str, why: &str) {
    let required = std::env::var("SOFTLY_REQUIRE").unwrap_or_default();
    if required
        .split(',')
        .any(|r| r.trim() == needs || r.trim() == "all")
    {
        panic!("{test} needs {needs} ({why}), and SOFTLY_REQUIRE says this machine has it");
    }
    let notice = format!(
        "SKIPPED {test}: needs {needs} ({why}); SOFTLY_REQUIRE={needs} makes this a failure\n"
    );
    let _ = std::io::Write::write_all(&mut std::io::stderr(), notice.as_bytes());
}

/// How many times over to run the random and repeated rounds: `SOFTLY_STRESS=N` (at least 1)
/// for a longer soak; 1 by default.
pub fn stress() -> u32 {
    std::env::var("SOFTLY_STRESS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1)
        .max(1)
}

pub fn at(ms: i64) -> Timestamp {
    Timestamp::from_millisecond(ms).unwrap()
}

/// A temporary directory holding `softly.db`; removed when dropped.
pub struct TempDb {
    pub dir: TempDir,
}

impl TempDb {
    pub fn new() -> Self {
        TempDb {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    pub fn path(&self) -> PathBuf {
        self.dir.path().join("softly.db")
    }

    pub fn open(&self) -> Store {
        Store::open(&self.path()).unwrap()
    }

    /// The raw bytes of the database file and its write-ahead log, concatenated.
    pub fn disk_bytes(&self) -> Vec<u8> {
        let mut bytes = read_or_empty(&self.path());
        bytes.extend(read_or_empty(&self.path().with_extension("db-wal")));
        bytes
    }
}

fn read_or_empty(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_default()
}

/// True if `needle` occurs anywhere in `haystack`.
pub fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}
