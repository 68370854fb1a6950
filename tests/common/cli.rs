//! The real `softly` binary run as a script runs it, in a sandbox of its own.

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

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
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_softly"));
        cmd.args(args)
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", &home)
            .env("XDG_DATA_HOME", home.join("data"))
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env("SOFTLY_DB", self.db())
            .env("SOFTLY_CONFIG", self.config())
            .env("SOFTLY_NOW", &self.now)
            .env("TZ", "UTC")
            .stdin(Stdio::null());
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
