//! When the app syncs, and the worker that does it: after the first frame, two seconds
//! after a local change (the first not yet sent: more changes meanwhile go with it, and
//! steady typing never holds a round back), and every `sync_interval`; an unreachable
//! server is tried again after a minute. The round runs on a thread and a connection of its own (network waits
//! never reach the keys) and reports back as a message the session takes on its next tick.

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use jiff::{SignedDuration, Timestamp};

use crate::clock::Clock;
use crate::store::Store;
use crate::sync::once::sync_once;
use crate::sync::password::Password;
use crate::sync::{Report, SyncError};
use crate::sync_config::SyncConfig;

/// How long after a local change the app waits for more before it syncs.
const DEBOUNCE: SignedDuration = SignedDuration::from_secs(2);
/// How long the app waits before trying an unreachable server again.
pub const OFFLINE_RETRY: SignedDuration = SignedDuration::from_mins(1);

pub type SyncResult = Result<Report, SyncError>;

/// The stack a round runs on. Nothing a round does is deep (the iCalendar it reads is
/// walked, not recursed into); a bound means a fault of softly's own ends the round, never
/// more than the worker.
const WORKER_STACK: usize = 8 * 1024 * 1024;

pub struct SyncSchedule {
    config: SyncConfig,
    path: PathBuf,
    clock: Arc<dyn Clock>,
    zone: jiff::tz::TimeZone,
    running: Option<(Receiver<SyncResult>, std::thread::JoinHandle<()>)>,
    /// When the next round is due (`None`: not until the first frame asks).
    next_at: Option<Timestamp>,
    /// A change made here while a round ran: another round follows it.
    changed_while_running: bool,
    /// The password, asked once for the app's session (again after the server refused it).
    password: Arc<Mutex<Password>>,
    /// Yes to the question about a held round: the next round applies it.
    accept_held: bool,
    /// No to it: no more rounds this session.
    stopped: bool,
    /// A held round the app has yet to ask about (it asks once nothing is being typed).
    pub unasked: Option<crate::sync::held::Held>,
}

impl SyncSchedule {
    pub fn new(
        config: SyncConfig,
        path: PathBuf,
        clock: Arc<dyn Clock>,
        zone: jiff::tz::TimeZone,
    ) -> Self {
        SyncSchedule {
            config,
            path,
            clock,
            zone,
            running: None,
            next_at: None,
            changed_while_running: false,
            password: Arc::default(),
            accept_held: false,
            stopped: false,
            unasked: None,
        }
    }

    /// Applies the held round now (a yes to the app's question).
    pub fn accept_held(&mut self, now: Timestamp) {
        self.accept_held = true;
        self.stopped = false;
        self.next_at = Some(now);
    }

    /// Syncs no more this session (a no to the question about a held round).
    pub fn stop(&mut self) {
        self.stopped = true;
        self.next_at = None;
    }

    /// The first round, once the first frame is on the screen.
    pub fn start(&mut self, now: Timestamp) {
        self.next_at = Some(now);
    }

    /// Something was written here: sync soon, once the writing pauses.
    pub fn changed_here(&mut self, now: Timestamp) {
        if self.stopped {
            return;
        }
        if self.running.is_some() {
            self.changed_while_running = true;
        }
        let soon = now.saturating_add(DEBOUNCE).unwrap_or(now);
        self.next_at = Some(match self.next_at {
            Some(at) if at > now && at < soon => at,
            _ => soon,
        });
    }

    pub fn is_running(&self) -> bool {
        self.running.is_some()
    }

    /// What the round that was running reported, once it has; a round started when one
    /// falls due and none runs.
    pub fn tick(&mut self, now: Timestamp) -> Option<SyncResult> {
        if let Some((result, _)) = &self.running {
            let outcome = match result.try_recv() {
                Ok(outcome) => outcome,
                Err(TryRecvError::Empty) => return None,
                // The worker died without a word (a fault of softly's own): that round
                // failed, said as such; the app goes on.
                Err(TryRecvError::Disconnected) => {
                    let why = match self.running.take().map(|(_, handle)| handle.join()) {
                        Some(Err(panic)) => panic_words(panic.as_ref()),
                        _ => "the worker stopped".to_string(),
                    };
                    Err(SyncError::Server(crate::wording::sync::worker_failed(&why)))
                }
            };
            self.running.take().map(|(_, handle)| handle.join());
            let wait = match &outcome {
                Err(e) if e.is_transient() => OFFLINE_RETRY,
                _ => self.config.interval,
            };
            let next = now.saturating_add(wait).unwrap_or(now);
            self.next_at = Some(match std::mem::take(&mut self.changed_while_running) {
                true => now.saturating_add(DEBOUNCE).unwrap_or(now).min(next),
                false => next,
            });
            if self.stopped {
                self.next_at = None;
            }
            return Some(outcome);
        }
        if self.next_at.is_some_and(|at| at <= now) {
            self.next_at = None;
            if let Err(e) = self.begin() {
                self.next_at = now.saturating_add(self.config.interval).ok();
                return Some(Err(e));
            }
        }
        None
    }

