//! The real `softly` binary run as a script runs it, in a sandbox of its own.

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

/// The uid of `nobody`, whom the tests become when they run as root (as CI does), so that
/// file permissions apply to softly as they do for a user.
pub const NOBODY: u32 = 65534;

/// The one way the tests start the binary: `softly`, its input closed.
pub fn softly_command() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_softly"));
    cmd.stdin(Stdio::null());
    cmd
}

/// Whether the tests run as root, who ignores file permissions.
pub fn is_root() -> bool {
    // The owner of /proc/self is the effective user.
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata("/proc/self")
        .map(|m| m.uid() == 0)
        .unwrap_or(false)
}

/// The one way the tests drop privileges: the program and leading arguments that start
/// softly as user `uid` (through `setpriv`) when the tests run as root, or softly itself
/// otherwise.
pub fn softly_as(uid: u32) -> (&'static str, Vec<String>) {
    let softly = env!("CARGO_BIN_EXE_softly");
    if is_root() {
        let ids = [format!("--reuid={uid}"), format!("--regid={uid}")];
        let mut args = ids.to_vec();
        args.extend(["--clear-groups".to_string(), softly.to_string()]);
        ("setpriv", args)
    } else {
        (softly, Vec::new())
    }
}

/// [`softly_as`] as a command, its input closed.
pub fn softly_command_as(uid: u32) -> Command {
    let (program, args) = softly_as(uid);
    let mut cmd = Command::new(program);
    cmd.args(args).stdin(Stdio::null());
    cmd
}

/// A sandbox for one test: its own database, config file, home and clock.
pub struct Softly {
    pub dir: tempfile::TempDir,
    /// What `SOFTLY_NOW` says; every command runs at this instant.
    pub now: String,
}

impl Softly {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("config.toml"), "").unwrap();
        Softly {
            dir,
            now: "2026-11-26T12:00:00Z".to_string(),
        }
    }

    pub fn db(&self) -> PathBuf {
        self.dir.path().join("data/softly.db")
    }

    pub fn config(&self) -> PathBuf {
        self.dir.path().join("config.toml")
    }

    pub fn at(mut self, now: &str) -> Self {
        self.now = now.to_string();
        self
    }

    pub fn command(&self, args: &[&str]) -> Command {
        let home = self.dir.path().join("home");
        let mut cmd = softly_command();
        cmd.args(args)
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", &home)
            .env("XDG_DATA_HOME", home.join("data"))
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env("SOFTLY_DB", self.db())
            .env("SOFTLY_CONFIG", self.config())
            .env("SOFTLY_NOW", &self.now)
            .env("TZ", "UTC");
        cmd
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().unwrap()
    }

    /// Runs a command that must succeed; returns its stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "softly {args:?} failed ({:?}):\n{}",
            out.status.code(),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// Runs a command that must fail with `code`; returns its stderr.
    pub fn fails(&self, code: i32, args: &[&str]) -> String {
        let out = self.run(args);
        assert_eq!(
            out.status.code(),
            Some(code),
            "softly {args:?}: stdout {}\nstderr {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stderr).unwrap()
    }

    pub fn json(&self, args: &[&str]) -> Value {
        serde_json::from_str(&self.ok(args)).unwrap()
    }
}

/// An error a user sees: one line, starting `error:`.
pub fn assert_one_error_line(stderr: &str, contains: &str) {
    assert!(stderr.starts_with("error: "), "{stderr:?}");
    assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr:?}");
    assert!(
        stderr.contains(contains),
        "{stderr:?} should contain {contains:?}"
    );
}
