//! Small facts softly remembers about a database in its `meta` table, outside the data.

use rusqlite::OptionalExtension;

use super::{Result, Store};

/// The permission bits softly last warned about (see [`Store::mode_warned`]).
const MODE_WARNED: &str = "mode_warned";

impl Store {
    /// A value from `meta`, if it is there and an integer.
    pub(super) fn meta_int(&self, key: &str) -> Result<Option<i64>> {
        Ok(self
            .conn
            .prepare_cached("SELECT value FROM meta WHERE key = ?1 AND typeof(value) = 'integer'")?
            .query_row([key], |r| r.get(0))
            .optional()?)
    }

    /// True when softly has already warned that the file has these permission bits.
    pub fn mode_warned(&self, mode: u32) -> bool {
        self.meta_int(MODE_WARNED).ok().flatten() == Some(i64::from(mode))
    }

    /// Remembers that softly warned about these permission bits, so the warning is given
    /// once, not on every command. Best effort: a read-only or busy database is warned
    /// about again next time.
    pub fn remember_mode_warned(&mut self, mode: u32) {
        let _ = self.without_waiting(|store| {
            store.write(|tx| {
                tx.execute(
                    "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)",
                    rusqlite::params![MODE_WARNED, i64::from(mode)],
                )?;
                Ok(())
            })
        });
    }
}
