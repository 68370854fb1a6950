//! The second step: what changed on the server comes here. Every collection's changes are
//! gathered first, so a todo moved from one collection to another (gone from one, new in
//! the other) is seen as the move it is; then each collection's are applied in one
//! transaction with its new sync token.

use std::collections::HashSet;

use super::Round;
use super::collections::Paired;
use super::content::{content_of, same_content};
use super::round_error::SyncError;
use super::vtodo::read_vtodo;
use crate::store::{Received, ServerCopy, SyncTodo};

struct Pulled {
    href: String,
    list: Option<crate::store::ListId>,
    token: Option<String>,
    /// (href, etag, text) of what changed there and is not what this database has.
    fetched: Vec<(String, String, String)>,
    deleted: Vec<String>,
}

impl Round<'_> {
    /// Returns the collections whose changes brought something new here.
    pub(super) fn pull(&mut self, collections: &[Paired]) -> Result<HashSet<String>, SyncError> {
        let mut pulled = Vec::new();
        // What was deleted here with its row (see `sync_schema.rs`) is on its way out there.
        let buried: HashSet<String> = self
            .store
            .sync_tombstones()?
            .into_iter()
            .map(|(h, _)| h)
            .collect();
        for c in collections {
            if c.remote_token.is_some() && c.remote_token == c.stored_token {
                continue; // nothing moved there since the last round
            }
            let changes = self.server.changes(&c.href, c.stored_token.as_deref())?;
            let mut deleted = changes.deleted;
            let mut wanted = Vec::new();
            let listed: HashSet<&str> = changes.changed.iter().map(|(h, _)| h.as_str()).collect();
            if changes.complete {
                for (href, _) in self.store.sync_hrefs_under(&c.href)? {
                    if !listed.contains(href.as_str()) {
                        deleted.push(href);
                    }
                }
            }
            for (href, etag) in &changes.changed {
                if buried.contains(href) {
                    continue;
                }
                let here = self.store.sync_todo_by_href(href)?;
                let same =
                    matches!((&here, etag), (Some(t), Some(e)) if t.etag.as_deref() == Some(e));
                if !same {
                    wanted.push(href.clone());
                }
            }
            let fetched = if wanted.is_empty() {
                Vec::new()
            } else {
                self.server.fetch(&c.href, &wanted)?
            };
            pulled.push(Pulled {
                href: c.href.clone(),
                list: c.list,
                token: changes.token,
                fetched,
                deleted,
            });
        }

        let mut seen_uids = HashSet::new();
        let mut decided = Vec::new();
        for p in &pulled {
            let mut received = Vec::new();
            for (href, etag, text) in &p.fetched {
                match read_vtodo(text, &self.zone) {
                    Ok(fields) if let Err(why) = fits(&fields) => {
                        // Kept there as it is: taking part of it would lose the rest.
                        seen_uids.insert(fields.uid.clone());
                        self.report.skipped.push(format!("{href}: {why}"));
                    }
                    Ok(fields) => {
                        seen_uids.insert(fields.uid.clone());
                        let copy = ServerCopy {
                            href: href.clone(),
                            etag: etag.clone(),
                            ical: text.clone(),
                        };
                        let here = self.store.sync_todo_by_uid(&fields.uid)?;
                        received.push(self.decide(here, p.list, &fields, copy));
                    }
                    Err(why) => self.report.skipped.push(format!("{href}: {why}")),
                }
            }
            decided.push(received);
        }
        let mut brought = HashSet::new();
        for (p, mut received) in pulled.into_iter().zip(decided) {
            for href in &p.deleted {
                let Some(here) = self.store.sync_todo_by_href(href)? else {
                    continue;
                };
                if here
                    .content
                    .uid
                    .as_ref()
                    .is_some_and(|u| seen_uids.contains(u))
                {
                    continue; // moved to another collection, not deleted
                }
                received.push(if here.live && here.changed_at.is_some() {
                    self.report.edits_kept += 1;
                    Received::GoneButEdited { id: here.id }
                } else {
                    self.report.trashed_here += usize::from(here.live);
                    Received::Gone {
                        id: here.id,
                        seen_changed: here.changed_at,
                        at: self.now,
                    }
                });
            }
            if received.iter().any(|r| !matches!(r, Received::Same { .. })) {
                brought.insert(p.href.clone());
            }
            if !self.dry_run {
                self.store
                    .sync_receive(p.list, &received, p.token.as_deref(), self.now)?;
            }
        }
        Ok(brought)
    }

    /// What to do with the server's version of one todo.
    fn decide(
        &mut self,
        here: Option<SyncTodo>,
        list: Option<crate::store::ListId>,
        fields: &super::vtodo::TodoFields,
        copy: ServerCopy,
    ) -> Received {
        let content = content_of(fields, self.now);
        let Some(here) = here else {
            self.report.received += 1;
            return Received::New {
                list,
                content,
                copy,
            };
        };
        let changed_here = here.changed_at.is_some() || (here.live && here.href.is_none());
        if !changed_here || !here.live || same_content(&here.content, &content) {
            if !here.live && changed_here {
                self.report.edits_kept += 1; // deleted here, edited there: the edit wins
            }
            if same_content(&here.content, &content) && here.live && here.list == list {
                return Received::Same {
                    id: here.id,
                    seen_changed: here.changed_at,
                    copy,
                };
            }
            self.report.received += 1;
            return Received::Theirs {
                id: here.id,
                seen_changed: here.changed_at,
                list,
                content,
                copy,
                keep_ours: false,
            };
        }
        // Both changed since the last round: the later edit wins, the other is kept.
        self.report.replaced += 1;
        let here_at = here
            .changed_at
            .filter(|&t| t >= 0)
            .unwrap_or(self.now.as_millisecond());
        let there_at = fields.modified_at.map_or(0, |t| t.as_millisecond());
        if there_at > here_at {
            self.report.received += 1;
            Received::Theirs {
                id: here.id,
                seen_changed: here.changed_at,
                list,
                content,
                copy,
                keep_ours: true,
            }
        } else {
            Received::Ours {
                id: here.id,
                copy,
                theirs: content,
            }
        }
    }
}

/// Whether softly can hold the todo whole: its title and note within softly's limits.
fn fits(fields: &super::vtodo::TodoFields) -> Result<(), crate::text::TitleError> {
    if !fields.title.trim().is_empty() {
        crate::text::clean_title(&fields.title, "its title")?;
    }
    crate::text::clean_note(fields.note.as_deref().unwrap_or(""))?;
    Ok(())
}
