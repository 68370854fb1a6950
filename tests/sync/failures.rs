//! What goes wrong: a wrong password, a server that stops mid-round, softly killed between
//! the server taking a todo and this database recording it. Nothing is lost, nothing doubled.

use super::*;
use common::cli::assert_one_error_line;

/// Radicale only: Xandikos signs nobody in over plain HTTP, so no password is wrong there.
#[test]
fn a_wrong_password_is_said_plainly_and_changes_nothing() {
    let server = DavServer::start();
    let a = device(&server, "2026-11-26T12:00:00Z");
    std::fs::write(
        a.config(),
        format!(
            "[sync]\nurl = \"{}\"\nusername = \"alice\"\npassword_command = \"echo wrong\"\n",
            server.url()
        ),
    )
    .unwrap();
    a.ok(&["add", "kept here"]);
    let err = a.fails(1, &["sync"]);
    assert_one_error_line(&err, "refused the username or password");
    assert!(err.contains("nothing was lost"), "{err}");
    assert_eq!(titles(&a), ["kept here"]);
    let status = a.ok(&["sync", "status"]);
    assert!(status.contains("failed: the server at"), "{status}");
}

fn sync_settings_that_cannot_work_are_refused_before_anything_is_sent(kind: Kind) {
    let server = DavServer::start_kind(kind);
    let a = device(&server, "2026-11-26T12:00:00Z");
    std::fs::write(a.config(), "").unwrap();
    let config = a.config().display().to_string();
    assert_one_error_line(
        &a.fails(1, &["sync"]),
        &format!("add a [sync] table with url and username to {config}"),
    );
    std::fs::write(
        a.config(),
        format!(
            "[sync]\nurl = \"{}\"\nusername = \"alice\"\npassword = \"hunter2\"\n",
            server.url()
        ),
    )
    .unwrap();
    // Refused by sync, said once by a command that does without it.
    let err = a.fails(1, &["sync"]);
    assert_one_error_line(&err, "line 4: [sync] must not hold the password");
    let ls = a.run(&["ls"]);
    assert!(ls.status.success());
    let warning = String::from_utf8_lossy(&ls.stderr);
    assert!(
        warning.starts_with("warning: ")
            && warning.contains("line 4: [sync] must not hold the password"),
        "{warning}"
    );
    std::fs::write(
        a.config(),
        format!("[sync]\nurl = \"{}\"\nusername = \"alice\"\n", server.url()),
    )
    .unwrap();
    assert_one_error_line(&a.fails(1, &["sync"]), "no password for sync");
    let ok = a
        .command(&["sync"])
        .env("SOFTLY_SYNC_PASSWORD", common::dav_server::PASSWORD)
        .output()
        .unwrap();
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
}

fn a_server_that_is_down_is_offline_and_the_next_round_finishes_the_work(kind: Kind) {
    let mut server = DavServer::start_kind(kind);
    let a = device(&server, "2026-11-26T12:00:00Z");
    a.ok(&["add", "written offline"]);
    server.stop();
    let err = a.fails(1, &["sync"]);
    assert_one_error_line(&err, &format!("could not reach {}", server.url()));
    server.restart();
    assert!(a.ok(&["sync"]).contains("1 todo sent"));
    assert_eq!(phone_summaries(&server), ["written offline"]);
}

/// 600 todos from a todo.txt file, for the rounds cut short.
fn many(a: &Softly, n: usize) {
    let lines: String = (0..n).map(|i| format!("todo number {i:04}\n")).collect();
    let file = a.dir.path().join("many.txt");
    std::fs::write(&file, lines).unwrap();
    a.ok(&["import", "--from", "todotxt", file.to_str().unwrap()]);
}

