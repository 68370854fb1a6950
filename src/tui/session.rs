//! The session: the app's state joined to the store and the clock. It turns events into
//! actions, performs the resulting writes (each one transaction), keeps the undo history,
//! reloads what the screen shows, and runs the purge when it falls due.

use std::sync::Arc;
use std::time::Duration;

use jiff::{SignedDuration, Timestamp};
use ratatui::crossterm::event::{
    Event, KeyEvent, KeyEventKind, MouseButton, MouseEvent, MouseEventKind,
};

use super::action::{Action, Pane, Tab};
use super::app::{App, Confirm, Confirmed, EditTarget, Effect, Item, ListRow, Mode, Window};
use super::purge_worker::PurgeWorker;
use super::stale;
use super::theme::Theme;
use super::ui;
use super::undo::{Blocked, Change, Direction, History};
use crate::clock::Clock;
use crate::config::Settings;
use crate::purge::{
    HeldBack, PurgeReport, accept_retention, applied_retention, next_purge_at, purge_expired,
};
use crate::retention::Retention;
use crate::store::{
    EntryKind, EraseOutcome, ListId, Page, RestoreNote, RestoredEntry, RowKey, Seek, Store,
    StoreError, Todo, TodoScope, TrashEntry, Trigger,
};
use crate::text::{clean_title, count, display_safe};

/// How long a status message stays.
const STATUS_LIFETIME: SignedDuration = SignedDuration::from_secs(8);
/// How long the timed purge waits after finding the database locked.
const PURGE_BACKOFF: SignedDuration = SignedDuration::from_secs(10);
/// The longest the event loop sleeps: countdowns tick and other writers show up this often.
pub const TICK: Duration = Duration::from_millis(250);
/// Up to this many entries past their purge time are counted to give the Trash tab its
/// number before the first purge; a bigger backlog (0.5 ms to count at this size, 13 ms at
/// 250,000) is left to the purge, and the tab says "…" until it lands.
const BACKLOG_COUNT_BUDGET: u32 = 10_000;

