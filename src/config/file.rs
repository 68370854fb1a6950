//! The config file as written: its shape (every key optional, anything else refused), and
//! its sections read on their own, each value with its line, so that a `[sync]`, `[keys]` or
//! `[theme]` that cannot be used stops only what uses it.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;

use serde::Deserialize;
use serde::de::IgnoredAny;

use super::{ConfigError, ConfigLocation, LookSetting, Looks, Spanned};

/// The file's shape. Every key is optional; anything else is refused. The sections are only
/// tables here: what is in them is read by [`sync_table`] and [`looks`].
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ConfigFile {
    pub retention: Option<Spanned<String>>,
    pub purge_interval: Option<Spanned<String>>,
    #[serde(rename = "keys")]
    _keys: Option<IgnoredAny>,
    #[serde(rename = "theme")]
    _theme: Option<IgnoredAny>,
    #[serde(rename = "sync")]
    _sync: Option<IgnoredAny>,
}

/// `[sync]` alone, as written.
#[derive(Debug, Deserialize)]
struct SyncPart {
    sync: Option<Spanned<crate::sync_config::SyncTable>>,
}

/// `[keys]` and `[theme]` alone, as written.
#[derive(Debug, Deserialize)]
struct LooksPart {
    keys: Option<BTreeMap<String, BTreeMap<String, Spanned<OneOrMore>>>>,
    theme: Option<BTreeMap<String, Spanned<String>>>,
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

/// `[sync]` as written, or where and why it cannot be read.
pub(super) fn sync_table(
    text: &str,
) -> Result<Option<Spanned<crate::sync_config::SyncTable>>, (Range<usize>, String)> {
    toml::from_str::<SyncPart>(text)
        .map(|part| part.sync)
        .map_err(|e| (e.span().unwrap_or(0..0), e.message().trim().to_string()))
}

/// `[keys]` and `[theme]` as written, each setting with its line.
pub(super) fn looks(text: &str, path: &Path) -> Looks {
    let mut looks = Looks {
        path: Some(path.to_path_buf()),
        ..Looks::default()
    };
    let part = match toml::from_str::<LooksPart>(text) {
        Ok(part) => part,
        Err(e) => {
            let line = e.span().map_or(1, |span| line_of(text, span.start));
            looks.broken = Some((line, e.message().trim().to_string()));
            return looks;
        }
    };
    for (context, actions) in part.keys.iter().flatten() {
        for (action, keys) in actions {
            looks.keys.push(LookSetting {
                table: context.clone(),
                name: action.clone(),
                values: keys.get_ref().to_vec(),
                line: line_of(text, keys.span().start),
            });
        }
    }
    for (role, colour) in part.theme.iter().flatten() {
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

pub(super) fn read_file(
    location: &ConfigLocation,
) -> Result<Option<(ConfigFile, String)>, ConfigError> {
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
pub(super) fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}
