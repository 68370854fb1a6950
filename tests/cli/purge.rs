//! The purge every command runs, and `softly purge`: to the millisecond, with dry runs and
//! shortened retentions.

use super::*;

#[test]
fn purge_dry_run_reports_and_changes_nothing_then_purge_erases() {
    let s = Softly::new();
    s.ok(&["add", "a"]);
    s.ok(&["add", "b"]);
    s.ok(&["rm", "1"]);
    let s = s.at("2026-12-10T12:00:00Z");
    s.ok(&["rm", "2"]);
    let s = s.at("2026-12-26T12:00:00Z"); // exactly 30 days after the first delete
    let v = s.json(&["purge", "--dry-run", "--json"]);
    assert_eq!(
        keys(&v),
        [
            "cutoff",
            "dry_run",
            "entries",
            "held_back",
            "lists",
            "todos"
        ]
    );
    assert!(v["held_back"].is_null());
    assert_eq!(v["entries"], 1);
    assert_eq!(v["todos"], 1);
    assert_eq!(v["lists"], 0);
    assert_eq!(v["cutoff"], "2026-11-26T12:00:00.000Z");
    assert_eq!(v["dry_run"], true);
    assert!(
        s.ok(&["purge", "--dry-run"])
            .starts_with("Would purge 1 trash entry (1 todo, 0 lists)")
    );
    assert_eq!(
        s.json(&["--retention", "never", "trash", "--json"])
            .as_array()
            .unwrap()
            .len(),
        2
    );

    let v = s.json(&["purge", "--json"]);
    assert_eq!(v["entries"], 1);
    assert_eq!(v["dry_run"], false);
    let trash = s.json(&["trash", "--json"]);
    assert_eq!(trash.as_array().unwrap().len(), 1);
    assert_eq!(trash[0]["title"], "b");
    let log = s.json(&["log", "--json"]);
    assert_eq!(log[0]["reason"], "purge");
    assert_eq!(log[0]["trigger"], "manual");
    assert!(s.ok(&["purge"]).starts_with("Nothing to purge"));
}

#[test]
fn every_command_runs_the_startup_purge_one_millisecond_exactly() {
    let s = Softly::new();
    s.ok(&["add", "a"]);
    s.ok(&["rm", "1"]);
    let s = s.at("2026-12-26T11:59:59.999Z");
    s.ok(&["ls"]);
    assert_eq!(s.json(&["trash", "--json"]).as_array().unwrap().len(), 1);
    let s = s.at("2026-12-26T12:00:00Z");
    let out = s.run(&["ls"]);
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "Purged 1 trash entry (1 todo, 0 lists) deleted more than 30 days ago.\n"
    );
    assert_eq!(s.json(&["trash", "--json"]), Value::Array(vec![]));
    let log = s.json(&["log", "--json"]);
    assert_eq!(log[0]["trigger"], "startup");
    assert_eq!(log[0]["reason"], "purge");
    assert_eq!(
        s.ok(&["log"])
            .lines()
            .nth(1)
            .unwrap()
            .split_whitespace()
            .last(),
        Some("12:00")
    );
}

