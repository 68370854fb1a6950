//! What is said of the config file's settings.

use std::path::Path;

/// A setting of the config file that cannot be used: the file, its line, and why.
pub fn config_line(path: Option<&Path>, line: usize, message: &str) -> String {
    match path {
        Some(path) => format!("{}, line {line}: {message}", path.display()),
        None => format!("config, line {line}: {message}"),
    }
}

/// A section of the config file that cannot be used, said by a command that does not use it.
pub fn section_ignored(section: &str, why: &str) -> String {
    format!("warning: {section} cannot be used, and this command does without it: {why}")
}
