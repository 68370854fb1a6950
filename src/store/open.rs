//! Opening a database: refuse what is not ours, set the connection up, bring the schema up
//! to date. Nothing is written to a file until it is known to be a softly database.

use std::path::Path;
use std::time::Duration;

use rusqlite::config::DbConfig;
use rusqlite::{Connection, ErrorCode, MAIN_DB, OpenFlags, TransactionBehavior};

use super::Store;
use super::error::OpenError;
use super::identity::{FileIdentity, identify_file};
use super::schema::{APPLICATION_ID, LATEST_VERSION, migrations};
use crate::files::{create_private_dirs, create_private_file};

/// How long a statement waits for another process's write lock before reporting "busy".
pub(super) const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// What the header of an existing file says it is.
enum Identity {
    /// An empty file or a new one: safe to initialise.
    Fresh,
    /// A softly database at this schema version.
    Softly { version: i64 },
}

pub(super) fn open_store(path: &Path) -> Result<Store, OpenError> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        create_private_dirs(dir).map_err(|source| OpenError::CreateDir {
            path: dir.to_path_buf(),
            source,
        })?;
    }
    let sqlite = |source| OpenError::Sqlite {
        path: path.to_path_buf(),
        source,
    };
    // Judge the file from its bytes first: a file softly refuses is never opened by SQLite,
    // so not one byte of it, its `-wal` or its `-shm` changes.
    refuse_by_header(path)?;
    if !path.exists() {
        create_private_file(path).map_err(|source| OpenError::Create {
            path: path.to_path_buf(),
            source,
        })?;
    }
    let mut conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(sqlite)?;
    conn.busy_timeout(BUSY_TIMEOUT).map_err(sqlite)?;
    // Until the file is known to be ours, closing must not copy its log into it (the file
    // could have changed hands since its bytes were read).
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true)
        .map_err(sqlite)?;

    // Whether a second connection may read the file beside this one (see `split.rs`).
    let mut ordinary_file = true;
    let identity = match identify(&conn, path) {
        Ok(identity) => identity,
        // A WAL database in a directory we cannot write: SQLite cannot create its `-shm`
        // file, so even reading fails. Nobody can be writing there either, so read the file
        // as it stands (immutable), and every write will say "read-only".
        Err(OpenError::Sqlite { source, .. })
            if source.sqlite_error_code() == Some(ErrorCode::ReadOnly) =>
        {
            conn = open_immutable(path).map_err(sqlite)?;
            conn.busy_timeout(BUSY_TIMEOUT).map_err(sqlite)?;
            ordinary_file = false;
            identify(&conn, path)?
        }
        // The `-shm` file SQLite shares between connections could not be made (no room on
        // the disk, most often): read without it (its index kept in this process's memory,
        // other processes locked out meanwhile), so that what is stored can still be shown;
        // writes then say what stops them.
        Err(OpenError::Sqlite { source, .. })
            if source.sqlite_error_code() == Some(ErrorCode::SystemIoFailure) =>
        {
            conn = open_without_shared_memory(path).map_err(sqlite)?;
            conn.busy_timeout(BUSY_TIMEOUT).map_err(sqlite)?;
            ordinary_file = false;
            identify(&conn, path)?
        }
        Err(e) => return Err(e),
    };
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, false)
        .map_err(sqlite)?;
    let read_only = conn.is_readonly(MAIN_DB).map_err(sqlite)?;

    // Per-connection settings; none of them writes to the file.
    conn.pragma_update(None, "foreign_keys", "ON")
        .map_err(sqlite)?;
    // Erased rows are overwritten with zeros instead of lingering in free pages.
    conn.pragma_update(None, "secure_delete", "ON")
        .map_err(sqlite)?;
    // FULL: every commit is on disk before softly says it is done. A todo app writes little,
    // so the one fsync per commit costs nothing anyone notices.
    conn.pragma_update(None, "synchronous", "FULL")
        .map_err(sqlite)?;
    conn.set_transaction_behavior(TransactionBehavior::Immediate);

    if !read_only {
        let mode: String = conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .map_err(sqlite)?;
        if !mode.eq_ignore_ascii_case("wal") {
            conn.pragma_update_and_check(None, "journal_mode", "WAL", |_| Ok(()))
                .map_err(sqlite)?;
        }
    }

    let current = match identity {
        Identity::Fresh => 0,
        Identity::Softly { version } => version,
    };
    if current < LATEST_VERSION {
        if read_only {
            return Err(OpenError::UpgradeNeedsWrite {
                path: path.to_path_buf(),
                found: current,
                supported: LATEST_VERSION,
            });
        }
        migrate(&mut conn, path)?;
    }

    let hits = std::sync::Arc::default();
    super::hits::register_hit_functions(&conn, &hits).map_err(sqlite)?;
    let mut store = Store {
        helper: Default::default(),
        hits,
        hits_found_for: Default::default(),
        quick_rows: std::cell::Cell::new(super::view_start::QUICK_ROWS),
        stop: None,
        change_clock: None,
        conn,
        path: path.to_path_buf(),
        read_only,
    };
    if !ordinary_file {
        store.forbid_helper();
    }
    store.recheck_recorded_damage();
    if store.known_damage().is_some() {
        // Not even closing may write to a damaged file (by copying the log into it).
        let _ = store
            .conn
            .set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true);
        // Nor a second connection read it: one pass over a damaged file at a time.
        store.forbid_helper();
    } else if !read_only {
        // An earlier erase could not scrub the disk (a reader held it); finish that now.
        let _ = store.retry_pending_scrub();
    }
    Ok(store)
}

