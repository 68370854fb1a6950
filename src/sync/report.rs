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
    /// Todos that stayed here, in the Inbox, when another device deleted their list: they
    /// were changed or added here since (an edit wins over a delete).
    #[serde(default)]
    pub kept_from_deleted_lists: usize,
    /// Lists renamed here because their collection was renamed elsewhere, and collections
    /// renamed on the server because their list was renamed here.
    #[serde(default)]
    pub lists_renamed_here: usize,
    #[serde(default)]
    pub lists_renamed_there: usize,
    /// What the server has that softly leaves as it is (unreadable, or more than softly can
    /// hold), each with why.
    pub skipped: Vec<String>,
    /// Todos whose write the server refused, each with why.
    #[serde(default)]
    pub refused: Vec<Quoted>,
    /// Values softly could not read in a todo it took (a due date in a zone nobody knows):
    /// kept in the todo's text on the server as they are.
    #[serde(default)]
    pub kept_unread: Vec<Quoted>,
    /// Changes here that wait because the server's copy is one softly leaves as it is.
    #[serde(default)]
    pub held_back: usize,
    /// Listings the server gave only part of: nothing was taken as deleted from them, and
    /// they are asked again next round.
    #[serde(default)]
    pub partial_listings: usize,
    /// Writes the server refused because the item changed there meanwhile: tried again next
    /// round.
    pub retry_next_round: usize,
    /// HTTP requests this round made.
    pub requests: u64,
}

/// Something said of one todo, by its title.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quoted {
    /// Empty in the report kept in the database (see [`Report::for_the_record`]).
    pub title: String,
    pub said: String,
}

impl Report {
    /// The report as the database keeps it for `sync status`: without the titles it quotes,
    /// so that a title edited or erased later does not stay behind in the record.
    pub fn for_the_record(&self) -> Report {
        let untitled = |q: &Vec<Quoted>| {
            q.iter()
                .map(|q| Quoted {
                    title: String::new(),
                    said: q.said.clone(),
                })
                .collect()
        };
        Report {
            refused: untitled(&self.refused),
            kept_unread: untitled(&self.kept_unread),
            ..self.clone()
        }
    }

    /// True when the round moved nothing either way.
    pub fn quiet(&self) -> bool {
        self.brought_here() == 0
            && self.sent
                + self.deleted_there
                + self.lists_sent
                + self.lists_deleted_there
                + self.lists_renamed_there
                == 0
    }

    /// How many changes the round made to this database (what the app says and reloads for).
    pub fn brought_here(&self) -> usize {
        self.received
            + self.trashed_here
            + self.replaced
            + self.edits_kept
            + self.lists_received
            + self.lists_trashed_here
            + self.lists_renamed_here
            + self.kept_from_deleted_lists
    }
}

/// Where sync stands, as the app's header shows it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SyncState {
    /// No `[sync]`: the header says nothing of it.
    #[default]
    Off,
    /// A round is running.
    Syncing,
    /// The last round finished at this time.
    Synced(jiff::Timestamp),
    /// The server could not be reached; the next try is at this time.
    Offline { retry_at: jiff::Timestamp },
    /// The last round failed for a reason trying again will not mend (a wrong password);
    /// the status line said it in full.
    Failed(Trouble),
}

/// What stopped a round, in a word the header has room for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trouble {
    /// The server refused the username or password.
    SignIn,
    /// No password: neither the command nor the variable gave one.
    Password,
    /// `[sync]` says something that cannot work.
    Settings,
    /// The server's certificate is not trusted.
    Certificate,
    /// The server answered other than CalDAV says.
    Server,
    /// This database could not be read or written.
    Database,
    /// The round looked wrong and was held (see `sync/breaker.rs`).
    Held,
}
