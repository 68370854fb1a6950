//! A tally of an import's trash entries and the rows in them, kept as the rows go in, so
//! that the usual file is known to fit together without asking the database: a bit per
//! entry id (a softly export numbers its entries from 1, so a million todos take a few
//! hundred kilobytes). When the tally cannot tell (ids spread too far) or finds something
//! wrong, the store's own check (`import_fit`) decides, and names what is wrong.

use std::collections::HashMap;

/// The largest entry id the tally keeps bits for: 16M ids, 2 MB per set of bits.
const MOST_BITS: i64 = 16 << 20;

#[derive(Default)]
pub(super) struct Tally {
    /// Entries some todo is in; entries of each kind the file declares.
    todo_refs: Bits,
    todo_kind: Bits,
    list_kind: Bits,
    /// Entries lists are in, with how many lists (lists are few).
    list_refs: HashMap<i64, u32>,
    /// An id past `MOST_BITS` (or below 1): the tally cannot tell.
    lost: bool,
}

impl Tally {
    pub(super) fn todo_in(&mut self, entry: i64) {
        self.lost |= !self.todo_refs.set(entry);
    }

    pub(super) fn list_in(&mut self, entry: i64) {
        *self.list_refs.entry(entry).or_insert(0) += 1;
    }

    pub(super) fn entry(&mut self, id: i64, kind: &str) {
        let set = match kind {
            "todo" => self.todo_kind.set(id),
            _ => self.list_kind.set(id),
        };
        self.lost |= !set;
    }

    /// True when every todo's and list's entry came with the file, every todo entry holds
    /// todos and no list, and every list entry holds exactly one list; `false` when not,
    /// or when the tally cannot tell.
    pub(super) fn fits(&self) -> bool {
        if self.lost {
            return false;
        }
        let words = self
            .todo_refs
            .0
            .len()
            .max(self.todo_kind.0.len())
            .max(self.list_kind.0.len());
        let word = |bits: &Bits, i: usize| bits.0.get(i).copied().unwrap_or(0);
        for i in 0..words {
            let (refs, todo, list) = (
                word(&self.todo_refs, i),
                word(&self.todo_kind, i),
                word(&self.list_kind, i),
            );
            // A todo in an entry the file lacks; a todo entry holding no todo.
            if refs & !(todo | list) != 0 || todo & !refs != 0 {
                return false;
            }
        }
        let lists_held = self.list_refs.iter().all(|(entry, lists)| {
            *lists == 1 && self.list_kind.get(*entry) && !self.todo_kind.get(*entry)
        });
        lists_held && self.list_kind.count() == self.list_refs.len() as u64
    }
}

/// A growing set of small positive integers.
#[derive(Default)]
struct Bits(Vec<u64>);

impl Bits {
    /// False when `id` is out of the tally's range.
    fn set(&mut self, id: i64) -> bool {
        if !(1..=MOST_BITS).contains(&id) {
            return false;
        }
        let (word, bit) = ((id / 64) as usize, id % 64);
        if word >= self.0.len() {
            self.0.resize(word + 1, 0);
        }
        self.0[word] |= 1 << bit;
        true
    }

    fn get(&self, id: i64) -> bool {
        (1..=MOST_BITS).contains(&id)
            && self
                .0
                .get((id / 64) as usize)
                .is_some_and(|w| w & (1 << (id % 64)) != 0)
    }

    fn count(&self) -> u64 {
        self.0.iter().map(|w| u64::from(w.count_ones())).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tally_says_fits_only_when_everything_is_held_right() {
        let mut t = Tally::default();
        t.todo_in(3);
        t.todo_in(3);
        t.todo_in(70);
        t.list_in(5);
        t.todo_in(5);
        t.entry(3, "todo");
        t.entry(70, "todo");
        t.entry(5, "list");
        assert!(t.fits());
        let mut orphan = Tally::default();
        orphan.todo_in(9);
        assert!(!orphan.fits(), "a todo in an entry the file lacks");
        let mut empty = Tally::default();
        empty.entry(2, "todo");
        assert!(!empty.fits(), "a todo entry holding nothing");
        let mut no_list = Tally::default();
        no_list.entry(2, "list");
        assert!(!no_list.fits(), "a list entry holding no list");
        let mut two = Tally::default();
        two.entry(2, "list");
        two.list_in(2);
        two.list_in(2);
        assert!(!two.fits(), "a list entry holding two lists");
        let mut list_in_todo_entry = Tally::default();
        list_in_todo_entry.entry(2, "todo");
        list_in_todo_entry.todo_in(2);
        list_in_todo_entry.list_in(2);
        assert!(!list_in_todo_entry.fits());
        let mut far = Tally::default();
        far.todo_in(MOST_BITS + 1);
        far.entry(MOST_BITS + 1, "todo");
        assert!(!far.fits(), "cannot tell: the store's check decides");
    }
}