fn a_server_stopped_mid_round_and_started_again_loses_nothing_and_doubles_nothing(kind: Kind) {
    let mut server = DavServer::start_kind(kind);
    let a = device(&server, "2026-11-26T12:00:00Z");
    let b = device(&server, "2026-11-26T12:00:00Z");
    many(&a, 600);
    let round = a
        .command(&["sync"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    while server.stored_files().len() < 30 {
        assert!(started.elapsed().as_secs() < 120, "the round sent nothing");
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    server.stop();
    let out = round.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "the round stopped with the server"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("could not reach"));
    let sent_before = server.stored_files().len();
    assert!(
        sent_before < 600,
        "the server was stopped mid-round ({sent_before} sent)"
    );

    server.restart();
    a.ok(&["sync"]);
    assert_eq!(server.stored_files().len(), 600, "every todo once");
    let mut uids: Vec<String> = server
        .todos()
        .iter()
        .map(|t| t["uid"].as_str().unwrap().to_string())
        .collect();
    uids.sort();
    uids.dedup();
    assert_eq!(uids.len(), 600);
    b.ok(&["sync"]);
    assert_eq!(todos(&b).len(), 600);
    assert_eq!(a.ok(&["sync"]).trim(), "In sync: nothing moved.");
}

fn softly_killed_after_the_server_took_a_todo_sends_it_once(kind: Kind) {
    let server = DavServer::start_kind(kind);
    let a = device(&server, "2026-11-26T12:00:00Z");
    a.ok(&["add", "sent once"]);
    let out = a
        .command(&["sync"])
        .env("SOFTLY_CRASH_AT", "sync-after-put")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), None, "killed");
    assert_eq!(server.stored_files().len(), 1, "the server took it");
    // The next round finds it on the server, recognises it by its UID and records it.
    assert_eq!(a.ok(&["sync"]).trim(), "In sync: nothing moved.");
    assert_eq!(phone_summaries(&server), ["sent once"]);
    assert_eq!(server.stored_files().len(), 1);
    assert_eq!(a.ok(&["sync"]).trim(), "In sync: nothing moved.");
}

/// softly under strace: every internet address it connected to.
fn connections(device: &Softly, args: &[&str]) -> Vec<String> {
    let log = device.dir.path().join("strace.log");
    let cmd = device.command(args);
    let program = cmd.get_program().to_owned();
    let args: Vec<_> = cmd.get_args().map(|a| a.to_owned()).collect();
    let envs: Vec<_> = cmd
        .get_envs()
        .map(|(k, v)| (k.to_owned(), v.map(|v| v.to_owned())))
        .collect();
    let mut traced = std::process::Command::new("strace");
    traced
        .args(["-f", "-qq", "-e", "trace=connect", "-o"])
        .arg(&log)
        .arg(program)
        .args(args);
    traced.env_clear();
    for (k, v) in envs {
        if let Some(v) = v {
            traced.env(k, v);
        }
    }
    traced.stdin(std::process::Stdio::null()).output().unwrap();
    std::fs::read_to_string(&log)
        .unwrap_or_default()
        .lines()
        .filter(|l| l.contains("AF_INET"))
        .map(str::to_string)
        .collect()
}

fn only_sync_ever_touches_the_network(kind: Kind) {
    if std::process::Command::new("strace")
        .arg("-V")
        .output()
        .is_err()
    {
        panic!("strace is needed to watch what softly connects to (Debian: strace)");
    }
    let server = DavServer::start_kind(kind);
    let a = device(&server, "2026-11-26T12:00:00Z");
    // With [sync] set, the commands other than `sync` still stay off the network.
    let export = a.dir.path().join("out.json");
    let export = export.to_str().unwrap();
    for args in [
        &["add", "quiet"][..],
        &["ls"],
        &["trash"],
        &["export", export],
    ] {
        assert!(
            connections(&a, args).is_empty(),
            "softly {args:?} connected"
        );
    }
    assert!(!connections(&a, &["sync"]).is_empty(), "sync connects");
    // Without [sync], `sync` itself says so and connects to nothing.
    std::fs::write(a.config(), "").unwrap();
    assert!(connections(&a, &["sync"]).is_empty());
}

