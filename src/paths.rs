//! Where softly keeps its files by default: the platform's data and config directories.

use std::path::PathBuf;

use directories::ProjectDirs;

/// The default database path, `softly.db` in the data directory; `None` without a home
/// directory (then the user must name a file with `--db`).
pub fn default_db_path() -> Option<PathBuf> {
    project_dirs().map(|dirs| dirs.data_dir().join("softly.db"))
}

/// The default config path, `config.toml` in the config directory.
pub fn default_config_path() -> Option<PathBuf> {
    project_dirs().map(|dirs| dirs.config_dir().join("config.toml"))
}

fn project_dirs() -> Option<ProjectDirs> {
    ProjectDirs::from("", "", "softly")
}
