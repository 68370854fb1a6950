//! `softly sync` (one round, or `--dry-run`) and `softly sync status`.

use std::io::IsTerminal;

use serde::Serialize;

use super::invocation::Invocation;
use super::output::print_json;
use super::{CliError, SyncCommand};
use crate::sync::held::Held;
use crate::sync::once::{last_sync, sync_once};
use crate::sync::{Asked, Report, SyncError};
use crate::sync_config::SyncConfig;
use crate::when::{age, local_zone, rfc3339};
use crate::wording::sync as words;

/// From this many todos to send, `softly sync` says it will take a while.
const SAY_SENDING_FROM: i64 = 100;

pub(super) fn sync(
    s: &mut Invocation,
    what: Option<SyncCommand>,
    asked: Asked,
    json: bool,
) -> Result<(), CliError> {
    let config = configured(s)?;
    if let Some(SyncCommand::Status { json }) = what {
        return status(s, &config, json);
    }
    let zone = local_zone();
    // A round that sends many todos waits on the server for each: say so on a terminal.
    let sending = s.store.sync_pending_sends().unwrap_or(0);
    if !asked.dry_run && !json && sending >= SAY_SENDING_FROM && std::io::stderr().is_terminal() {
        eprintln!("{}", words::sending(sending));
    }
    let mut password = crate::sync::password::Password::default();
    let report = sync_once(&mut s.store, &config, &mut password, s.now, &zone, asked)
        .map_err(|e| failed(s, e))?;
    if json {
        print_json(&report);
    } else {
        for line in words::report_lines(&report) {
            println!("{}", crate::text::display_safe(&line));
        }
    }
    Ok(())
}

fn configured(s: &Invocation) -> Result<SyncConfig, CliError> {
    if let Some(broken) = &s.settings.sync_broken {
        return Err(CliError::new(broken.clone()));
    }
    s.settings.sync.clone().ok_or_else(|| {
        // The file that was read (`--config`, `SOFTLY_CONFIG`), else where one would be.
        let config = s
            .settings
            .looks
            .path
            .clone()
            .or_else(crate::paths::default_config_path)
            .map(|p| p.display().to_string())
            .unwrap_or_else(|| "config.toml".into());
        CliError::new(words::not_set_up(&config))
    })
}

fn failed(s: &Invocation, e: SyncError) -> CliError {
    match e {
        SyncError::Store(e) => s.fail(e),
        // Held is not a failure of the server: nothing was lost, and the message says why.
        SyncError::Held(held) => CliError::new(crate::wording::sync::held(&held)),
        other => CliError::new(format!("sync failed: {other}; {}", words::NOTHING_LOST)),
    }
}

#[derive(Serialize)]
struct StatusJson<'a> {
    url: &'a str,
    username: &'a str,
    last_synced_at: Option<String>,
    last_report: Option<Report>,
    last_error: Option<String>,
    last_error_at: Option<String>,
    pending: i64,
    held: Option<Held>,
}

fn status(s: &Invocation, config: &SyncConfig, json: bool) -> Result<(), CliError> {
    let last = last_sync(&s.store).map_err(|e| failed(s, e))?;
    if json {
        print_json(&StatusJson {
            url: &config.url,
            username: &config.username,
            last_synced_at: last.ok_at.map(rfc3339),
            last_report: last.report,
            last_error: last.error,
            last_error_at: last.error_at.map(rfc3339),
            pending: last.pending,
            held: last.held,
        });
        return Ok(());
    }
    let zone = local_zone();
    println!("{}", words::status_server(&config.url, &config.username));
    match last.ok_at {
        Some(at) => println!("{}", words::status_last(&age(at, s.now, &zone))),
        None => println!("{}", words::NEVER_SYNCED),
    }
    if let Some(report) = &last.report {
        for line in words::report_lines(report) {
            println!("  {}", crate::text::display_safe(&line));
        }
    }
    if let (Some(error), Some(at)) = (&last.error, last.error_at) {
        println!("{}", words::status_failed(&age(at, s.now, &zone), error));
    }
    println!("{}", words::status_pending(last.pending));
    if let Some(held) = &last.held {
        let titles = held_titles(s, held)?;
        for line in crate::wording::sync_held::status_held(held, &titles) {
            println!("{line}");
        }
    }
    let left = s.store.sync_all_skipped().map_err(|e| s.fail(e))?;
    for line in words::status_left(&left) {
        println!("{}", crate::text::display_safe(&line));
    }
    Ok(())
}

/// The titles of the first todos a held round would move to the Trash, as they are now
/// (those gone from here meanwhile are not named).
fn held_titles(s: &Invocation, held: &Held) -> Result<Vec<String>, CliError> {
    let Held::Deletes { first, .. } = held else {
        return Ok(Vec::new());
    };
    let mut titles = Vec::new();
    for id in first {
        let todo = s
            .store
            .sync_todo_by_id(crate::store::TodoId(*id))
            .map_err(|e| s.fail(e))?;
        titles.extend(todo.filter(|t| t.live).map(|t| t.content.title));
    }
    Ok(titles)
}
