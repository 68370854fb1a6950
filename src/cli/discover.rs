//! Commands about softly itself, which need no database: where its files are (`paths`), a
//! shell's completion script (clap_complete), and the manual page (clap_mangen). Also the
//! help's default paths, as this machine resolves them.

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::output::print_json;
use super::{Cli, CliError, Outcome};
use crate::paths;
use crate::wording::command_line;

/// An environment variable naming a path; unset and empty are the same.
pub(super) fn env_path(name: &str) -> Option<PathBuf> {
    std::env::var_os(name)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}

/// Where a path came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub(super) enum From {
    Flag,
    Environment,
    Default,
}

/// The database and config paths a command line names, and where each came from; `None`
/// for a default that cannot be found (no home directory).
pub(super) fn resolved(
    flag: Option<&Path>,
    variable: &str,
    default: Option<PathBuf>,
) -> Option<(PathBuf, From)> {
    match (flag, env_path(variable)) {
        (Some(path), _) => Some((path.to_path_buf(), From::Flag)),
        (None, Some(path)) => Some((path, From::Environment)),
        (None, None) => default.map(|path| (path, From::Default)),
    }
}

#[derive(Serialize)]
struct Paths {
    database: Option<PathBuf>,
    database_from: Option<From>,
    database_exists: bool,
    config: Option<PathBuf>,
    config_from: Option<From>,
    config_exists: bool,
    data_dir: Option<PathBuf>,
    config_dir: Option<PathBuf>,
}

/// `softly paths`: the files this command line would use, and the default directories.
pub(super) fn paths(cli: &Cli, json: bool) -> Result<Outcome, CliError> {
    let db = resolved(cli.db.as_deref(), "SOFTLY_DB", paths::default_db_path());
    let config = resolved(
        cli.config.as_deref(),
        "SOFTLY_CONFIG",
        paths::default_config_path(),
    );
    let found = Paths {
        database_exists: db.as_ref().is_some_and(|(p, _)| p.exists()),
        database: db.as_ref().map(|(p, _)| p.clone()),
        database_from: db.map(|(_, from)| from),
        config_exists: config.as_ref().is_some_and(|(p, _)| p.exists()),
        config: config.as_ref().map(|(p, _)| p.clone()),
        config_from: config.map(|(_, from)| from),
        data_dir: paths::default_db_path().and_then(|p| p.parent().map(Path::to_path_buf)),
        config_dir: paths::default_config_path().and_then(|p| p.parent().map(Path::to_path_buf)),
    };
    if json {
        print_json(&found);
        return Ok(Outcome::Done);
    }
    let line = |what: &str, path: &Option<PathBuf>, from: Option<From>, exists: Option<bool>| {
        let path = path
            .as_ref()
            .map_or(command_line::NO_HOME_PATH.to_string(), |p| {
                crate::text::display_safe(&p.to_string_lossy()).into_owned()
            });
        println!(
            "{}",
            command_line::path_line(what, &path, from.map(from_words), exists)
        );
    };
    line(
        "database",
        &found.database,
        found.database_from,
        Some(found.database_exists),
    );
    line(
        "config",
        &found.config,
        found.config_from,
        Some(found.config_exists),
    );
    line("data dir", &found.data_dir, None, None);
    line("config dir", &found.config_dir, None, None);
    println!("{}", command_line::PURGE_LOG_LIVES_IN_THE_DATABASE);
    Ok(Outcome::Done)
}

fn from_words(from: From) -> &'static str {
    match from {
        From::Flag => "from --db/--config",
        From::Environment => "from the environment",
        From::Default => "the default",
    }
}

/// `softly completions SHELL`: the shell's completion script, on standard output.
pub(super) fn completions(shell: clap_complete::Shell) -> Result<Outcome, CliError> {
    // The script clap_complete writes for a shell that asks this very program (with
    // `COMPLETE=<shell>` set, see `complete.rs`), so that list names and ids complete
    // from the database as it is when Tab is pressed.
    let failed = |e: std::io::Error| CliError::new(command_line::cannot_write("the script", &e));
    let program = std::env::current_exe().map_err(failed)?;
    let script = std::process::Command::new(program)
        .env("COMPLETE", shell.to_string())
        .env_remove("SOFTLY_NOW")
        .output()
        .map_err(failed)?;
    std::io::Write::write_all(&mut std::io::stdout(), &script.stdout).map_err(failed)?;
    Ok(Outcome::Done)
}

/// `softly man`: the manual page on standard output: softly itself, then every command
/// (`softly list add` too) with its synopsis, description and options.
pub(super) fn man() -> Result<Outcome, CliError> {
    let failed =
        |e: std::io::Error| CliError::new(command_line::cannot_write("the manual page", &e));
    let command = super::command();
    let mut page = Vec::new();
    // The page's own sections, and its commands listed here rather than as softly-add(1)
    // and the like: there is one page, and each command has its section below.
    let man = clap_mangen::Man::new(command.clone());
    man.render_title(&mut page).map_err(failed)?;
    man.render_name_section(&mut page).map_err(failed)?;
    man.render_synopsis_section(&mut page).map_err(failed)?;
    man.render_description_section(&mut page).map_err(failed)?;
    man.render_options_section(&mut page).map_err(failed)?;
    let mut commands = Vec::new();
    every_command(&command, "softly", &mut commands);
    page.extend_from_slice(b".SH COMMANDS\nEach has a section of its own below.\n");
    for (name, sub) in &commands {
        let about = sub.get_about().map(|a| a.to_string()).unwrap_or_default();
        let about = about.replace('\\', "\\e").replace('-', "\\-");
        page.extend_from_slice(format!(".TP\n\\fB{name}\\fR\n{about}\n").as_bytes());
    }
    for (name, sub) in commands {
        page.extend_from_slice(format!(".SH \"{}\"\n", name.to_uppercase()).as_bytes());
        let man = clap_mangen::Man::new(sub.name(name));
        man.render_synopsis_section(&mut page).map_err(failed)?;
        man.render_description_section(&mut page).map_err(failed)?;
        man.render_options_section(&mut page).map_err(failed)?;
    }
    std::io::Write::write_all(&mut std::io::stdout(), &page).map_err(failed)?;
    Ok(Outcome::Done)
}

/// Every command under `command`, named in full ("softly list add"), depth first.
fn every_command(command: &clap::Command, name: &str, found: &mut Vec<(String, clap::Command)>) {
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        let full = format!("{name} {}", sub.get_name());
        found.push((full.clone(), sub.clone()));
        every_command(sub, &full, found);
    }
}

/// `command` with `--db` and `--config`'s help naming the paths this machine resolves.
pub(super) fn with_resolved_paths(command: clap::Command) -> clap::Command {
    let shown = |path: Option<PathBuf>| {
        path.map_or(command_line::NO_HOME_PATH.to_string(), |p| {
            p.display().to_string()
        })
    };
    let db = shown(paths::default_db_path());
    let config = shown(paths::default_config_path());
    command
        .mut_arg("db", |a| a.help(command_line::db_flag_help(&db)))
        .mut_arg("config", |a| {
            a.help(command_line::config_flag_help(&config))
        })
}
