//! The `softly` binary: choose the clock, parse the command line, run it, report errors.

use std::io::Write;
use std::process::ExitCode;
use std::sync::Arc;

use jiff::Timestamp;
use softly::cli::{self, Outcome};
use softly::clock::{Clock, FixedClock, ShiftedClock, SystemClock};
use softly::text::display_safe;

fn main() -> ExitCode {
    // A shell asking for completions (`COMPLETE=bash softly -- …`) is answered, and that
    // is all this process does.
    cli::answer_the_shell();
    let cli = match cli::parse() {
        Ok(cli) => cli,
        Err(e) => return usage(&e),
    };
    if cli.demo && cli.command.is_some() {
        // The demo is the app on a throwaway database; a command would run on nothing.
        let e = cli::command().error(
            clap::error::ErrorKind::ArgumentConflict,
            "--demo opens the app on a throwaway database and takes no command",
        );
        return usage(&e);
    }
    if cli.command.is_some() {
        // A command whose reader goes away (`softly ls | head`) ends quietly, as Unix tools
        // do, instead of panicking on the broken pipe. Rust ignores SIGPIPE by default.
        // SAFETY: called before any other thread exists; SIG_DFL is a valid disposition.
        unsafe {
            libc::signal(libc::SIGPIPE, libc::SIG_DFL);
        }
    }
    let clock = match clock(cli.command.is_some()) {
        Ok(clock) => clock,
        Err(message) => return fail(&message, 1),
    };
    match cli::run(cli, clock) {
        Ok(Outcome::Done) => ExitCode::SUCCESS,
        Ok(Outcome::Signalled(n)) => ExitCode::from(128u8.saturating_add(n as u8)),
        Err(e) => fail(&e.message, e.code),
    }
}

/// The one place that reads the system clock. `SOFTLY_NOW` (an RFC 3339 time) pins "now"
/// instead, for tests, demos and reproducing a bug report: a command runs at exactly that
/// instant; the app starts there and its clock runs on in real time.
fn clock(command: bool) -> Result<Arc<dyn Clock>, String> {
    let Ok(text) = std::env::var("SOFTLY_NOW") else {
        return Ok(Arc::new(SystemClock));
    };
    let start = text
        .parse::<Timestamp>()
        .map_err(|e| format!("SOFTLY_NOW=\"{text}\" is not an RFC 3339 time: {e}"))?;
    Ok(if command {
        Arc::new(FixedClock::new(start))
    } else {
        Arc::new(ShiftedClock::starting_at(start))
    })
}

/// Prints clap's usage error, help or version text, every line made safe (an error quotes
/// the argument it could not use, which may hold escape sequences), with clap's exit status.
fn usage(e: &clap::Error) -> ExitCode {
    let text = e.render().to_string();
    let safe: Vec<String> = text
        .lines()
        .map(|line| display_safe(line).into_owned())
        .collect();
    let safe = safe.join("\n") + "\n";
    let _ = if e.use_stderr() {
        std::io::stderr().write_all(safe.as_bytes())
    } else {
        std::io::stdout().write_all(safe.as_bytes())
    };
    ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2))
}

/// Reports a failure on stderr, every character visible (a value or path in the message may
/// hold escape sequences). Never panics: stderr may be a terminal that has just closed
/// (`eprintln!` would panic there), and the exit status still says what happened.
fn fail(message: &str, code: u8) -> ExitCode {
    let _ = writeln!(std::io::stderr(), "error: {}", display_safe(message));
    ExitCode::from(code)
}
