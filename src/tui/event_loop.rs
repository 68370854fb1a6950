//! The event loop: draw, wait for a key or the next tick, handle it, repeat.

use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use ratatui::crossterm::event;
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};

use super::session::Session;
use super::terminal::{TerminalGuard, hung_up, leave, suspend};

/// How the app ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// The user quit.
    Quit,
    /// A signal from outside asked it to stop; the exit status is 128 + the signal number.
    Signal(i32),
}

/// Runs the app until the user quits or a signal arrives. The terminal is restored on every
/// way out, including errors and panics.
pub fn run(session: &mut Session) -> io::Result<Exit> {
    let ran = run_loop(session);
    // A password command a round still waits for goes with the app, its whole group.
    crate::sync::password::stop_running_command();
    match ran {
        // The terminal went away under a draw or a read (its window closed): that is the
        // hang-up arriving by another road, not an error to report on a terminal that is gone.
        Err(_) if hung_up() => Ok(Exit::Signal(SIGHUP)),
        other => other,
    }
}

fn run_loop(session: &mut Session) -> io::Result<Exit> {
    // Signals only set a flag; the loop sees it within one tick and leaves through the
    // same door as `q`, so the terminal is restored and no write is cut in half.
    let signal = Arc::new(AtomicUsize::new(0));
    for sig in [SIGTERM, SIGHUP, SIGINT] {
        signal_hook::flag::register_usize(sig, Arc::clone(&signal), sig as usize)?;
    }
    start_watchdog(Arc::clone(&signal));
    let (_guard, mut terminal) = TerminalGuard::new()?;
    let size = terminal.size()?;
    session.resize(size.width, size.height);
    // Draw first, purge after: a big backlog must not delay the first frame.
    terminal.draw(|frame| frame.render_widget(&session.app, frame.area()))?;
    session.startup_purge();
    session.start_sync();
    loop {
        let caught = signal.load(Ordering::SeqCst);
        if caught != 0 {
            return Ok(Exit::Signal(caught as i32));
        }
        terminal.draw(|frame| frame.render_widget(&session.app, frame.area()))?;
        if session.app.quit {
            return Ok(Exit::Quit);
        }
        if session.app.suspend {
            session.app.suspend = false;
            terminal = suspend()?;
            continue;
        }
        if hung_up() {
            // The terminal went away (window closed): leave as if it had said SIGHUP.
            return Ok(Exit::Signal(SIGHUP));
        }
        if event::poll(session.next_wake())? {
            // Everything already queued is handled before drawing again (fast typing,
            // pastes), as one burst.
            let mut burst = vec![event::read()?];
            while event::poll(std::time::Duration::ZERO)? {
                burst.push(event::read()?);
            }
            session.handle_events(burst);
        }
        session.tick();
    }
}

/// The last line of defence: if a stop signal has been pending, or the terminal has been gone,
/// for a whole second and the event loop has not ended the app (it can be stuck in a read
/// that never returns), give the terminal back and exit from here. SQLite rolls back any
/// write that was cut short, so nothing is half saved.
fn start_watchdog(signal: Arc<AtomicUsize>) {
    const GRACE: Duration = Duration::from_secs(1);
    std::thread::spawn(move || {
        let mut since: Option<Instant> = None;
        loop {
            std::thread::sleep(Duration::from_millis(100));
            let pending = signal.load(Ordering::SeqCst);
            let reason = match pending {
                0 if hung_up() => SIGHUP as usize,
                0 => {
                    since = None;
                    continue;
                }
                n => n,
            };
            let first_seen = *since.get_or_insert_with(Instant::now);
            if first_seen.elapsed() >= GRACE {
                leave();
                std::process::exit(128 + reason as i32);
            }
        }
    });
}
