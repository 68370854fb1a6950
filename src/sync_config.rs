//! `[sync]` in config.toml: where the CalDAV server is and who signs in. Never the password
//! itself: a command that prints it (`password_command`), or `SOFTLY_SYNC_PASSWORD`.

use jiff::SignedDuration;
use serde::Deserialize;

use crate::retention::Retention;

/// How often the running app syncs when nothing else asks it to.
pub const DEFAULT_SYNC_INTERVAL: SignedDuration = SignedDuration::from_mins(5);

/// The table as written. Anything else is refused, with its line.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SyncTable {
    url: Option<String>,
    username: Option<String>,
    password_command: Option<String>,
    /// Refused with a sentence that says what to use instead.
    password: Option<toml::Spanned<String>>,
    inbox: Option<String>,
    interval: Option<String>,
}

/// Sync's settings, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncConfig {
    /// The server, or the user's calendar home on it (`https://dav.example.com/`).
    pub url: String,
    pub username: String,
    /// Run by `sh -c`; its output (without the final newline) is the password.
    pub password_command: Option<String>,
    /// The display name of the collection the Inbox is.
    pub inbox: String,
    pub interval: SignedDuration,
}

/// Checks the table; an error is a sentence and, where it has one, the byte it points at.
pub(crate) fn check(table: SyncTable) -> Result<SyncConfig, (String, Option<usize>)> {
    if let Some(password) = table.password {
        return Err((
            "[sync] must not hold the password: set password_command (a command that prints it) \
             or the environment variable SOFTLY_SYNC_PASSWORD"
                .into(),
            Some(password.span().start),
        ));
    }
    let url = table.url.unwrap_or_default().trim().to_string();
    if !(url.starts_with("https://") || url.starts_with("http://")) {
        return Err((
            format!(
                "[sync] url must be the server's http:// or https:// address (it is \"{url}\")"
            ),
            None,
        ));
    }
    let username = table.username.unwrap_or_default();
    if username.trim().is_empty() {
        return Err(("[sync] needs a username".into(), None));
    }
    let interval = match table.interval.as_deref().map(str::parse::<Retention>) {
        None => DEFAULT_SYNC_INTERVAL,
        Some(Ok(Retention::After(span))) if span >= SignedDuration::from_secs(10) => span,
        Some(_) => {
            return Err((
                format!(
                    "[sync] interval \"{}\" is not a time of 10s or more, like 5m or 1h",
                    table.interval.unwrap_or_default()
                ),
                None,
            ));
        }
    };
    let url = if url.ends_with('/') {
        url
    } else {
        format!("{url}/")
    };
    Ok(SyncConfig {
        url,
        username,
        password_command: table.password_command.filter(|c| !c.trim().is_empty()),
        inbox: table
            .inbox
            .filter(|n| !n.trim().is_empty())
            .unwrap_or_else(|| "Inbox".into()),
        interval,
    })
}
