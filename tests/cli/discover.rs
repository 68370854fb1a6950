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
        for command in ["add", "ls", "restore", "empty-trash", "completions"] {
            assert!(script.contains(command), "{shell}: {command} missing");
        }
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
        return; // no groff here
    };
    std::io::Write::write_all(child.stdin.as_mut().unwrap(), page.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stderr), "", "groff warned");
}
