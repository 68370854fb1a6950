//! A write or a delete the server refused because the resource changed there since softly
//! last saw it (HTTP 412): never retried blindly, never dropped. The server's copy is
//! fetched and merged as a pull would merge it; then what is left to do is done on its new
//! ETag, once (a second 412 waits for the next round).

use super::Round;
use super::decide::{There, decide};
use super::ical::read_todo;
use super::round_error::SyncError;
use crate::store::{ListId, Received, ServerCopy, SyncTodo};

/// What settling left to do.
pub(super) enum Settled {
    /// Nothing: the server has what this database has now (or the todo waits).
    Done,
    /// Write this todo (as it is now) again over this text, on the server's new ETag
    /// (`None`: anew, where the server has nothing).
    Write(Box<SyncTodo>, String, Option<String>),
    /// Delete again, on the server's new ETag.
    Delete(String),
}

/// The collection a resource is in: its href up to the last `/`.
pub(super) fn collection_of(href: &str) -> &str {
    match href.trim_end_matches('/').rfind('/') {
        Some(at) => &href[..=at],
        None => href,
    }
}

impl Round<'_> {
    /// Fetches what is at `href` now, merges it with `t`, and says what is left to do.
    pub(super) fn settle(
        &mut self,
        t: &SyncTodo,
        href: &str,
        lists: &[(String, Option<ListId>)],
    ) -> Result<Settled, SyncError> {
        let collection = collection_of(href);
        let fetched = self.server.fetch(collection, &[href.to_string()])?;
        if let Some((href, why)) = fetched.unreadable.first() {
            // Left there as it is, and nothing more done with it until it changes.
            self.report.skipped.push(format!("{href}: {why}"));
            self.store.sync_skip(href, None, why)?;
            return Ok(Settled::Done);
        }
        let Some((href, etag, text)) = fetched.found.into_iter().next() else {
            if !t.live {
                self.store.sync_off_server(t.id)?;
                return Ok(Settled::Done);
            }
            // Deleted there while edited here: the edit wins, and is written anew.
            self.report.edits_kept += 1;
            self.store
                .sync_receive_one(&Received::GoneButEdited { id: t.id }, self.now)?;
            let base = t.ical.clone().unwrap_or_default();
            return Ok(Settled::Write(Box::new(t.clone()), base, None));
        };
        let read = match read_todo(&text, &self.zone) {
            Ok(read) if read.content.uid == t.content.uid => read,
            Ok(_) => {
                self.leave(&href, &etag, "another item has this name on the server")?;
                return Ok(Settled::Done);
            }
            Err(why) => {
                self.leave(&href, &etag, &why.to_string())?;
                return Ok(Settled::Done);
            }
        };
        if let Some(why) = &read.unholdable {
            self.leave(&href, &etag, &why.to_string())?;
            return Ok(Settled::Done);
        }
        let list = lists
            .iter()
            .find(|(c, _)| c == collection)
            .map_or(t.list, |(_, l)| *l);
        let copy = ServerCopy {
            href: href.clone(),
            etag: etag.clone(),
            ical: text.clone(),
        };
        let here = self.here(t, lists, (&text, &read));
        let there = There {
            read: &read,
            list,
            copy,
        };
        let (received, tally) = decide(Some(here), there, self.now);
        self.count(tally);
        if !self.store.sync_receive_one(&received, self.now)? {
            self.report.retry_next_round += 1;
            return Ok(Settled::Done);
        }
        let uid = t.content.uid.clone().unwrap_or_default();
        let Some(now) = self.store.sync_todo_by_uid(&uid)? else {
            return Ok(Settled::Done);
        };
        Ok(match (now.live, now.changed_at.is_some()) {
            (_, false) => Settled::Done,
            (true, true) => Settled::Write(Box::new(now), text, Some(etag)),
            (false, true) => Settled::Delete(etag),
        })
    }
}
