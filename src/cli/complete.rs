//! Completing values as the shell asks for them (clap_complete's dynamic completion): list
//! names, trash entry ids and todo ids, read from the database named by `SOFTLY_DB`, else
//! the default one (a `--db` on the line being completed is not seen: the shell hands over
//! only the word). The shell scripts `softly completions SHELL` prints call back into
//! softly with `COMPLETE=<shell>` for these.

use std::ffi::OsStr;

use clap_complete::engine::{ArgValueCompleter, CompletionCandidate};

use crate::store::Candidates;

/// Answers the shell if it is asking (`COMPLETE` set) and exits; otherwise returns. Runs
/// before anything else writes to stdout.
pub fn answer_the_shell() {
    use clap_complete::env::{Elvish, Fish, Powershell, Shells, Zsh};
    clap_complete::CompleteEnv::with_factory(super::command)
        .bin("softly")
        .shells(Shells(&[
            &super::bash_words::BashWords,
            &Elvish,
            &Fish,
            &Powershell,
            &Zsh,
        ]))
        .complete();
}

/// The database the completions read, if it can be found.
fn candidates() -> Option<Candidates> {
    let path = super::discover::env_path("SOFTLY_DB").or_else(crate::paths::default_db_path)?;
    Candidates::open(&path)
}

fn word(current: &OsStr) -> &str {
    current.to_str().unwrap_or_default()
}

fn list_names(current: &OsStr) -> Vec<CompletionCandidate> {
    let Some(db) = candidates() else {
        return Vec::new();
    };
    // A name another program wrote may hold escapes: the shell prints what it is given.
    db.list_names(word(current))
        .into_iter()
        .map(|name| CompletionCandidate::new(crate::text::display_safe(&name).into_owned()))
        .collect()
}

fn numbered(found: Vec<(i64, String)>) -> Vec<CompletionCandidate> {
    found
        .into_iter()
        .map(|(id, title)| {
            let title = crate::text::display_safe(&title).into_owned();
            CompletionCandidate::new(id.to_string()).help(Some(title.into()))
        })
        .collect()
}

fn entry_ids(current: &OsStr) -> Vec<CompletionCandidate> {
    let Some(db) = candidates() else {
        return Vec::new();
    };
    numbered(db.entries(word(current)))
}

fn todo_ids(current: &OsStr) -> Vec<CompletionCandidate> {
    let Some(db) = candidates() else {
        return Vec::new();
    };
    numbered(db.todos(word(current)))
}

/// For `#[arg(add = …)]`: a live list's name.
pub fn a_list() -> ArgValueCompleter {
    ArgValueCompleter::new(list_names)
}

/// For `#[arg(add = …)]`: a trash entry's id.
pub fn an_entry() -> ArgValueCompleter {
    ArgValueCompleter::new(entry_ids)
}

/// For `#[arg(add = …)]`: a live todo's id.
pub fn a_todo() -> ArgValueCompleter {
    ArgValueCompleter::new(todo_ids)
}
