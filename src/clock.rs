//! Where "now" comes from. Only `main` reads the system clock; everything else is handed a
//! `Clock` or a `Timestamp`, so tests can put the app at any moment, to the millisecond.

use std::sync::Mutex;

use jiff::{SignedDuration, Timestamp};

/// A source of the current time.
pub trait Clock: Send + Sync {
    fn now(&self) -> Timestamp;
}

/// The real wall clock, truncated to whole milliseconds (the store's resolution).
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Timestamp {
        truncate_to_millis(Timestamp::now())
    }
}

/// A clock that stays where it is put; for tests and the `SOFTLY_NOW` override.
#[derive(Debug)]
pub struct FixedClock(Mutex<Timestamp>);

impl FixedClock {
    pub fn new(at: Timestamp) -> Self {
        FixedClock(Mutex::new(truncate_to_millis(at)))
    }

    pub fn advance(&self, by: SignedDuration) {
        let mut now = self.0.lock().unwrap_or_else(|e| e.into_inner());
        *now = truncate_to_millis(now.saturating_add(by).unwrap_or(*now));
    }
}

impl Clock for FixedClock {
    fn now(&self) -> Timestamp {
        *self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// A clock that starts at a chosen instant and then runs at real speed (`SOFTLY_NOW`).
#[derive(Debug)]
pub struct ShiftedClock {
    start: Timestamp,
    started: std::time::Instant,
}

impl ShiftedClock {
    pub fn starting_at(start: Timestamp) -> Self {
        ShiftedClock {
            start: truncate_to_millis(start),
            started: std::time::Instant::now(),
        }
    }
}

impl Clock for ShiftedClock {
    fn now(&self) -> Timestamp {
        let elapsed = SignedDuration::try_from(self.started.elapsed()).unwrap_or_default();
        truncate_to_millis(self.start.saturating_add(elapsed).unwrap_or(self.start))
    }
}

/// Drops the sub-millisecond part, so a time survives a round trip through the store unchanged.
pub fn truncate_to_millis(t: Timestamp) -> Timestamp {
    Timestamp::from_millisecond(t.as_millisecond()).unwrap_or(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fixed_clock_moves_only_when_told() {
        let start = Timestamp::from_millisecond(1_000).unwrap();
        let clock = FixedClock::new(start);
        assert_eq!(clock.now(), start);
        clock.advance(SignedDuration::from_millis(1));
        assert_eq!(clock.now().as_millisecond(), 1_001);
    }

    #[test]
    fn system_time_is_whole_milliseconds() {
        assert_eq!(SystemClock.now().subsec_nanosecond() % 1_000_000, 0);
    }
}
