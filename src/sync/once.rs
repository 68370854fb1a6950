//! A whole round as the command and the app run it: the password, the connection, the round,
//! and what is recorded of it (`softly sync status` and the app's header read it back).

use jiff::Timestamp;
use jiff::tz::TimeZone;

use super::held::Held;
use super::password::Password;
use super::report::Report;
use super::round_error::SyncError;
use super::server::Server;
use crate::store::Store;
use crate::sync_config::SyncConfig;

/// Connects and runs one round, and records how it went.
pub fn sync_once(
    store: &mut Store,
    config: &SyncConfig,
    password: &mut Password,
    now: Timestamp,
    zone: &TimeZone,
    asked: super::Asked,
) -> Result<Report, SyncError> {
    let result = password
        .get(config)
        .and_then(|password| Server::connect(&config.url, &config.username, &password))
        .and_then(|server| super::sync_round(store, &server, config, now, zone, asked));
    if let Err(SyncError::Unauthorized { .. }) = &result {
        password.forget();
    }
    if !asked.dry_run {
        let at = now.as_millisecond().to_string();
        match &result {
            Ok(report) => {
                store.set_sync_meta("last_ok_at", &at)?;
                store.set_sync_meta(
                    "last_report",
                    &serde_json::to_string(&report.for_the_record()).unwrap_or_default(),
                )?;
                store.set_sync_meta("last_error", "")?;
                store.forget_sync_meta("held")?;
            }
            Err(e) => {
                store.set_sync_meta("last_error_at", &at)?;
                store.set_sync_meta("last_error", &e.to_string())?;
                if let SyncError::Held(held) = e {
                    let held = serde_json::to_string(held).unwrap_or_default();
                    store.set_sync_meta("held", &held)?;
                }
            }
        }
    }
    result
}

/// What the last rounds left on record.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LastSync {
    pub ok_at: Option<Timestamp>,
    pub report: Option<Report>,
    /// The last round's error, if the last round failed.
    pub error: Option<String>,
    pub error_at: Option<Timestamp>,
    /// Todos waiting to be sent or deleted on the server.
    pub pending: i64,
    /// The round softly holds, until one goes through (see `breaker.rs`).
    pub held: Option<Held>,
}

pub fn last_sync(store: &Store) -> Result<LastSync, SyncError> {
    let time = |key: &str| -> Result<Option<Timestamp>, SyncError> {
        Ok(store
            .sync_meta(key)?
            .and_then(|t| t.parse::<i64>().ok())
            .map(crate::when::from_millis))
    };
    Ok(LastSync {
        ok_at: time("last_ok_at")?,
        report: store
            .sync_meta("last_report")?
            .and_then(|r| serde_json::from_str(&r).ok()),
        error: store.sync_meta("last_error")?.filter(|e| !e.is_empty()),
        error_at: time("last_error_at")?,
        pending: store.sync_pending()?,
        held: store
            .sync_meta("held")?
            .and_then(|h| serde_json::from_str(&h).ok()),
    })
}