pub struct Session {
    pub app: App,
    store: Store,
    clock: Arc<dyn Clock>,
    settings: Settings,
    history: History,
    /// A list to select at the next reload (one just created).
    select_list: Option<ListId>,
    /// `PRAGMA data_version` at the last reload: when it moves, another process wrote.
    data_version: i64,
    /// When the oldest entry reaches its purge time.
    next_purge: Option<Timestamp>,
    /// When the oldest entry on show reaches its purge time: from then on the view must hide
    /// it, even if the purge cannot run (a read-only or busy database).
    next_expiry: Option<Timestamp>,
    /// The safety-net purge, every `purge_interval`.
    next_routine_purge: Timestamp,
    /// After a purge found the database locked, the timed purge waits until then before
    /// trying again, so the app does not sit out the lock on every tick.
    purge_backoff_until: Option<Timestamp>,
    /// The retention views and purges follow: the configured one, or the longer one in force
    /// before while a shorter configured one waits for the user's yes (see `purge.rs`).
    applied: Retention,
    /// Whether the app has asked about a shortened retention yet: it asks once a run.
    asked_about_retention: bool,
    /// A question about a shortened retention that waits for the user to finish typing.
    pending_question: Option<HeldBack>,
    /// The startup purge while it runs on its own thread; no timed purge starts meanwhile.
    purge_worker: Option<PurgeWorker>,
    /// True until the first purge (the startup one, or a timed one) has run or failed: until
    /// then a big expired backlog is not counted (see [`BACKLOG_COUNT_BUDGET`]).
    first_purge_pending: bool,
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
        let store_read_only = store.is_read_only();
        let applied = applied_retention(&store, settings.retention, now)
            .map_or(settings.retention, |(applied, _)| applied);
        let mut app = App::new(now, applied, store_read_only, theme);
        app.damaged = store.is_known_damaged();
        (app.width, app.height) = (width, height);
        let mut session = Session {
            app,
            store,
            clock,
            next_routine_purge: now
                .checked_add(settings.purge_interval)
                .unwrap_or(Timestamp::MAX),
            settings,
            history: History::default(),
            select_list: None,
            data_version: 0,
            next_purge: None,
            next_expiry: None,
            purge_backoff_until: None,
            applied,
            asked_about_retention: false,
            pending_question: None,
            purge_worker: None,
            first_purge_pending: !store_read_only,
        };
        session.reload();
        session
    }

    /// Starts the retention purge that every start runs, on a thread and a connection of its
    /// own so that a big backlog never freezes the keys. Until it ends, expired entries are
    /// hidden as usual; [`tick`](Self::tick) picks up the result and says what it erased.
    pub fn startup_purge(&mut self) {
        if self.store.is_read_only() || self.purge_worker.is_some() {
            return;
        }
        match Store::open(self.store.path()) {
            Ok(own) => {
                let now = self.clock.now();
                let worker =
                    PurgeWorker::start(own, self.settings.purge_policy(), now, Trigger::Startup);
                self.purge_worker = Some(worker);
            }
            Err(e) => {
                self.app.complain(format!("Purge failed: {e}"));
                self.first_purge_done();
            }
        }
    }

    /// Waits for a startup purge still running, and takes in its result. Called when the
    /// app ends, so a purge is never cut off between its commit and its scrub.
    pub fn finish_startup_purge(&mut self) {
        if let Some(worker) = self.purge_worker.take() {
            let result = worker.finish();
            self.purge_done(result);
        }
    }

    /// Handles one terminal event.
    pub fn handle_event(&mut self, event: Event) {
        self.app.now = self.clock.now();
        match event {
            Event::Key(key) if key.kind != KeyEventKind::Release => self.handle_key(key),
            Event::Mouse(mouse) => self.handle_mouse(mouse),
            Event::Paste(text) => {
                self.app.handle_paste(&text);
                self.refresh_views();
            }
            Event::Resize(width, height) => self.resize(width, height),
            _ => {}
        }
    }

    pub fn handle_key(&mut self, key: KeyEvent) {
        self.app.now = self.clock.now();
        if let Some(effect) = self.app.handle_key(key) {
            self.perform(effect);
        }
        self.ask_pending_question();
        self.refresh_views();
    }

    /// Performs a keymap action as if its key had been pressed.
    pub fn act(&mut self, action: Action) {
        self.app.now = self.clock.now();
        if let Some(effect) = self.app.update(action) {
            self.perform(effect);
        }
        self.refresh_views();
    }

    pub fn resize(&mut self, width: u16, height: u16) {
        self.app.width = width;
        self.app.height = height;
        self.refresh_views();
    }

    fn handle_mouse(&mut self, mouse: MouseEvent) {
        if self.app.mode != Mode::Normal {
            return;
        }
        let areas = ui::layout(self.app.width, self.app.height);
        let (x, y) = (mouse.column, mouse.row);
        // The wheel scrolls the pane under the pointer, not the focused one.
        let under = if self.app.tab == Tab::Todos && x < areas.lists.right() {
            Pane::Lists
        } else {
            Pane::Todos
        };
        match mouse.kind {
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
                let delta = if mouse.kind == MouseEventKind::ScrollDown {
                    1
                } else {
                    -1
                };
                self.app.move_in(under, delta);
                self.refresh_views();
            }
            MouseEventKind::Down(MouseButton::Left) => {
                if y == areas.header.y {
                    if let Some(tab) = ui::tab_at(&self.app, x) {
                        self.act(Action::ShowTab(tab));
                    }
                    return;
                }
                let pane = match self.app.tab {
                    Tab::Trash => Some((Pane::Todos, areas.trash)),
                    Tab::Todos if x < areas.lists.right() => Some((Pane::Lists, areas.lists)),
                    Tab::Todos => Some((Pane::Todos, areas.main)),
                };
                let Some((pane, rect)) = pane else { return };
                let inner = ui::Areas::inner(rect);
                if y < inner.y || y >= inner.bottom() {
                    return;
                }
                let row = i64::from(y - inner.y);
                match (self.app.tab, pane) {
                    (Tab::Trash, _) => {
                        let index = self.app.trash.offset + row;
                        if index < self.app.trash.total {
                            self.app.trash.select(index);
                        }
                    }
                    (Tab::Todos, Pane::Todos) => {
                        self.app.focus = Pane::Todos;
                        let index = self.app.todos.offset + row;
                        if index < self.app.todos.total {
                            self.app.todos.select(index);
                        }
                    }
                    (Tab::Todos, Pane::Lists) => {
                        self.app.focus = Pane::Lists;
                        let offset = self
                            .app
                            .list_cursor
                            .saturating_sub(inner.height.saturating_sub(1) as usize);
                        let index = offset + row as usize;
                        if index < self.app.lists.len() && index != self.app.list_cursor {
                            self.app.list_cursor = index;
                            self.app.todos = Default::default();
                            self.app.stale = true;
                        }
                    }
                }
                self.refresh_views();
            }
            _ => {}
        }
    }

    /// Time passes: purge what has come due, notice other writers, age the status line.
    pub fn tick(&mut self) {
        let now = self.clock.now();
        self.app.now = now;
        if let Some(status) = &self.app.status
            && now.duration_since(status.since) >= STATUS_LIFETIME
        {
            self.app.status = None;
        }
        if self
            .purge_worker
            .as_ref()
            .is_some_and(PurgeWorker::is_finished)
        {
            self.finish_startup_purge();
        }
        // Text removed earlier (here or by another process) that a reader kept on disk: scrub
        // it as soon as nothing stands in the way. One look-up when nothing is pending, and
        // never a wait.
        if !self.store.is_read_only() {
            let _ = self.store.retry_pending_scrub();
        }
        let backing_off = self.purge_backoff_until.is_some_and(|until| now < until);
        let due = self.next_purge.is_some_and(|at| at <= now) && !backing_off;
        if self.purge_worker.is_none() && (due || now >= self.next_routine_purge) {
            self.next_routine_purge = now
                .checked_add(self.settings.purge_interval)
                .unwrap_or(Timestamp::MAX);
            self.purge(Trigger::Timer);
        }
        let changed_elsewhere = self
            .store
            .data_version()
            .is_ok_and(|version| version != self.data_version);
        let expired_on_show = self.next_expiry.is_some_and(|at| at <= now);
        if changed_elsewhere || expired_on_show {
            self.reload();
        }
    }

    /// How long the event loop may wait for input before the next tick is needed: until the
    /// next purge falls due, and never longer than a tick. A purge already due (or waiting
    /// out a locked database) is the next tick's business, so this never returns zero for it.
    pub fn next_wake(&self) -> Duration {
        let now = self.clock.now();
        self.next_purge
            .filter(|at| *at > now)
            .and_then(|at| Duration::try_from(at.duration_since(now)).ok())
            .map_or(TICK, |until| until.min(TICK))
    }

    fn purge(&mut self, trigger: Trigger) {
        if self.store.is_read_only() {
            // Nothing can be purged; stop waking up for it (the loop would spin otherwise).
            self.next_purge = None;
            return;
        }
        // On the UI thread: a lock held elsewhere postpones the purge (it backs off and
        // tries again) rather than freezing the keys for the busy timeout.
        let (policy, now) = (self.settings.purge_policy(), self.clock.now());
        let result = self
            .store
            .without_waiting(|store| purge_expired(store, policy, now, trigger));
        self.purge_done(result);
    }

    /// Takes in what a purge did: says what it erased, or why it could not run, and asks
    /// about a shortened retention the first time one holds entries back.
    fn purge_done(&mut self, result: crate::store::Result<PurgeReport>) {
        let now = self.clock.now();
        match result {
            Ok(report) => {
                self.set_applied(report.applied);
                if !report.counts.is_empty() {
                    let items = count(report.counts.entries, "item");
                    self.app.say(format!(
                        "Purged {items} deleted more than {} ago",
                        report.applied
                    ));
                    self.reload();
                }
                if let Some(held) = report.held_back
                    && !self.asked_about_retention
                {
                    self.asked_about_retention = true;
                    self.pending_question = Some(held);
                    self.ask_pending_question();
                }
            }
            // Another softly holds the lock, or the disk is full: the routine purge retries.
            Err(e @ (StoreError::Busy | StoreError::DiskFull)) => {
                self.app.complain(format!("Purge postponed: {e}"));
                self.purge_backoff_until = now.checked_add(PURGE_BACKOFF).ok();
            }
            Err(StoreError::Corrupt(detail)) => self.damaged(&detail),
            Err(e) => self.app.complain(format!("Purge failed: {e}")),
        }
        self.next_purge = next_purge_at(&self.store, self.applied).ok().flatten();
        self.first_purge_done();
    }

    /// The retention views, countdowns and purges follow from now on.
    fn set_applied(&mut self, retention: Retention) {
        if self.applied != retention {
            self.applied = retention;
            self.app.retention = retention;
            self.app.stale = true;
        }
    }

    /// Asks whether to purge by a shortened retention, as soon as nothing is being typed
    /// (the question never lands in the middle of an edit). Keeping is the default.
    fn ask_pending_question(&mut self) {
        if self.app.mode != Mode::Normal {
            return;
        }
        let Some(held) = self.pending_question.take() else {
            return;
        };
        self.app.mode = Mode::Confirm(Confirm {
            action: Confirmed::AcceptRetention,
            about: String::new(),
            title: "Retention is shorter",
            message: format!("{}. Purge them?", held.describe()),
            yes: "Purge them",
            no: "Keep them for now",
            no_message: format!(
                "Kept: purges follow {} until you accept {} (`softly purge --accept-retention`)",
                held.was, held.now
            ),
            yes_selected: false,
        });
    }

    /// The backlog is gone (or the purge could not take it): from now on the Trash is counted
    /// whatever it holds, starting with the number the tab still lacks.
    fn first_purge_done(&mut self) {
        self.first_purge_pending = false;
        if self.app.trash_total.is_none() {
            self.reload();
        }
    }

    /// Performs a write the app asked for; reports success or failure in the status line.
    fn perform(&mut self, effect: Effect) {
        let now = self.clock.now();
        let result = match effect {
            Effect::Undo | Effect::Redo => {
                let direction = if effect == Effect::Undo {
                    Direction::Undo
                } else {
                    Direction::Redo
                };
                match self.history.step(direction, &mut self.store) {
                    Ok(message) => Ok(Some(message)),
                    Err(Blocked::Store(e)) => Err(e),
                    Err(Blocked::Said(reason)) => {
                        self.app.complain(reason);
                        self.reload();
                        return;
                    }
                }
            }
            other => self.write(other, now),
        };
        match result {
            Ok(message) => {
                // The write went through: any editor that was open has done its job.
                if matches!(self.app.mode, Mode::Edit { .. }) {
                    self.app.mode = Mode::Normal;
                }
                if let Some(message) = message {
                    self.app.say(message);
                }
            }
            Err(StoreError::Corrupt(detail)) => self.damaged(&detail),
            Err(e) => {
                let text = match e {
                    StoreError::ReadOnly => {
                        "The database is read-only; nothing was changed".to_string()
                    }
                    StoreError::Busy => {
                        "The database is locked by another program; nothing was changed, try again"
                            .to_string()
                    }
                    other => other.to_string(),
                };
                self.app.complain(text);
            }
        }
        self.reload();
    }

    /// One write, its undo step, and what to tell the user.
    fn write(&mut self, effect: Effect, now: Timestamp) -> Result<Option<String>, StoreError> {
        let s = &mut self.store;
        let (step, message) = match effect {
            Effect::AddTodo { title, list } => {
                let id = s.add_todo(&title, list, now)?;
                // Select the new todo, the last of its list (clamped once the count is in).
                self.app.todos.cursor = i64::MAX;
                let title = s.live_todo(id)?.title;
                (Some(Change::AddedTodo { id, title }), None)
            }
            Effect::EditTodo { id, title } => {
                let before = s.live_todo(id)?.title;
                s.edit_title(id, &title)?;
                let after = s.live_todo(id)?.title;
                (Some(Change::EditedTodo { id, before, after }), None)
            }
            Effect::SetDone { id, done } => {
                let title = s.live_todo(id)?.title;
                s.set_done(&[id], done)?;
                (Some(Change::MarkedDone { id, title, done }), None)
            }
            Effect::TrashTodo(id) => {
                let title = s.live_todo(id)?.title;
                let entry = s.trash_todos(&[id], now)?[0];
                (
                    Some(Change::Trashed { entry, title }),
                    Some("Moved to Trash — u to undo".to_string()),
                )
            }
            Effect::MoveTodo { id, to } => {
                let title = s.live_todo(id)?.title;
                let from = s.todo_place(id)?;
                s.move_todos(&[id], to)?;
                let name = match to {
                    Some(list) => self
                        .app
                        .lists
                        .iter()
                        .find(|l| l.id == Some(list))
                        .map(|l| format!("'{}'", display_safe(&l.name)))
                        .unwrap_or_else(|| "the list".into()),
                    None => "the Inbox".into(),
                };
                (
                    Some(Change::Moved { id, title, from }),
                    Some(format!("Moved to {name} — u to undo")),
                )
            }
            Effect::AddList(name) => {
                let id = s.add_list(&name, now)?;
                // The new list is the one selected, as a new todo is.
                self.select_list = Some(id);
                let name = clean_title(&name, "list name").unwrap_or(name);
                (Some(Change::AddedList { id, name }), None)
            }
            Effect::RenameList { id, name } => {
                let before = self.app.list_name(id);
                s.rename_list(id, &name)?;
                let after = clean_title(&name, "list name").unwrap_or(name);
                (Some(Change::RenamedList { id, before, after }), None)
            }
            Effect::TrashList(id) => {
                let title = self.app.list_name(id);
                let entry = s.trash_list(id, now)?;
                // The cursor stays where it was: on the next list (the last, if it was).
                self.app.todos = Default::default();
                (
                    Some(Change::Trashed { entry, title }),
                    Some("List moved to Trash — u to undo".to_string()),
                )
            }
            Effect::Reorder { item, up } => {
                let edge = if up {
                    "Already at the top"
                } else {
                    "Already at the bottom"
                };
                match item {
                    Item::Todo(id) => match s.todo_neighbour(id, up)? {
                        Some(other) => {
                            let title = s.live_todo(id)?.title;
                            let placed = s.swap_todos(id, other)?;
                            self.app.todos.cursor += if up { -1 } else { 1 };
                            let change = Change::SwappedTodos { placed, title, up };
                            (Some(change), None)
                        }
                        None => (None, Some(edge.to_string())),
                    },
                    Item::List(id) => match s.list_neighbour(id, up)? {
                        Some(other) => {
                            let placed = s.swap_lists(id, other)?;
                            let name = self
                                .app
                                .selected_list()
                                .map(|l| l.name.clone())
                                .unwrap_or_default();
                            let change = Change::SwappedLists { placed, name, up };
                            (Some(change), None)
                        }
                        None => (None, Some(edge.to_string())),
                    },
                }
            }
            Effect::Restore(entry) => {
                let restored = s.restore_entries(&[entry.id])?.remove(0);
                let message = restore_message(&restored);
                (
                    Some(Change::Restored {
                        before: restored.before,
                        title: entry.title,
                    }),
                    Some(message),
                )
            }
            Effect::Erase(entry) => {
                let title = s.trash_entry(entry)?.title;
                let out = s.erase_entries(&[entry], now, Trigger::Manual)?;
                let message = format!("Erased '{}' forever", display_safe(&title));
                (None, Some(self.note_scrub(out, message)))
            }
            Effect::AcceptRetention => {
                let report =
                    accept_retention(s, self.settings.purge_policy(), now, Trigger::Manual)?;
                self.set_applied(report.applied);
                let message = format!(
                    "Purged {}: retention is now {}",
                    count(report.counts.entries, "item"),
                    report.applied
                );
                let out = EraseOutcome {
                    counts: report.counts,
                    scrubbed: report.scrubbed,
                };
                (None, Some(self.note_scrub(out, message)))
            }
            Effect::EmptyTrash => {
                let out = s.empty_trash(now, Trigger::Manual)?;
                let message = format!(
                    "Emptied the Trash: {} erased forever",
                    count(out.counts.entries, "item")
                );
                (None, Some(self.note_scrub(out, message)))
            }
            Effect::Undo | Effect::Redo => unreachable!("the history steps through these"),
        };
        if let Some(step) = step {
            self.history.record(step);
        }
        Ok(message)
    }

    fn note_scrub(&self, out: EraseOutcome, message: String) -> String {
        if out.scrubbed {
            message
        } else {
            format!("{message} (another program is reading; the disk is scrubbed when it stops)")
        }
    }

    /// Reads everything the screen shows: lists and counts, then the visible pages.
    fn reload(&mut self) {
        match self.try_reload() {
            Ok(()) => {
                self.app.stale = false;
                stale::follow_changes(&mut self.app, &self.store, self.applied);
            }
            Err(StoreError::Corrupt(detail)) => self.damaged(&detail),
            Err(e) => self
                .app
                .complain(format!("Could not read the database: {e}")),
        }
    }

    fn try_reload(&mut self) -> Result<(), StoreError> {
        let s = &self.store;
        self.data_version = s.data_version()?;
        let selected = match self.select_list.take() {
            Some(id) => Some(Some(id)),
            None => self.app.selected_list().map(|l| l.id),
        };
        let (inbox, inbox_open) = s.inbox_counts()?;
        let mut lists = vec![ListRow {
            id: None,
            name: "Inbox".into(),
            todos: inbox,
            open: inbox_open,
        }];
        lists.extend(s.live_lists()?.into_iter().map(|l| ListRow {
            id: Some(l.id),
            name: l.name,
            todos: l.todos,
            open: l.open,
        }));
        // Keep the same list selected if it still exists; otherwise stay near where it was.
        self.app.list_cursor = match selected {
            Some(id) => lists
                .iter()
                .position(|l| l.id == id)
                .unwrap_or(self.app.list_cursor.min(lists.len() - 1)),
            None => 0,
        };
        self.app.lists = lists;
        let scope = self.app.todo_scope();
        let height = self.app.page_rows();
        let cutoff = self.applied.cutoff(self.app.now);
        let (todo_filter, trash_filter) = (&self.app.todo_filter, &self.app.trash_filter);
        let filtered_todos = filtered_view_start(
            todo_filter,
            height,
            Todo::key,
            |page| {
                s.live_todos_page(
                    scope,
                    Page {
                        filter: todo_filter,
                        ..page
                    },
                )
            },
            |from| s.count_live_todos_from(scope, todo_filter, from),
        )?;
        let filtered_trash = filtered_view_start(
            trash_filter,
            height,
            TrashEntry::key,
            |page| {
                s.trash_page(
                    cutoff,
                    Page {
                        filter: trash_filter,
                        ..page
                    },
                )
            },
            |from| s.count_trash_from(cutoff, trash_filter, from),
        )?;
        self.app.todos.total = match &filtered_todos {
            Some((_, total)) => *total,
            None => s.count_live_todos(scope, "")?,
        };
        // Before the first purge, a big backlog of expired entries is the purge's to take, not
        // ours to count before the first frame; the Trash tab itself always gets its number.
        self.app.trash_total = if self.first_purge_pending && self.app.tab != Tab::Trash {
            s.count_trash_within(cutoff, BACKLOG_COUNT_BUDGET)?
        } else {
            Some(s.count_trash(cutoff, "")?)
        };
        self.app.trash.total = match &filtered_trash {
            Some((_, total)) => *total,
            None => self.app.trash_total.unwrap_or(0),
        };
        // The data changed: rows may have come or gone before the loaded ones, so their
        // offsets are stale. Read the page again by position (navigation, which changes no
        // data, keeps reading next to the loaded rows), unless the top of the view was just
        // read (a filtered view), which is then the rows at offset 0.
        self.app.todos.anchor = None;
        self.app.trash.anchor = None;
        if let Some((rows, _)) = filtered_todos {
            self.app.todos.anchor = rows.first().map(|first| (0, first.key()));
            self.app.todos.rows = rows;
        }
        if let Some((rows, _)) = filtered_trash {
            self.app.trash.anchor = rows.first().map(|first| (0, first.key()));
            self.app.trash.rows = rows;
        }
        self.next_expiry = s
            .oldest_deleted_after(cutoff)?
            .and_then(|oldest| self.applied.purge_at(oldest));
        self.next_purge = if s.is_read_only() {
            None
        } else {
            next_purge_at(s, self.applied)?
        };
        self.load_pages()
    }

    /// The file turned out to be damaged: record it (no process writes to it again), and
    /// from now on every writing key says so.
    fn damaged(&mut self, detail: &str) {
        self.store.note_damage(detail);
        self.app.damaged = true;
        self.app.complain(super::app::DAMAGED_MESSAGE);
    }

    /// Reloads after navigation: counts only when the app marked them stale.
    fn refresh_views(&mut self) {
        let trash_uncounted = self.app.tab == Tab::Trash && self.app.trash_total.is_none();
        if self.app.stale || trash_uncounted {
            self.reload();
        } else if let Err(e) = self.load_pages() {
            self.app
                .complain(format!("Could not read the database: {e}"));
        }
    }

    /// Reads the rows on screen, and nothing more.
    fn load_pages(&mut self) -> Result<(), StoreError> {
        let rows = self.app.page_rows();
        let scope: TodoScope = self.app.todo_scope();
        let (store, app) = (&self.store, &mut self.app);
        let filter = app.todo_filter.as_str();
        // While a new todo is typed, the view ends on the blank row it will fill: the last
        // todos above, the editor below them, never over one of them.
        let adding = matches!(
            app.mode,
            Mode::Edit {
                target: EditTarget::NewTodo,
                ..
            }
        );
        let todo_rows = if adding {
            app.todos.cursor = app.todos.total - 1;
            rows - 1
        } else {
            rows
        };
        load_window(&mut app.todos, todo_rows, Todo::key, |page| {
            store.live_todos_page(scope, Page { filter, ..page })
        })?;
        let cutoff = self.applied.cutoff(app.now);
        let filter = app.trash_filter.as_str();
        load_window(&mut app.trash, rows, TrashEntry::key, |page| {
            store.trash_page(cutoff, Page { filter, ..page })
        })?;
        Ok(())
    }
}

