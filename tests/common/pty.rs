//! Running the real `softly` binary in a pseudo-terminal: send keys, read the screen as a
//! terminal would show it (vt100), and keep every raw byte for checks on escape sequences.

use std::ffi::OsStr;
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::os::fd::{AsRawFd, FromRawFd};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

pub struct Pty {
    child: Box<dyn Child + Send + Sync>,
    writer: Option<Box<dyn Write + Send>>,
    master: Option<Box<dyn MasterPty + Send>>,
    parser: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
    /// Tells the reading thread to let go of the terminal.
    stop: Arc<AtomicBool>,
}

/// How long any wait may take before the test fails with the screen in its message.
pub const PATIENCE: Duration = Duration::from_secs(20);

impl Pty {
    /// Starts `softly args` in a `cols` × `rows` terminal, with exactly `env` (plus TERM and
    /// PATH) and `cwd` as its working directory.
    pub fn spawn<K: AsRef<OsStr>, V: AsRef<OsStr>>(
        args: &[&str],
        env: impl IntoIterator<Item = (K, V)>,
        cwd: &Path,
        cols: u16,
        rows: u16,
    ) -> Pty {
        Self::spawn_program(env!("CARGO_BIN_EXE_softly"), args, env, cwd, cols, rows)
    }

    /// Like [`Pty::spawn`], for any program (a shell, to test job control).
    pub fn spawn_program<K: AsRef<OsStr>, V: AsRef<OsStr>>(
        program: &str,
        args: &[&str],
        env: impl IntoIterator<Item = (K, V)>,
        cwd: &Path,
        cols: u16,
        rows: u16,
    ) -> Pty {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.env_clear();
        cmd.env("TERM", "xterm-256color");
        cmd.env("PATH", std::env::var_os("PATH").unwrap_or_default());
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd.cwd(cwd);
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let writer = pair.master.take_writer().unwrap();
        let parser = Arc::new(Mutex::new(vt100::Parser::new(
            NonZeroU16::new(rows).unwrap(),
            NonZeroU16::new(cols).unwrap(),
            0,
        )));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        {
            // Our own copy of the terminal's fd, read with a timeout so that `hang_up` can
            // stop this thread and really close the terminal (a blocked read would keep it
            // open).
            let fd = pair.master.as_raw_fd().expect("a unix pty");
            // SAFETY: dup of a valid fd; the File owns the copy and closes it when dropped.
            let mut reader = unsafe { std::fs::File::from_raw_fd(libc::dup(fd)) };
            let (parser, raw, stop) = (Arc::clone(&parser), Arc::clone(&raw), Arc::clone(&stop));
            std::thread::spawn(move || {
                let mut buf = [0u8; 4096];
                while !stop.load(Ordering::SeqCst) {
                    let mut pfd = libc::pollfd {
                        fd: reader.as_raw_fd(),
                        events: libc::POLLIN,
                        revents: 0,
                    };
                    // SAFETY: one valid pollfd.
                    if unsafe { libc::poll(&mut pfd, 1, 50) } <= 0 {
                        continue;
                    }
                    match reader.read(&mut buf) {
                        Ok(0) | Err(_) => break,
                        Ok(n) => {
                            parser.lock().unwrap().process(&buf[..n]);
                            raw.lock().unwrap().extend_from_slice(&buf[..n]);
                        }
                    }
                }
            });
        }
        Pty {
            child,
            writer: Some(writer),
            master: Some(pair.master),
            parser,
            raw,
            stop,
        }
    }

    /// The screen's text, as a terminal shows it now.
    pub fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Everything the program has written so far, escape sequences included.
    pub fn raw(&self) -> Vec<u8> {
        self.raw.lock().unwrap().clone()
    }

    /// Waits until the screen shows `text`; fails with the screen if it never does.
    pub fn wait_for(&self, text: &str) -> String {
        self.wait_until(
            |screen| screen.contains(text),
            &format!("{text:?} to appear"),
        )
    }

    /// Waits until the screen no longer shows `text`.
    pub fn wait_for_gone(&self, text: &str) -> String {
        self.wait_until(|screen| !screen.contains(text), &format!("{text:?} to go"))
    }

    fn wait_until(&self, done: impl Fn(&str) -> bool, what: &str) -> String {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let screen = self.screen();
            if done(&screen) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "waited {PATIENCE:?} for {what}; the screen shows:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Types `keys` (raw bytes: "\r" is Enter, "\x1b" is Esc).
    pub fn send(&mut self, keys: &str) {
        let writer = self.writer.as_mut().expect("the terminal was hung up");
        writer.write_all(keys.as_bytes()).unwrap();
        writer.flush().unwrap();
    }

    /// Types keys one at a time, waiting a moment between them, as a person does.
    pub fn type_slowly(&mut self, keys: &str) {
        for c in keys.chars() {
            self.send(&c.to_string());
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    /// Resizes the terminal, as dragging the window edge does. As a real terminal does, the
    /// screen takes its new size before the program hears of it (SIGWINCH): the parser is
    /// resized first, and held while the pty is, so a frame drawn for the new size is never
    /// read at the old one (ratatui draws only what changed after that, so the screen would
    /// stay garbled).
    pub fn resize(&mut self, cols: u16, rows: u16) {
        let mut parser = self.parser.lock().unwrap();
        parser.screen_mut().set_size(
            NonZeroU16::new(rows).unwrap(),
            NonZeroU16::new(cols).unwrap(),
        );
        self.master
            .as_ref()
            .expect("the terminal was hung up")
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        drop(parser);
    }

    /// Closes the terminal under the program, as closing its window does.
    pub fn hang_up(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        std::thread::sleep(Duration::from_millis(150)); // the reader lets go within 50 ms
        self.writer = None;
        self.master = None;
    }

    /// True when the terminal is back in its usual (cooked) modes: lines edited by the
    /// terminal, typing echoed, as a shell needs it. (The master side reads the modes the
    /// program set on its side.)
    pub fn is_cooked(&self) -> bool {
        let fd = self
            .master
            .as_ref()
            .and_then(|m| m.as_raw_fd())
            .expect("a unix pty");
        // SAFETY: an all-zero termios is a valid value for tcgetattr to fill.
        let mut modes: libc::termios = unsafe { std::mem::zeroed() };
        // SAFETY: reads the modes of a valid fd into `modes`.
        assert_eq!(unsafe { libc::tcgetattr(fd, &mut modes) }, 0);
        modes.c_lflag & libc::ICANON != 0 && modes.c_lflag & libc::ECHO != 0
    }

    pub fn pid(&self) -> u32 {
        self.child.process_id().unwrap()
    }

    /// Waits for the program to end; returns its exit status.
    pub fn wait_exit(&mut self) -> u32 {
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                // Give the reader a moment to take the last bytes.
                std::thread::sleep(Duration::from_millis(100));
                return status.exit_code();
            }
            assert!(
                Instant::now() < deadline,
                "the program did not exit; the screen shows:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

/// True if `needle` occurs in `haystack`.
pub fn has(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// The position of the last occurrence of `needle`, if any.
pub fn last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}
