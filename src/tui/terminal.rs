//! Taking the terminal over and always giving it back: on quit, on error, on panic, on
//! SIGTERM, SIGHUP and SIGINT, and around Ctrl-Z.

use std::io::{self, Stdout, stdout};
use std::mem::ManuallyDrop;
use std::ops::{Deref, DerefMut};
use std::sync::Once;

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::cursor::{Hide, Show};
use ratatui::crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};

pub type Term = Terminal<CrosstermBackend<Stdout>>;

/// The app's terminal. ratatui's `Terminal`, when dropped with its cursor hidden, shows the
/// cursor and reports a failure with `eprintln!`, which panics on a terminal that has just
/// closed (the window was closed under the app). So the cursor is shown here first: once
/// that worked, dropping has nothing left to do; if it failed, the terminal is gone and the
/// `Terminal` is not dropped at all (the process is about to end).
pub struct Screen(ManuallyDrop<Term>);

impl Screen {
    fn new() -> io::Result<Screen> {
        Ok(Screen(ManuallyDrop::new(Terminal::new(
            CrosstermBackend::new(stdout()),
        )?)))
    }
}

impl Deref for Screen {
    type Target = Term;
    fn deref(&self) -> &Term {
        &self.0
    }
}

impl DerefMut for Screen {
    fn deref_mut(&mut self) -> &mut Term {
        &mut self.0
    }
}

impl Drop for Screen {
    fn drop(&mut self) {
        if self.0.show_cursor().is_ok() {
            // SAFETY: dropped once, here, and never used again.
            unsafe { ManuallyDrop::drop(&mut self.0) }
        }
    }
}

/// Raw mode, the alternate screen, mouse reporting and bracketed paste; cursor hidden.
pub fn enter() -> io::Result<()> {
    install_panic_hook();
    enable_raw_mode()?;
    execute!(
        stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste,
        Hide
    )
}

/// Undoes [`enter`]. Safe to call more than once, and it never fails: there is nothing
/// better to do with an error while giving the terminal back.
pub fn leave() {
    let _ = execute!(
        stdout(),
        DisableBracketedPaste,
        DisableMouseCapture,
        LeaveAlternateScreen,
        Show
    );
    let _ = disable_raw_mode();
}

/// Gives the terminal back when dropped, whichever way the app ends.
pub struct TerminalGuard;

impl TerminalGuard {
    pub fn new() -> io::Result<(TerminalGuard, Screen)> {
        enter()?;
        let guard = TerminalGuard;
        Ok((guard, Screen::new()?))
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        leave();
    }
}

/// A panic restores the terminal first, so its message is readable. Installed once.
fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            leave();
            previous(info);
        }));
    });
}

/// True once the terminal is gone (its window closed, its ssh connection dropped): reading
/// it would only ever return end-of-file. crossterm spins on that instead of reporting it,
/// so the event loop asks before every wait.
pub fn hung_up() -> bool {
    let mut fd = libc::pollfd {
        fd: libc::STDIN_FILENO,
        events: libc::POLLIN,
        revents: 0,
    };
    // SAFETY: one valid pollfd, a zero timeout; poll only writes `revents`.
    let ready = unsafe { libc::poll(&mut fd, 1, 0) };
    ready < 0 || fd.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0
}

/// Ctrl-Z: give the terminal back, stop until `fg`, then take it over again. Returns a
/// fresh terminal, so the next draw paints every cell of the cleared screen. (Without job
/// control, as in a process with no shell above it, the stop is ignored and the app goes on.)
pub fn suspend() -> io::Result<Screen> {
    leave();
    signal_hook::low_level::raise(signal_hook::consts::SIGTSTP)?;
    // Execution continues here after SIGCONT.
    enter()?;
    execute!(stdout(), Clear(ClearType::All))?;
    Screen::new()
}
