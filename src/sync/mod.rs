//! Two-way sync with a CalDAV server (RFC 4791): lists are calendar collections, todos are
//! VTODO resources, and a delete made on any device lands in this device's Trash.
//!
//! A round: gather what changed there (`pull.rs`), hold the round if it looks wrong
//! (`breaker.rs`), pair lists with collections (`collections.rs`), take in what changed
//! there (deciding each todo by a three-way merge in `decide.rs`), send what changed here
//! (`push.rs`, `push_deletes.rs`, settling a refused write in `settle.rs`). The round
//! speaks to the server through the [`Dav`] trait: over HTTP with libdav (`server.rs`,
//! `http.rs`, `listing.rs`), or in memory for the tests of every decision
//! (`memory_server.rs`). A todo is read and written as iCalendar by `ical/`.

mod breaker;
mod collections;
pub mod content;
pub mod dav;
mod decide;
mod fetch;
pub mod held;
pub mod http;
pub mod ical;
mod list_order;
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
    /// Apply what the breaker would hold (see `breaker.rs`).
    accept_held: bool,
    /// Whether each collection met takes todos, as the server said this round.
    holds_todos: std::collections::HashMap<String, bool>,
    report: Report,
}

/// What was asked of a round.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Asked {
    /// Look and write nothing, here or there: what a round would do (`--dry-run`).
    pub dry_run: bool,
    /// Apply a round the breaker holds (`--accept-deletes`, or yes to the app's question).
    pub accept_held: bool,
}

/// Runs one sync round: both sides end with what either had, deletes land in the Trash, and
/// a round cut short (network, a kill) leaves both consistent for the next to finish.
pub fn sync_round(
    store: &mut Store,
    server: &dyn Dav,
    config: &SyncConfig,
    now: Timestamp,
    zone: &TimeZone,
    asked: Asked,
) -> Result<Report, SyncError> {
    let Asked {
        dry_run,
        accept_held,
    } = asked;
    let requests_before = server.requests();
    let mut round = Round {
        store,
        server,
        now,
        zone: zone.clone(),
        zone_name: zone_name(zone, now),
        inbox: config.inbox.clone(),
        dry_run,
        accept_held,
        holds_todos: Default::default(),
        report: Report {
            dry_run,
            ..Report::default()
        },
    };
    if !dry_run {
        // Changes written by a program that does not stamp them count as made now.
        round.store.sync_stamp_changes(now)?;
    }
    round.check_account(&format!("{} {}", config.username, config.url))?;
    let (home, remote) = round.home_and_collections()?;
    round.untangle_old_titles()?;
    // Everything that changed there is gathered before anything is applied, so a round that
    // looks wrong is held whole.
    let planned = round.planned_pulls(&remote)?;
    let pulled = round.gather_all(&planned)?;
    round.check_deletes(&remote, &pulled)?;
    let collections = round.pair_collections(&home, &remote)?;
    round.follow_list_orders(&remote)?;
    let brought = round.take_in(pulled, &collections)?;
    // Moves merged from two devices may tie: untied here, and sent with the rest. Only
    // what came in can tie (a move here trades places), so a quiet round reads nothing.
    if !dry_run && round.report.received > 0 {
        round.store.sync_untie_positions()?;
    }
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
