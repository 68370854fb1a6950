//! A whole round as the command and the app run it: the password, the connection, the round,
//! and what is recorded of it (`softly sync status` and the app's header read it back).

use jiff::Timestamp;
use jiff::tz::TimeZone;

use super::report::Report;
use super::round_error::SyncError;
use super::server::Server;
use crate::store::Store;
use crate::sync_config::SyncConfig;

/// The environment variable that holds the password when no command gives it.
pub const PASSWORD_VARIABLE: &str = "SOFTLY_SYNC_PASSWORD";

/// The password: `SOFTLY_SYNC_PASSWORD`, else what `password_command` prints.
pub fn password(config: &SyncConfig) -> Result<String, SyncError> {
    if let Ok(password) = std::env::var(PASSWORD_VARIABLE)
        && !password.is_empty()
    {
        return Ok(password);
    }
    let Some(command) = &config.password_command else {
        return Err(SyncError::Password(
            crate::wording::sync::NO_PASSWORD.into(),
        ));
    };
    let output = std::process::Command::new("sh")
        .arg("-c")
        .arg(command)
        .stdin(std::process::Stdio::null())
        .output()
        .map_err(|e| {
            SyncError::Password(crate::wording::sync::password_command_failed(
                command,
                &e.to_string(),
            ))
        })?;
    if !output.status.success() {
        let said = String::from_utf8_lossy(&output.stderr).trim().to_string();
        return Err(SyncError::Password(
            crate::wording::sync::password_command_failed(command, &said),
        ));
    }
    let text = String::from_utf8_lossy(&output.stdout);
    let password = text.strip_suffix('\n').unwrap_or(&text);
    let password = password.strip_suffix('\r').unwrap_or(password);
    if password.is_empty() {
        return Err(SyncError::Password(
            crate::wording::sync::password_command_failed(command, "it printed nothing"),
        ));
    }
    Ok(password.to_string())
}

/// Connects and runs one round, and records how it went.
pub fn sync_once(
    store: &mut Store,
    config: &SyncConfig,
    now: Timestamp,
    zone: &TimeZone,
    dry_run: bool,
) -> Result<Report, SyncError> {
    let result = password(config)
        .and_then(|password| Server::connect(&config.url, &config.username, &password))
        .and_then(|server| super::sync_round(store, &server, config, now, zone, dry_run));
    if !dry_run {
        let at = now.as_millisecond().to_string();
        match &result {
            Ok(report) => {
                store.set_sync_meta("last_ok_at", &at)?;
                store.set_sync_meta(
                    "last_report",
                    &serde_json::to_string(report).unwrap_or_default(),
                )?;
                store.set_sync_meta("last_error", "")?;
            }
            Err(e) => {
                store.set_sync_meta("last_error_at", &at)?;
                store.set_sync_meta("last_error", &e.to_string())?;
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
    })
}
