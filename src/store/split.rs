//! A second connection to the same file, read-only, so that a scan which must read every
//! row (a filter's: `LIKE '%text%'` has no index) can run as two halves on two cores at
//! once: finding the notes and the trash entries a filter's text matches (`hits.rs`),
//! which at a million todos is ~10 ms in one piece. Also the read-only connection of the
//! workers that finish a big view's filter (`background.rs`).
//!
//! The helper is opened on first use, and only for a file opened the ordinary way: not for
//! one read as immutable or without its `-shm` file (see `open.rs`), where a second
//! connection could not share what the first one sees. It never writes, never checkpoints
//! on close, and is closed before the main connection (see `Store`'s field order).

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use rusqlite::{Connection, OpenFlags, config::DbConfig};

use super::hits::{Hits, register_hit_functions};
use super::{Result, Store};

/// The helper connection, if there is one.
#[derive(Default)]
pub(super) enum Helper {
    /// Not needed yet.
    #[default]
    Unopened,
    Open(Connection),
    /// This file gets none (see the module's note), or opening one failed: every scan runs
    /// whole on the main connection, as it would without this module.
    Never,
}

/// A read-only connection to `store`'s file that never checkpoints, as patient with
/// another process's lock as `store`'s own, knowing the functions of `hits`.
pub(super) fn read_only_connection(
    store: &Store,
    hits: &Arc<Hits>,
) -> rusqlite::Result<Connection> {
    let conn = Connection::open_with_flags(
        &store.path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true)?;
    let patience: i64 = store
        .conn
        .query_row("PRAGMA busy_timeout", [], |r| r.get(0))?;
    conn.busy_timeout(std::time::Duration::from_millis(patience.max(0) as u64))?;
    register_hit_functions(&conn, hits)?;
    if let Some(stop) = &store.stop {
        stop_when_set(&conn, stop)?;
    }
    Ok(conn)
}

/// Makes every statement on `conn` stop once `stop` is set: SQLite asks every thousand
/// steps (an interrupt would reach only a statement already running).
pub(super) fn stop_when_set(conn: &Connection, stop: &Arc<AtomicBool>) -> rusqlite::Result<()> {
    let stop = Arc::clone(stop);
    conn.progress_handler(1_000, Some(move || stop.load(Ordering::Relaxed)))
}

impl Store {
    /// No helper for this file: it is read as immutable, without its `-shm` file, or it is
    /// damaged (see the module's note).
    pub(super) fn forbid_helper(&mut self) {
        *self.helper.get_mut() = Helper::Never;
    }

    /// Runs `left` on the main connection and `right` on the helper at the same time, or
    /// both on the main connection one after the other when there is no helper. A panic in
    /// `right` is carried on into this thread.
    pub(super) fn in_two<L, R>(
        &self,
        left: impl FnOnce(&Connection) -> Result<L>,
        right: impl FnOnce(&Connection) -> Result<R> + Send,
    ) -> Result<(L, R)>
    where
        R: Send,
    {
        let Some(helper) = self.take_helper() else {
            let l = left(&self.conn)?;
            return Ok((l, right(&self.conn)?));
        };
        let (l, (helper, r)) = std::thread::scope(|scope| {
            let half = scope.spawn(move || {
                let r = right(&helper);
                (helper, r)
            });
            let l = left(&self.conn);
            (
                l,
                half.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            )
        });
        *self.helper.borrow_mut() = Helper::Open(helper);
        Ok((l?, r?))
    }

    /// The helper connection, opened now if this is its first use; `None` without one.
    fn take_helper(&self) -> Option<Connection> {
        let mut slot = self.helper.borrow_mut();
        match std::mem::replace(&mut *slot, Helper::Never) {
            Helper::Open(conn) => Some(conn),
            Helper::Never => None,
            Helper::Unopened => read_only_connection(self, &self.hits).ok(),
        }
    }
}
