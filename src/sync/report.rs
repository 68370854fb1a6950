//! What one sync round moved, for `softly sync` (words and `--json`), `softly sync status`
//! and the app's header.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    /// True for `--dry-run`: these are what a round would do; nothing was written.
    pub dry_run: bool,
    /// Todos that came from the server: new here, or changed there.
    pub received: usize,
    /// Todos sent to the server: new there, or changed here.
    pub sent: usize,
    /// Todos deleted on the server because they were deleted here.
    pub deleted_there: usize,
    /// Todos moved to the Trash here because another device deleted them.
    pub trashed_here: usize,
    /// Edits on both sides: the older version went to the Trash, "replaced by a newer edit".
    pub replaced: usize,
    /// Deleted on one side, edited on the other: the edit won and the todo stays.
    pub edits_kept: usize,
    /// Lists made on the server for lists made here, and here for collections made there.
    pub lists_sent: usize,
    pub lists_received: usize,
    /// Lists moved to the Trash here because their collection was deleted elsewhere, and
    /// collections deleted on the server because their list was deleted here.
    pub lists_trashed_here: usize,
    pub lists_deleted_there: usize,
    /// Resources the server has that are not todos softly can read (left as they are).
    pub skipped: Vec<String>,
    /// Writes the server refused because the item changed there meanwhile: tried again next
    /// round.
    pub retry_next_round: usize,
    /// HTTP requests this round made.
    pub requests: u64,
}

impl Report {
    /// True when the round moved nothing either way.
    pub fn quiet(&self) -> bool {
        let Report {
            dry_run: _,
            skipped: _,
            requests: _,
            retry_next_round: _,
            ..
        } = self;
        self.received
            + self.sent
            + self.deleted_there
            + self.trashed_here
            + self.replaced
            + self.edits_kept
            + self.lists_sent
            + self.lists_received
            + self.lists_trashed_here
            + self.lists_deleted_there
            == 0
    }
}
