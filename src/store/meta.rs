//! Small facts softly remembers about a database in its `meta` table, outside the data.

use jiff::SignedDuration;
use rusqlite::OptionalExtension;
use rusqlite::types::Value;

use super::{Result, Store};
use crate::retention::Retention;

/// The permission bits softly last warned about (see [`Store::mode_warned`]).
const MODE_WARNED: &str = "mode_warned";
/// The retention in force at the last purge: milliseconds, or the text `never`.
const RETENTION: &str = "retention";

impl Store {
    /// A value from `meta`, if it is there and an integer.
    pub(super) fn meta_int(&self, key: &str) -> Result<Option<i64>> {
        Ok(self
            .conn
            .prepare_cached("SELECT value FROM meta WHERE key = ?1 AND typeof(value) = 'integer'")?
            .query_row([key], |r| r.get(0))
            .optional()?)
    }

    /// The retention in force at the last purge, if any purge ran with one yet (a value
    /// softly cannot read counts as none).
    pub fn remembered_retention(&self) -> Result<Option<Retention>> {
        let value: Option<Value> = self
            .conn
            .prepare_cached("SELECT value FROM meta WHERE key = ?1")?
            .query_row([RETENTION], |r| r.get(0))
            .optional()?;
        Ok(match value {
            Some(Value::Integer(ms)) if ms > 0 => {
                Some(Retention::After(SignedDuration::from_millis(ms)))
            }
            Some(Value::Text(text)) if text == "never" => Some(Retention::Never),
            _ => None,
        })
    }

    /// Remembers `retention` as the one in force, writing only if it differs from what is
    /// remembered (so a purge that changes nothing writes nothing).
    pub fn remember_retention(&mut self, retention: Retention) -> Result<()> {
        if self.remembered_retention()? == Some(retention) {
            return Ok(());
        }
        let value = match retention {
            Retention::After(d) => Value::Integer(d.as_millis() as i64),
            Retention::Never => Value::Text("never".into()),
        };
        self.write(|tx| {
            tx.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)",
                rusqlite::params![RETENTION, value],
            )?;
            Ok(())
        })
    }

    /// The database's own random id, written into its exports as their `source`.
    pub fn database_id(&self) -> Result<Option<String>> {
        Ok(self
            .conn
            .prepare_cached("SELECT value FROM meta WHERE key = 'database_id'")?
            .query_row([], |r| r.get(0))
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

    /// The app's remembered view settings (`view <name>` → a number: a view's sort, or
    /// whether done todos are hidden), by name.
    pub fn view_settings(&self) -> Result<Vec<(String, i64)>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT substr(key, 6), value FROM meta
                 WHERE key LIKE 'view %' AND typeof(value) = 'integer'",
            )?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// Remembers a view setting (see [`view_settings`](Store::view_settings)).
    pub fn remember_view_setting(&mut self, name: &str, value: i64) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)",
                rusqlite::params![format!("view {name}"), value],
            )?;
            Ok(())
        })
    }
}
