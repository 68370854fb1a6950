//! What the in-memory server (`memory_server.rs`) holds, and what a test changes in it as
//! another client would: resources put and removed, each change numbered, and a listing as
//! a server whose tokens are hashes of its contents (Xandikos) answers one.

use std::collections::BTreeMap;

use super::dav::{Listed, Listing};
use super::memory_server::{Collection, State, StoredResource, parent};

impl State {
    pub(super) fn bump(&mut self) -> u64 {
        self.change += 1;
        self.change
    }

    /// Puts `text` at `href` (its collection must exist), as any client would.
    pub fn store(&mut self, href: &str, text: &str) -> String {
        let n = self.bump();
        let etag = if self.hash_tokens {
            // As git's blob ids: the same text has the same ETag.
            let mut h = std::collections::hash_map::DefaultHasher::new();
            std::hash::Hash::hash(text, &mut h);
            format!("\"b{:x}\"", std::hash::Hasher::finish(&h))
        } else {
            format!("\"e{n}\"")
        };
        let c = self
            .collections
            .get_mut(parent(href))
            .expect("no such collection");
        let born = c.items.get(href).map_or(n, |i| i.born);
        c.items.insert(
            href.to_string(),
            StoredResource {
                etag: etag.clone(),
                text: text.to_string(),
                born,
            },
        );
        c.log.push((n, href.to_string(), true));
        etag
    }

    /// Deletes what is at `href`, as any client would.
    pub fn remove(&mut self, href: &str) {
        let n = self.bump();
        if let Some(c) = self.collections.get_mut(parent(href))
            && c.items.remove(href).is_some()
        {
            c.log.push((n, href.to_string(), false));
        }
    }

    /// The href and text of the resource whose text contains `needle`.
    pub fn find(&self, needle: &str) -> Option<(String, String)> {
        self.collections
            .values()
            .flat_map(|c| c.items.iter())
            .find(|(_, i)| i.text.contains(needle))
            .map(|(h, i)| (h.clone(), i.text.clone()))
    }

    /// Every resource's text, in href order.
    pub fn texts(&self) -> Vec<String> {
        self.collections
            .values()
            .flat_map(|c| c.items.values().map(|i| i.text.clone()))
            .collect()
    }

    /// A collection's token: its last change, or the hash of what it holds.
    pub(super) fn token_of(&self, c: &Collection, last: u64) -> String {
        if !self.hash_tokens {
            return format!("t{last}");
        }
        let mut h = std::collections::hash_map::DefaultHasher::new();
        std::hash::Hash::hash(
            &c.items
                .iter()
                .map(|(k, v)| (k, &v.etag))
                .collect::<Vec<_>>(),
            &mut h,
        );
        format!("h{:x}", std::hash::Hasher::finish(&h))
    }

    /// A listing as the difference between what the collection held at `token` and now.
    pub(super) fn hash_listing(&mut self, collection: &str, token: Option<&str>) -> Listed {
        let Some(c) = self.collections.get(collection) else {
            return Listed::TokenRefused;
        };
        let now: BTreeMap<String, String> = c
            .items
            .iter()
            .map(|(k, v)| (k.clone(), v.etag.clone()))
            .collect();
        let new_token = self.token_of(c, 0);
        let then = match token {
            None => BTreeMap::new(),
            Some(t) => match self.snapshots.get(t) {
                Some(then) => then.clone(),
                None => return Listed::TokenRefused,
            },
        };
        let mut listing = Listing {
            token: Some(new_token.clone()),
            ..Listing::default()
        };
        for (href, etag) in &now {
            if then.get(href) != Some(etag) {
                listing.changed.push((href.clone(), Some(etag.clone())));
            }
        }
        for href in then.keys().filter(|h| !now.contains_key(*h)) {
            listing.deleted.push(href.clone());
        }
        self.snapshots.insert(new_token, now);
        Listed::Listing(listing)
    }

    /// The href of the collection named `name`.
    pub fn collection_named(&self, name: &str) -> Option<String> {
        self.collections
            .iter()
            .find(|(_, c)| c.name == name)
            .map(|(h, _)| h.clone())
    }
}
