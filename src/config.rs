//! `config.toml`: the user's settings. Unknown keys are errors, so a typo never silently
//! falls back to a default.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Deserialize;
use thiserror::Error;

use jiff::SignedDuration;

use crate::purge::Policy;
use crate::retention::{DEFAULT_RETENTION, Retention, RetentionError};

/// How often the running app purges even when no entry is due: a safety net under the
/// purge it schedules for the moment the next entry expires.
pub const DEFAULT_PURGE_INTERVAL: SignedDuration = SignedDuration::from_mins(5);

/// The settings in effect, after defaults, the config file and command-line flags.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    pub retention: Retention,
    /// True when `retention` was given on the command line, for this run only.
    pub retention_this_run_only: bool,
    pub purge_interval: SignedDuration,
    /// `[keys]` and `[theme]` as written, for the app to check and apply (`tui/keymap`,
    /// `tui/theme.rs`): what they mean is the app's to say.
    pub looks: Looks,
    /// `[sync]`, checked; `None` when the file has none (then nothing touches the network).
    pub sync: Option<crate::sync_config::SyncConfig>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            retention: DEFAULT_RETENTION,
            retention_this_run_only: false,
            purge_interval: DEFAULT_PURGE_INTERVAL,
            looks: Looks::default(),
            sync: None,
        }
    }
}

/// The app's keys and colours as the config file writes them, each with its line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Looks {
    /// The file they came from, for messages.
    pub path: Option<PathBuf>,
    /// `[keys.CONTEXT] action = ["key", …]`.
    pub keys: Vec<LookSetting>,
    /// `[theme] role = "colour"`, and `preset = "light"`.
    pub theme: Vec<LookSetting>,
}

/// One setting of `[keys]` or `[theme]`: where (the context, for keys), what, the values
/// and the line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LookSetting {
    pub table: String,
    pub name: String,
    pub values: Vec<String>,
    pub line: usize,
}

/// One key or several.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum OneOrMore {
    One(String),
    More(Vec<String>),
}

impl OneOrMore {
    fn to_vec(&self) -> Vec<String> {
        match self {
            OneOrMore::One(one) => vec![one.clone()],
            OneOrMore::More(more) => more.clone(),
        }
    }
}

type Spanned<T> = toml::Spanned<T>;

impl Settings {
    /// The retention purges are asked to follow (see `purge::Policy`).
    pub fn purge_policy(&self) -> Policy {
        Policy {
            retention: self.retention,
            this_run_only: self.retention_this_run_only,
        }
    }
}

/// The file's shape. Every key is optional; anything else is refused.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    retention: Option<String>,
    purge_interval: Option<String>,
    keys: Option<BTreeMap<String, BTreeMap<String, Spanned<OneOrMore>>>>,
    theme: Option<BTreeMap<String, Spanned<String>>>,
    sync: Option<Spanned<crate::sync_config::SyncTable>>,
}

/// Where a setting came from, for error messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SettingSource {
    File(PathBuf),
    Flag(&'static str),
}

impl std::fmt::Display for SettingSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SettingSource::File(path) => write!(f, "in {}", path.display()),
            SettingSource::Flag(flag) => write!(f, "given by {flag}"),
        }
    }
}

/// Why the settings could not be read.
#[derive(Debug, Error)]
pub enum ConfigError {
    #[error("cannot read the config file {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}, line {line}: {message}")]
    Parse {
        path: PathBuf,
        line: usize,
        message: String,
    },
    #[error("invalid {key} \"{value}\" {origin}: {reason}")]
    Span {
        key: &'static str,
        value: String,
        origin: SettingSource,
        reason: RetentionError,
    },
}

/// Where to look for the config file, and whether it must exist.
#[derive(Debug, Clone)]
pub struct ConfigLocation {
    pub path: PathBuf,
    /// True when the user named the file (`--config`, `SOFTLY_CONFIG`): then it must exist.
    /// The default location may simply have no file yet.
    pub required: bool,
}

/// Reads the settings: defaults, then the config file (if any), then `--retention`.
pub fn load_settings(
    location: Option<&ConfigLocation>,
    retention_flag: Option<&str>,
) -> Result<Settings, ConfigError> {
    let mut settings = Settings::default();
    if let Some(location) = location
        && let Some((file, text)) = read_file(location)?
    {
        let origin = || SettingSource::File(location.path.clone());
        settings.looks = looks(&file, &text, &location.path);
        if let Some(value) = file.retention {
            settings.retention = parse_retention(&value, origin())?;
        }
        if let Some(value) = file.purge_interval {
            settings.purge_interval = parse_interval(&value, origin())?;
        }
        if let Some(table) = file.sync {
            let start = table.span().start;
            let checked = crate::sync_config::check(table.into_inner());
            settings.sync = Some(checked.map_err(|(message, at)| ConfigError::Parse {
                path: location.path.clone(),
                line: line_of(&text, at.unwrap_or(start)),
                message,
            })?);
        }
    }
    if let Some(value) = retention_flag {
        settings.retention = parse_retention(value, SettingSource::Flag("--retention"))?;
        settings.retention_this_run_only = true;
    }
    Ok(settings)
}

fn parse_retention(value: &str, origin: SettingSource) -> Result<Retention, ConfigError> {
    crate::retention::parse_retention(value).map_err(|reason| ConfigError::Span {
        key: "retention",
        value: value.to_string(),
        origin,
        reason,
    })
}

