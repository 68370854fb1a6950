//! Taking the terminal over and always giving it back: on quit, on error, on panic, on
//! SIGTERM, SIGHUP and SIGINT, around Ctrl-Z, and on an abort (out of memory, a stack
//! overflow), where nothing else of softly runs.

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
    install_abort_handler();
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

/// What [`leave`] writes, as bytes a signal handler can write without allocating.
const LEAVE_BYTES: &[u8] =
    b"\x1b[?2004l\x1b[?1006l\x1b[?1015l\x1b[?1003l\x1b[?1002l\x1b[?1000l\x1b[?1049l\x1b[?25h";

/// The terminal's modes before raw mode, for the abort handler to put back.
static COOKED: std::sync::OnceLock<libc::termios> = std::sync::OnceLock::new();

/// An abort (the allocator out of memory, a stack overflow: Rust aborts on both, and no
/// destructor or panic hook runs) still gives the terminal back: a SIGABRT handler writes
/// [`LEAVE_BYTES`] and restores the modes read before raw mode, with nothing but
/// async-signal-safe calls; then the abort goes on and the process ends as it would have.
fn install_abort_handler() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // SAFETY: an all-zero termios is a valid value for tcgetattr to fill.
        let mut modes: libc::termios = unsafe { std::mem::zeroed() };
        // SAFETY: reads the modes of standard input into `modes`.
        if unsafe { libc::tcgetattr(libc::STDIN_FILENO, &mut modes) } == 0 {
            let _ = COOKED.set(modes);
        }
        let restore = || {
            // SAFETY: write and tcsetattr are async-signal-safe; the bytes and the modes
            // are static and were set before the handler was installed.
            unsafe {
                libc::write(
                    libc::STDOUT_FILENO,
                    LEAVE_BYTES.as_ptr().cast(),
                    LEAVE_BYTES.len(),
                );
                if let Some(modes) = COOKED.get() {
                    libc::tcsetattr(libc::STDIN_FILENO, libc::TCSANOW, modes);
                }
            }
        };
        // SAFETY: the handler only makes async-signal-safe calls (see `restore`).
        let _ = unsafe { signal_hook::low_level::register(signal_hook::consts::SIGABRT, restore) };
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