/// Refuses, from the bytes alone, a file that is not SQLite, another application's
/// database, or a newer softly's. Anything else is looked at again through SQLite.
fn refuse_by_header(path: &Path) -> Result<(), OpenError> {
    let seen = identify_file(path).map_err(|source| OpenError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let path = path.to_path_buf();
    match seen {
        FileIdentity::Empty => Ok(()),
        FileIdentity::NotSqlite => Err(OpenError::NotADatabase { path }),
        FileIdentity::Sqlite {
            application_id: APPLICATION_ID,
            user_version,
            ..
        } if user_version > LATEST_VERSION => Err(OpenError::TooNew {
            path,
            found: user_version,
            supported: LATEST_VERSION,
        }),
        FileIdentity::Sqlite {
            application_id: APPLICATION_ID,
            ..
        } => Ok(()),
        FileIdentity::Sqlite {
            application_id: 0,
            user_version: 0,
            schema_empty: true,
        } => Ok(()),
        FileIdentity::Sqlite { application_id, .. } => Err(OpenError::Foreign {
            path,
            app_id: application_id,
        }),
    }
}

/// Opens `path` in exclusive locking mode, which keeps the write-ahead log's index in memory
/// instead of a `-shm` file (and holds other processes off until it closes).
fn open_without_shared_memory(path: &Path) -> rusqlite::Result<Connection> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    // Before anything reads the file: the mode decides how the log is opened.
    conn.pragma_update(None, "locking_mode", "EXCLUSIVE")?;
    Ok(conn)
}

/// True when the file system holding `path` has no room left (less than a page or two).
pub(super) fn disk_is_full(path: &Path) -> bool {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let Ok(c_dir) = std::ffi::CString::new(dir.as_os_str().as_encoded_bytes()) else {
        return false;
    };
    let mut stats: libc::statvfs = unsafe { std::mem::zeroed() };
    // SAFETY: a valid C string and a statvfs to fill.
    if unsafe { libc::statvfs(c_dir.as_ptr(), &mut stats) } != 0 {
        return false;
    }
    let free = stats.f_bavail.saturating_mul(stats.f_frsize);
    free < 64 * 1024
}