    /// Starts a round on a worker thread; `Err` when no thread could be made.
    fn begin(&mut self) -> Result<(), SyncError> {
        let (config, path, clock, zone) = (
            self.config.clone(),
            self.path.clone(),
            Arc::clone(&self.clock),
            self.zone.clone(),
        );
        let password = Arc::clone(&self.password);
        let asked = crate::sync::Asked {
            dry_run: false,
            accept_held: std::mem::take(&mut self.accept_held),
        };
        let (send, result) = mpsc::channel();
        let worker = std::thread::Builder::new()
            .name("sync".into())
            .stack_size(WORKER_STACK)
            .spawn(move || {
                crate::crash_point::crash_point("sync-worker");
                let outcome = Store::open(&path)
                    .map_err(|e| SyncError::Settings(e.to_string()))
                    .and_then(|mut store| {
                        store.stamp_changes_with(Arc::clone(&clock));
                        let mut password = password.lock().unwrap_or_else(|e| e.into_inner());
                        sync_once(
                            &mut store,
                            &config,
                            &mut password,
                            clock.now(),
                            &zone,
                            asked,
                        )
                    });
                let _ = send.send(outcome);
            });
        let handle = worker
            .map_err(|e| SyncError::Server(crate::wording::sync::worker_failed(&e.to_string())))?;
        self.running = Some((result, handle));
        Ok(())
    }

    /// How long the event loop may sleep before a round falls due.
    pub fn next_wake(&self, now: Timestamp) -> Duration {
        match self.next_at {
            Some(at) if at > now => {
                Duration::try_from(at.duration_since(now)).unwrap_or(Duration::ZERO)
            }
            Some(_) => Duration::ZERO,
            None => Duration::MAX,
        }
    }
}

/// What a panic said, as far as it said anything.
fn panic_words(panic: &(dyn std::any::Any + Send)) -> String {
    match (panic.downcast_ref::<&str>(), panic.downcast_ref::<String>()) {
        (Some(s), _) => s.to_string(),
        (_, Some(s)) => s.clone(),
        _ => "a fault of softly's own".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::FixedClock;

    fn schedule(password_command: Option<&str>) -> (tempfile::TempDir, SyncSchedule) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("softly.db");
        drop(Store::open(&path).unwrap());
        let config = SyncConfig {
            // Nothing listens on port 1: refused at once, as an offline server would be.
            url: "http://127.0.0.1:1/".into(),
            username: "me".into(),
            password_command: password_command.map(str::to_string),
            inbox: "Inbox".into(),
            interval: SignedDuration::from_mins(5),
        };
        let clock: Arc<dyn Clock> = Arc::new(FixedClock::new(Timestamp::UNIX_EPOCH));
        (
            dir,
            SyncSchedule::new(config, path, clock, jiff::tz::TimeZone::UTC),
        )
    }

    /// Ticks at `now` until the round started there reports.
    fn outcome(s: &mut SyncSchedule, now: Timestamp) -> SyncResult {
        for _ in 0..3000 {
            if let Some(outcome) = s.tick(now) {
                return outcome;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        panic!("the round never reported");
    }

    fn at(secs: i64) -> Timestamp {
        Timestamp::from_second(secs).unwrap()
    }

    #[test]
    fn nothing_runs_before_the_first_frame_asks_then_an_offline_server_is_tried_a_minute_later() {
        let (_dir, mut s) = schedule(Some("echo secret"));
        assert_eq!(s.tick(at(0)).map(|_| ()), None);
        assert!(!s.is_running(), "no round before the first frame");
        s.start(at(0));
        let first = outcome(&mut s, at(0));
        assert!(first.is_err_and(|e| e.is_transient()), "offline");
        assert_eq!(s.next_wake(at(0)), Duration::from_secs(60));
        assert!(s.tick(at(59)).is_none() && !s.is_running());
        assert!(
            s.tick(at(60)).is_none() && s.is_running(),
            "tried again after a minute"
        );
        let _ = outcome(&mut s, at(60));
    }

    #[test]
    fn a_change_here_syncs_two_seconds_later_and_a_lasting_failure_waits_the_interval() {
        let (_dir, mut s) = schedule(None);
        s.start(at(0));
        // No password: trying again soon will not mend it, so the interval.
        let first = outcome(&mut s, at(0));
        assert!(first.is_err_and(|e| !e.is_transient()));
        assert_eq!(s.next_wake(at(0)), Duration::from_secs(300));
        s.changed_here(at(10));
        s.changed_here(at(11));
        assert_eq!(
            s.next_wake(at(11)),
            Duration::from_secs(1),
            "two seconds after the first"
        );
        assert!(s.tick(at(12)).is_none() && s.is_running());
        s.changed_here(at(12));
        let _ = outcome(&mut s, at(13));
        assert_eq!(
            s.next_wake(at(13)),
            Duration::from_secs(2),
            "a change made during a round brings another after it"
        );
    }
}
