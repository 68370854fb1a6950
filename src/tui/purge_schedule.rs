//! When the app purges, and the worker that does it. Every purge runs on a thread and a
//! connection of its own and reports back as a message, which the session takes in on its
//! next tick (as bottom's workers do): the first start after a long absence can find
//! hundreds of thousands of entries to erase (about 0.7 s at a million todos), and on the UI
//! thread that would freeze every key for as long. WAL lets the app go on reading while
//! the worker writes; a key that writes meanwhile waits for it on the busy timeout, which
//! is far longer than a purge.

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::thread::JoinHandle;
use std::time::Duration;

use jiff::{SignedDuration, Timestamp};

use crate::purge::{HeldBack, Policy, PurgeReport, next_purge_at, purge_expired};
use crate::retention::Retention;
use crate::store::{OpenError, Store, StoreError, Trigger};

/// How long the timed purge waits after finding the database locked.
const PURGE_BACKOFF: SignedDuration = SignedDuration::from_secs(10);

/// The longest the event loop sleeps: countdowns tick and other writers show up this often.
pub const TICK: Duration = Duration::from_millis(250);

/// Why a purge did not run.
#[derive(Debug)]
pub enum PurgeFailure {
    /// The worker could not open a connection of its own.
    Open(OpenError),
    Store(StoreError),
}

/// What a finished purge reports.
pub type PurgeResult = Result<PurgeReport, PurgeFailure>;

/// A purge running on its worker.
struct Running {
    result: Receiver<PurgeResult>,
    handle: JoinHandle<()>,
    started: Timestamp,
}

/// A purge that has ended: what it reported, and when it was started.
pub struct Finished {
    pub result: PurgeResult,
    pub started: Timestamp,
}

/// When the next purge falls due, and the one running now.
pub struct PurgeSchedule {
    path: PathBuf,
    policy: Policy,
    interval: SignedDuration,
    read_only: bool,
    /// When the oldest entry reaches its purge time.
    next_purge: Option<Timestamp>,
    /// The safety-net purge, every `purge_interval`.
    next_routine: Timestamp,
    /// After a purge found the database locked, the timed purge waits until then before
    /// trying again, so the app does not sit out the lock on every tick.
    backoff_until: Option<Timestamp>,
    running: Option<Running>,
    /// Whether the app has asked about a shortened retention yet: it asks once a run.
    pub asked_about_retention: bool,
    /// A question about a shortened retention that waits for the user to finish typing.
    pub pending_question: Option<HeldBack>,
}

impl PurgeSchedule {
    pub fn new(
        store: &Store,
        policy: Policy,
        interval: SignedDuration,
        now: Timestamp,
    ) -> PurgeSchedule {
        PurgeSchedule {
            path: store.path().to_path_buf(),
            policy,
            interval,
            read_only: store.is_read_only(),
            next_purge: None,
            next_routine: now.checked_add(interval).unwrap_or(Timestamp::MAX),
            backoff_until: None,
            running: None,
            asked_about_retention: false,
            pending_question: None,
        }
    }

    /// Starts the purge every start runs, which first checks the whole file (damage SQLite
    /// reports only where a page is read) before it writes anything.
    pub fn start_startup_purge(&mut self, now: Timestamp) {
        self.start(now, Trigger::Startup);
    }

    /// Starts a purge on its worker, unless one is running or nothing can be written.
    fn start(&mut self, now: Timestamp, trigger: Trigger) {
        if self.read_only || self.running.is_some() {
            return;
        }
        let (path, policy) = (self.path.clone(), self.policy);
        let (send, result) = mpsc::channel();
        let handle = std::thread::spawn(move || {
            let _ = send.send(purge_on_own_connection(path, policy, now, trigger));
        });
        self.running = Some(Running {
            result,
            handle,
            started: now,
        });
    }

    /// What the purge that was running reported, once it has; a timed purge started when one
    /// falls due (the oldest entry's time, or the routine interval) and none is running.
    pub fn tick(&mut self, now: Timestamp) -> Option<Finished> {
        if let Some(running) = &self.running {
            return match running.result.try_recv() {
                Ok(result) => {
                    let started = running.started;
                    self.running.take().map(|r| r.handle.join());
                    Some(Finished { result, started })
                }
                Err(TryRecvError::Empty) => None,
                // The worker died without a word: a bug, which goes on here, on the UI
                // thread, where the panic hook gives the terminal back.
                Err(TryRecvError::Disconnected) => self.finish(),
            };
        }
        let backing_off = self.backoff_until.is_some_and(|until| now < until);
        let due = self.next_purge.is_some_and(|at| at <= now) && !backing_off;
        if due || now >= self.next_routine {
            self.next_routine = now.checked_add(self.interval).unwrap_or(Timestamp::MAX);
            self.start(now, Trigger::Timer);
        }
        None
    }

    /// Waits for the purge running, if any, and returns what it did. Called when the app
    /// ends, so a purge is never cut off between its commit and its scrub.
    pub fn finish(&mut self) -> Option<Finished> {
        let running = self.running.take()?;
        if let Err(panic) = running.handle.join() {
            std::panic::resume_unwind(panic);
        }
        let result = running.result.try_recv().ok()?;
        Some(Finished {
            result,
            started: running.started,
        })
    }

    pub fn is_running(&self) -> bool {
        self.running.is_some()
    }

    /// The database was locked or the disk full: the timed purge waits a while.
    pub fn back_off(&mut self, now: Timestamp) {
        self.backoff_until = now.checked_add(PURGE_BACKOFF).ok();
    }

    /// Reads when the oldest entry falls due under `applied`.
    pub fn reschedule(&mut self, store: &Store, applied: Retention) {
        self.next_purge = if self.read_only {
            None
        } else {
            next_purge_at(store, applied).ok().flatten()
        };
    }

    /// How long the event loop may wait for input before the next tick is needed: until the
    /// next purge falls due, and never longer than a tick. A purge already due (or waiting
    /// out a locked database) is the next tick's business, so this never returns zero for it.
    pub fn next_wake(&self, now: Timestamp) -> Duration {
        self.next_purge
            .filter(|at| *at > now)
            .and_then(|at| Duration::try_from(at.duration_since(now)).ok())
            .map_or(TICK, |until| until.min(TICK))
    }
}

/// The worker's whole job: its own connection, then the purge. A timed purge never waits
/// for a lock held elsewhere (it backs off and tries again); the startup purge checks the
/// file first and waits as any write does.
fn purge_on_own_connection(
    path: PathBuf,
    policy: Policy,
    now: Timestamp,
    trigger: Trigger,
) -> PurgeResult {
    let mut store = Store::open(&path).map_err(PurgeFailure::Open)?;
    let purge = |store: &mut Store| -> Result<PurgeReport, StoreError> {
        if trigger == Trigger::Startup {
            if let Some(problem) = store.check_integrity()? {
                return Err(StoreError::Corrupt(problem));
            }
            return purge_expired(store, policy, now, trigger);
        }
        store.without_waiting(|store| purge_expired(store, policy, now, trigger))
    };
    purge(&mut store).map_err(PurgeFailure::Store)
}
