//! Two-way sync with a CalDAV server (RFC 4791): lists are calendar collections, todos are
//! VTODO resources, and a delete made on any device lands in this device's Trash.
//!
//! A round: pair lists with collections (`collections.rs`), bring what changed there
//! (`pull.rs`), send what changed here (`push.rs`). The server is spoken to through libdav
//! (`server.rs`, `http.rs`); a todo is written and read as iCalendar by `vtodo.rs`.

mod collections;
pub mod content;
pub mod http;
pub mod ical_time;
pub mod once;
mod pull;
mod push;
pub mod puts;
pub mod report;
pub mod round_error;
pub mod server;
pub mod vtodo;

use jiff::Timestamp;
use jiff::tz::TimeZone;

pub use report::Report;
pub use round_error::SyncError;
pub use server::Server;

use crate::store::Store;
use crate::sync_config::SyncConfig;

/// One round in progress.
pub struct Round<'a> {
    store: &'a mut Store,
    server: &'a Server,
    now: Timestamp,
    zone: TimeZone,
    inbox: String,
    dry_run: bool,
    report: Report,
}

/// Runs one sync round: both sides end with what either had, deletes land in the Trash, and
/// a round cut short (network, a kill) leaves both consistent for the next to finish.
pub fn sync_round(
    store: &mut Store,
    server: &Server,
    config: &SyncConfig,
    now: Timestamp,
    zone: &TimeZone,
    dry_run: bool,
) -> Result<Report, SyncError> {
    let requests_before = server.requests();
    let mut round = Round {
        store,
        server,
        now,
        zone: zone.clone(),
        inbox: config.inbox.clone(),
        dry_run,
        report: Report {
            dry_run,
            ..Report::default()
        },
    };
    if !dry_run {
        // Changes written by a program that does not stamp them count as made now.
        round.store.sync_stamp_changes(now)?;
    }
    // Another server or account than the last round's: what this database knew of the old
    // one means nothing there, and every todo is matched again by its UID.
    let account = format!("{} {}", config.username, config.url);
    if round
        .store
        .sync_meta("account")?
        .is_some_and(|a| a != account)
        && !dry_run
    {
        round.store.sync_forget_server()?;
    }
    if !dry_run {
        round.store.set_sync_meta("account", &account)?;
    }
    let home = match round.store.sync_meta("home")? {
        Some(home) if home.starts_with('/') => home,
        _ => {
            let home = server.home()?;
            if !dry_run {
                round.store.set_sync_meta("home", &home)?;
            }
            home
        }
    };
    let collections = round.pair_collections(&home)?;
    let brought = round.pull(&collections)?;
    round.delete_lists_deleted_here(&collections, &brought)?;
    round.push(&collections)?;
    let mut report = round.report;
    report.requests = server.requests() - requests_before;
    Ok(report)
}