#[test]
fn retention_comes_from_the_config_file_and_the_flag_wins() {
    let s = Softly::new();
    std::fs::write(s.config(), "retention = \"2h\"\n").unwrap();
    s.ok(&["add", "a"]);
    s.ok(&["rm", "1"]);
    assert_eq!(
        s.json(&["trash", "--json"])[0]["purge_at"],
        "2026-11-26T14:00:00.000Z"
    );
    let s = s.at("2026-11-26T14:00:00Z");
    assert_eq!(
        s.json(&["--retention", "3h", "trash", "--json"])
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(s.json(&["trash", "--json"]), Value::Array(vec![]));
}

#[test]
fn a_bad_retention_or_config_is_an_error_naming_the_value_and_its_source() {
    let s = Softly::new();
    let err = s.fails(1, &["--retention", "0d", "ls"]);
    assert_one_error_line(&err, "invalid retention \"0d\" given by --retention");
    let err = s.fails(1, &["--retention", "soon", "ls"]);
    assert_one_error_line(&err, "not a time span");
    // A negative value is a bad value (status 1), not an unknown option (status 2).
    let err = s.fails(1, &["--retention", "-1d", "ls"]);
    assert_one_error_line(
        &err,
        "invalid retention \"-1d\" given by --retention: it must be longer than zero",
    );
    // Too long is out of range, with the longest there is; a bare "m" names both readings.
    let err = s.fails(1, &["--retention", "999999999d", "ls"]);
    assert_one_error_line(&err, "out of range: the longest is 7304484 days");
    let err = s.fails(1, &["--retention", "0", "ls"]);
    assert_one_error_line(&err, "it must be longer than zero");
    let err = s.fails(1, &["--retention", "30", "ls"]);
    assert_one_error_line(&err, "a number needs a unit, e.g. \"30d\"");
    let err = s.fails(1, &["--retention", "30m", "ls"]);
    assert_one_error_line(&err, "write \"min\" for minutes or \"mo\" for months");

    std::fs::write(s.config(), "retention = \"999999999d\"\n").unwrap();
    let err = s.fails(1, &["ls"]);
    assert_one_error_line(&err, "out of range");

    std::fs::write(s.config(), "retention = \"-1w\"\n").unwrap();
    let err = s.fails(1, &["ls"]);
    assert_one_error_line(
        &err,
        &format!(
            "{}, line 1: invalid retention \"-1w\"",
            s.config().display()
        ),
    );

    std::fs::write(s.config(), "retension = \"30d\"\n").unwrap();
    let err = s.fails(1, &["ls"]);
    assert_one_error_line(&err, "retension");
    assert!(err.contains("config.toml, line 1"), "{err}");

    let err = s.fails(1, &["--config", "/nonexistent/softly.toml", "ls"]);
    assert_one_error_line(&err, "/nonexistent/softly.toml");
    assert!(
        !s.db().exists(),
        "no database is created when the settings are wrong"
    );
}

#[test]
fn usage_errors_exit_with_status_2() {
    let s = Softly::new();
    s.fails(2, &["frobnicate"]);
    s.fails(2, &["add"]);
    s.fails(2, &["done"]);
    s.fails(2, &["done", "abc"]);
    s.fails(2, &["mv", "1"]);
    s.fails(2, &["mv", "1", "--inbox", "--list", "x"]);
    s.fails(2, &["ls", "--inbox", "--list", "x"]);
    // The demo is the app on a throwaway database: a command with it is a mistake.
    let err = s.fails(2, &["--demo", "ls"]);
    assert!(
        err.contains("--demo opens the app on a throwaway database"),
        "{err}"
    );
}

/// The words after `add` (and `edit`, `list add`) are the title, as `task add` reads them,
/// with `--list` before or after.
#[test]
fn the_remaining_words_are_the_title() {
    let s = Softly::new();
    s.ok(&["list", "add", "Home", "and", "garden"]);
    s.ok(&["add", "buy", "eggs"]);
    s.ok(&["add", "--list", "home and garden", "mow", "the", "lawn"]);
    s.ok(&["add", "water", "--list", "home and garden", "the", "plants"]);
    s.ok(&["edit", "1", "buy", "six", "eggs"]);
    let titles: Vec<String> = s
        .json(&["ls", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["title"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(titles, ["buy six eggs", "mow the lawn", "water the plants"]);
}

/// With SOFTLY_DB set, a usage line does not show --db as if it were needed; a command's
/// help lists its own options first and the global ones under their own heading.
#[test]
fn usage_lines_and_help_show_what_the_command_needs() {
    let s = Softly::new();
    let err = s.fails(2, &["add"]);
    assert!(err.contains("Usage: softly add <TITLE>..."), "{err}");
    assert!(!err.contains("--db"), "{err}");
    let help = s.ok(&["ls", "--help"]);
    let own = help.find("Options:").unwrap();
    let global = help.find("Global options:").unwrap();
    assert!(own < help.find("--list").unwrap() && help.find("--list").unwrap() < global);
    assert!(global < help.find("--db").unwrap(), "{help}");
    assert!(help.contains("$SOFTLY_DB"), "{help}");
}

#[test]
fn the_app_without_a_terminal_says_so_and_points_at_the_commands() {
    let s = Softly::new();
    let err = s.fails(1, &[]);
    assert_one_error_line(&err, "needs a terminal");
    assert!(err.contains("softly --help"), "{err}");
}
