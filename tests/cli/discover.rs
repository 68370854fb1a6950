//! Commands about softly itself: `paths`, `completions`, `man`, and the help's defaults.

use super::*;

#[test]
fn paths_names_the_files_a_command_would_use_and_creates_none() {
    let s = Softly::new();
    let v: Value = serde_json::from_str(&s.ok(&["paths", "--json"])).unwrap();
    assert_eq!(v["database"], s.db().to_str().unwrap());
    assert_eq!(v["database_from"], "environment");
    assert_eq!(v["database_exists"], false);
    assert_eq!(v["config"], s.config().to_str().unwrap());
    assert_eq!(v["config_exists"], true);
    let home = s.dir.path().join("home");
    assert_eq!(v["data_dir"], home.join("data/softly").to_str().unwrap());
    assert_eq!(
        v["config_dir"],
        home.join("config/softly").to_str().unwrap()
    );
    assert!(!s.db().exists(), "paths opened no database");
    // A flag wins over the environment; without either, the default.
    let mine = s.dir.path().join("mine.db");
    let text = s.ok(&["paths", "--db", mine.to_str().unwrap()]);
    assert!(
        text.contains(&format!(
            "database    {}  (from --db/--config, not created yet)",
            mine.display()
        )),
        "{text}"
    );
    let out = s
        .command(&["paths", "--json"])
        .env_remove("SOFTLY_DB")
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v["database"],
        home.join("data/softly/softly.db").to_str().unwrap()
    );
    assert_eq!(v["database_from"], "default");
    // A broken config file does not stop it from saying where that file is.
    std::fs::write(s.config(), "retention = [").unwrap();
    assert!(s.ok(&["paths"]).contains(s.config().to_str().unwrap()));
}

#[test]
fn the_help_names_the_default_paths_as_this_machine_resolves_them() {
    let s = Softly::new();
    let help = s.ok(&["--help"]);
    let home = s.dir.path().join("home");
    for path in [
        home.join("data/softly/softly.db"),
        home.join("config/softly/config.toml"),
    ] {
        assert!(
            help.contains(&format!("default: {}]", path.display())),
            "{help}"
        );
    }
    assert!(!help.contains("your data directory"));
}

#[test]
fn completion_scripts_are_made_for_each_shell_and_parse_where_the_shell_is_here() {
    let s = Softly::new();
    for (shell, check) in [
        ("bash", Some(("bash", "-n"))),
        ("zsh", Some(("zsh", "-n"))),
        ("fish", Some(("fish", "--no-execute"))),
        ("elvish", None),
        ("powershell", None),
    ] {
        let script = s.ok(&["completions", shell]);
        // Each asks softly itself, with COMPLETE set to the shell, when Tab is pressed.
        assert!(script.contains("COMPLETE"), "{shell}: {script}");
        assert!(
            script.contains(env!("CARGO_BIN_EXE_softly")),
            "{shell}: {script}"
        );
        let Some((program, flag)) = check else {
            continue;
        };
        let Ok(mut child) = std::process::Command::new(program)
            .arg(flag)
            .stdin(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
        else {
            continue; // this shell is not installed here
        };
        std::io::Write::write_all(child.stdin.as_mut().unwrap(), script.as_bytes()).unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{shell}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let err = s.fails(2, &["completions", "tcsh"]);
    assert!(err.contains("tcsh"), "{err}");
}

#[test]
fn the_manual_page_covers_every_command_and_renders() {
    let s = Softly::new();
    let page = s.ok(&["man"]);
    assert!(
        page.starts_with(".ie") || page.contains(".TH softly 1"),
        "{}",
        &page[..200.min(page.len())]
    );
    // One page: no pointers to softly-add(1) and the like, which do not exist.
    assert!(!page.contains("softly\\-add(1)"), "pages that do not exist");
    assert!(
        page.contains("\\fBsoftly list rename\\fR"),
        "the commands are listed"
    );
    // How to make `man softly` work is said where it is printed.
    assert!(s.ok(&["man", "--help"]).contains("MANPATH"));
    for command in [
        "ADD",
        "LS",
        "DONE",
        "EDIT",
        "MV",
        "RM",
        "CLEAR-DONE",
        "LIST ADD",
        "LIST RENAME",
        "LIST RM",
        "TRASH",
        "RESTORE",
        "PIN",
        "UNPIN",
        "ERASE",
        "EMPTY-TRASH",
        "PURGE",
        "EXPORT",
        "IMPORT",
        "LOG",
        "PATHS",
        "COMPLETIONS",
        "MAN",
    ] {
        assert!(
            page.contains(&format!(".SH \"SOFTLY {command}\"")),
            "{command} missing"
        );
    }
    // Rendered by groff, as man would, without a warning.
    let Ok(mut child) = std::process::Command::new("groff")
        .args(["-man", "-Tutf8", "-ww", "-z"])
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    else {
        cannot_run_here(
            "the_manual_page_covers_every_command_and_renders",
            "groff",
            "rendering the page as man does",
        );
        return;
    };
    std::io::Write::write_all(child.stdin.as_mut().unwrap(), page.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stderr), "", "groff warned");
}

/// A database with lists, live todos and trash entries, for the completions to read.
pub(super) fn for_completion(s: &Softly) {
    s.ok(&["list", "add", "Work"]);
    s.ok(&["list", "add", "Home stuff"]);
    s.ok(&["add", "milk"]);
    s.ok(&["add", "bread", "--list", "Work"]);
    s.ok(&["rm", "2"]);
    s.ok(&["list", "rm", "Home stuff"]);
}

/// What the shell gets back from `COMPLETE=fish softly -- WORDS…` (fish's protocol is the
/// plainest: a candidate a line, its description after a tab).
fn asked(s: &Softly, words: &[&str]) -> Vec<String> {
    let mut cmd = s.command(&[]);
    cmd.env("COMPLETE", "fish")
        .env("SOFTLY_DB", s.db())
        .arg("--")
        .arg("softly")
        .args(words);
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| !l.starts_with('-'))
        .map(str::to_string)
        .collect()
}

