//! The `softly` binary: read the clock, parse the command line, run it, report errors.

use std::process::ExitCode;

use clap::Parser;
use jiff::Timestamp;
use softly::cli::{self, Cli};
use softly::clock::{Clock, SystemClock, truncate_to_millis};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let now = match now() {
        Ok(now) => now,
        Err(message) => return fail(&message, 1),
    };
    match cli::run(cli, now) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(&e.message, e.code),
    }
}

/// The one place that reads the clock. `SOFTLY_NOW` (an RFC 3339 time) pins "now" for
/// tests, demos and reproducing a bug report; without it, the system clock.
fn now() -> Result<Timestamp, String> {
    match std::env::var("SOFTLY_NOW") {
        Ok(text) => text
            .parse::<Timestamp>()
            .map(truncate_to_millis)
            .map_err(|e| format!("SOFTLY_NOW=\"{text}\" is not an RFC 3339 time: {e}")),
        Err(_) => Ok(SystemClock.now()),
    }
}

fn fail(message: &str, code: u8) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::from(code)
}
