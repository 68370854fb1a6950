//! `Enter` in the Trash: the session reads what the entry holds and opens it over the
//! Trash (a read, not a write, so it works on a read-only database too).

use super::Session;
use crate::store::EntryId;
use crate::tui::mode::{EntryContents, Mode};
use crate::wording::status;

/// The most todos an opened entry lists; a bigger one says how many more it holds.
const SHOWN: i64 = 1_000;

impl Session {
    pub(super) fn show_entry(&mut self, id: EntryId) {
        let read = self
            .store
            .trash_entry(id)
            .and_then(|entry| Ok((entry, self.store.entry_todos(id, SHOWN)?)));
        match read {
            Ok((entry, (todos, total))) => {
                self.app.mode = Mode::Entry(Box::new(EntryContents {
                    entry,
                    todos,
                    total,
                    scroll: 0,
                }));
            }
            Err(e) => self.app.complain(status::read_failed(&e)),
        }
    }
}
