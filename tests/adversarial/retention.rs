//! A retention made shorter purges nothing at once until it is accepted.

use super::*;

/// Promise: a retention made shorter (an edit of the config file, or `--retention` on one
/// command line) never purges at once what only it would take: every command warns, naming
/// the counts, and purges only what the old retention would have; `softly purge
/// --accept-retention` lets it. A longer retention simply takes over.
#[test]
fn a_shorter_retention_never_purges_at_once_without_being_accepted() {
    let days_ago = |d: u32| format!("2026-11-{:02}T12:00:00Z", 26 - d);
    let s = Softly::new();
    for (i, d) in [10u32, 9, 8, 0].iter().enumerate() {
        let mut add = s.command(&["add", &format!("deleted {d} days ago")]);
        add.env("SOFTLY_NOW", days_ago(*d));
        assert!(add.output().unwrap().status.success());
        let mut rm = s.command(&["rm", &(i + 1).to_string()]);
        rm.env("SOFTLY_NOW", days_ago(*d));
        assert!(rm.output().unwrap().status.success());
    }
    s.ok(&["ls"]); // the default 30 days is in force
    let trash = || s.json(&["trash", "--json"]).as_array().unwrap().len();
    // A longer retention for one command is not remembered: the usual 30 days that follow
    // are no shortening.
    s.ok(&["--retention", "never", "trash"]);
    assert!(s.run(&["ls"]).stderr.is_empty());

    // Shortened to 3 hours in the config file: nothing goes, and every command says so.
    std::fs::write(s.config(), "retention = \"3h\"\n").unwrap();
    let out = s.run(&["ls"]);
    let warning = String::from_utf8_lossy(&out.stderr);
    assert!(
        warning.contains(
            "Retention is now 3 hours (was 30 days): 3 entries, with 3 todos, would be purged now; \
             they are kept until you run `softly purge --accept-retention`"
        ),
        "{warning}"
    );
    assert_eq!(trash(), 4);
    s.ok(&["purge"]);
    assert_eq!(trash(), 4, "a plain purge keeps them too");
    let preview = s.json(&["purge", "--dry-run", "--accept-retention", "--json"]);
    assert_eq!(preview["entries"], 3);
    assert_eq!(trash(), 4);

    // --retention on one command line is a change too, and the advice repeats it.
    std::fs::write(s.config(), "").unwrap();
    let out = s.run(&["--retention", "1d", "ls"]);
    let warning = String::from_utf8_lossy(&out.stderr);
    assert!(
        warning.contains("`softly --retention 1d purge --accept-retention`"),
        "{warning}"
    );
    assert_eq!(trash(), 4);

    // Accepted: purged by it, and from then on it is the one in force.
    std::fs::write(s.config(), "retention = \"3h\"\n").unwrap();
    let out = s.ok(&["purge", "--accept-retention"]);
    assert!(out.starts_with("Purged 3 trash entries"), "{out}");
    assert_eq!(trash(), 1);
    assert!(s.run(&["ls"]).stderr.is_empty(), "no warning once accepted");
    // Longer again: taken over without a word.
    std::fs::write(s.config(), "retention = \"30d\"\n").unwrap();
    assert!(s.run(&["ls"]).stderr.is_empty());
}
