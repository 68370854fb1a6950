//! Reading the copy sync keeps of a todo once its title and note were taken out of it
//! (`store/sync_scrub.rs`): digests stand where they were, and the merge needs only to know
//! whether the server's title and note are still the ones last seen.

use super::lines::Resource;
use crate::fields::{tag_key, tags_of};
use crate::store::{SCRUBBED_DESCRIPTION, SCRUBBED_SUMMARY, TodoContent, text_digest};

/// A title or note no side has: the server changed it since the copy was kept.
const CHANGED_THERE: &str = "\u{0}changed on the server since";

/// Puts the title and note back into `base` (read from `base_text`) as far as the merge
/// needs them: the server's own where `theirs_text` still has the text last seen (the same
/// digest), else a value no side has, so the change there counts as one.
pub fn unscrub(base: &mut TodoContent, base_text: &str, theirs_text: &str, theirs: &TodoContent) {
    let Ok(r) = Resource::parse(base_text) else {
        return;
    };
    let Some(todo) = r.master_todo() else { return };
    let kept = |name: &str| {
        r.find(todo, name)
            .map(|i| r.lines[i].value.trim().to_string())
    };
    let (summary, description) = (kept(SCRUBBED_SUMMARY), kept(SCRUBBED_DESCRIPTION));
    if summary.is_none() && description.is_none() {
        return;
    }
    let uid = base.uid.clone().unwrap_or_default();
    let there = Resource::parse(theirs_text).ok();
    let digest_there = |name: &str| {
        let t = there.as_ref()?;
        let todo = t.master_todo()?;
        t.find(todo, name)
            .map(|i| text_digest(&uid, &t.lines[i].value))
    };
    if let Some(digest) = summary {
        base.title = match digest_there("SUMMARY") == Some(digest) {
            true => theirs.title.clone(),
            false => CHANGED_THERE.to_string(),
        };
        // Read without a title, every category counted as a tag of its own.
        let in_title = tags_of(&base.title);
        base.tags.retain(|t| !in_title.contains(&tag_key(t)));
    }
    if let Some(digest) = description {
        base.note = match digest_there("DESCRIPTION") == Some(digest) {
            true => theirs.note.clone(),
            false => Some(CHANGED_THERE.to_string()),
        };
    }
}
