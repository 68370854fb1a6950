//! Real CalDAV servers for the sync tests, both from PyPI in a virtual environment made once
//! (tests/fixtures/sync/venv.sh) and started per test on a free port of 127.0.0.1 with a
//! throwaway storage folder: Radicale (htpasswd sign-in) and Xandikos (another reading of the
//! same RFCs: it leaves out of a listing what was made and deleted between two tokens, and
//! keeps its collections in git; it has no sign-in over plain HTTP, so it ignores the
//! password). Every end-to-end test runs against both (`on_both_servers!`). And a second
//! client, as a phone would be: the Python `caldav` library (tests/fixtures/sync/phone.py).

use std::net::{TcpListener, TcpStream};
use std::os::fd::AsRawFd;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

pub const USER: &str = "alice";
pub const PASSWORD: &str = "correct horse";

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sync")
}

/// The virtual environment, made by the first test that needs it (the others wait).
fn venv() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("sync-venv");
    let lock = std::fs::File::create(dir.with_extension("lock")).unwrap();
    // SAFETY: flock on a descriptor this function owns; released when `lock` closes.
    assert_eq!(unsafe { libc::flock(lock.as_raw_fd(), libc::LOCK_EX) }, 0);
    let status = Command::new("bash")
        .arg(fixtures().join("venv.sh"))
        .arg(&dir)
        .status()
        .unwrap();
    assert!(
        status.success(),
        "could not install Radicale, Xandikos and caldav from PyPI"
    );
    dir
}

/// Which server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Radicale,
    Xandikos,
}

pub struct DavServer {
    pub kind: Kind,
    pub dir: tempfile::TempDir,
    pub port: u16,
    python: PathBuf,
    child: Option<Child>,
    /// Set for a server that speaks HTTPS: the CA its certificate comes from (PEM).
    pub ca: Option<PathBuf>,
}

impl DavServer {
    pub fn start() -> DavServer {
        Self::start_with(Kind::Radicale, false)
    }

    /// A server of either kind.
    pub fn start_kind(kind: Kind) -> DavServer {
        Self::start_with(kind, false)
    }

    /// A Radicale that speaks HTTPS, with a certificate for 127.0.0.1 from a CA made for it
    /// (by openssl) that no system trusts.
    pub fn start_tls() -> DavServer {
        Self::start_with(Kind::Radicale, true)
    }