/// Scrolls `window` to its cursor and reads the `height` rows it then shows. The read starts
/// from whichever known point is nearest: the rows loaded last time, or an end of the view.
/// So paging through a million todos reads a screenful at a time; only a jump into the
/// middle of a huge view walks far, and then only along an index.
fn load_window<T>(
    window: &mut Window<T>,
    height: i64,
    key: impl Fn(&T) -> RowKey,
    fetch: impl Fn(Page<'_>) -> Result<Vec<T>, StoreError>,
) -> Result<(), StoreError> {
    window.scroll_to_cursor(height);
    // Nothing to show, or the rows on screen are the ones loaded already (the top of a
    // filtered view, read with its count; or a move within the screen): nothing to read.
    // Re-reading would cost a scan of the list when the filter matches little.
    let on_screen = height.min(window.total - window.offset).max(0);
    let loaded_already = window.anchor.is_some_and(|(at, _)| at == window.offset)
        && window.rows.len() as i64 >= on_screen;
    if window.total == 0 || loaded_already {
        window.rows.truncate(on_screen as usize);
        return Ok(());
    }
    let target = window.offset;
    let from_start = target;
    let from_end = (window.total - 1 - target).max(0);
    let nearest_end = from_start.min(from_end);
    let (seek, skip) = match window.anchor {
        Some((at, anchor)) if target >= at && target - at <= nearest_end => {
            (Seek::From(anchor), target - at)
        }
        Some((at, anchor)) if target < at && at - target - 1 <= nearest_end => {
            (Seek::Before(anchor), at - target - 1)
        }
        _ if from_start <= from_end => (Seek::Start, target),
        _ => (Seek::End, from_end),
    };
    let page = |seek, skip, limit| Page {
        filter: "",
        seek,
        skip,
        limit: Some(limit),
    };
    window.rows = match seek {
        Seek::Start | Seek::From(_) => fetch(page(seek, skip, height))?,
        Seek::Before(_) | Seek::End => {
            // Walk back to the first row on screen, then read forwards from it.
            match fetch(page(seek, skip, 1))?.first() {
                Some(first) => fetch(page(Seek::From(key(first)), 0, height))?,
                None => Vec::new(),
            }
        }
    };
    window.anchor = window.rows.first().map(|first| (target, key(first)));
    Ok(())
}

/// The first screenful of a filtered view and its count, in one pass over what the filter
/// looks at (`None` for an unfiltered view, whose count is kept by the schema). Counting
/// costs a scan of every title, and so does finding the first screenful when the filter
/// matches little; reading them separately cost up to three scans at a million todos. So
/// read a screenful and one row more: fewer means that was every match; otherwise count on
/// from that extra row, where the reading stopped.
fn filtered_view_start<T>(
    filter: &str,
    height: i64,
    key: impl Fn(&T) -> RowKey,
    fetch: impl Fn(Page<'_>) -> Result<Vec<T>, StoreError>,
    count_from: impl Fn(RowKey) -> Result<i64, StoreError>,
) -> Result<Option<(Vec<T>, i64)>, StoreError> {
    if filter.is_empty() {
        return Ok(None);
    }
    let mut rows = fetch(Page {
        limit: Some(height + 1),
        ..Page::default()
    })?;
    if rows.len() as i64 <= height {
        let total = rows.len() as i64;
        return Ok(Some((rows, total)));
    }
    let next = rows.pop().expect("height + 1 rows were read");
    let total = height + count_from(key(&next))?;
    Ok(Some((rows, total)))
}

/// "Restored to Inbox — its list 'Groceries' is in the Trash", and the like.
fn restore_message(r: &RestoredEntry) -> String {
    let title = display_safe(&r.title);
    match (&r.kind, &r.note) {
        (EntryKind::Todo, Some(RestoreNote::ListInTrash { list })) => format!(
            "Restored to Inbox — its list '{}' is in the Trash",
            display_safe(list)
        ),
        (EntryKind::Todo, Some(_)) => "Restored to Inbox — its list was erased".to_string(),
        (EntryKind::Todo, None) => match &r.list {
            Some(list) => format!("Restored '{title}' to '{}'", display_safe(list)),
            None => format!("Restored '{title}' to Inbox"),
        },
        (EntryKind::List, Some(RestoreNote::Renamed { from })) => format!(
            "Restored list '{}' as '{title}' — the name was taken",
            display_safe(from)
        ),
        (EntryKind::List, _) => format!("Restored list '{title}' with {}", count(r.todos, "todo")),
    }
}

impl Session {
    /// The store, for tests that check what the app wrote.
    pub fn store(&self) -> &Store {
        &self.store
    }
}