/// Every file beside the database, with its bytes.
fn files(s: &Softly) -> Vec<(String, Vec<u8>)> {
    let mut found: Vec<(String, Vec<u8>)> = std::fs::read_dir(s.db().parent().unwrap())
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    found.sort();
    found
}

/// Promise: Tab reads a database whose writer was killed mid-way (its `-wal` and `-shm`
/// left beside it) without changing either, and sees what the log holds; with the `-shm`
/// gone it makes none. A name another program wrote with an escape in it is shown safe.
#[test]
fn completing_beside_a_killed_writers_log_creates_or_changes_no_file() {
    let s = Softly::new();
    for_completion(&s);
    let conn = rusqlite::Connection::open(s.db()).unwrap();
    conn.execute(
        "UPDATE lists SET name = 'Wo\u{1b}]52;c;x\u{7}rk' WHERE name = 'Work'",
        [],
    )
    .unwrap();
    drop(conn);
    s.ok(&["list", "add", "Office"]);
    // Killed right after a commit: the log and its index stay, not copied back.
    let mut cmd = s.command(&["edit", "1", "a new title"]);
    cmd.env("SOFTLY_CRASH_AT", "after-removal-commit");
    assert_eq!(cmd.output().unwrap().status.code(), None, "killed");
    let (wal, shm) = (
        s.db().with_extension("db-wal"),
        s.db().with_extension("db-shm"),
    );
    assert!(wal.exists() && shm.exists());
    let before = files(&s);
    let names = asked(&s, &["ls", "--list", ""]);
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(
        names
            .iter()
            .all(|n| !n.contains('\u{1b}') && !n.contains('\u{7}')),
        "{names:?}"
    );
    assert_eq!(
        asked(&s, &["done", ""]),
        ["1\ta new title"],
        "the log is read"
    );
    assert!(files(&s) == before, "completing changed a file");
    std::fs::remove_file(&shm).unwrap();
    let before = files(&s);
    asked(&s, &["ls", "--list", ""]);
    asked(&s, &["done", ""]);
    assert!(!shm.exists(), "an -shm was made");
    assert!(files(&s) == before, "completing changed a file");
}