    fn start_with(kind: Kind, tls: bool) -> DavServer {
        let python = venv().join("bin/python");
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("users"), format!("{USER}:{PASSWORD}\n")).unwrap();
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let ca = tls.then(|| make_certificates(dir.path()));
        let mut server = DavServer {
            kind,
            dir,
            port,
            python,
            child: None,
            ca,
        };
        server.run();
        server
    }

    pub fn url(&self) -> String {
        let scheme = if self.ca.is_some() { "https" } else { "http" };
        format!("{scheme}://127.0.0.1:{}/", self.port)
    }

    fn run(&mut self) {
        let child = match self.kind {
            Kind::Radicale => self.radicale(),
            Kind::Xandikos => self.xandikos(),
        };
        self.child = Some(child);
        let started = Instant::now();
        while TcpStream::connect(("127.0.0.1", self.port)).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "{:?} did not start",
                self.kind
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn xandikos(&self) -> Child {
        let d = self.dir.path();
        Command::new(self.python.with_file_name("xandikos"))
            .args(["serve", "--autocreate", "-l", "127.0.0.1", "-p"])
            .arg(self.port.to_string())
            .arg("--current-user-principal")
            .arg(format!("/{USER}/"))
            .arg("-d")
            .arg(d.join("storage"))
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(d.join("log")).unwrap())
            .spawn()
            .unwrap()
    }

    fn radicale(&self) -> Child {
        let d = self.dir.path();
        let tls = match self.ca {
            Some(_) => format!(
                "ssl = True\ncertificate = {}\nkey = {}\n",
                d.join("cert.pem").display(),
                d.join("key.pem").display()
            ),
            None => String::new(),
        };
        let config = format!(
            "[server]\nhosts = 127.0.0.1:{}\n{tls}[auth]\ntype = htpasswd\nhtpasswd_filename = {}\n\
             htpasswd_encryption = plain\n[storage]\nfilesystem_folder = {}\n[logging]\nlevel = warning\n",
            self.port,
            d.join("users").display(),
            d.join("storage").display()
        );
        std::fs::write(d.join("config"), config).unwrap();
        Command::new(&self.python)
            .args(["-m", "radicale", "--config"])
            .arg(d.join("config"))
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(d.join("log")).unwrap())
            .spawn()
            .unwrap()
    }

    /// Stops the server, as a machine going offline would: asked to stop (SIGTERM), as a
    /// service manager would, and killed if it has not within ten seconds. (Killed at
    /// once, Xandikos can leave a git lock behind and answer 423 Locked ever after.)
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            // SAFETY: a signal to a child this struct started and has not reaped.
            unsafe { libc::kill(child.id() as i32, libc::SIGTERM) };
            let asked = Instant::now();
            while child.try_wait().ok().flatten().is_none() {
                if asked.elapsed() > Duration::from_secs(10) {
                    let _ = child.kill();
                }
                std::thread::sleep(Duration::from_millis(20));
            }
        }
    }

    /// Starts it again on the same port with the same storage.
    pub fn restart(&mut self) {
        self.stop();
        self.run();
    }

    /// Runs the phone client; its JSON answer.
    pub fn phone(&self, args: &[&str]) -> Value {
        self.phone_with_input(args, "")
    }

    pub fn phone_with_input(&self, args: &[&str], input: &str) -> Value {
        use std::io::Write;
        let mut child = Command::new(&self.python)
            .arg(fixtures().join("phone.py"))
            .args([&self.url(), USER, PASSWORD])
            .args(args)
            .envs(self.ca.iter().map(|ca| ("REQUESTS_CA_BUNDLE", ca)))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "phone {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap()
    }

    /// The phone's todos.
    pub fn todos(&self) -> Vec<Value> {
        self.phone(&["todos"]).as_array().unwrap().clone()
    }

    /// The resource files the server holds (every .ics under its storage).
    pub fn stored_files(&self) -> Vec<PathBuf> {
        fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
            for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
                let p = e.path();
                let hidden = e.file_name().to_string_lossy().starts_with('.');
                if p.is_dir() && !hidden {
                    walk(&p, out);
                } else if p.extension().is_some_and(|x| x == "ics") {
                    out.push(p);
                }
            }
        }
        let mut out = Vec::new();
        walk(&self.dir.path().join("storage"), &mut out);
        out
    }
}

/// A CA and a certificate for 127.0.0.1 signed by it, in `dir`; returns the CA's file.
fn make_certificates(dir: &Path) -> PathBuf {
    let openssl = |args: &[&str]| {
        let out = Command::new("openssl").args(args).current_dir(dir).output();
        let out = out.expect("openssl is needed to make the test certificates");
        assert!(
            out.status.success(),
            "openssl {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    let days = ["-days", "2"];
    openssl(
        &[
            &[
                "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key",
            ][..],
            &["-out", "ca.pem", "-subj", "/CN=softly test CA"],
            &days,
        ]
        .concat(),
    );
    openssl(&[
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "key.pem",
        "-out",
        "leaf.csr",
        "-subj",
        "/CN=127.0.0.1",
    ]);
    std::fs::write(
        dir.join("ext"),
        "subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n",
    )
    .unwrap();
    openssl(
        &[
            &[
                "x509", "-req", "-in", "leaf.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
            ][..],
            &["-CAcreateserial", "-out", "cert.pem", "-extfile", "ext"],
            &days,
        ]
        .concat(),
    );
    dir.join("ca.pem")
}

impl Drop for DavServer {
    fn drop(&mut self) {
        self.stop();
    }
}

/// The `[sync]` table for `server`; the password comes from a command.
pub fn sync_config(server: &DavServer) -> String {
    format!(
        "[sync]\nurl = \"{}\"\nusername = \"{USER}\"\npassword_command = \"printf '%s' '{PASSWORD}'\"\n",
        server.url()
    )
}
