//! The first step of a round: lists and collections. Every live list (and the Inbox) gets a
//! collection; every collection that holds todos gets a list. A list deleted here deletes
//! its collection once it holds nothing softly has not seen; a collection deleted elsewhere
//! sends its list to the Trash, but for what was changed or added here since (an edit wins
//! over a delete), which stays, in the Inbox. Renames go whichever way they were made, and
//! only then: a list whose name here must differ from its collection's (the name is taken
//! here, or too long) has that name here only, and softly never renames a collection for it.

use std::collections::HashMap;

use super::Round;
use super::dav::{PutOutcome, RemoteCollection};
use super::round_error::SyncError;
use crate::store::{ListId, SyncedCollection};
use crate::text::{is_inbox_name, name_key};

/// A collection this round pulls from: the list it is and what the server says of it now.
#[derive(Debug, Clone)]
pub struct Paired {
    pub list: Option<ListId>,
    pub href: String,
    pub stored_token: Option<String>,
    pub remote_token: Option<String>,
    /// The collection's ETag when the round began, which deleting it is conditional on.
    pub remote_etag: Option<String>,
    /// List it whole: softly wrote there since its token and a round was cut short before
    /// it could list it again, so the token does not say what softly's writes did.
    pub list_whole: bool,
    /// The list was deleted here: the collection goes once its changes are in (an edit
    /// made there since the last round wins over the delete; see `delete_lists_deleted_here`).
    pub deleted_here: bool,
}

impl Paired {
    /// A collection as the server lists it, new to this database.
    fn remote(r: &RemoteCollection) -> Paired {
        Paired {
            list: None,
            href: r.href.clone(),
            stored_token: None,
            remote_token: r.sync_token.clone(),
            remote_etag: r.etag.clone(),
            list_whole: false,
            deleted_here: false,
        }
    }
}

