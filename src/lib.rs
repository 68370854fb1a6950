//! softly: a terminal todo app where nothing is ever lost by accident.
//!
//! Deleting moves things to a Trash; the Trash is purged after a retention window. The
//! modules are public so that `tests/` can drive them directly.

pub mod backup;
pub mod cli;
pub mod clock;
pub mod config;
pub mod crash_point;
pub mod fields;
pub mod files;
pub mod interchange;
pub mod paths;
pub mod purge;
pub mod retention;
pub mod store;
pub mod sync;
pub mod sync_config;
pub mod text;
pub mod tui;
pub mod when;
pub mod wording;
