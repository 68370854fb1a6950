//! The session: the road one event travels. Event → action (`keymap`, `mouse`) →
//! `App::update` → effect → store (`effects`, one transaction) → reload (`loader`) → the
//! next frame. It owns the store, reads the clock once per event or tick, keeps the undo
//! history, and takes in what the purge worker reports (`purge_schedule`).

use std::sync::Arc;
use std::time::Duration;

use ratatui::crossterm::event::{Event, KeyEvent, KeyEventKind};

pub use super::purge_schedule::TICK;

mod entry_view;
mod purge_reports;
mod sync_reports;

/// How often the event loop looks for a finished background count.
const COUNT_POLL: Duration = Duration::from_millis(5);

use super::action::{Action, Effect, Tab, Written};
use super::app::App;
use super::effects;
use super::effects_more;
use super::keymap::Keymap;
use super::loader::ViewLoader;
use super::mode::Mode;
use super::mouse;
use super::purge_schedule::PurgeSchedule;
use super::stale;
use super::theme::Theme;
use super::ui;
use super::undo::{At, History};
use crate::clock::Clock;
use crate::config::Settings;
use crate::purge::applied_retention;
use crate::retention::Retention;
use crate::store::{Store, StoreError};
use crate::wording::{self, Surface, status};

pub struct Session {
    pub app: App,
    /// Before `store`: its background reads end (and close their connections) before the
    /// store closes its own, so the last connection to close is the app's.
    loader: ViewLoader,
    store: Store,
    clock: Arc<dyn Clock>,
    settings: Settings,
    history: History,
    purges: PurgeSchedule,
    /// Sync's rounds, when `[sync]` is set (see `sync_reports.rs`).
    syncs: Option<super::sync_schedule::SyncSchedule>,
    /// The retention views and purges follow: the configured one, or the longer one in force
    /// before while a shorter configured one waits for the user's yes (see `purge.rs`).
    applied: Retention,
    /// How many times the views were read again in full (counts and all).
    reloads: u64,
}

impl Session {
    /// A session on `store`, showing its data on an 80×24 screen until told otherwise
    /// ([`resize`](Self::resize)). The startup purge is separate
    /// ([`Session::startup_purge`]) so the first frame can be drawn before it runs.
    pub fn new(store: Store, settings: Settings, clock: Arc<dyn Clock>, theme: Theme) -> Self {
        Self::with_size(store, settings, clock, theme, (80, 24))
    }

    /// [`new`](Self::new) for a screen of `(width, height)`: the app passes the terminal's
    /// size, so the rows for the first frame are read once, at the height they are shown.
    pub fn with_size(
        store: Store,
        settings: Settings,
        clock: Arc<dyn Clock>,
        theme: Theme,
        (width, height): (u16, u16),
    ) -> Self {
        let now = clock.now();
        let applied = applied_retention(&store, settings.retention, now)
            .map_or(settings.retention, |(applied, _)| applied);
        let mut app = App::new(now, applied, store.is_read_only(), theme);
        // Checked before the app starts (`cli/launch.rs`), where a bad key is an error.
        app.keymap = Keymap::with_keys(&settings.looks.keys).unwrap_or_default();
        app.damaged = store.is_known_damaged();
        app.remember(&store.view_settings().unwrap_or_default());
        app.update(measure(width, height, &app.keymap));
        let purges = PurgeSchedule::new(
            &store,
            settings.purge_policy(),
            settings.purge_interval,
            now,
        );
        let syncs = sync_reports::schedule(&store, &settings, &clock, &mut app);
        let mut session = Session {
            syncs,
            app,
            loader: ViewLoader::new(!store.is_read_only()),
            store,
            clock,
            settings,
            history: History::default(),
            purges,
            applied,
            reloads: 0,
        };
        session.reload();
        session
    }

    /// Starts the retention purge that every start runs, on its worker, so that a big
    /// backlog never freezes the keys. Until it ends, expired entries are hidden as usual;
    /// [`tick`](Self::tick) picks up the result and says what it erased.
    pub fn startup_purge(&mut self) {
        let now = self.clock.now();
        self.purges.start_startup_purge(now);
    }

