//! What a round asks of a CalDAV server, as a trait: the real server speaks it over HTTP
//! (`server.rs`); an in-memory one (`memory_server.rs`, for tests) answers the way the RFCs
//! allow, so every decision of a round can be tried against every answer.

use super::round_error::SyncError;

/// A calendar collection under the user's home.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoteCollection {
    pub href: String,
    pub name: String,
    /// Its sync token now (RFC 6578), when the server says: unchanged means nothing moved.
    pub sync_token: Option<String>,
    /// Its ETag now, when the server gives collections one: a delete made on condition of
    /// it fails if anything was added or changed in it since.
    pub etag: Option<String>,
    /// Its place among the calendars (Apple's `calendar-order`), when it has one.
    pub order: Option<i64>,
}

/// One answer to a sync-collection report (RFC 6578 §3.2).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Listing {
    pub token: Option<String>,
    /// Resources added or changed, with their ETags.
    pub changed: Vec<(String, Option<String>)>,
    pub deleted: Vec<String>,
    /// The server answered part of it (507, §3.6): ask again from `token` for the rest.
    pub truncated: bool,
}

/// What a fetch brought: the resources read, and those the server has but softly could not
/// read (too big, not text, an answer that would not parse), each with why.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fetched {
    /// (href, ETag, text)
    pub found: Vec<(String, String, String)>,
    /// (href, why)
    pub unreadable: Vec<(String, String)>,
}

/// A report the server would not answer from the token given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Listed {
    Listing(Listing),
    /// The token is too old or unknown there (`DAV:valid-sync-token`): list it whole.
    TokenRefused,
}

/// One resource to write: a new one (`etag: None`, `If-None-Match: *`), or a change to one
/// that must still have `etag` (`If-Match`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Put {
    pub href: String,
    pub text: String,
    pub etag: Option<String>,
}

/// The outcome of a conditional write or delete.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PutOutcome {
    /// Done; a write gives the new ETag.
    Done(String),
    /// The resource changed on the server since its ETag (or, for a new one, is there
    /// already): HTTP 412.
    Conflict,
    /// The server refused it for good (400, 403, 409, 415…), saying why; sending it again
    /// would be refused again.
    Refused(String),
}

/// A CalDAV server, as a round uses it.
pub trait Dav {
    /// How many requests were made so far.
    fn requests(&self) -> u64;
    /// The collection that holds the user's calendars.
    fn home(&self) -> Result<String, SyncError>;
    /// The calendar collections under `home`, with their names, sync tokens and ETags.
    fn collections(&self, home: &str) -> Result<Vec<RemoteCollection>, SyncError>;
    /// Whether a collection takes VTODOs (a calendar of events only is left alone).
    fn holds_todos(&self, collection: &str) -> Result<bool, SyncError>;
    /// One answer to a sync-collection report from `token` (a whole listing without one).
    fn listing(&self, collection: &str, token: Option<&str>) -> Result<Listed, SyncError>;
    /// The ETag and text of each of `hrefs` that is still there (calendar-multiget); one
    /// that cannot be read is named in `unreadable`, and the others still come.
    fn fetch(&self, collection: &str, hrefs: &[String]) -> Result<Fetched, SyncError>;
    fn put(&self, put: &Put) -> Result<PutOutcome, SyncError>;
    /// Deletes a resource if it still has `etag`; one already gone counts as deleted.
    fn delete(&self, href: &str, etag: &str) -> Result<PutOutcome, SyncError>;
    fn make_collection(&self, href: &str, name: &str) -> Result<(), SyncError>;
    fn rename_collection(&self, href: &str, name: &str) -> Result<(), SyncError>;
    /// Sets a collection's place among the calendars (`calendar-order`).
    fn order_collection(&self, href: &str, order: i64) -> Result<(), SyncError>;
    /// Deletes a collection, on condition of `etag` when there is one.
    fn delete_collection(&self, href: &str, etag: Option<&str>) -> Result<PutOutcome, SyncError>;
}
