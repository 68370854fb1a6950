//! Every decision of a round, against the in-memory server (`memory_server.rs`): devices are
//! softly databases in temporary folders, a phone is a test writing resources on the server
//! directly, and the server can answer any way the RFCs allow, be cut off after any request,
//! or have another device act between two requests of a round.

mod holds;
mod kept_copy;
mod list_deletes;
mod merges;
mod moves;
mod orders;
mod tokens;

use std::sync::Arc;

use jiff::Timestamp;
use jiff::tz::TimeZone;

use super::Dav;
use super::memory_server::{HOME, MemoryServer, State};
use super::{Asked, Report, SyncError, sync_round};
use crate::clock::FixedClock;
use crate::store::{ListId, Store, TodoId};
use crate::sync_config::SyncConfig;

pub fn at(s: &str) -> Timestamp {
    s.parse().unwrap()
}

/// A machine with softly: its database and its clock.
pub struct Device {
    pub store: Store,
    pub clock: Arc<FixedClock>,
    pub dir: tempfile::TempDir,
    /// Who the device signs in as (another one is another account).
    pub username: String,
}

impl Device {
    pub fn new(now: &str) -> Device {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("softly.db")).unwrap();
        let clock = Arc::new(FixedClock::new(at(now)));
        store.stamp_changes_with(clock.clone());
        Device {
            store,
            clock,
            dir,
            username: "alice".into(),
        }
    }

    /// Another connection to the same database, as the app's own while sync runs.
    pub fn other_connection(&self) -> Store {
        let mut store = Store::open(&self.dir.path().join("softly.db")).unwrap();
        store.stamp_changes_with(self.clock.clone());
        store
    }

    pub fn now(&self) -> Timestamp {
        use crate::clock::Clock;
        self.clock.now()
    }

    /// The clock moves on by `minutes`.
    pub fn later(&self, minutes: i64) {
        self.clock.advance(jiff::SignedDuration::from_mins(minutes));
    }

    pub fn try_round(&mut self, server: &MemoryServer) -> Result<Report, SyncError> {
        self.round_asked(server, Asked::default())
    }

    /// A round that applies what the breaker would hold (`--accept-deletes`).
    pub fn round_accepting(&mut self, server: &MemoryServer) -> Report {
        let asked = Asked {
            accept_held: true,
            ..Asked::default()
        };
        self.round_asked(server, asked).unwrap()
    }

    pub fn round_asked(
        &mut self,
        server: &MemoryServer,
        asked: Asked,
    ) -> Result<Report, SyncError> {
        let config = SyncConfig {
            url: "memory:".into(),
            username: self.username.clone(),
            password_command: None,
            inbox: "Inbox".into(),
            interval: crate::sync_config::DEFAULT_SYNC_INTERVAL,
        };
        let now = self.now();
        sync_round(&mut self.store, server, &config, now, &TimeZone::UTC, asked)
    }

    pub fn round(&mut self, server: &MemoryServer) -> Report {
        self.try_round(server).unwrap()
    }

    pub fn add(&mut self, title: &str) -> TodoId {
        let now = self.now();
        self.store.add_todo(title, None, now).unwrap()
    }

    pub fn add_to(&mut self, list: ListId, title: &str) -> TodoId {
        let now = self.now();
        self.store.add_todo(title, Some(list), now).unwrap()
    }

    pub fn list(&mut self, name: &str) -> ListId {
        let now = self.now();
        self.store.add_list(name, now).unwrap()
    }

    pub fn rm(&mut self, id: TodoId) {
        let now = self.now();
        self.store.trash_todos(&[id], now).unwrap();
    }

    /// The live todos' titles, sorted.
    pub fn titles(&self) -> Vec<String> {
        let mut t: Vec<String> = self
            .store
            .live_todos(crate::store::TodoScope::All)
            .unwrap()
            .into_iter()
            .map(|t| t.title)
            .collect();
        t.sort();
        t
    }

    /// The titles of what is in the Trash, with their cause, sorted.
    pub fn trash(&self) -> Vec<(String, Option<String>)> {
        let mut t: Vec<(String, Option<String>)> = self
            .store
            .trash_entries()
            .unwrap()
            .into_iter()
            .map(|e| (e.title, e.cause))
            .collect();
        t.sort();
        t
    }

    pub fn id_of(&self, title: &str) -> TodoId {
        self.store
            .live_todos(crate::store::TodoScope::All)
            .unwrap()
            .into_iter()
            .find(|t| t.title == title)
            .unwrap_or_else(|| panic!("no live todo '{title}'"))
            .id
    }
}

/// A server with a user's home and no collections yet; another client leaves out of its
/// listings what was made and deleted between two tokens (as Xandikos does).
pub fn server() -> MemoryServer {
    let server = MemoryServer::default();
    server.with(|s| s.omit_born_and_gone = true);
    server
}

/// A VTODO as a phone writes it.
pub fn phone_todo(uid: &str, summary: &str, extra: &str) -> String {
    format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Phone//EN\r\nBEGIN:VTODO\r\nUID:{uid}\r\n\
         DTSTAMP:20261201T090000Z\r\nLAST-MODIFIED:20261201T090000Z\r\nSUMMARY:{summary}\r\n\
         {extra}END:VTODO\r\nEND:VCALENDAR\r\n"
    )
}

/// Every resource on the server, as (collection name, SUMMARY), sorted.
pub fn on_server(server: &MemoryServer) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = server.with(|s: &mut State| {
        s.collections
            .values()
            .flat_map(|c| {
                c.items.values().map(|i| {
                    let summary = i
                        .text
                        .lines()
                        .find_map(|l| l.strip_prefix("SUMMARY:"))
                        .unwrap_or("")
                        .trim()
                        .to_string();
                    (c.name.clone(), summary)
                })
            })
            .collect()
    });
    out.sort();
    out
}

/// How many resources on the server carry `uid`.
pub fn copies_of(server: &MemoryServer, uid: &str) -> usize {
    server.with(|s| {
        s.texts()
            .iter()
            .filter(|t| t.contains(&format!("UID:{uid}\r\n")))
            .count()
    })
}

/// The UID softly gave a todo.
pub fn uid_of(device: &Device, id: TodoId) -> String {
    device
        .store
        .sync_todo_by_id(id)
        .unwrap()
        .and_then(|t| t.content.uid)
        .expect("the todo has a UID")
}

pub fn inbox_href(server: &MemoryServer) -> String {
    server
        .with(|s| s.collection_named("Inbox"))
        .unwrap_or_else(|| format!("{HOME}inbox/"))
}