    /// Waits for a purge still running, and takes in its result. Called when the app ends,
    /// so a purge is never cut off between its commit and its scrub.
    pub fn finish_purge(&mut self) {
        if let Some(result) = self.purges.finish() {
            self.app.now = self.clock.now();
            self.purge_done(result);
        }
    }

    /// Handles one terminal event.
    pub fn handle_event(&mut self, event: Event) {
        self.app.now = self.clock.now();
        match event {
            Event::Key(key) if key.kind != KeyEventKind::Release => self.key(key),
            Event::Mouse(event) => {
                if let Some(action) = mouse::action_for(&self.app, event) {
                    self.action(action);
                }
            }
            Event::Paste(text) => {
                self.app.handle_paste(&text);
                self.refresh_views();
            }
            Event::Resize(width, height) => self.resize(width, height),
            _ => {}
        }
    }

    /// Handles events that arrived together (fast typing, keys held down), reading the store
    /// once for all the keys typed into the filter rather than once per key: each filter
    /// read can scan every title, and a burst of them used to take a second at 200,000
    /// todos. Other keys are handled one by one, each on the rows the one before left.
    pub fn handle_events(&mut self, events: Vec<Event>) {
        self.app.now = self.clock.now();
        let last = events.len().saturating_sub(1);
        for (i, event) in events.into_iter().enumerate() {
            match event {
                // Typed into the filter, with more to come: the next key changes the filter
                // again, so the view is read after the last one only.
                Event::Key(key)
                    if i < last
                        && key.kind != KeyEventKind::Release
                        && matches!(self.app.mode, Mode::Filter(_)) =>
                {
                    if let Some(effect) = self.app.handle_key(key) {
                        self.perform(effect);
                    }
                }
                event => self.handle_event(event),
            }
        }
    }

    pub fn handle_key(&mut self, key: KeyEvent) {
        self.app.now = self.clock.now();
        self.key(key);
    }

    fn key(&mut self, key: KeyEvent) {
        // Typing the filter needs no total; any other key may move through the view.
        if !matches!(self.app.mode, Mode::Filter(_)) {
            self.settle_counts(true);
        }
        if let Some(effect) = self.app.handle_key(key) {
            self.perform(effect);
        }
        self.ask_pending_question();
        self.ask_about_held_sync();
        self.refresh_views();
    }

    /// Performs an action as if its key had been pressed (a click, say).
    fn action(&mut self, action: Action) {
        self.settle_counts(true);
        if let Some(effect) = self.app.update(action) {
            self.perform(effect);
        }
        self.refresh_views();
    }

    pub fn resize(&mut self, width: u16, height: u16) {
        self.settle_counts(true);
        self.app.update(measure(width, height, &self.app.keymap));
        self.refresh_views();
    }

    /// Time passes: take in a finished purge or start one that fell due, scrub what a reader
    /// kept on disk, notice other writers, age the status line.
    pub fn tick(&mut self) {
        let now = self.clock.now();
        self.app.now = now;
        self.app.update(Action::Tick);
        if let Some(result) = self.purges.tick(now) {
            self.purge_done(result);
        }
        self.sync_tick(now);
        // Text removed earlier (here or by another process) that a reader kept on disk: scrub
        // it as soon as nothing stands in the way. One look-up when nothing is pending, and
        // never a wait.
        if !self.store.is_read_only() {
            let _ = self.store.retry_pending_scrub();
        }
        self.settle_counts(false);
        if self.loader.out_of_date(&self.store, now) {
            self.reload();
        }
    }

    /// How long the event loop may wait for input before the next tick is needed: not
    /// long while a count runs, whose number the screen waits for.
    pub fn next_wake(&self) -> Duration {
        let now = self.clock.now();
        let purges = self.purges.next_wake(now);
        let purges = match &self.syncs {
            Some(syncs) => purges.min(syncs.next_wake(now)),
            None => purges,
        };
        match self.loader.background.running() {
            true => purges.min(COUNT_POLL),
            false => purges,
        }
    }

    /// Takes in the background counts that have finished; with `wait`, all of them (a key
    /// that moves through a view needs its total).
    fn settle_counts(&mut self, wait: bool) {
        if let Err(e) = self
            .loader
            .background
            .settle(&self.store, &mut self.app, wait)
        {
            self.app.complain(status::read_failed(&e));
        }
    }