fn what_softly_cannot_hold_whole_stays_on_the_server_and_blocks_nothing(kind: Kind) {
    let server = DavServer::start_kind(kind);
    let a = device(&server, "2026-11-26T12:00:00Z");
    a.ok(&["sync"]);
    let long = PHONE_TODO
        .replace("phone-1@example.com", "long@example.com")
        .replace(
            "SUMMARY:Renew passport",
            &format!("SUMMARY:{}", "x".repeat(600)),
        );
    server.phone_with_input(&["put", "Inbox"], &long);
    // Xandikos refuses control characters in a SUMMARY; a bidi override it takes.
    let escape = if kind == Kind::Radicale {
        "\u{1b}[31m"
    } else {
        ""
    };
    let hostile = PHONE_TODO
        .replace("phone-1@example.com", "hostile@example.com")
        .replace(
            "SUMMARY:Renew passport",
            &format!("SUMMARY:pay {escape}now\u{202e}evil"),
        );
    server.phone_with_input(&["put", &"L".repeat(600)], &hostile);
    server.phone_with_input(&["put", "Inbox"], PHONE_TODO);
    let said = a.ok(&["sync"]);
    assert!(
        said.contains("long@example.com.ics: its title is too long: 600 characters"),
        "{said}"
    );
    let mut got = titles(&a);
    got.sort();
    assert_eq!(got.len(), 2, "{got:?}");
    assert!(got.contains(&"Renew passport".to_string()));
    assert!(
        got.iter()
            .any(|t| t.starts_with("pay [31mnowevil") || t.starts_with("pay ")),
        "{got:?}"
    );
    assert!(
        got.iter()
            .all(|t| !t.contains('\u{1b}') && !t.contains('\u{202e}')),
        "{got:?}"
    );
    let lists = a.json(&["lists", "--json"]);
    assert!(
        lists.to_string().contains(&"L".repeat(400)),
        "a list for the long-named collection: {lists}"
    );
    a.ok(&["sync"]);
    assert_eq!(server.todos().len(), 3, "nothing was taken off the server");
    let kept = server
        .todos()
        .into_iter()
        .find(|t| t["uid"] == "long@example.com")
        .unwrap();
    assert_eq!(
        kept["summary"].as_str().unwrap().len(),
        600,
        "unchanged there"
    );
}

on_both_servers!(
    sync_settings_that_cannot_work_are_refused_before_anything_is_sent,
    a_server_that_is_down_is_offline_and_the_next_round_finishes_the_work,
    a_server_stopped_mid_round_and_started_again_loses_nothing_and_doubles_nothing,
    softly_killed_after_the_server_took_a_todo_sends_it_once,
    only_sync_ever_touches_the_network,
    what_softly_cannot_hold_whole_stays_on_the_server_and_blocks_nothing,
);

/// What the config file and a failing password command say reaches the terminal only
/// display-safe (an OSC 52 clipboard write, a reset, a bidi override: shown, never done), and
/// nothing of the command's words or output is kept in the database's files.
#[test]
fn the_config_and_a_failing_password_command_reach_neither_the_terminal_raw_nor_the_disk() {
    let a = Softly::new().at("2026-11-26T12:00:00Z");
    std::fs::write(
        a.config(),
        "[sync]\nurl = \"http://127.0.0.1:1/\"\nusername = \"al\\u001bcice\\u202e\\u009b2J\"\n\
         password_command = \"printf '\\\\033]52;c;aHVudGVyMg==\\\\007hunter2' >&2; exit 3\"\n",
    )
    .unwrap();
    a.ok(&["add", "kept here"]);
    let err = a.fails(1, &["sync"]);
    assert!(err.contains("the password command"), "{err}");
    assert!(err.contains("exited 3"), "{err}");
    let status = a.ok(&["sync", "status"]);
    assert!(status.contains("(as al␛cice⟨U+202E⟩"), "{status}");
    assert!(status.contains("failed: the password command"), "{status}");
    for said in [&err, &status] {
        assert!(
            !said.contains(['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}']),
            "{said:?}"
        );
        assert!(!said.contains("hunter2") && !said.contains("aHVudGVyMg"));
    }
    drop(a.ok(&["ls"]));
    for file in ["softly.db", "softly.db-wal"] {
        let path = a.db().with_file_name(file);
        let bytes = std::fs::read(&path).unwrap_or_default();
        for secret in [&b"hunter2"[..], b"aHVudGVyMg", b"printf"] {
            assert!(
                !bytes.windows(secret.len()).any(|w| w == secret),
                "{} holds {}",
                path.display(),
                String::from_utf8_lossy(secret)
            );
        }
    }
}
