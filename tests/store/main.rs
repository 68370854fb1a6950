//! The deletion model, on temporary databases with explicit times.

#[path = "../common/mod.rs"]
mod common;

use common::*;
use softly::purge::purge_expired;
use softly::retention::Retention;
use softly::store::{
    EntryKind, LogReason, RestoreNote, Store, StoreError, TodoId, TodoScope, Trigger,
};

use softly::store::{Page, Seek};

mod details;
mod erase;
mod filter;
mod import;
mod open;
mod pages;
mod purge;
mod restore;
mod streaming;
mod todos;
mod trash;

fn titles(store: &Store, scope: TodoScope) -> Vec<String> {
    store
        .live_todos(scope)
        .unwrap()
        .into_iter()
        .map(|t| t.title)
        .collect()
}

fn thirty_days() -> Retention {
    "30d".parse().unwrap()
}

fn assert_refused_untouched(path: &std::path::Path, expect_in_message: &[&str]) {
    let before = std::fs::read(path).unwrap();
    let err = match Store::open(path) {
        Ok(_) => panic!("{} should have been refused", path.display()),
        Err(e) => e.to_string(),
    };
    for part in expect_in_message {
        assert!(err.contains(part), "{err:?} should mention {part:?}");
    }
    assert!(err.contains(&path.display().to_string()), "{err}");
    assert_eq!(std::fs::read(path).unwrap(), before, "the file was changed");
    let wal = path.with_extension("db-wal");
    assert!(!wal.exists() || std::fs::metadata(&wal).unwrap().len() == 0);
}
