//! The second step: what changed on the server comes here. Each collection whose token moved
//! is listed from its token, page after page to the end (a server may answer part of a
//! listing, RFC 6578 §3.6); every collection's changes are gathered before anything is
//! decided, so a todo moved from one collection to another is the move it is. Then each
//! collection's decisions land in one transaction, with its new token only when all landed.
//!
//! What counts as deleted there: what a listing says was deleted; in a whole listing, what
//! it does not name; and what softly itself wrote there since the token that a listing
//! from it does not name (a server may leave out a member made and deleted between two
//! tokens, §3.5). A listing known to be partial deletes nothing.

use std::collections::{HashMap, HashSet};

use super::Round;
use super::collections::Paired;
use super::dav::{Fetched, Listed, Listing};
use super::decide::{DecisionCount, Here, There, decide};
use super::ical::scrubbed::unscrub;
use super::ical::{ReadTodo, read_todo};
use super::report::Quoted;
use super::round_error::SyncError;
use crate::store::{ListId, Received, ServerCopy};

/// The most pages one listing is followed for; past it, the listing counts as partial.
const MAX_PAGES: usize = 1_000;

/// One collection's listing, followed to its end.
struct Gathered {
    /// What changed there, with its ETag, or `None` for deleted; the last word for each.
    listed: HashMap<String, Option<String>>,
    /// The token to keep; `None` when the listing could not be had whole.
    token: Option<String>,
    /// A whole listing (no token, or the server refused it): what it does not name is gone.
    whole: bool,
}

/// One collection's changes, gathered and not yet taken in.
pub(super) struct Pulled {
    href: String,
    list: Option<ListId>,
    token: Option<String>,
    /// (href, etag, text) of what changed there and is not what this database has.
    pub(super) fetched: Vec<(String, String, String)>,
    pub(super) deleted: Vec<String>,
}

