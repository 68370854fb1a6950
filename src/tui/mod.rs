//! The full-screen app. One keystroke travels: `session` (the road) → `keymap` or `mouse`
//! (event → [`action::Action`]) → `app` (`App::update`, pure state) → `effects` (one write
//! in the store) → `loader` (reads what the screen shows) → `ui` (draws `&App`). Purges run
//! on a worker (`purge_schedule`); `undo` keeps the history; `stale` keeps open dialogs
//! honest after other programs' writes; `run` and `terminal` own the real terminal.

pub mod action;
pub mod app;
mod applied;
mod background_reads;
pub mod demo;
mod details;
pub mod editor;
mod effects;
mod effects_more;
pub mod event_loop;
pub mod keymap;
mod loader;
mod marked_changes;
mod marks;
pub mod mode;
mod mouse;
mod purge_schedule;
mod row_actions;
pub mod session;
mod stale;
mod sync_schedule;
mod terminal;
pub mod theme;
pub mod todo_view;
pub mod ui;
mod undo;
mod update;
pub mod view;
