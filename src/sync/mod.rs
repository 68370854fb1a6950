//! Two-way sync with a CalDAV server (RFC 4791): lists are calendar collections, todos are
//! VTODO resources, and a delete made on any device lands in this device's Trash.
//!
//! A round: pair lists with collections (`collections.rs`), bring what changed there
//! (`pull.rs`, deciding each todo by a three-way merge in `decide.rs`), send what changed
//! here (`push.rs`, `push_deletes.rs`, settling a refused write in `settle.rs`). The round
//! speaks to the server through the [`Dav`] trait: over HTTP with libdav (`server.rs`,
//! `http.rs`, `listing.rs`), or in memory for the tests of every decision
//! (`memory_server.rs`). A todo is read and written as iCalendar by `ical/`.

mod collections;
pub mod content;
pub mod dav;
mod decide;
mod fetch;
pub mod http;
pub mod ical;
mod listing;
#[cfg(test)]
pub mod memory_server;
#[cfg(test)]
mod memory_state;
mod old_titles;
pub mod once;
pub mod password;
mod pull;
mod push;
mod push_deletes;
pub mod report;
pub mod round_error;
#[cfg(test)]
mod round_tests;
pub mod server;
mod settle;

use jiff::Timestamp;
use jiff::tz::TimeZone;

pub use dav::Dav;
pub use report::Report;
pub use round_error::SyncError;
pub use server::Server;

use crate::store::Store;
use crate::sync_config::SyncConfig;

/// One round in progress.
pub struct Round<'a> {
    store: &'a mut Store,
    server: &'a dyn Dav,
    now: Timestamp,
    zone: TimeZone,
    /// The zone's database name: a due time is written in it (see `ical/vtodo_write.rs`).
    zone_name: Option<String>,
    inbox: String,
    dry_run: bool,
    report: Report,
}

/// Runs one sync round: both sides end with what either had, deletes land in the Trash, and
/// a round cut short (network, a kill) leaves both consistent for the next to finish.
pub fn sync_round(
    store: &mut Store,
    server: &dyn Dav,
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
        zone_name: zone_name(zone, now),
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
    round.untangle_old_titles()?;
    let collections = round.pair_collections(&home)?;
    let brought = round.pull(&collections)?;
    round.delete_lists_deleted_here(&collections, &brought)?;
    round.push(&collections)?;
    // What softly wrote is listed once more, so its token includes softly's own writes:
    // a server may leave out of a later listing what softly made and another deleted
    // meanwhile, or (a token that is a hash of the contents) give an old token back.
    let written = round.written_since_listed(&collections)?;
    round.pull(&written)?;
    let mut report = round.report;
    report.requests = server.requests() - requests_before;
    Ok(report)
}

/// The database name of `zone` (the local one is read from /etc/localtime without its name;
/// the system's, which looks the name up, is asked then).
fn zone_name(zone: &TimeZone, now: Timestamp) -> Option<String> {
    if let Some(name) = zone.iana_name() {
        return Some(name.to_string());
    }
    let system = TimeZone::try_system().ok()?;
    let same = system.to_offset(now) == zone.to_offset(now);
    system.iana_name().filter(|_| same).map(str::to_string)
}
