//! What a file is, read from its bytes before SQLite opens it.
//!
//! Opening a file with SQLite can change it even when nothing is written on purpose: the
//! last connection to close a WAL database copies the log into the main file and deletes the
//! `-wal`, and the first to open one rebuilds its `-shm`. So a file softly may refuse (not
//! SQLite, another application's database, a newer softly's) is judged from its bytes alone:
//! the header of page 1, taken from the newest committed copy of that page in the `-wal` if
//! there is one (a database whose tables were never checkpointed has a blank main header),
//! else from the main file. Nothing here writes, locks or creates a file.

use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// The first 16 bytes of every SQLite database.
const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";
/// The `-wal` header's magic number; its lowest bit says how checksums read the bytes.
const WAL_MAGIC: u32 = 0x377f_0682;
const WAL_HEADER: usize = 32;
const FRAME_HEADER: usize = 24;

/// What the bytes of a database file say it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileIdentity {
    /// No file, or an empty one: a new database may be made here.
    Empty,
    /// Bytes that are not a SQLite database.
    NotSqlite,
    /// A SQLite database, as its newest committed page 1 describes it.
    Sqlite {
        application_id: i64,
        user_version: i64,
        /// True when the database holds no table, index or anything else yet.
        schema_empty: bool,
    },
}

/// Reads what the file at `path` (and its `-wal`, if any) is, without opening it as a
/// database.
pub fn identify_file(path: &Path) -> io::Result<FileIdentity> {
    let wal_page = match File::open(wal_path(path)) {
        Ok(wal) => newest_committed_page_1(wal)?,
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(e),
    };
    let main_header = match File::open(path) {
        Ok(file) => read_up_to(file, 108)?,
        Err(e) if e.kind() == io::ErrorKind::NotFound => Vec::new(),
        Err(e) => return Err(e),
    };
    let page = match wal_page {
        Some(page) => page,
        None if main_header.is_empty() => return Ok(FileIdentity::Empty),
        None => main_header,
    };
    Ok(describe_page_1(&page))
}

/// The `-wal` file that goes with `path`.
pub fn wal_path(path: &Path) -> PathBuf {
    sibling(path, "-wal")
}

/// The `-shm` file that goes with `path`.
pub fn shm_path(path: &Path) -> PathBuf {
    sibling(path, "-shm")
}

fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

fn describe_page_1(page: &[u8]) -> FileIdentity {
    if page.len() < 108 || &page[..16] != SQLITE_MAGIC {
        return FileIdentity::NotSqlite;
    }
    let be32 = |at: usize| u32::from_be_bytes([page[at], page[at + 1], page[at + 2], page[at + 3]]);
    // Page 1 is the root of the schema table: a leaf (0x0D) with no cells holds nothing.
    let cells = u16::from_be_bytes([page[103], page[104]]);
    FileIdentity::Sqlite {
        // Both are stored as signed 32-bit numbers; SQLite reports them that way.
        application_id: i64::from(be32(68) as i32),
        user_version: i64::from(be32(60) as i32),
        schema_empty: page[100] == 0x0D && cells == 0,
    }
}

fn read_up_to(file: File, limit: u64) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    file.take(limit).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// The newest copy of page 1 that a committed transaction left in the log, checked as
/// SQLite checks it (salts and running checksums): a torn or stale frame ends the log.
fn newest_committed_page_1(wal: File) -> io::Result<Option<Vec<u8>>> {
    let mut wal = io::BufReader::with_capacity(64 * 1024, wal);
    let mut header = [0u8; WAL_HEADER];
    if !read_exactly(&mut wal, &mut header)? {
        return Ok(None);
    }
    let word = |bytes: &[u8], at: usize| {
        u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]])
    };
    let magic = word(&header, 0);
    if magic & !1 != WAL_MAGIC {
        return Ok(None);
    }
    let big_endian = magic & 1 == 1;
    let page_size = match word(&header, 8) {
        1 => 65_536,
        n if (512..=32_768).contains(&n) && n.is_power_of_two() => n as usize,
        _ => return Ok(None),
    };
    let mut sum = Checksum::new(big_endian);
    sum.add(&header[..24]);
    if sum.value() != (word(&header, 24), word(&header, 28)) {
        return Ok(None);
    }
    let salts = &header[16..24];
    let mut frame = vec![0u8; FRAME_HEADER + page_size];
    let (mut committed, mut pending) = (None, None);
    while read_exactly(&mut wal, &mut frame)? {
        if &frame[8..16] != salts {
            break;
        }
        sum.add(&frame[..8]);
        sum.add(&frame[FRAME_HEADER..]);
        if sum.value() != (word(&frame, 16), word(&frame, 20)) {
            break;
        }
        if word(&frame, 0) == 1 {
            pending = Some(frame[FRAME_HEADER..].to_vec());
        }
        // A commit frame records the database size; the frames up to it are committed.
        if word(&frame, 4) != 0 && pending.is_some() {
            committed = pending.take();
        }
    }
    Ok(committed)
}

