//! The full-screen app: state (`app`), keys (`keymap`), drawing (`ui`), the session that
//! connects them to the store and the clock, and the terminal it runs in.

pub mod action;
pub mod app;
pub mod demo;
pub mod editor;
pub mod keymap;
mod purge_worker;
pub mod run;
pub mod session;
mod stale;
mod terminal;
pub mod theme;
pub mod ui;
mod undo;
