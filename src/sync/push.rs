//! The last step: what changed here goes to the server. Each write is conditional (a new
//! resource must not exist, a changed one must still have the ETag last seen, a delete too)
//! and is recorded here as soon as the server takes it, so a round cut short resends only
//! what the server did not take, and nothing twice.

use std::collections::HashMap;

use super::Round;
use super::collections::Paired;
use super::content::fields_of;
use super::puts::{IN_FLIGHT, Put};
use super::round_error::SyncError;
use super::server::PutOutcome;
use super::vtodo::{read_vtodo, write_vtodo};
use crate::store::{ListId, ServerCopy, SyncTodo, TodoId};
use crate::when::from_millis;

/// How many todos to send a round reads at a time.
const PAGE: usize = 500;

impl Round<'_> {
    pub(super) fn push(&mut self, collections: &[Paired]) -> Result<(), SyncError> {
        let home_of: HashMap<Option<ListId>, &str> = collections
            .iter()
            .map(|c| (c.list, c.href.as_str()))
            .collect();
        let to_delete = self.store.sync_todos_to_delete()?;
        let tombstones = self.store.sync_tombstones()?;
        if self.dry_run {
            self.report.sent += self.store.sync_pending_sends()? as usize;
            self.report.deleted_there += to_delete.len() + tombstones.len();
            return Ok(());
        }
        // Rows gone here (an add undone, an erase) while the server still had them.
        for (href, etag) in &tombstones {
            let gone = match etag {
                Some(etag) => self.server.delete(href, etag)?,
                None => PutOutcome::Done(String::new()),
            };
            match gone {
                PutOutcome::Done(_) => self.report.deleted_there += 1,
                // Edited there since: it comes back here at the next round as new.
                PutOutcome::Conflict => {}
            }
            self.store.sync_bury(href)?;
        }
        let mut after = TodoId(0);
        loop {
            let mut to_send = self.store.sync_todos_to_send(after, PAGE)?;
            let Some(last) = to_send.last() else { break };
            after = last.id;
            let new_uids: Vec<(TodoId, String)> = to_send
                .iter()
                .filter(|t| t.content.uid.is_none())
                .map(|t| (t.id, uuid::Uuid::new_v4().to_string()))
                .collect();
            if !new_uids.is_empty() {
                self.store.sync_give_uids(&new_uids)?;
                let by_id: HashMap<TodoId, &String> =
                    new_uids.iter().map(|(i, u)| (*i, u)).collect();
                for t in &mut to_send {
                    if let Some(uid) = by_id.get(&t.id) {
                        t.content.uid = Some((*uid).clone());
                    }
                }
            }
            let planned: Vec<(&SyncTodo, &str, Put)> = to_send
                .iter()
                .filter_map(|t| home_of.get(&t.list).map(|c| (t, *c, self.plan(t, c))))
                .collect();
            for group in planned.chunks(IN_FLIGHT) {
                let puts: Vec<&Put> = group.iter().map(|(_, _, p)| p).collect();
                let answers = self.server.put_all_of(&puts)?;
                for ((t, collection, put), answer) in group.iter().zip(answers) {
                    self.sent(t, collection, put, answer?)?;
                }
            }
        }
        for t in &to_delete {
            let (Some(href), Some(etag)) = (&t.href, &t.etag) else {
                continue;
            };
            match self.server.delete(href, etag)? {
                PutOutcome::Done(_) => {
                    self.report.deleted_there += 1;
                    self.store.sync_off_server(t.id)?;
                }
                // Edited there since: the next round brings the edit back (the edit wins).
                PutOutcome::Conflict => self.report.retry_next_round += 1,
            }
        }
        Ok(())
    }

    /// The write that brings the server's copy of `t` up to date: a change where it is, or
    /// a new resource (new here, or moved here from another list).
    fn plan(&self, t: &SyncTodo, collection: &str) -> Put {
        let uid = t.content.uid.clone().unwrap_or_default();
        let modified = from_millis(
            t.changed_at
                .filter(|&c| c >= 0)
                .unwrap_or(t.content.created_at),
        );
        let fields = fields_of(&t.content, &uid, modified);
        let text = write_vtodo(t.ical.as_deref(), &fields, &t.tags, self.now, &self.zone);
        match (
            t.href.as_deref().filter(|h| h.starts_with(collection)),
            &t.etag,
        ) {
            (Some(href), Some(etag)) => Put {
                href: href.to_string(),
                text,
                etag: Some(etag.clone()),
            },
            _ => Put {
                href: format!("{collection}{}.ics", resource_name(&uid)),
                text,
                etag: None,
            },
        }
    }

    /// Records what the server said to one write.
    fn sent(
        &mut self,
        t: &SyncTodo,
        collection: &str,
        put: &Put,
        answer: PutOutcome,
    ) -> Result<(), SyncError> {
        match answer {
            PutOutcome::Done(etag) => {
                // Tests kill the process here: the server has it, this database not yet.
                crate::crash_point::crash_point("sync-after-put");
                // Moved here from another list: the old resource goes.
                if let (Some(old), Some(old_etag)) = (&t.href, &t.etag)
                    && *old != put.href
                {
                    self.server.delete(old, old_etag)?;
                }
                self.report.sent += 1;
                let copy = ServerCopy {
                    href: put.href.clone(),
                    etag,
                    ical: put.text.clone(),
                };
                self.store.sync_sent(t.id, &copy, t.changed_at)?;
            }
            PutOutcome::Conflict if put.etag.is_none() => {
                // The resource is there already: this todo, sent by a round cut short before
                // it could record it? Take what is there if it is this todo.
                let uid = t.content.uid.clone().unwrap_or_default();
                let there = self
                    .server
                    .fetch(collection, std::slice::from_ref(&put.href))?;
                match there.first() {
                    Some((_, etag, body))
                        if read_vtodo(body, &self.zone).is_ok_and(|f| f.uid == uid) =>
                    {
                        let again = Put {
                            href: put.href.clone(),
                            text: put.text.clone(),
                            etag: Some(etag.clone()),
                        };
                        let answer = self.server.put_all_of(&[&again])?.pop();
                        match answer {
                            Some(Ok(done @ PutOutcome::Done(_))) => {
                                return self.sent(t, collection, &again, done);
                            }
                            Some(Err(e)) => return Err(e),
                            _ => self.report.retry_next_round += 1,
                        }
                    }
                    _ => self
                        .report
                        .skipped
                        .push(format!("{}: another item has this name", put.href)),
                }
            }
            // Changed there since this round listed it: the next round decides.
            PutOutcome::Conflict => self.report.retry_next_round += 1,
        }
        Ok(())
    }
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