impl Round<'_> {
    /// Gathers and takes in the changes of `collections`; returns those whose changes
    /// brought something new here.
    pub(super) fn pull(&mut self, collections: &[Paired]) -> Result<HashSet<String>, SyncError> {
        let pulled = self.gather_all(collections)?;
        self.take_in(pulled, collections)
    }

    /// What changed in each of `collections`, listed and fetched; nothing taken in yet.
    pub(super) fn gather_all(&mut self, collections: &[Paired]) -> Result<Vec<Pulled>, SyncError> {
        let mut pulled = Vec::new();
        for c in collections {
            // A token as it was: nothing moved there, unless softly wrote there since it was
            // given (a server whose token is a hash of what it holds, as Xandikos's is, gives
            // the same token back once softly's writes are deleted again).
            let unmoved = c.remote_token.is_some() && c.remote_token == c.stored_token;
            if unmoved && !c.list_whole && !self.store.sync_wrote_to(&c.href)? {
                continue;
            }
            let token = c.stored_token.as_deref().filter(|_| !c.list_whole);
            let gathered = self.gather(&c.href, token)?;
            pulled.push(self.sort_out(c, gathered)?);
        }
        Ok(pulled)
    }

    /// Decides what was gathered, each collection's decisions landing in one transaction;
    /// `collections` are the round's pairs, which say the list of each (a collection met
    /// for the first time has one only once paired).
    pub(super) fn take_in(
        &mut self,
        mut pulled: Vec<Pulled>,
        collections: &[Paired],
    ) -> Result<HashSet<String>, SyncError> {
        let lists: Vec<(String, Option<ListId>)> = collections
            .iter()
            .map(|c| (c.href.clone(), c.list))
            .collect();
        // A dry run pairs no collection new to it: what came from one is not taken in.
        pulled.retain_mut(|p| match collections.iter().find(|c| c.href == p.href) {
            Some(c) => {
                p.list = c.list;
                true
            }
            None => false,
        });
        let mut seen_uids = HashSet::new();
        let mut decided = Vec::new();
        for p in &pulled {
            decided.push(self.decide_all(p, &lists, &mut seen_uids)?);
        }
        let mut brought = HashSet::new();
        for (p, mut received) in pulled.into_iter().zip(decided) {
            for href in &p.deleted {
                received.extend(self.deleted_there(href, &seen_uids)?);
            }
            let news = received.iter().any(|r| {
                !matches!(
                    r,
                    Received::Merged {
                        mark: crate::store::Mark::Keep,
                        ..
                    }
                )
            });
            if news && !received.is_empty() {
                brought.insert(p.href.clone());
            }
            if !self.dry_run {
                self.store.sync_receive(
                    (p.list, &p.href),
                    &received,
                    p.token.as_deref(),
                    self.now,
                )?;
            }
        }
        Ok(brought)
    }

    /// A listing of `collection` from `token`, followed page by page to its end.
    fn gather(&mut self, collection: &str, token: Option<&str>) -> Result<Gathered, SyncError> {
        let mut token = token.map(str::to_string);
        let mut whole = token.is_none();
        let mut listed = HashMap::new();
        let mut pages = 0;
        loop {
            let listing = match self.server.listing(collection, token.as_deref())? {
                Listed::TokenRefused if pages == 0 && !whole => {
                    (token, whole) = (None, true);
                    listed.clear();
                    continue;
                }
                // Refused the token it gave for the rest of a listing: the rest is not had.
                Listed::TokenRefused => Listing {
                    truncated: true,
                    token: token.clone(),
                    ..Listing::default()
                },
                Listed::Listing(l) => l,
            };
            for (href, etag) in listing.changed {
                listed.insert(href, etag.or(Some(String::new())));
            }
            for href in listing.deleted {
                listed.insert(href, None);
            }
            pages += 1;
            let goes_on = listing.truncated && listing.token.is_some() && listing.token != token;
            token = listing.token;
            if !listing.truncated {
                return Ok(Gathered {
                    listed,
                    token,
                    whole,
                });
            }
            if !goes_on || pages >= MAX_PAGES {
                self.report.partial_listings += 1;
                return Ok(Gathered {
                    listed,
                    token: None,
                    whole: false,
                });
            }
        }
    }

    /// What a listing means here: what was deleted there, and what to fetch.
    fn sort_out(&mut self, c: &Paired, g: Gathered) -> Result<Pulled, SyncError> {
        let complete = g.token.is_some();
        let mut deleted: Vec<String> = Vec::new();
        let mut wanted = Vec::new();
        let tombstones: HashMap<String, Option<String>> =
            self.store.sync_tombstones()?.into_iter().collect();
        for (href, etag) in &g.listed {
            let skipped = self.store.sync_skipped(href)?;
            let Some(etag) = etag else {
                deleted.push(href.clone());
                if skipped.is_some() && !self.dry_run {
                    self.store.sync_unskip(href)?;
                }
                continue;
            };
            let same = self.store.sync_etag_at(href)?.as_deref() == Some(etag);
            let left_as_is = skipped.is_some_and(|(e, _)| e.as_deref() == Some(etag));
            let buried = tombstones
                .get(href)
                .is_some_and(|e| e.as_deref() == Some(etag));
            if !(same || left_as_is || buried) || etag.is_empty() {
                wanted.push(href.clone());
            }
        }
        // What softly wrote there since the token and the listing does not name: gone, or
        // (on a server whose token is a hash of its contents) put back as it was; fetched to
        // tell which.
        let mut unnamed = Vec::new();
        if complete {
            for (href, unconfirmed) in self.store.sync_hrefs_under(&c.href)? {
                match (g.listed.contains_key(&href), g.whole, unconfirmed) {
                    (false, true, _) => deleted.push(href),
                    (false, false, true) => unnamed.push(href),
                    _ => {}
                }
            }
        }
        wanted.sort();
        wanted.extend(unnamed.iter().cloned());
        let got = if wanted.is_empty() {
            Fetched::default()
        } else {
            self.server.fetch(&c.href, &wanted)?
        };
        // What the server has but softly cannot read is left there, with the ETag listed,
        // and not fetched again until it changes: decided, as far as the token goes.
        for (href, why) in &got.unreadable {
            let etag = g.listed.get(href).cloned().flatten().unwrap_or_default();
            self.leave(href, &etag, why)?;
        }
        let fetched = got.found;
        let missing = wanted
            .len()
            .saturating_sub(fetched.len() + got.unreadable.len());
        let mut gone_unnamed = 0;
        for href in unnamed {
            let read = fetched.iter().any(|(h, _, _)| *h == href);
            if !read && !got.unreadable.iter().any(|(h, _)| *h == href) {
                deleted.push(href);
                gone_unnamed += 1;
            }
        }
        // Listed but not there when fetched: deleted meanwhile, and the next listing says so.
        let token = (missing == gone_unnamed).then_some(g.token).flatten();
        Ok(Pulled {
            href: c.href.clone(),
            list: c.list,
            token,
            fetched,
            deleted,
        })
    }

    fn decide_all(
        &mut self,
        p: &Pulled,
        lists: &[(String, Option<ListId>)],
        seen_uids: &mut HashSet<String>,
    ) -> Result<Vec<Received>, SyncError> {
        let mut received = Vec::new();
        for (href, etag, text) in &p.fetched {
            let read = match read_todo(text, &self.zone) {
                Ok(read) => read,
                Err(why) => {
                    self.leave(href, etag, &why.to_string())?;
                    continue;
                }
            };
            let uid = read.content.uid.clone().unwrap_or_default();
            seen_uids.insert(uid.clone());
            if let Some(why) = &read.unholdable {
                self.leave(href, etag, &why.to_string())?;
                continue;
            }
            if !self.dry_run && self.store.sync_skipped(href)?.is_some() {
                self.store.sync_unskip(href)?;
            }
            for value in &read.unread {
                self.report.kept_unread.push(Quoted {
                    title: read.content.title.clone(),
                    said: value.clone(),
                });
            }
            let here = self.store.sync_todo_by_uid(&uid)?;
            let mut copy = ServerCopy {
                href: href.clone(),
                etag: etag.clone(),
                ical: text.clone(),
            };
            if let Some(h) = &here
                && let (Some(at), Some(tag), Some(ical)) = (&h.href, &h.etag, &h.ical)
                && at != href
                && self.store.sync_is_tombstone(href)?
            {
                // The old place of a todo moved here, changed there before it was deleted:
                // its change is merged in, the todo stays where it is, and the old place
                // goes on its new ETag.
                if !self.dry_run {
                    self.store.sync_tombstone_now(href, etag)?;
                }
                copy = ServerCopy {
                    href: at.clone(),
                    etag: tag.clone(),
                    ical: ical.clone(),
                };
            }
            let here = here
                .as_ref()
                .map(|todo| self.here(todo, lists, (text, &read)));
            let there = There {
                read: &read,
                list: p.list,
                copy,
            };
            let (r, tally) = decide(here, there, self.now);
            self.count(tally);
            received.push(r);
        }
        Ok(received)
    }

    /// The todo here as a decision needs it: with the reading of the text last seen (its
    /// title and note put back as far as the server's `theirs` says them), and the list of
    /// the collection it was in.
    pub(super) fn here<'t>(
        &self,
        todo: &'t crate::store::SyncTodo,
        lists: &[(String, Option<ListId>)],
        theirs: (&str, &ReadTodo),
    ) -> Here<'t> {
        let base = todo.ical.as_deref().and_then(|text| {
            let mut base = read_todo(text, &self.zone).ok()?;
            unscrub(&mut base.content, text, theirs.0, &theirs.1.content);
            Some(base)
        });
        let base_list = match &todo.href {
            Some(old) => lists
                .iter()
                .find(|(c, _)| old.starts_with(c.as_str()))
                .map_or(todo.list, |(_, l)| *l),
            None => todo.list,
        };
        Here {
            todo,
            base_sequence: base.as_ref().map_or(0, |b| b.sequence),
            base: base.map(|b| (b.content, base_list)),
        }
    }

    /// A resource softly leaves on the server as it is: said, and not fetched again until
    /// it changes there.
    pub(super) fn leave(&mut self, href: &str, etag: &str, why: &str) -> Result<(), SyncError> {
        self.report.skipped.push(format!("{href}: {why}"));
        if !self.dry_run {
            self.store.sync_skip(href, Some(etag), why)?;
        }
        Ok(())
    }

    pub(super) fn count(&mut self, tally: DecisionCount) {
        self.report.received += usize::from(tally.received);
        self.report.replaced += usize::from(tally.replaced);
        self.report.edits_kept += usize::from(tally.edit_kept);
    }

    /// What a resource deleted on the server means here.
    fn deleted_there(
        &mut self,
        href: &str,
        seen_uids: &HashSet<String>,
    ) -> Result<Option<Received>, SyncError> {
        let Some(here) = self.store.sync_todo_by_href(href)? else {
            return Ok(None);
        };
        if here
            .content
            .uid
            .as_ref()
            .is_some_and(|u| seen_uids.contains(u))
        {
            return Ok(None); // moved to another collection, not deleted
        }
        Ok(Some(if here.live && here.changed_at.is_some() {
            self.report.edits_kept += 1;
            Received::GoneButEdited { id: here.id }
        } else {
            self.report.trashed_here += usize::from(here.live);
            Received::Gone {
                id: here.id,
                seen_changed: here.changed_at,
                at: self.now,
            }
        }))
    }
}
