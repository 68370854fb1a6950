//! Once, for a database synced before schema 11: softly then wrote another app's categories
//! into the title as `#tags` ("Renew passport #admin" for SUMMARY "Renew passport" with
//! CATEGORIES "admin"). Such a title gets its SUMMARY back, and the categories become the
//! todo's own tags, as this build reads them. Nothing is sent for it: the server's copy
//! already says exactly that.

use super::Round;
use super::ical::read_todo;
use super::round_error::SyncError;
use crate::fields::{tag_key, tags_of, with_tags};
use crate::store::TodoId;

/// How many synced todos are read at a time.
const PAGE: usize = 500;

impl Round<'_> {
    pub(super) fn untangle_old_titles(&mut self) -> Result<(), SyncError> {
        if self.dry_run || self.store.sync_meta("titles_untangled")?.is_some() {
            return Ok(());
        }
        let mut after = TodoId(0);
        loop {
            let page = self.store.sync_titles_and_texts(after, PAGE)?;
            let Some(last) = page.last() else { break };
            after = last.0;
            let mut untangled = Vec::new();
            for (id, title, text) in &page {
                let Ok(read) = read_todo(text, &self.zone) else {
                    continue;
                };
                let summary = &read.content.title;
                let categories = super::ical::categories_of(text);
                if title != summary && *title == with_tags(summary.clone(), &categories) {
                    let in_summary = tags_of(summary);
                    let own: Vec<String> = categories
                        .into_iter()
                        .filter(|c| !in_summary.contains(&tag_key(c)))
                        .collect();
                    untangled.push((*id, summary.clone(), own));
                }
            }
            self.store.sync_untangle_titles(&untangled)?;
        }
        self.store.set_sync_meta("titles_untangled", "1")?;
        Ok(())
    }
}
