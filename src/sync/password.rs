//! The password: `SOFTLY_SYNC_PASSWORD`, else the first line `password_command` prints.
//! The command is asked once (the app keeps the answer for its session, and asks again only
//! after the server refused it), runs in a process group of its own with no terminal, and is
//! stopped, its whole group, after 30 seconds or when the app quits: a command that waits for
//! a PIN nobody can type must not hang sync. What it prints on its error output, and the
//! command itself, are never kept or shown: they may hold the secret.

use std::io::Read;
use std::os::unix::process::CommandExt;
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use super::round_error::SyncError;
use crate::sync_config::SyncConfig;
use crate::wording::sync as words;

/// The environment variable that holds the password when no command gives it.
pub const PASSWORD_VARIABLE: &str = "SOFTLY_SYNC_PASSWORD";

/// How long the command may take.
pub const COMMAND_TIME: Duration = Duration::from_secs(30);

/// The most of its output that is read: a password is one short line.
const MAX_OUTPUT: u64 = 64 * 1024;

/// The process group of the command that runs now, if one does (see [`stop_running_command`]).
static RUNNING: Mutex<Option<i32>> = Mutex::new(None);

/// The password for as long as it works: asked once, forgotten when the server refuses it.
pub struct Password {
    known: Option<String>,
    /// How long the command may take ([`COMMAND_TIME`]; tests wait less).
    time: Duration,
}

impl Default for Password {
    fn default() -> Self {
        Password {
            known: None,
            time: COMMAND_TIME,
        }
    }
}

impl Password {
    pub fn get(&mut self, config: &SyncConfig) -> Result<String, SyncError> {
        if let Some(known) = &self.known {
            return Ok(known.clone());
        }
        let password = ask(config, self.time)?;
        self.known = Some(password.clone());
        Ok(password)
    }

    /// The server refused it: the next round asks again.
    pub fn forget(&mut self) {
        self.known = None;
    }
}

fn ask(config: &SyncConfig, time: Duration) -> Result<String, SyncError> {
    if let Ok(password) = std::env::var(PASSWORD_VARIABLE)
        && !password.is_empty()
    {
        return Ok(password);
    }
    let Some(command) = &config.password_command else {
        return Err(SyncError::Password(words::NO_PASSWORD.into()));
    };
    let failed = |why: String| SyncError::Password(words::password_command_failed(&why));
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(command)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .process_group(0)
        .spawn()
        .map_err(|e| failed(format!("could not be run ({e})")))?;
    let group = child.id() as i32;
    *RUNNING.lock().unwrap_or_else(|e| e.into_inner()) = Some(group);
    let mut stdout = child.stdout.take().expect("piped");
    let reader = std::thread::spawn(move || {
        let mut out = Vec::new();
        let _ = (&mut stdout).take(MAX_OUTPUT).read_to_end(&mut out);
        out
    });
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) if started.elapsed() >= time => break None,
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(_) => break None,
        }
    };
    if status.is_none() {
        kill_group(group);
        let _ = child.wait();
    }
    *RUNNING.lock().unwrap_or_else(|e| e.into_inner()) = None;
    // Its group may keep the pipe open after it exits: that is not waited for either.
    kill_group(group);
    let out = reader.join().unwrap_or_default();
    let Some(status) = status else {
        return Err(failed(words::password_command_too_slow(time)));
    };
    if !status.success() {
        return Err(failed(match status.code() {
            Some(code) => format!("exited {code}"),
            None => "was stopped by a signal".into(),
        }));
    }
    let text = String::from_utf8_lossy(&out);
    let first = text.lines().next().unwrap_or("").trim_end_matches('\r');
    if first.is_empty() {
        return Err(failed("printed nothing".into()));
    }
    Ok(first.to_string())
}

fn kill_group(group: i32) {
    // SAFETY: a signal to a process group this file started; a group that is gone already
    // makes it fail, which is fine.
    unsafe { libc::kill(-group, libc::SIGKILL) };
}

/// Stops the password command that runs now, with its whole group: the app calls it as it
/// quits, so no `sh -c …` is left behind waiting for a PIN.
pub fn stop_running_command() {
    if let Some(group) = RUNNING.lock().unwrap_or_else(|e| e.into_inner()).take() {
        kill_group(group);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(command: &str) -> SyncConfig {
        SyncConfig {
            url: "https://dav.example.com/".into(),
            username: "me".into(),
            password_command: Some(command.into()),
            inbox: "Inbox".into(),
            interval: crate::sync_config::DEFAULT_SYNC_INTERVAL,
        }
    }

    /// The variable would win over the command: these tests need it unset (no other test of
    /// this binary sets it).
    fn without_the_variable() {
        assert!(
            std::env::var_os(PASSWORD_VARIABLE).is_none(),
            "unset {PASSWORD_VARIABLE}"
        );
    }

    #[test]
    fn only_the_first_line_is_the_password_and_it_is_asked_once() {
        without_the_variable();
        let dir = tempfile::tempdir().unwrap();
        let count = dir.path().join("asked");
        let command = format!(
            "echo x >> {}; printf 'hunter2\\nsecond line\\n'",
            count.display()
        );
        let mut password = Password::default();
        assert_eq!(password.get(&config(&command)).unwrap(), "hunter2");
        assert_eq!(password.get(&config(&command)).unwrap(), "hunter2");
        assert_eq!(std::fs::read_to_string(&count).unwrap().lines().count(), 1);
        password.forget();
        password.get(&config(&command)).unwrap();
        assert_eq!(std::fs::read_to_string(&count).unwrap().lines().count(), 2);
    }

    #[test]
    fn a_failing_command_is_said_without_its_words_or_its_output() {
        without_the_variable();
        let said = |command: &str| {
            Password::default()
                .get(&config(command))
                .unwrap_err()
                .to_string()
        };
        let failed = said("echo hunter2 >&2; exit 3");
        assert_eq!(
            failed,
            "the password command (password_command in [sync]) exited 3"
        );
        assert!(said("true").ends_with("printed nothing"));
        assert!(!failed.contains("hunter2") && !failed.contains("echo"));
    }

    #[test]
    fn a_command_that_never_returns_is_stopped_with_its_whole_group() {
        without_the_variable();
        let dir = tempfile::tempdir().unwrap();
        let pid_file = dir.path().join("pid");
        let command = format!("sleep 60 & echo $! > {}; wait", pid_file.display());
        let mut password = Password {
            known: None,
            time: Duration::from_millis(600),
        };
        let started = Instant::now();
        let said = password.get(&config(&command)).unwrap_err().to_string();
        assert!(said.contains("did not finish in 1 second"), "{said}");
        assert!(started.elapsed() < Duration::from_secs(10));
        let pid: i32 = std::fs::read_to_string(&pid_file)
            .unwrap()
            .trim()
            .parse()
            .unwrap();
        // SAFETY: signal 0 only asks whether the process is there.
        let alive = || unsafe { libc::kill(pid, 0) } == 0;
        let gone_by = Instant::now() + Duration::from_secs(5);
        while alive() && Instant::now() < gone_by {
            std::thread::sleep(Duration::from_millis(20));
        }
        assert!(!alive(), "the command's child was stopped too");
    }
}