impl Round<'_> {
    /// The collections to pull from before any is paired: those this database knows that
    /// are still there, and those new to it that take todos (their lists come with pairing).
    pub(super) fn planned_pulls(
        &mut self,
        remote: &[RemoteCollection],
    ) -> Result<Vec<Paired>, SyncError> {
        let mapped = self.store.sync_collections()?;
        let ignored = self.store.sync_meta("not_todos")?.unwrap_or_default();
        let mut planned = Vec::new();
        for r in remote {
            let paired = match mapped.iter().find(|c| c.href == r.href) {
                Some(c) => Paired {
                    list: c.list,
                    stored_token: c.sync_token.clone(),
                    list_whole: c.written,
                    deleted_here: c.live_name.is_none(),
                    ..Paired::remote(r)
                },
                None if ignored.lines().any(|l| l == r.href) => continue,
                None if !self.holds_todos(&r.href)? => continue,
                None => Paired::remote(r),
            };
            planned.push(paired);
        }
        Ok(planned)
    }

    /// Whether `collection` takes todos, asked of the server once a round.
    fn holds_todos(&mut self, collection: &str) -> Result<bool, SyncError> {
        if let Some(holds) = self.holds_todos.get(collection) {
            return Ok(*holds);
        }
        let holds = self.server.holds_todos(collection)?;
        self.holds_todos.insert(collection.to_string(), holds);
        Ok(holds)
    }

    pub(super) fn pair_collections(
        &mut self,
        home: &str,
        remote: &[RemoteCollection],
    ) -> Result<Vec<Paired>, SyncError> {
        let by_href: HashMap<&str, &RemoteCollection> =
            remote.iter().map(|c| (c.href.as_str(), c)).collect();
        let mut mapped: Vec<SyncedCollection> = self.store.sync_collections()?;

        // Gone from the server, or deleted here.
        let mut kept = Vec::new();
        let mut deleted_here = Vec::new();
        for c in mapped.drain(..) {
            match (by_href.contains_key(c.href.as_str()), c.live_name.is_some()) {
                (false, true) => {
                    self.report.lists_trashed_here += usize::from(c.list.is_some());
                    if !self.dry_run {
                        let kept = self.store.sync_list_gone(c.list, &c.href, self.now)?;
                        self.report.kept_from_deleted_lists += kept;
                    }
                }
                (false, false) => {
                    if !self.dry_run {
                        self.store.sync_unmap_collection(c.list, &c.href)?;
                    }
                }
                (true, false) => deleted_here.push(c),
                (true, true) => kept.push(c),
            }
        }

        // Renames, whichever side made them (both: this side's).
        for c in kept.iter_mut().filter(|c| c.list.is_some()) {
            let here = c.live_name.clone().unwrap_or_default();
            let there = by_href[c.href.as_str()].name.clone();
            if here != c.local_name {
                self.report.lists_renamed_there += 1;
                if !self.dry_run {
                    self.server.rename_collection(&c.href, &here)?;
                    self.store.sync_collection_named(c.list, &here, &here)?;
                }
            } else if there != c.name {
                self.report.lists_renamed_here += 1;
                let local = self.free_list_name(&there, c.list)?;
                if !self.dry_run {
                    if local != here {
                        self.store
                            .rename_list(c.list.unwrap_or(ListId(0)), &local)?;
                    }
                    self.store.sync_collection_named(c.list, &there, &local)?;
                }
            }
        }

        // Collections made elsewhere become lists here; the Inbox's goes to the Inbox.
        let mut known: Vec<String> = kept.iter().map(|c| c.href.clone()).collect();
        known.extend(deleted_here.iter().map(|c| c.href.clone()));
        let ignored = self.store.sync_meta("not_todos")?.unwrap_or_default();
        let mut inbox_mapped = kept.iter().any(|c| c.list.is_none());
        for r in remote {
            if known.contains(&r.href) || ignored.lines().any(|l| l == r.href) {
                continue;
            }
            if !self.holds_todos(&r.href)? {
                if !self.dry_run {
                    self.store
                        .set_sync_meta("not_todos", &format!("{ignored}{}\n", r.href))?;
                }
                continue;
            }
            let mut local_name = String::new();
            let list = if !inbox_mapped && name_key(&r.name) == name_key(&self.inbox) {
                inbox_mapped = true;
                None
            } else {
                self.report.lists_received += 1;
                let unmapped_same_name = self.store.live_lists()?.into_iter().find(|l| {
                    name_key(&l.name) == name_key(&r.name)
                        && !kept.iter().any(|c| c.list == Some(l.id))
                });
                let back_from_trash = self.store.sync_list_deleted_elsewhere(&name_key(&r.name))?;
                match (unmapped_same_name, back_from_trash, self.dry_run) {
                    (Some(l), _, _) => {
                        local_name = l.name.clone();
                        Some(l.id)
                    }
                    (None, _, true) => continue,
                    (None, Some(entry), false) => {
                        // Deleted elsewhere, and now restored there: out of the Trash here too.
                        let restored = self.store.restore_entries(&[entry])?;
                        let name = restored.first().map_or(r.name.clone(), |e| e.title.clone());
                        let list = self.store.find_list(&name)?;
                        local_name = list.name;
                        Some(list.id)
                    }
                    (None, None, false) => {
                        local_name = self.free_list_name(&r.name, None)?;
                        Some(self.store.add_list(&local_name, self.now)?)
                    }
                }
            };
            if !self.dry_run {
                self.store
                    .sync_map_collection(list, &r.href, &r.name, &local_name)?;
            }
            self.place_new_list(list, r)?;
            kept.push(SyncedCollection {
                list,
                href: r.href.clone(),
                name: r.name.clone(),
                local_name: local_name.clone(),
                sync_token: None,
                written: false,
                live_name: Some(local_name),
                order: None,
                position: None,
            });
        }

        // Lists made here (and the Inbox) get collections.
        let mut wanted: Vec<(Option<ListId>, String)> = vec![(None, self.inbox.clone())];
        wanted.extend(
            self.store
                .live_lists()?
                .into_iter()
                .map(|l| (Some(l.id), l.name)),
        );
        for (list, name) in wanted {
            if kept.iter().any(|c| c.list == list) {
                continue;
            }
            if list.is_some() {
                self.report.lists_sent += 1;
            }
            if self.dry_run {
                continue;
            }
            let href = format!("{home}{}/", uuid::Uuid::new_v4());
            self.server.make_collection(&href, &name)?;
            let local = if list.is_some() {
                name.clone()
            } else {
                String::new()
            };
            self.store.sync_map_collection(list, &href, &name, &local)?;
            kept.push(SyncedCollection {
                list,
                href,
                name: name.clone(),
                local_name: local,
                sync_token: None,
                written: false,
                live_name: Some(name),
                order: None,
                position: None,
            });
        }

        let flagged = deleted_here.into_iter().map(|c| (c, true));
        Ok(kept
            .into_iter()
            .map(|c| (c, false))
            .chain(flagged)
            .map(|(c, deleted_here)| Paired {
                remote_token: by_href
                    .get(c.href.as_str())
                    .and_then(|r| r.sync_token.clone()),
                remote_etag: by_href.get(c.href.as_str()).and_then(|r| r.etag.clone()),
                list: c.list,
                list_whole: c.written,
                href: c.href,
                stored_token: c.sync_token,
                deleted_here,
            })
            .collect())
    }

    /// Deletes on the server the collections of lists deleted here, but for those whose
    /// pull this round brought something new (`changed`): that went to the Inbox, as an edit
    /// wins over a delete, and the collection goes next round. Each delete is conditional on
    /// the collection's ETag as the round found it, so what was added there since (after the
    /// round listed it) makes it wait for the next round, which takes it in first.
    pub(super) fn delete_lists_deleted_here(
        &mut self,
        collections: &[Paired],
        changed: &std::collections::HashSet<String>,
    ) -> Result<(), SyncError> {
        for c in collections
            .iter()
            .filter(|c| c.deleted_here && !changed.contains(&c.href))
        {
            if self.dry_run {
                self.report.lists_deleted_there += 1;
                continue;
            }
            match self
                .server
                .delete_collection(&c.href, c.remote_etag.as_deref())?
            {
                PutOutcome::Done(_) => {
                    self.report.lists_deleted_there += 1;
                    self.store.sync_unmap_collection(c.list, &c.href)?;
                }
                PutOutcome::Conflict => self.report.retry_next_round += 1,
                PutOutcome::Refused(why) => self.report.skipped.push(format!("{}: {why}", c.href)),
            }
        }
        Ok(())
    }

    /// The collections softly wrote to this round (or before, in one cut short), to be
    /// listed from their tokens now, as they stand after the round's own listing; and those
    /// it made this round, never listed yet (a server may fill a new calendar at once).
    pub(super) fn written_since_listed(
        &self,
        collections: &[Paired],
    ) -> Result<Vec<Paired>, SyncError> {
        let stored = self.store.sync_collections()?;
        Ok(collections
            .iter()
            .filter_map(|c| {
                let now = stored
                    .iter()
                    .find(|s| s.href == c.href && (s.written || s.sync_token.is_none()))?;
                Some(Paired {
                    stored_token: now.sync_token.clone(),
                    remote_token: None,
                    list_whole: false,
                    deleted_here: false,
                    ..c.clone()
                })
            })
            .collect())
    }

    /// `name`, or `name (2)`, `name (3)`…: the first no other live list (nor the Inbox) has.
    fn free_list_name(&self, name: &str, except: Option<ListId>) -> Result<String, SyncError> {
        let taken: Vec<String> = self
            .store
            .live_lists()?
            .into_iter()
            .filter(|l| Some(l.id) != except)
            .map(|l| name_key(&l.name))
            .collect();
        // A name as a list can hold it: cleaned, and short enough to take a " (2)".
        let short: String = name
            .chars()
            .take(crate::text::MAX_TITLE_CHARS - 8)
            .collect();
        let short = crate::text::clean_title(&short, "list name").unwrap_or_default();
        let base = if short.trim().is_empty() {
            "List"
        } else {
            short.trim()
        };
        let free = |n: &str| !is_inbox_name(n) && !taken.contains(&name_key(n));
        if free(base) {
            return Ok(base.to_string());
        }
        Ok((2..)
            .map(|k| format!("{base} ({k})"))
            .find(|n| free(n))
            .unwrap_or_default())
    }
}