/// The purge interval is a span like the retention, but it cannot be "never".
fn parse_interval(value: &str, origin: SettingSource) -> Result<SignedDuration, ConfigError> {
    let error = |reason| ConfigError::Span {
        key: "purge_interval",
        value: value.to_string(),
        origin: origin.clone(),
        reason,
    };
    match value.parse::<Retention>().map_err(error)? {
        Retention::After(span) => Ok(span),
        Retention::Never => Err(error(RetentionError::Unreadable)),
    }
}

/// `[keys]` and `[theme]` as written, each setting with its line.
fn looks(file: &ConfigFile, text: &str, path: &std::path::Path) -> Looks {
    let mut looks = Looks {
        path: Some(path.to_path_buf()),
        ..Looks::default()
    };
    for (context, actions) in file.keys.iter().flatten() {
        for (action, keys) in actions {
            looks.keys.push(LookSetting {
                table: context.clone(),
                name: action.clone(),
                values: keys.get_ref().to_vec(),
                line: line_of(text, keys.span().start),
            });
        }
    }
    for (role, colour) in file.theme.iter().flatten() {
        looks.theme.push(LookSetting {
            table: "theme".into(),
            name: role.clone(),
            values: vec![colour.get_ref().clone()],
            line: line_of(text, colour.span().start),
        });
    }
    looks.keys.sort_by_key(|w| w.line);
    looks.theme.sort_by_key(|w| w.line);
    looks
}

fn read_file(location: &ConfigLocation) -> Result<Option<(ConfigFile, String)>, ConfigError> {
    let path = &location.path;
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !location.required => {
            return Ok(None);
        }
        Err(source) => {
            return Err(ConfigError::Read {
                path: path.clone(),
                source,
            });
        }
    };
    toml::from_str(&text)
        .map(|file| Some((file, text.clone())))
        .map_err(|e| ConfigError::Parse {
            path: path.clone(),
            line: e.span().map(|span| line_of(&text, span.start)).unwrap_or(1),
            message: e.message().trim().to_string(),
        })
}

/// The 1-based line number of byte `offset` in `text`.
fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    fn required(path: &Path) -> ConfigLocation {
        ConfigLocation {
            path: path.to_path_buf(),
            required: true,
        }
    }

    fn with_file(contents: &str) -> (tempfile::TempDir, ConfigLocation) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(&path, contents).unwrap();
        (dir, required(&path))
    }

    #[test]
    fn no_file_at_the_default_location_means_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let location = ConfigLocation {
            path: dir.path().join("config.toml"),
            required: false,
        };
        assert_eq!(
            load_settings(Some(&location), None).unwrap(),
            Settings::default()
        );
    }

    #[test]
    fn a_named_config_file_that_does_not_exist_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let err = load_settings(Some(&required(&dir.path().join("nope.toml"))), None).unwrap_err();
        assert!(err.to_string().contains("nope.toml"), "{err}");
    }

    #[test]
    fn retention_comes_from_the_file_and_the_flag_overrides_it() {
        let (_dir, location) = with_file("retention = \"12h\"\n");
        let from_file = load_settings(Some(&location), None).unwrap();
        assert_eq!(from_file.retention, "12h".parse().unwrap());
        let flagged = load_settings(Some(&location), Some("never")).unwrap();
        assert_eq!(flagged.retention, Retention::Never);
    }

    #[test]
    fn a_bad_retention_names_the_value_and_where_it_came_from() {
        let (_dir, location) = with_file("retention = \"0d\"\n");
        let err = load_settings(Some(&location), None)
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("invalid retention \"0d\" in "), "{err}");
        assert!(err.contains("config.toml"), "{err}");

        let err = load_settings(None, Some("-3d")).unwrap_err().to_string();
        assert_eq!(
            err,
            "invalid retention \"-3d\" given by --retention: it must be longer than zero"
        );
    }

    #[test]
    fn an_unknown_key_is_an_error_naming_the_file_line_and_key() {
        let (_dir, location) = with_file("# settings\nretension = \"30d\"\n");
        let err = load_settings(Some(&location), None)
            .unwrap_err()
            .to_string();
        assert!(err.contains("config.toml, line 2"), "{err}");
        assert!(err.contains("retension"), "{err}");
        assert!(!err.contains('\n'), "one line: {err}");
    }

    #[test]
    fn the_example_config_in_assets_is_valid_and_matches_the_defaults() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/config.example.toml");
        let mut example = load_settings(Some(&required(&path)), None).unwrap();
        example.looks.path = None;
        assert_eq!(example, Settings::default());
    }

    #[test]
    fn the_purge_interval_is_a_positive_span() {
        let (_dir, location) = with_file("purge_interval = \"30s\"\n");
        let settings = load_settings(Some(&location), None).unwrap();
        assert_eq!(settings.purge_interval, SignedDuration::from_secs(30));
        for bad in ["never", "0s", "often"] {
            let (_dir, location) = with_file(&format!("purge_interval = \"{bad}\"\n"));
            let err = load_settings(Some(&location), None)
                .unwrap_err()
                .to_string();
            assert!(
                err.starts_with(&format!("invalid purge_interval \"{bad}\" in ")),
                "{err}"
            );
        }
    }

    #[test]
    fn a_value_of_the_wrong_type_is_an_error() {
        let (_dir, location) = with_file("retention = 30\n");
        let err = load_settings(Some(&location), None)
            .unwrap_err()
            .to_string();
        assert!(err.contains("line 1"), "{err}");
    }
}
