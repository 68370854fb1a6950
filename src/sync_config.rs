//! `[sync]` in config.toml: where the CalDAV server is and who signs in. Never the password
//! itself: a command that prints it (`password_command`), or `SOFTLY_SYNC_PASSWORD`.

use jiff::SignedDuration;
use serde::Deserialize;

/// How often the running app syncs when nothing else asks it to.
pub const DEFAULT_SYNC_INTERVAL: SignedDuration = SignedDuration::from_mins(5);

/// The shortest sync interval: a server is not asked more often than this.
pub const MIN_SYNC_INTERVAL: SignedDuration = SignedDuration::from_secs(10);

/// The table as written, each value with where it is (an error names its line). Anything
/// else is refused, with its line.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SyncTable {
    url: Option<toml::Spanned<String>>,
    username: Option<toml::Spanned<String>>,
    password_command: Option<toml::Spanned<String>>,
    /// Refused with a sentence that says what to use instead.
    password: Option<toml::Spanned<String>>,
    inbox: Option<toml::Spanned<String>>,
    sync_interval: Option<toml::Spanned<String>>,
    allow_insecure_http: Option<toml::Spanned<bool>>,
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
    let at = |v: &Option<toml::Spanned<String>>| v.as_ref().map(|v| v.span().start);
    let text = |v: &Option<toml::Spanned<String>>| v.as_ref().map(|v| v.get_ref().clone());
    let url = text(&table.url).unwrap_or_default().trim().to_string();
    if !(url.starts_with("https://") || url.starts_with("http://")) {
        return Err((
            format!(
                "[sync] url must be the server's http:// or https:// address (it is \"{url}\")"
            ),
            at(&table.url),
        ));
    }
    let insecure = table
        .allow_insecure_http
        .as_ref()
        .is_some_and(|a| *a.get_ref());
    check_url(&url, insecure).map_err(|e| (e, at(&table.url)))?;
    let username = text(&table.username).unwrap_or_default();
    if username.trim().is_empty() {
        return Err(("[sync] needs a username".into(), at(&table.username)));
    }
    let interval = match &table.sync_interval {
        None => DEFAULT_SYNC_INTERVAL,
        Some(written) => crate::retention::parse_interval(written.get_ref(), MIN_SYNC_INTERVAL)
            .map_err(|reason| {
                let message =
                    crate::retention::span_error("sync_interval", written.get_ref(), &reason);
                (format!("[sync] {message}"), Some(written.span().start))
            })?,
    };
    let url = if url.ends_with('/') {
        url
    } else {
        format!("{url}/")
    };
    Ok(SyncConfig {
        url,
        username,
        password_command: text(&table.password_command).filter(|c| !c.trim().is_empty()),
        inbox: text(&table.inbox)
            .filter(|n| !n.trim().is_empty())
            .unwrap_or_else(|| "Inbox".into()),
        interval,
    })
}

/// A URL sync may sign in to: no password inside it (it would be kept and shown), and the
/// password not sent in the clear (plain http) but to this machine itself, or where the
/// config says so in words.
fn check_url(url: &str, allow_insecure_http: bool) -> Result<(), String> {
    let uri: http::Uri = url
        .parse()
        .map_err(|e| format!("[sync] url is not a URL: {e}"))?;
    let authority = uri.authority().map(|a| a.as_str()).unwrap_or("");
    if authority.contains('@') {
        return Err(
            "[sync] url must not hold a user name or password (`user:pass@`): \
                    set username, and password_command or SOFTLY_SYNC_PASSWORD"
                .into(),
        );
    }
    let host = uri.host().unwrap_or("").trim_matches(['[', ']']);
    let loopback = host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback());
    if uri.scheme_str() == Some("http") && !loopback && !allow_insecure_http {
        return Err(format!(
            "[sync] url is plain http:// to another machine ({host}): the password would cross \
             the network in the clear. Use https://, or set allow_insecure_http = true in [sync] \
             if this network is yours alone"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(text: &str) -> SyncTable {
        toml::from_str(text).unwrap()
    }

    #[test]
    fn a_table_with_the_essentials_gets_the_defaults() {
        let c = check(table(
            "url = \"https://dav.example.com\"\nusername = \"me\"",
        ))
        .unwrap();
        assert_eq!(c.url, "https://dav.example.com/", "a slash ends it");
        assert_eq!(c.inbox, "Inbox");
        assert_eq!(c.interval, DEFAULT_SYNC_INTERVAL);
        assert_eq!(c.password_command, None);
        let c = check(table(
            "url = \"http://127.0.0.1:5232/\"\nusername = \"me\"\nsync_interval = \"5min\"",
        ))
        .unwrap();
        assert_eq!(c.interval, SignedDuration::from_mins(5));
    }

    #[test]
    fn what_cannot_work_is_refused_in_words() {
        let err = |text: &str| check(table(text)).unwrap_err().0;
        assert!(err("username = \"me\"").contains("url must be the server's http:// or https://"));
        assert!(err("url = \"ftp://h/\"\nusername = \"me\"").contains("(it is \"ftp://h/\")"));
        assert!(err("url = \"https://h/\"").contains("needs a username"));
        assert!(
            err("url = \"https://h/\"\nusername = \"me\"\nsync_interval = \"2s\"")
                .contains("invalid sync_interval \"2s\": it must be at least 10 seconds")
        );
        let (message, at) = check(table(
            "url = \"https://h/\"\nusername = \"me\"\npassword = \"x\"",
        ))
        .unwrap_err();
        assert!(message.contains("must not hold the password"), "{message}");
        assert!(at.is_some(), "it points at the password");
    }

    #[test]
    fn a_password_never_crosses_a_network_in_the_clear_nor_sits_in_the_url() {
        let err = |text: &str| check(table(text)).unwrap_err().0;
        let plain = err("url = \"http://dav.example.com/\"\nusername = \"me\"");
        assert!(
            plain.contains("plain http:// to another machine (dav.example.com)"),
            "{plain}"
        );
        assert!(plain.contains("allow_insecure_http = true"), "{plain}");
        let inside = err("url = \"https://me:hunter2@dav.example.com/\"\nusername = \"me\"");
        assert!(
            inside.contains("must not hold a user name or password"),
            "{inside}"
        );
        assert!(
            !inside.contains("hunter2"),
            "the password is not repeated: {inside}"
        );
        for fine in [
            "url = \"http://127.0.0.1:5232/\"\nusername = \"me\"",
            "url = \"http://localhost:5232/\"\nusername = \"me\"",
            "url = \"http://[::1]:5232/\"\nusername = \"me\"",
            "url = \"http://nas.lan/\"\nusername = \"me\"\nallow_insecure_http = true",
            "url = \"https://dav.example.com/\"\nusername = \"me\"",
        ] {
            assert!(check(table(fine)).is_ok(), "{fine}");
        }
    }
}
