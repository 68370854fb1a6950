//! Why a sync round stopped, in terms a person can act on. Nothing here is lost: what was
//! not sent stays marked and goes in the next round.

use thiserror::Error;

#[derive(Debug, Error)]
pub enum SyncError {
    /// `[sync]` is missing something, or says something that cannot work.
    #[error("{0}")]
    Settings(String),
    /// The password command failed, or gave nothing.
    #[error("{0}")]
    Password(String),
    /// The server refused the username or password.
    #[error("the server at {url} refused the username or password (HTTP 401)")]
    Unauthorized { url: String },
    /// The server's TLS certificate is not one a trusted root vouches for.
    #[error("the certificate of {url} is not trusted: {detail}")]
    Certificate { url: String, detail: String },
    /// The server could not be reached in time: offline, or not running.
    #[error("could not reach {url}: {detail}")]
    Offline { url: String, detail: String },
    /// The server answered, but not as CalDAV says it should.
    #[error("the server said {0}")]
    Server(String),
    /// An answer larger than any answer softly takes (an endless one, say).
    #[error("the server's answer is too big (over {} MiB): softly stopped reading it", limit / (1024 * 1024))]
    TooBig { url: String, limit: usize },
    /// The round looked wrong and nothing of it was applied (see `breaker.rs`).
    #[error("{}", crate::wording::sync::held(.0))]
    Held(super::held::Held),
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
}

impl SyncError {
    /// The word the app's header has for it.
    pub fn trouble(&self) -> super::report::Trouble {
        use super::report::Trouble;
        match self {
            SyncError::Unauthorized { .. } => Trouble::SignIn,
            SyncError::Password(_) => Trouble::Password,
            SyncError::Settings(_) => Trouble::Settings,
            SyncError::Certificate { .. } => Trouble::Certificate,
            SyncError::Server(_) | SyncError::Offline { .. } | SyncError::TooBig { .. } => {
                Trouble::Server
            }
            SyncError::Store(_) => Trouble::Database,
            SyncError::Held(_) => Trouble::Held,
        }
    }

    /// True when trying again later may work without anyone changing anything.
    pub fn is_transient(&self) -> bool {
        matches!(self, SyncError::Offline { .. })
    }

    /// True when it is the answer that could not be read (too big, not CalDAV's shape),
    /// not the server that could not be reached or refused softly: another request, for
    /// less, may do.
    pub fn is_about_the_answer(&self) -> bool {
        matches!(self, SyncError::Server(_) | SyncError::TooBig { .. })
    }
}
