//! Deletes on the server, after the writes: the todos in the Trash here that are still
//! there, then the tombstones (places of todo rows gone here, and old places of todos that
//! moved). Each DELETE is conditional on the ETag last seen; a 412 is settled (see
//! `settle.rs`): an edit made there since wins over the delete made here.

use super::Round;
use super::dav::PutOutcome;
use super::decide::{There, decide};
use super::ical::read_todo;
use super::round_error::SyncError;
use super::settle::{Settled, collection_of};
use crate::store::{ListId, ServerCopy};

impl Round<'_> {
    pub(super) fn delete_trashed(
        &mut self,
        lists: &[(String, Option<ListId>)],
    ) -> Result<(), SyncError> {
        for t in self.store.sync_todos_to_delete()? {
            let (Some(href), Some(etag)) = (t.href.clone(), t.etag.clone()) else {
                continue;
            };
            if self.store.sync_skipped(&href)?.is_some() {
                self.report.held_back += 1;
                continue;
            }
            let mut etag = etag;
            for attempt in 0..2 {
                match self.server.delete(&href, &etag)? {
                    PutOutcome::Done(_) => {
                        self.report.deleted_there += 1;
                        self.store.sync_off_server(t.id)?;
                        break;
                    }
                    PutOutcome::Refused(why) => {
                        self.refused(&t, &href, &why)?;
                        break;
                    }
                    PutOutcome::Conflict if attempt == 0 => match self.settle(&t, &href, lists)? {
                        Settled::Delete(now) => etag = now,
                        Settled::Done | Settled::Write(..) => break,
                    },
                    PutOutcome::Conflict => self.report.retry_next_round += 1,
                }
            }
        }
        Ok(())
    }

    pub(super) fn delete_tombstones(
        &mut self,
        lists: &[(String, Option<ListId>)],
    ) -> Result<(), SyncError> {
        for (href, etag) in self.store.sync_tombstones()? {
            let Some(mut etag) = etag else {
                self.store.sync_bury(&href)?;
                continue;
            };
            for attempt in 0..2 {
                match self.server.delete(&href, &etag)? {
                    PutOutcome::Done(_) => {
                        self.report.deleted_there += usize::from(!self.moved_from(&href)?);
                        self.store.sync_bury(&href)?;
                        break;
                    }
                    PutOutcome::Refused(why) => {
                        self.report.skipped.push(format!("{href}: {why}"));
                        self.store.sync_bury(&href)?;
                        break;
                    }
                    PutOutcome::Conflict if attempt == 0 => {
                        match self.settle_tombstone(&href, lists)? {
                            Some(now) => etag = now,
                            None => break,
                        }
                    }
                    PutOutcome::Conflict => self.report.retry_next_round += 1,
                }
            }
        }
        Ok(())
    }

    /// Whether a tombstone is the old place of a todo that moved (not one deleted here).
    fn moved_from(&self, href: &str) -> Result<bool, SyncError> {
        Ok(self.store.sync_tombstone_moved(href)?)
    }

    /// A tombstone's resource changed there since: if its todo lives on here (it moved),
    /// the change is merged into it and the old place goes on its new ETag; if its row is
    /// gone here (erased), the edit made there wins and it comes back.
    fn settle_tombstone(
        &mut self,
        href: &str,
        lists: &[(String, Option<ListId>)],
    ) -> Result<Option<String>, SyncError> {
        let collection = collection_of(href);
        let fetched = self.server.fetch(collection, &[href.to_string()])?;
        if let Some((href, why)) = fetched.unreadable.first() {
            // Left there as it is, and nothing more done with it until it changes.
            self.report.skipped.push(format!("{href}: {why}"));
            self.store.sync_skip(href, None, why)?;
            return Ok(None);
        }
        let Some((href, etag, text)) = fetched.found.into_iter().next() else {
            self.store.sync_bury(href)?;
            return Ok(None);
        };
        let read = match read_todo(&text, &self.zone) {
            Ok(read) => read,
            Err(why) => {
                self.leave(&href, &etag, &why.to_string())?;
                self.store.sync_bury(&href)?;
                return Ok(None);
            }
        };
        let uid = read.content.uid.clone().unwrap_or_default();
        let here = self.store.sync_todo_by_uid(&uid)?;
        let list = lists
            .iter()
            .find(|(c, _)| c == collection)
            .and_then(|(_, l)| *l);
        let mut copy = ServerCopy {
            href: href.clone(),
            etag: etag.clone(),
            ical: text.clone(),
        };
        if let Some(h) = &here
            && let (Some(at), Some(tag), Some(ical)) = (&h.href, &h.etag, &h.ical)
        {
            // Merged into the todo where it is now.
            copy = ServerCopy {
                href: at.clone(),
                etag: tag.clone(),
                ical: ical.clone(),
            };
        }
        let keeps_place = here.as_ref().is_some_and(|h| h.href.is_some());
        let here = here
            .as_ref()
            .map(|todo| self.here(todo, lists, (&text, &read)));
        let there = There {
            read: &read,
            list: here.as_ref().map_or(list, |h| h.todo.list),
            copy,
        };
        let (received, tally) = decide(here, there, self.now);
        self.count(tally);
        self.store.sync_receive_one(&received, self.now)?;
        if keeps_place {
            self.store.sync_tombstone_now(&href, &etag)?;
            return Ok(Some(etag));
        }
        Ok(None)
    }
}
