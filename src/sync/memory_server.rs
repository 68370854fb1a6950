//! A CalDAV server in memory, for the tests of every decision a round makes: it answers as
//! RFC 4791 and RFC 6578 allow, including the answers real servers rarely give (a listing in
//! pages with 507, a member made and deleted between two tokens left out, a token refused,
//! a write refused for good), can be cut off after any request, and lets a test act as
//! another device at any request of a round.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;

use super::dav::{Dav, Fetched, Listed, Listing, Put, PutOutcome, RemoteCollection};
use super::round_error::SyncError;

#[derive(Debug, Clone)]
pub struct StoredResource {
    pub etag: String,
    pub text: String,
    /// The change number that made it.
    pub born: u64,
}

#[derive(Debug, Clone, Default)]
pub struct Collection {
    pub name: String,
    pub items: BTreeMap<String, StoredResource>,
    /// Every change, in order: (change number, href, still there).
    pub log: Vec<(u64, String, bool)>,
    /// A calendar of events only: softly leaves it alone.
    pub events_only: bool,
    /// Its `calendar-order`.
    pub order: Option<i64>,
}

/// Everything the server holds, which a test may change between requests.
#[derive(Debug, Default)]
pub struct State {
    pub collections: BTreeMap<String, Collection>,
    pub change: u64,
    /// Leave out of a listing what was made and deleted since its token (RFC 6578 §3.5.1
    /// allows it; Xandikos does it).
    pub omit_born_and_gone: bool,
    /// Answer a listing at most this many changes at a time, with 507 (§3.6).
    pub page: Option<usize>,
    /// A broken server whose pages never move on: each gives the token it was asked from.
    pub stuck: bool,
    /// Tokens older than this are refused (`DAV:valid-sync-token`).
    pub oldest_token: u64,
    /// Writes of these UIDs are refused (403), as Nextcloud refuses a UID in its own bin.
    pub refused_uids: Vec<String>,
    /// Tokens are a hash of what a collection holds, as Xandikos's are (a git tree): the
    /// same contents give the same token back, and a listing is the difference between the
    /// contents then and now.
    pub hash_tokens: bool,
    /// What each hash token's collection held, by href and ETag.
    pub snapshots: BTreeMap<String, BTreeMap<String, String>>,
    /// Where the calendars are now, when not at [`HOME`] (as after a server's upgrade).
    pub home: Option<String>,
}

/// The collection a resource is in.
pub(super) fn parent(href: &str) -> &str {
    &href[..=href.trim_end_matches('/').rfind('/').unwrap_or(0)]
}

type Act = Box<dyn FnOnce(&mut State)>;

pub struct MemoryServer {
    pub state: RefCell<State>,
    requests: Cell<u64>,
    /// Requests after this many fail, as a server that went away.
    pub cut_after: Cell<Option<u64>>,
    /// What another device does just before request number N (counted from 1).
    acts: RefCell<Vec<(u64, Act)>>,
}

pub const HOME: &str = "/cal/alice/";

impl Default for MemoryServer {
    fn default() -> Self {
        MemoryServer {
            state: RefCell::new(State::default()),
            requests: Cell::new(0),
            cut_after: Cell::new(None),
            acts: RefCell::new(Vec::new()),
        }
    }
}

impl MemoryServer {
    /// Another device does `act` just before this server's request number `at` (from 1).
    pub fn before_request(&self, at: u64, act: impl FnOnce(&mut State) + 'static) {
        self.acts.borrow_mut().push((at, Box::new(act)));
    }

    pub fn with<T>(&self, f: impl FnOnce(&mut State) -> T) -> T {
        f(&mut self.state.borrow_mut())
    }

    fn request(&self) -> Result<(), SyncError> {
        let n = self.requests.get() + 1;
        self.requests.set(n);
        if self.cut_after.get().is_some_and(|cut| n > cut) {
            return Err(SyncError::Offline {
                url: "memory".into(),
                detail: "cut off".into(),
            });
        }
        let due: Vec<Act> = {
            let mut acts = self.acts.borrow_mut();
            let (now, later): (Vec<_>, Vec<_>) = acts.drain(..).partition(|(at, _)| *at == n);
            *acts = later;
            now.into_iter().map(|(_, a)| a).collect()
        };
        for act in due {
            act(&mut self.state.borrow_mut());
        }
        Ok(())
    }
}

impl Dav for MemoryServer {
    fn requests(&self) -> u64 {
        self.requests.get()
    }

    fn home(&self) -> Result<String, SyncError> {
        self.request()?;
        Ok(self
            .state
            .borrow()
            .home
            .as_deref()
            .unwrap_or(HOME)
            .to_string())
    }

    fn collections(&self, home: &str) -> Result<Vec<RemoteCollection>, SyncError> {
        self.request()?;
        let s = self.state.borrow();
        Ok(s.collections
            .iter()
            .filter(|(href, _)| href.starts_with(home))
            .map(|(href, c)| {
                let last = c.log.last().map_or(0, |l| l.0);
                RemoteCollection {
                    href: href.clone(),
                    name: c.name.clone(),
                    sync_token: Some(s.token_of(c, last)),
                    etag: Some(format!("\"c{last}\"")),
                    order: c.order,
                }
            })
            .collect())
    }

    fn holds_todos(&self, collection: &str) -> Result<bool, SyncError> {
        self.request()?;
        Ok(self
            .state
            .borrow()
            .collections
            .get(collection)
            .is_some_and(|c| !c.events_only))
    }