    /// Performs a write the app asked for; reports success or failure in the status line.
    fn perform(&mut self, effect: Effect) {
        if effect == Effect::MarkAll {
            self.mark_all();
            return;
        }
        if let Effect::ShowEntry(entry) = effect {
            self.show_entry(entry);
            return;
        }
        if let Effect::AnswerHeldSync { apply, key } = effect {
            self.answer_held_sync(apply, &key);
            return;
        }
        let policy = self.settings.purge_policy();
        let now = self.app.now;
        let result = match effects_more::apply(&mut self.store, &effect, policy, now) {
            Some(result) => result,
            None => effects::apply(
                &mut self.store,
                &mut self.history,
                effect,
                &self.app.lists,
                policy,
                At {
                    now,
                    zone: &self.app.zone,
                },
            ),
        };
        match result {
            Ok(applied) if applied.refused.is_some() => {
                self.app.complain(applied.refused.unwrap_or_default());
            }
            Ok(applied) => {
                if let Some(step) = applied.undo {
                    self.history.record(step);
                }
                if let Some(syncs) = &mut self.syncs {
                    syncs.changed_here(now);
                }
                let written = applied.written.unwrap_or(Written::Other);
                self.app.update(Action::Wrote(written));
                if let Some(retention) = applied.retention {
                    self.set_applied(retention);
                }
                self.loader.select_list = applied.select_list;
                if let Some(message) = applied.message {
                    self.app.say(message);
                }
            }
            Err(StoreError::Corrupt(detail)) => self.damaged(&detail),
            Err(e) => {
                let said = wording::store_error(&e, Surface::App, self.store.path());
                self.app.complain(said);
            }
        }
        self.reload();
    }

    /// `V`: marks every row of the view, or none when all are marked already.
    fn mark_all(&mut self) {
        if let Err(e) = super::loader::read_marks(&self.store, &mut self.app, self.applied) {
            self.app.complain(status::read_failed(&e));
        }
    }

    /// Reads everything the screen shows after the data may have changed (a write, a
    /// purge, another process, a new day), then brings any open editor or dialog in line.
    fn reload(&mut self) {
        self.loader.smart_counts_stale = true;
        self.read_views();
    }

    /// Reads everything the screen shows; the smart views' counts only when the data may
    /// have changed since they were read (a filter typed, another list selected: no).
    fn read_views(&mut self) {
        self.reloads += 1;
        match self.loader.reload(&self.store, &mut self.app, self.applied) {
            Ok(()) => {
                self.app.stale = false;
                self.purges.reschedule(&self.store, self.applied);
                stale::follow_changes(&mut self.app, &self.store, self.applied);
            }
            Err(StoreError::Corrupt(detail)) => self.damaged(&detail),
            Err(e) => self.app.complain(status::read_failed(&e)),
        }
    }

    /// Reloads after navigation: counts only when the app marked them stale.
    fn refresh_views(&mut self) {
        let trash_uncounted = self.app.tab == Tab::Trash && self.app.trash_total.is_none();
        if self.app.stale || trash_uncounted {
            self.read_views();
        } else if let Err(e) = self
            .loader
            .load_pages(&self.store, &mut self.app, self.applied)
        {
            self.app.complain(status::read_failed(&e));
        }
    }

    /// The file turned out to be damaged: record it (no process writes to it again), and
    /// from now on every writing key says so.
    fn damaged(&mut self, detail: &str) {
        self.store.note_damage(detail);
        self.app.update(Action::Damaged);
    }

    /// The store, for tests that check what the app wrote.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// How many times the views have been read again in full: what a burst of typing costs
    /// the store, for tests and benchmarks.
    pub fn reloads(&self) -> u64 {
        self.reloads
    }

    /// True while a purge runs on its worker.
    pub fn purging(&self) -> bool {
        self.purges.is_running()
    }
}

/// The app's measures at a terminal size: the layout is `ui`'s to know.
fn measure(width: u16, height: u16, keymap: &Keymap) -> Action {
    Action::Resize {
        width,
        height,
        page_rows: ui::layout(width, height).page_rows(),
        help_scroll_limit: ui::help_scroll_limit(width, height, keymap),
    }
}