/// Fills `buf` completely; false if the file ends first.
fn read_exactly(from: &mut impl Read, buf: &mut [u8]) -> io::Result<bool> {
    match from.read_exact(buf) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => Ok(false),
        Err(e) => Err(e),
    }
}

/// The running checksum of the `-wal` format (two 32-bit sums over pairs of words).
struct Checksum {
    s0: u32,
    s1: u32,
    big_endian: bool,
}

impl Checksum {
    fn new(big_endian: bool) -> Self {
        Checksum {
            s0: 0,
            s1: 0,
            big_endian,
        }
    }

    fn add(&mut self, bytes: &[u8]) {
        for pair in bytes.chunks_exact(8) {
            let word = |b: &[u8]| {
                let b = [b[0], b[1], b[2], b[3]];
                if self.big_endian {
                    u32::from_be_bytes(b)
                } else {
                    u32::from_le_bytes(b)
                }
            };
            let (x0, x1) = (word(&pair[..4]), word(&pair[4..]));
            self.s0 = self.s0.wrapping_add(x0).wrapping_add(self.s1);
            self.s1 = self.s1.wrapping_add(x1).wrapping_add(self.s0);
        }
    }

    fn value(&self) -> (u32, u32) {
        (self.s0, self.s1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::Connection;

    /// A connection left open and forgotten keeps SQLite from checkpointing on close, as a
    /// program killed mid-session would.
    fn leave_open(conn: Connection) {
        std::mem::forget(conn);
    }

    #[test]
    fn a_missing_or_empty_file_is_empty_and_text_is_not_sqlite() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.db");
        assert_eq!(identify_file(&path).unwrap(), FileIdentity::Empty);
        std::fs::write(&path, "").unwrap();
        assert_eq!(identify_file(&path).unwrap(), FileIdentity::Empty);
        std::fs::write(&path, "milk\neggs\n").unwrap();
        assert_eq!(identify_file(&path).unwrap(), FileIdentity::NotSqlite);
    }

    #[test]
    fn the_header_is_read_from_the_newest_committed_page_in_the_log() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.db");
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(
            "PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0;
             CREATE TABLE t (x); PRAGMA application_id = 42; PRAGMA user_version = 7;",
        )
        .unwrap();
        // The main file still has the blank header of a new database; the log has the rest.
        let main = std::fs::read(&path).unwrap();
        assert_eq!(
            describe_page_1(&main),
            FileIdentity::Sqlite {
                application_id: 0,
                user_version: 0,
                schema_empty: true
            }
        );
        let seen = identify_file(&path).unwrap();
        assert_eq!(
            seen,
            FileIdentity::Sqlite {
                application_id: 42,
                user_version: 7,
                schema_empty: false
            }
        );
        // An uncommitted change is not the file's state.
        conn.execute_batch("BEGIN; PRAGMA user_version = 8; CREATE TABLE u (y);")
            .unwrap();
        conn.cache_flush().unwrap();
        assert_eq!(identify_file(&path).unwrap(), seen);
        leave_open(conn);
    }

    #[test]
    fn a_torn_last_frame_ends_the_log_where_sqlite_would() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.db");
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(
            "PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0;
             CREATE TABLE t (x); PRAGMA user_version = 1;",
        )
        .unwrap();
        conn.execute_batch("PRAGMA user_version = 2;").unwrap();
        let wal = std::fs::read(wal_path(&path)).unwrap();
        leave_open(conn);
        let version = |path: &Path| match identify_file(path).unwrap() {
            FileIdentity::Sqlite { user_version, .. } => user_version,
            other => panic!("{other:?}"),
        };
        assert_eq!(version(&path), 2);
        // Damage one byte of the last frame: the log ends before it, at version 1.
        let mut torn = wal.clone();
        let last = torn.len() - 10;
        torn[last] ^= 0xFF;
        std::fs::write(wal_path(&path), &torn).unwrap();
        assert_eq!(version(&path), 1);
    }
}