    fn listing(&self, collection: &str, token: Option<&str>) -> Result<Listed, SyncError> {
        self.request()?;
        if self.state.borrow().hash_tokens {
            return Ok(self.state.borrow_mut().hash_listing(collection, token));
        }
        let s = self.state.borrow();
        let Some(c) = s.collections.get(collection) else {
            return Err(SyncError::Server(format!("{collection}: 404")));
        };
        let since: u64 = match token {
            None => 0,
            Some(t) => match t.strip_prefix('t').and_then(|n| n.parse().ok()) {
                Some(n) if n >= s.oldest_token => n,
                _ => return Ok(Listed::TokenRefused),
            },
        };
        // The last change of each href after `since`, in change order.
        let mut last: BTreeMap<&str, u64> = BTreeMap::new();
        for (n, href, _) in c.log.iter().filter(|l| l.0 > since) {
            last.insert(href, *n);
        }
        let mut changes: Vec<(u64, &str)> = last.into_iter().map(|(h, n)| (n, h)).collect();
        changes.sort();
        let mut listing = Listing::default();
        let mut upto = c.log.last().map_or(since, |l| l.0.max(since));
        if let Some(page) = s.page
            && changes.len() > page
        {
            changes.truncate(page);
            upto = changes.last().map_or(since, |c| c.0);
            listing.truncated = true;
            if s.stuck {
                upto = since;
            }
        }
        for (_, href) in changes {
            match c.items.get(href) {
                Some(item) => listing
                    .changed
                    .push((href.to_string(), Some(item.etag.clone()))),
                None => {
                    let born_after = c
                        .log
                        .iter()
                        .find(|l| l.1 == href)
                        .is_some_and(|l| l.0 > since);
                    if !(s.omit_born_and_gone && born_after) && token.is_some() {
                        listing.deleted.push(href.to_string());
                    }
                }
            }
        }
        listing.token = Some(format!("t{upto}"));
        Ok(Listed::Listing(listing))
    }

    fn fetch(&self, collection: &str, hrefs: &[String]) -> Result<Fetched, SyncError> {
        self.request()?;
        let s = self.state.borrow();
        let Some(c) = s.collections.get(collection) else {
            return Ok(Fetched::default());
        };
        let mut fetched = Fetched::default();
        for h in hrefs {
            if let Some(r) = c.items.get(h) {
                fetched
                    .found
                    .push((h.clone(), r.etag.clone(), r.text.clone()));
            }
        }
        Ok(fetched)
    }

    fn put(&self, put: &Put) -> Result<PutOutcome, SyncError> {
        self.request()?;
        let mut s = self.state.borrow_mut();
        if s.refused_uids
            .iter()
            .any(|u| put.text.contains(&format!("UID:{u}")))
        {
            return Ok(PutOutcome::Refused(
                "the server refused it (403 Forbidden)".into(),
            ));
        }
        let Some(c) = s.collections.get(parent(&put.href)) else {
            return Ok(PutOutcome::Refused(
                "the server refused it (409 Conflict)".into(),
            ));
        };
        let there = c.items.get(&put.href).map(|i| i.etag.clone());
        if there != put.etag {
            return Ok(PutOutcome::Conflict);
        }
        Ok(PutOutcome::Done(s.store(&put.href, &put.text)))
    }

    fn delete(&self, href: &str, etag: &str) -> Result<PutOutcome, SyncError> {
        self.request()?;
        let mut s = self.state.borrow_mut();
        let there = s
            .collections
            .get(parent(href))
            .and_then(|c| c.items.get(href))
            .map(|i| i.etag.clone());
        match there {
            None => Ok(PutOutcome::Done(String::new())),
            Some(e) if e != etag => Ok(PutOutcome::Conflict),
            Some(_) => {
                s.remove(href);
                Ok(PutOutcome::Done(String::new()))
            }
        }
    }

    fn make_collection(&self, href: &str, name: &str) -> Result<(), SyncError> {
        self.request()?;
        let mut s = self.state.borrow_mut();
        if s.collections.contains_key(href) {
            return Err(SyncError::Server(format!("{href}: 405")));
        }
        s.bump();
        s.collections.insert(
            href.to_string(),
            Collection {
                name: name.to_string(),
                ..Collection::default()
            },
        );
        Ok(())
    }

    fn rename_collection(&self, href: &str, name: &str) -> Result<(), SyncError> {
        self.request()?;
        let mut s = self.state.borrow_mut();
        if let Some(c) = s.collections.get_mut(href) {
            c.name = name.to_string();
        }
        Ok(())
    }

    fn order_collection(&self, href: &str, order: i64) -> Result<(), SyncError> {
        self.request()?;
        let mut s = self.state.borrow_mut();
        if let Some(c) = s.collections.get_mut(href) {
            c.order = Some(order);
        }
        Ok(())
    }

    fn delete_collection(&self, href: &str, etag: Option<&str>) -> Result<PutOutcome, SyncError> {
        self.request()?;
        let mut s = self.state.borrow_mut();
        let Some(c) = s.collections.get(href) else {
            return Ok(PutOutcome::Done(String::new()));
        };
        let now = format!("\"c{}\"", c.log.last().map_or(0, |l| l.0));
        if etag.is_some_and(|e| e != now) {
            return Ok(PutOutcome::Conflict);
        }
        s.collections.remove(href);
        Ok(PutOutcome::Done(String::new()))
    }
}
