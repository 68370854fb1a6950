//! The real `softly` binary on temporary databases: output, JSON shapes, exit codes.

#[path = "../common/mod.rs"]
mod common;

use std::path::Path;
use std::process::{Output, Stdio};

use common::cannot_run_here;
use common::cli::{NOBODY, Softly, assert_one_error_line, is_root, softly_command_as};
use common::pty::Pty;
use serde_json::Value;

mod backup;
mod big_files;
mod completion;
mod details;
mod discover;
mod files;
mod lists;
mod purge;
mod taskwarrior;
mod todos;
mod todotxt;
mod trash;

/// The todo (or export row) of a JSON list whose title starts with `title`.
fn by_title(todos: &Value, title: &str) -> Value {
    todos
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["title"].as_str().unwrap().starts_with(title))
        .unwrap_or_else(|| panic!("no todo '{title}' in {todos:#}"))
        .clone()
}

fn keys(v: &Value) -> Vec<&str> {
    let mut k: Vec<&str> = v.as_object().unwrap().keys().map(|k| k.as_str()).collect();
    k.sort();
    k
}

fn assert_file_refused(s: &Softly, expect: &str) {
    let before = std::fs::read(s.db()).unwrap();
    let err = s.fails(1, &["ls"]);
    assert_one_error_line(&err, expect);
    assert!(err.contains(&s.db().display().to_string()), "{err}");
    assert_eq!(std::fs::read(s.db()).unwrap(), before);
}

/// Runs `softly` as `nobody`, so file permissions apply even when the tests run as root.
fn run_unprivileged(s: &Softly, args: &[&str]) -> Output {
    let mut cmd = softly_command_as(NOBODY);
    let base = s.command(&[]);
    for (k, v) in base.get_envs() {
        if let Some(v) = v {
            cmd.env(k, v);
        }
    }
    cmd.args(args).output().unwrap()
}

fn chmod(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

/// Runs `softly args` on a pseudo-terminal, answers its question with `answer`, and returns
/// the exit code and everything it printed.
fn answer_in_a_terminal(s: &Softly, args: &[&str], answer: &str) -> (u32, String) {
    let mut pty = Pty::spawn(args, environment_of(s), s.dir.path(), 100, 24);
    pty.wait_for("[y/N]");
    pty.send(answer);
    let code = pty.wait_exit();
    (code, pty.screen())
}

/// Runs softly in a pseudo-terminal, as a person at one would: the exit code and what it
/// printed.
fn in_a_terminal(s: &Softly, args: &[&str]) -> (u32, String) {
    let mut pty = Pty::spawn(args, environment_of(s), s.dir.path(), 100, 24);
    let code = pty.wait_exit();
    (code, pty.screen())
}

/// The environment `s` runs softly with, for a pseudo-terminal to run it with too.
fn environment_of(s: &Softly) -> Vec<(String, String)> {
    s.command(&[])
        .get_envs()
        .filter_map(|(k, v)| Some((k.to_str()?.to_string(), v?.to_str()?.to_string())))
        .collect()
}

/// A database with a bit of everything: lists, done todos, a trashed todo, a trashed list, and
/// a todo whose list was erased while it sat in the Trash.
fn varied(s: &Softly) {
    s.ok(&["list", "add", "Groceries"]);
    s.ok(&["list", "add", "Work"]);
    s.ok(&["list", "add", "Old"]);
    s.ok(&["add", "milk", "--list", "Groceries"]);
    s.ok(&["add", "report", "--list", "Work"]);
    s.ok(&["add", "call mom"]);
    s.ok(&["add", "gone with its list", "--list", "Old"]);
    s.ok(&["add", "orphan", "--list", "Old"]);
    s.ok(&["done", "2"]);
    s.ok(&["rm", "5"]); // entry 1: a todo of Old, trashed first
    s.ok(&["rm", "3"]); // entry 2
    s.ok(&["list", "rm", "Old"]); // entry 3, with "gone with its list"
    s.ok(&["erase", "3", "--yes"]); // "orphan" loses its list
}

/// An export without its `source` (the id of the database it was made from).
fn without_source(export: &str) -> Value {
    let mut doc: Value = serde_json::from_str(export).unwrap();
    doc.as_object_mut().unwrap().remove("source");
    doc
}

/// `text` (a JSON document) with `edit` applied.
fn edited(text: &str, edit: impl FnOnce(&mut Value)) -> String {
    let mut doc: Value = serde_json::from_str(text).unwrap();
    edit(&mut doc);
    doc.to_string()
}