/// Opens `path` read-only and immutable: no locks, no `-shm` file, nothing written.
pub(super) fn open_immutable(path: &Path) -> rusqlite::Result<Connection> {
    open_uri(path, "immutable=1")
}

/// Opens `path` to read through the `-wal` and `-shm` another connection left, without
/// writing to either: SQLite reads the log into memory of its own when the index in the
/// `-shm` cannot be trusted (a writer killed mid-way), and never takes a read mark there.
pub(super) fn open_without_touching_the_log(path: &Path) -> rusqlite::Result<Connection> {
    open_uri(path, "mode=ro&readonly_shm=1")
}

fn open_uri(path: &Path, query: &str) -> rusqlite::Result<Connection> {
    // In a URI, '%', '?' and '#' in the path must be escaped.
    let mut uri = String::from("file:");
    for c in path.to_string_lossy().chars() {
        match c {
            '%' => uri.push_str("%25"),
            '?' => uri.push_str("%3f"),
            '#' => uri.push_str("%23"),
            c => uri.push(c),
        }
    }
    uri.push('?');
    uri.push_str(query);
    Connection::open_with_flags(
        uri,
        OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
}

/// Reads the header. This is the first statement on the connection, so a file that is not a
/// database fails here, before anything could be written to it.
fn identify(conn: &Connection, path: &Path) -> Result<Identity, OpenError> {
    let header = conn.query_row(
        "SELECT (SELECT application_id FROM pragma_application_id),
                (SELECT user_version FROM pragma_user_version),
                (SELECT count(*) FROM sqlite_master)",
        [],
        |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, i64>(2)?,
            ))
        },
    );
    let (app_id, version, objects) = match header {
        Ok(h) => h,
        Err(e) if e.sqlite_error_code() == Some(ErrorCode::NotADatabase) => {
            return Err(OpenError::NotADatabase {
                path: path.to_path_buf(),
            });
        }
        Err(source) => {
            return Err(OpenError::Sqlite {
                path: path.to_path_buf(),
                source,
            });
        }
    };
    match app_id {
        APPLICATION_ID if version > LATEST_VERSION => Err(OpenError::TooNew {
            path: path.to_path_buf(),
            found: version,
            supported: LATEST_VERSION,
        }),
        APPLICATION_ID => Ok(Identity::Softly { version }),
        0 if version == 0 && objects == 0 => Ok(Identity::Fresh),
        other => Err(OpenError::Foreign {
            path: path.to_path_buf(),
            app_id: other,
        }),
    }
}

/// Runs the pending migrations in one IMMEDIATE transaction. Two processes may race to
/// initialise a new file; the loser's migration fails on the tables the winner made, so
/// a failure is only an error if the schema is still not at the latest version afterwards.
fn migrate(conn: &mut Connection, path: &Path) -> Result<(), OpenError> {
    let result = migrations().to_latest(conn);
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|source| OpenError::Sqlite {
            path: path.to_path_buf(),
            source,
        })?;
    match result {
        Ok(()) => Ok(()),
        Err(_) if version == LATEST_VERSION => Ok(()),
        Err(source) => Err(OpenError::Migration {
            path: path.to_path_buf(),
            source,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pragma(store: &Store, name: &str) -> i64 {
        store
            .conn
            .query_row(&format!("PRAGMA {name}"), [], |r| r.get(0))
            .unwrap()
    }

    #[test]
    fn every_connection_erases_securely_checks_foreign_keys_and_syncs_fully() {
        let dir = tempfile::tempdir().unwrap();
        let store = open_store(&dir.path().join("softly.db")).unwrap();
        assert_eq!(pragma(&store, "secure_delete"), 1);
        assert_eq!(pragma(&store, "foreign_keys"), 1);
        assert_eq!(pragma(&store, "synchronous"), 2, "FULL");
        assert_eq!(pragma(&store, "busy_timeout"), 5000);
        assert_eq!(pragma(&store, "user_version"), LATEST_VERSION);
        assert!(!store.is_read_only());
    }
}