/// Promise: Tab completes live list names, trash entry ids (with what each holds) and todo
/// ids (with their titles) from the database as it is, and reading them creates or changes
/// no file.
#[test]
fn list_names_and_ids_complete_from_the_database_and_touch_nothing() {
    let s = Softly::new();
    for_completion(&s);
    let before = files(&s);
    assert_eq!(
        asked(&s, &["mv", "1", "--list", ""]),
        ["Work"],
        "live lists only"
    );
    assert_eq!(asked(&s, &["ls", "--list", "wo"]), ["Work"]);
    assert_eq!(asked(&s, &["list", "rename", ""]), ["Work"]);
    assert_eq!(asked(&s, &["restore", ""]), ["1\tbread", "2\tHome stuff"]);
    assert_eq!(asked(&s, &["erase", "2"]), ["2\tHome stuff"]);
    assert_eq!(asked(&s, &["done", ""]), ["1\tmilk"]);
    assert_eq!(files(&s), before, "completing wrote nothing");
    // No database yet: nothing to offer, and none is made.
    let fresh = Softly::new();
    assert!(asked(&fresh, &["restore", ""]).is_empty());
    assert!(!fresh.db().exists());
}

/// Promise: a `[keys]` or `[theme]` setting the app cannot use stops it before it takes
/// the terminal, naming the file and the line; good ones let it go on.
#[test]
fn the_app_refuses_keys_or_colours_it_cannot_use_by_line() {
    let s = Softly::new();
    let config = s.config();
    for (text, expect) in [
        (
            "[keys.trash]\nrestore = \"Hyper-r\"\n",
            "line 2: [keys.trash] restore: 'Hyper-r' is not a key",
        ),
        (
            "retention = \"30d\"\n[theme]\naccent = \"blurple\"\n",
            "line 3: [theme] accent: 'blurple' is not a colour",
        ),
        (
            "[theme]\npreset = \"solarized\"\n",
            "line 2: [theme] preset: 'solarized' is not a preset",
        ),
    ] {
        std::fs::write(&config, text).unwrap();
        let err = s.fails(1, &[]);
        assert_one_error_line(&err, expect);
        assert!(
            err.contains(&format!("{}, line", config.display())),
            "{err}"
        );
    }
    // A good one gets as far as wanting a terminal (these tests have none).
    std::fs::write(
        &config,
        "[keys.todos]\ndelete = \"Ctrl-d\"\n[theme]\npreset = \"light\"\n",
    )
    .unwrap();
    let err = s.fails(1, &[]);
    assert!(err.contains("terminal"), "{err}");
    // Commands do not use keys or colours, and run whatever they say.
    std::fs::write(&config, "[keys.trash]\nrestore = \"Hyper-r\"\n").unwrap();
    s.ok(&["ls"]);
}

/// A broken `[sync]`, `[keys]` or `[theme]` stops only what uses it: `ls`, `trash` and
/// `export` work with one warning line naming the line at fault; `sync` and the app refuse.
#[test]
fn a_broken_section_stops_only_what_uses_it() {
    let s = Softly::new();
    s.ok(&["add", "still here"]);
    for (text, line, uses) in [
        (
            "retention = \"30d\"\n[sync]\nusername = \"me\"\nurl = \"ftp://x\"\n",
            "line 4: [sync] url must be",
            vec!["sync"],
        ),
        (
            "[sync]\nurl = \"https://dav.example.com/\"\nusername = \"me\"\nsync_interval = 5\n",
            "line 4",
            vec!["sync"],
        ),
        ("[keys.todos]\ndelete = 5\n", "line 2", vec![]),
    ] {
        std::fs::write(s.config(), text).unwrap();
        for args in [&["ls"][..], &["trash"], &["export"]] {
            let out = s.run(args);
            assert!(out.status.success(), "{args:?} with {text:?}");
            let err = String::from_utf8_lossy(&out.stderr);
            assert_eq!(err.lines().count(), 1, "one warning line: {err}");
            assert!(err.starts_with("warning: ") && err.contains(line), "{err}");
        }
        assert!(s.ok(&["ls"]).contains("still here"));
        for args in uses {
            let err = s.fails(1, &[args]);
            assert_one_error_line(&err, line);
        }
        let err = s.fails(1, &[]);
        assert_one_error_line(&err, line);
    }
}
