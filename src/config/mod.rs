//! `config.toml`: the user's settings. Unknown keys are errors, so a typo never silently
//! falls back to a default. The file's shape and its sections are read in `file.rs`.

mod file;

use std::path::PathBuf;

use thiserror::Error;

use jiff::SignedDuration;

use crate::purge::Policy;
use crate::retention::{DEFAULT_RETENTION, Retention, RetentionError, span_error};

/// How often the running app purges even when no entry is due: a safety net under the
/// purge it schedules for the moment the next entry expires.
pub const DEFAULT_PURGE_INTERVAL: SignedDuration = SignedDuration::from_mins(5);

/// The shortest purge interval.
pub const MIN_PURGE_INTERVAL: SignedDuration = SignedDuration::from_secs(1);

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
    /// `[sync]`, checked; `None` when the file has none (then nothing touches the network)
    /// or it cannot be used.
    pub sync: Option<crate::sync_config::SyncConfig>,
    /// Why `[sync]` cannot be used (with the file and line): `softly sync` and the app
    /// refuse with it; other commands say it in one warning line and carry on.
    pub sync_broken: Option<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            retention: DEFAULT_RETENTION,
            retention_this_run_only: false,
            purge_interval: DEFAULT_PURGE_INTERVAL,
            looks: Looks::default(),
            sync: None,
            sync_broken: None,
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
    /// `[keys]` or `[theme]` not even of the right shape: the line and what is wrong.
    pub broken: Option<(usize, String)>,
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

/// Reads the settings: defaults, then the config file (if any), then `--retention`. A
/// `[sync]`, `[keys]` or `[theme]` that cannot be used is kept as its error (`sync_broken`,
/// `looks.broken`) for what uses it to refuse, so the rest of softly still works.
pub fn load_settings(
    location: Option<&ConfigLocation>,
    retention_flag: Option<&str>,
) -> Result<Settings, ConfigError> {
    let mut settings = Settings::default();
    if let Some(location) = location
        && let Some((file, text)) = file::read_file(location)?
    {
        let path = &location.path;
        let at = |span: std::ops::Range<usize>, message: String| ConfigError::Parse {
            path: path.clone(),
            line: file::line_of(&text, span.start),
            message,
        };
        let span_setting = |key: &str, written: &Spanned<String>, reason: &RetentionError| {
            at(written.span(), span_error(key, written.get_ref(), reason))
        };
        if let Some(written) = &file.retention {
            settings.retention = crate::retention::parse_retention(written.get_ref())
                .map_err(|reason| span_setting("retention", written, &reason))?;
        }
        if let Some(written) = &file.purge_interval {
            settings.purge_interval =
                crate::retention::parse_interval(written.get_ref(), MIN_PURGE_INTERVAL)
                    .map_err(|reason| span_setting("purge_interval", written, &reason))?;
        }
        settings.looks = file::looks(&text, path);
        match file::sync_table(&text) {
            Ok(None) => {}
            Ok(Some(table)) => {
                let start = table.span().start;
                match crate::sync_config::check(table.into_inner()) {
                    Ok(sync) => settings.sync = Some(sync),
                    Err((message, place)) => {
                        let err = at(place.unwrap_or(start)..start, message);
                        settings.sync_broken = Some(err.to_string());
                    }
                }
            }
            Err((span, message)) => settings.sync_broken = Some(at(span, message).to_string()),
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
        assert!(
            err.ends_with(
                "config.toml, line 1: invalid retention \"0d\": it must be longer than zero"
            ),
            "{err}"
        );

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
                err.contains(&format!("line 1: invalid purge_interval \"{bad}\": ")),
                "{err}"
            );
        }
    }

    /// Every span setting reads by one set of rules, in one wording, naming its own line.
    #[test]
    fn every_span_setting_reads_alike_and_names_its_line() {
        for (key, line) in [("retention", 3), ("purge_interval", 3)] {
            let (_dir, location) = with_file(&format!("# mine\n\n{key} = \"5m\"\n"));
            let err = load_settings(Some(&location), None)
                .unwrap_err()
                .to_string();
            assert!(
                err.contains(&format!(
                    "line {line}: invalid {key} \"5m\": \"m\" could mean"
                )),
                "{err}"
            );
        }
        let (_dir, location) = with_file(
            "[sync]\nurl = \"http://127.0.0.1:1/\"\nusername = \"me\"\n\nsync_interval = \"5m\"\n",
        );
        let settings = load_settings(Some(&location), None).unwrap();
        let broken = settings.sync_broken.unwrap();
        assert!(
            broken.contains("line 5: [sync] invalid sync_interval \"5m\": \"m\" could mean"),
            "{broken}"
        );
        let (_dir, location) = with_file("purge_interval = \"5min\"\n");
        let settings = load_settings(Some(&location), None).unwrap();
        assert_eq!(settings.purge_interval, SignedDuration::from_mins(5));
    }

    /// A `[sync]` error names the line of the key at fault, not the table's.
    #[test]
    fn a_sync_error_names_the_line_of_its_key() {
        let (_dir, location) =
            with_file("retention = \"30d\"\n\n[sync]\nusername = \"me\"\n\nurl = \"ftp://x\"\n");
        let settings = load_settings(Some(&location), None).unwrap();
        assert!(settings.sync.is_none());
        let broken = settings.sync_broken.unwrap();
        assert!(
            broken.contains("config.toml, line 6: [sync] url must be"),
            "{broken}"
        );
        let (_dir, location) = with_file("[sync]\nurl = \"https://x/\"\nusernme = \"me\"\n");
        let broken = load_settings(Some(&location), None)
            .unwrap()
            .sync_broken
            .unwrap();
        assert!(
            broken.contains("line 3") && broken.contains("usernme"),
            "{broken}"
        );
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
