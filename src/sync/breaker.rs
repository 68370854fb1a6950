//! The circuit breaker: a round that looks wrong is held, not applied. Users of other task
//! apps lost most of their tasks to one bad round (a changed server URL, an account switch,
//! a server upgrade that moved the calendars, a migration that deleted and re-made them).
//! So before this round changes anything, here or there, softly asks: is this another
//! server, account or calendar home than the last round's? Would it move more than a
//! quarter of this device's live todos (and at least ten) to the Trash? Then none
//! of it is applied, until the user says so (`softly sync --accept-deletes`, or yes in the
//! app's question); the next rounds are held the same way while it stays so.

use std::collections::HashSet;

use super::Round;
use super::dav::RemoteCollection;
use super::held::{HOLD_FROM, Held, too_many};
use super::ical::read_todo;
use super::pull::Pulled;
use super::round_error::SyncError;
use crate::store::TodoScope;

/// How many held todos are named (`sync status` lists them); the rest are counted.
const NAMED: usize = 20;

impl Round<'_> {
    /// Another server or account than the last round's is held; accepted, what this
    /// database knew of the old one is forgotten and every todo is matched again by UID.
    pub(super) fn check_account(&mut self, account: &str) -> Result<(), SyncError> {
        let was = self.store.sync_meta("account")?;
        let Some(was) = was.filter(|was| was != account) else {
            if !self.dry_run {
                self.store.set_sync_meta("account", account)?;
            }
            return Ok(());
        };
        // Nothing synced with the old one (a typo put right before any round went
        // through): nothing of it to lose either.
        let synced = !self.store.sync_collections()?.is_empty();
        if synced && !self.accept_held {
            return Err(SyncError::Held(Held::Account {
                was,
                now: account.to_string(),
            }));
        }
        if !self.dry_run {
            self.store.sync_forget_server()?;
            self.store.set_sync_meta("account", account)?;
        }
        Ok(())
    }

    /// The calendar home and the collections in it. The home is found once and kept; when
    /// none of the collections this database knows is there any more (or the home cannot be
    /// listed), it is looked for again, and a new one is held like a new account.
    pub(super) fn home_and_collections(
        &mut self,
    ) -> Result<(String, Vec<RemoteCollection>), SyncError> {
        let known = self.store.sync_meta("home")?.filter(|h| h.starts_with('/'));
        let Some(home) = known else {
            let home = self.server.home()?;
            if !self.dry_run {
                self.store.set_sync_meta("home", &home)?;
            }
            let remote = self.server.collections(&home)?;
            return Ok((home, remote));
        };
        let mapped = self.store.sync_collections()?;
        let listed = self.server.collections(&home);
        let lost = match &listed {
            Ok(remote) => {
                !mapped.is_empty()
                    && !mapped
                        .iter()
                        .any(|c| remote.iter().any(|r| r.href == c.href))
            }
            Err(e) => !e.is_transient(),
        };
        if !lost {
            return Ok((home, listed?));
        }
        let now = self.server.home()?;
        if now == home {
            return Ok((home, listed?));
        }
        if !self.accept_held {
            return Err(SyncError::Held(Held::Home { was: home, now }));
        }
        if !self.dry_run {
            self.store.sync_forget_server()?;
            self.store.set_sync_meta("home", &now)?;
        }
        let remote = self.server.collections(&now)?;
        Ok((now, remote))
    }

    /// Holds the round when what it pulled would move too many todos to the Trash: those in
    /// lists whose collections are gone, and those deleted there (not moved to another
    /// collection, not changed here since). Nothing of the round is applied yet.
    pub(super) fn check_deletes(
        &mut self,
        remote: &[RemoteCollection],
        pulled: &[Pulled],
    ) -> Result<(), SyncError> {
        if self.accept_held {
            return Ok(());
        }
        let mut going = Vec::new();
        for c in self.store.sync_collections()? {
            if c.live_name.is_some() && !remote.iter().any(|r| r.href == c.href) {
                going.extend(self.store.sync_list_gone_would_trash(c.list)?);
            }
        }
        let deleted: Vec<&String> = pulled.iter().flat_map(|p| &p.deleted).collect();
        if going.len() + deleted.len() < HOLD_FROM {
            return Ok(());
        }
        // A todo moved to another collection there is deleted from one and new in another.
        let moved: HashSet<String> = pulled
            .iter()
            .flat_map(|p| &p.fetched)
            .filter_map(|(_, _, text)| read_todo(text, &self.zone).ok()?.content.uid)
            .collect();
        for href in deleted {
            let Some(todo) = self.store.sync_todo_by_href(href)? else {
                continue;
            };
            let uid = todo.content.uid.as_ref();
            if todo.live && todo.changed_at.is_none() && !uid.is_some_and(|u| moved.contains(u)) {
                going.push(todo.id);
            }
        }
        let live = self.store.count_live_todos(TodoScope::All, "")? as usize;
        if !too_many(going.len(), live) {
            return Ok(());
        }
        going.sort();
        Err(SyncError::Held(Held::Deletes {
            todos: going.len(),
            live,
            first: going.iter().take(NAMED).map(|id| id.0).collect(),
        }))
    }
}
