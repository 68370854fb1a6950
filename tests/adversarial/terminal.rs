//! Nothing raw reaches the terminal, wherever the text comes from.

use super::*;

/// Promise: no value, path, setting or stored text softly prints, on stdout or stderr, in
/// tables, messages or JSON, carries a raw control or bidi character: escape sequences in a
/// config value (a clipboard write and a screen clear), `--retention`, `SOFTLY_NOW`, the
/// database and import paths, and titles another tool wrote, are all shown escaped.
#[test]
fn no_raw_control_character_reaches_the_terminal() {
    let evil = "\u{1b}]52;c;aGk=\u{7}\u{1b}[2J\u{9b}31m\u{202e}";
    let s = Softly::new();
    s.ok(&["add", "plain"]);
    // Text another program wrote straight into the database.
    Connection::open(s.db())
        .unwrap()
        .execute(
            "UPDATE todos SET title = ?1 WHERE id = 1",
            [format!("t{evil}")],
        )
        .unwrap();
    let mut runs: Vec<Output> = vec![
        s.run(&["ls"]),
        s.run(&["ls", "--json"]),
        s.run(&["export"]),
        s.run(&["rm", "1"]),
        s.run(&["trash"]),
        s.run(&["trash", "--json"]),
        s.run(&["--retention", evil, "ls"]),
        s.run(&["import", &format!("/nonexistent/{evil}.json")]),
        s.run(&[evil]),
    ];
    let mut now = s.command(&["ls"]);
    now.env("SOFTLY_NOW", evil);
    runs.push(now.output().unwrap());
    let mut db = s.command(&["ls"]);
    db.env("SOFTLY_DB", format!("/proc/{evil}/softly.db"));
    runs.push(db.output().unwrap());
    std::fs::write(
        s.config(),
        "retention = \"\\u001b]52;c;aGk=\\u0007\\u001b[2J\"\n",
    )
    .unwrap();
    runs.push(s.run(&["ls"]));
    for (i, out) in runs.iter().enumerate() {
        assert!(
            !has_raw_control(&out.stdout) && !has_raw_control(&out.stderr),
            "run {i}: stdout {:?} stderr {:?}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    // Each run did what it was for: the reads and writes worked, the bad input was refused
    // (1: softly's own error; 2: an unknown command, as clap says it).
    let codes: Vec<Option<i32>> = runs.iter().map(|o| o.status.code()).collect();
    assert_eq!(
        codes,
        [0, 0, 0, 0, 0, 0, 1, 1, 2, 1, 1, 1].map(Some),
        "exit codes of each run"
    );
    // The title was printed, its controls shown as visible pictures, not dropped.
    let listed = String::from_utf8_lossy(&runs[0].stdout);
    assert!(
        listed.contains("t\u{241b}]52;c;aGk=\u{2407}\u{241b}[2J"),
        "{listed}"
    );
    let trashed = String::from_utf8_lossy(&runs[4].stdout);
    assert!(trashed.contains("t\u{241b}]52;c;aGk="), "{trashed}");
    // The JSON still says exactly what is stored.
    std::fs::write(s.config(), "").unwrap();
    let trash: serde_json::Value = s.json(&["trash", "--json"]);
    assert_eq!(trash[0]["title"], format!("t{evil}"));
}
