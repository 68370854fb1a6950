//! The last step: what changed here goes to the server. Each write is conditional (a new
//! resource must not exist, a changed one must still have the ETag last seen) and is
//! recorded here as soon as the server takes it, so a round cut short resends only what the
//! server did not take, and nothing twice. A write the server refuses because the resource
//! changed there (412) is settled at once: the server's copy is fetched, merged as a pull
//! would, and the result written on its ETag. A todo that moved to another list is written
//! to its new collection first; its old place goes after (a tombstone), so a move cut short
//! at any point is finished by the next round.

use std::collections::HashMap;

use super::Round;
use super::collections::Paired;
use super::dav::{Put, PutOutcome};
use super::ical::{Writing, write_todo};
use super::round_error::SyncError;
use super::settle::Settled;
use crate::store::REFUSED_WRITE;
use crate::store::{ListId, ServerCopy, SyncTodo, TodoId};
use crate::when::from_millis;

/// How many todos to send a round reads at a time.
const PAGE: usize = 500;

impl Round<'_> {
    pub(super) fn push(&mut self, collections: &[Paired]) -> Result<(), SyncError> {
        let home_of: HashMap<Option<ListId>, String> = collections
            .iter()
            .filter(|c| !c.deleted_here)
            .map(|c| (c.list, c.href.clone()))
            .collect();
        let lists: Vec<(String, Option<ListId>)> = collections
            .iter()
            .map(|c| (c.href.clone(), c.list))
            .collect();
        if self.dry_run {
            self.report.sent += self.store.sync_pending_sends()? as usize;
            let deletes = self.store.sync_todos_to_delete()?.len();
            self.report.deleted_there += deletes + self.store.sync_tombstones()?.len();
            return Ok(());
        }
        let mut after = TodoId(0);
        loop {
            let mut to_send = self.store.sync_todos_to_send(after, PAGE)?;
            let Some(last) = to_send.last() else { break };
            after = last.id;
            self.give_uids(&mut to_send)?;
            for t in &to_send {
                if let Some(collection) = home_of.get(&t.list) {
                    self.send(t, collection, &lists)?;
                }
            }
        }
        self.delete_trashed(&lists)?;
        self.delete_tombstones(&lists)
    }

    fn give_uids(&mut self, to_send: &mut [SyncTodo]) -> Result<(), SyncError> {
        let new_uids: Vec<(TodoId, String)> = to_send
            .iter()
            .filter(|t| t.content.uid.is_none())
            .map(|t| (t.id, uuid::Uuid::new_v4().to_string()))
            .collect();
        if new_uids.is_empty() {
            return Ok(());
        }
        self.store.sync_give_uids(&new_uids)?;
        let by_id: HashMap<TodoId, &String> = new_uids.iter().map(|(i, u)| (*i, u)).collect();
        for t in to_send {
            if let Some(uid) = by_id.get(&t.id) {
                t.content.uid = Some((*uid).clone());
            }
        }
        Ok(())
    }

    /// The text for `t` written over `base` (`None` when `base` says it all already).
    pub(super) fn text_for(&self, t: &SyncTodo, base: Option<&str>) -> Option<String> {
        let modified = t
            .changed_at
            .filter(|&c| c >= 0)
            .unwrap_or(t.content.created_at);
        write_todo(&Writing {
            base,
            todo: &t.content,
            modified_at: from_millis(modified),
            now: self.now,
            zone: &self.zone,
            zone_name: self.zone_name.as_deref(),
        })
    }

    /// Sends one todo: a change where it is, or a new resource (new here, or moved here
    /// from another list).
    fn send(
        &mut self,
        t: &SyncTodo,
        collection: &str,
        lists: &[(String, Option<ListId>)],
    ) -> Result<(), SyncError> {
        let uid = t.content.uid.clone().unwrap_or_default();
        let in_place = t
            .href
            .as_deref()
            .filter(|h| h.starts_with(collection))
            .zip(t.etag.as_deref());
        let target = match in_place {
            Some((href, _)) => href.to_string(),
            None => format!("{collection}{}.ics", resource_name(&uid)),
        };
        if self.held_back(t, &target)? {
            return Ok(());
        }
        let text = match (self.text_for(t, t.ical.as_deref()), in_place) {
            (Some(text), _) => text,
            (None, Some(_)) => {
                // The server's copy already says all this todo says.
                self.store.sync_nothing_to_send(t.id, t.changed_at)?;
                return Ok(());
            }
            (None, None) => t.ical.clone().unwrap_or_default(),
        };
        let put = Put {
            href: target,
            text,
            etag: in_place.map(|(_, e)| e.to_string()),
        };
        self.write(t.clone(), put, lists)
    }

    /// Writes `put` for `t`; a 412 is settled and the result written once more.
    fn write(
        &mut self,
        mut t: SyncTodo,
        mut put: Put,
        lists: &[(String, Option<ListId>)],
    ) -> Result<(), SyncError> {
        for attempt in 0..2 {
            match self.server.put(&put)? {
                PutOutcome::Done(etag) => {
                    // Tests kill the process here: the server has it, this database not yet.
                    crate::crash_point::crash_point("sync-after-put");
                    self.report.sent += 1;
                    let copy = ServerCopy {
                        href: put.href.clone(),
                        etag,
                        ical: put.text.clone(),
                    };
                    self.store.sync_sent(t.id, &copy, t.changed_at)?;
                    return Ok(());
                }
                PutOutcome::Refused(why) => return self.refused(&t, &put.href, &why),
                PutOutcome::Conflict if attempt == 0 => {
                    match self.settle(&t, &put.href, lists)? {
                        Settled::Write(now, base, etag) => {
                            let text = match self.text_for(&now, Some(&base)) {
                                Some(text) => text,
                                // Gone there: written anew as it was.
                                None if etag.is_none() => base,
                                None => {
                                    self.store.sync_nothing_to_send(now.id, now.changed_at)?;
                                    return Ok(());
                                }
                            };
                            t = *now;
                            put = Put {
                                href: put.href,
                                text,
                                etag,
                            };
                        }
                        Settled::Done | Settled::Delete(_) => return Ok(()),
                    }
                }
                PutOutcome::Conflict => self.report.retry_next_round += 1,
            }
        }
        Ok(())
    }

    /// A todo whose place on the server holds what softly leaves as it is (it cannot hold
    /// it, or the server refused softly's write and nothing changed here since) waits.
    fn held_back(&mut self, t: &SyncTodo, target: &str) -> Result<bool, SyncError> {
        let place = t.href.as_deref().unwrap_or(target);
        let held = match self.store.sync_skipped(place)? {
            None => false,
            Some((etag, _)) => match etag.as_deref().and_then(|e| e.strip_prefix(REFUSED_WRITE)) {
                Some(version) => version == version_of(t),
                None => true,
            },
        };
        self.report.held_back += usize::from(held);
        Ok(held)
    }

    /// The server refused softly's write for good: said, and not tried again until the
    /// todo changes here.
    pub(super) fn refused(&mut self, t: &SyncTodo, href: &str, why: &str) -> Result<(), SyncError> {
        self.report.refused.push(super::report::Quoted {
            title: t.content.title.clone(),
            said: why.to_string(),
        });
        let marker = format!("{REFUSED_WRITE}{}", version_of(t));
        self.store.sync_skip(href, Some(&marker), why)?;
        Ok(())
    }
}

/// What the todo says here, as a number that changes when it does: a refused write is
/// tried again once the todo changes.
fn version_of(t: &SyncTodo) -> String {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    format!("{:?} {:?}", t.content, t.list).hash(&mut h);
    format!("{:016x}", h.finish())
}

/// A UID as a resource name: characters a path may hold as they are, others as `_`.
fn resource_name(uid: &str) -> String {
    uid.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "-_.@".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect()
}
