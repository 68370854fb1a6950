//! Big imports and exports: a progress bar on a terminal and nowhere else, never in the
//! output, and `import --json`.

use super::*;

/// An export of `n` Inbox todos, as text.
fn export_of(n: usize) -> String {
    let mut text = String::from(
        r#"{"format": "softly-export", "version": 2, "exported_at": "2026-11-26T12:00:00Z", "lists": [], "todos": ["#,
    );
    for i in 1..=n {
        if i > 1 {
            text.push(',');
        }
        text.push_str(&format!(
            r#"{{"id": {i}, "title": "todo {i}", "list": null, "done": false, "position": {i}, "created_at": "2026-11-26T12:00:00Z", "trash_entry": null}}"#
        ));
    }
    text.push_str(r#"], "trash": []}"#);
    text
}

fn env_of(s: &Softly) -> Vec<(String, String)> {
    s.command(&[])
        .get_envs()
        .filter_map(|(k, v)| Some((k.to_str()?.to_string(), v?.to_str()?.to_string())))
        .collect()
}

/// Runs `program args` on a terminal to its end; returns the exit code and every byte.
fn on_a_terminal(s: &Softly, program: &str, args: &[&str]) -> (u32, String) {
    let mut pty = Pty::spawn_program(program, args, env_of(s), s.dir.path(), 120, 24);
    let code = pty.wait_exit();
    (code, String::from_utf8_lossy(&pty.raw()).into_owned())
}

/// Promise: an import or export of more than 50,000 rows shows its progress (rows, rows a
/// second, time left) on a terminal; with --quiet, or with stderr not a terminal, nothing
/// but the summary; and the export itself never carries it.
#[test]
fn a_big_import_or_export_shows_progress_on_a_terminal_only() {
    let s = Softly::new();
    let file = s.dir.path().join("big.json");
    std::fs::write(&file, export_of(60_000)).unwrap();
    let file = file.to_str().unwrap();
    let db = s.db();
    let db = db.to_str().unwrap();
    let softly = env!("CARGO_BIN_EXE_softly");

    let (code, out) = on_a_terminal(&s, softly, &["--db", db, "import", file]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("Importing") && out.contains("rows/s"), "{out}");
    assert!(
        out.contains("Imported 0 lists, 60000 todos and 0 trash entries."),
        "{out}"
    );

    let (code, out) = on_a_terminal(
        &s,
        softly,
        &["--db", db, "import", "--quiet", "--duplicate", file],
    );
    assert_eq!(code, 0, "{out}");
    assert!(
        !out.contains("Importing") && !out.contains("rows/s"),
        "{out}"
    );
    assert!(out.contains("60000 todos"), "{out}");

    // --json on a terminal: the JSON alone, never a bar in it.
    let (code, out) = on_a_terminal(
        &s,
        softly,
        &["--db", db, "import", "--json", "--duplicate", file],
    );
    assert_eq!(code, 0, "{out}");
    assert!(
        !out.contains("Importing") && !out.contains("rows/s"),
        "{out}"
    );
    let json: Value = serde_json::from_str(out.trim()).expect("JSON alone");
    assert_eq!(json["todos"], 60_000);

    // Not a terminal: the summary alone, and nothing on stderr.
    let piped = s.run(&["import", "--duplicate", file]);
    assert!(piped.status.success());
    assert_eq!(String::from_utf8_lossy(&piped.stderr), "");

    // Export: the bar on the terminal (stderr), the document whole in the file (stdout).
    let script = format!("'{softly}' --db '{db}' export > out.json");
    let (code, out) = on_a_terminal(&s, "sh", &["-c", &script]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("Exporting") && out.contains("rows/s"), "{out}");
    let printed = std::fs::read_to_string(s.dir.path().join("out.json")).unwrap();
    let doc: Value = serde_json::from_str(&printed).expect("the export is whole JSON");
    assert_eq!(doc["todos"].as_array().unwrap().len(), 240_000);
    let (code, out) = on_a_terminal(&s, softly, &["--db", db, "export", "--quiet", "quiet.json"]);
    assert_eq!(code, 0, "{out}");
    assert!(!out.contains("Exporting"), "{out}");
    assert!(out.contains("Exported 0 lists, 240000 todos"), "{out}");
}

/// `import --json` says what was added, renames included, and shows no progress even on a
/// terminal (its output is for programs).
#[test]
fn import_json_says_what_was_added() {
    let a = Softly::new();
    a.ok(&["list", "add", "Work"]);
    a.ok(&["add", "report", "--list", "Work"]);
    a.ok(&["add", "gone"]);
    a.ok(&["rm", "2"]);
    let file = a.dir.path().join("a.json");
    a.ok(&["export", file.to_str().unwrap()]);
    let b = Softly::new();
    b.ok(&["list", "add", "Work"]);
    let v = b.json(&["import", "--json", file.to_str().unwrap()]);
    assert_eq!(v["lists"], 1);
    assert_eq!(v["todos"], 2);
    assert_eq!(v["entries"], 1);
    assert_eq!(v["renamed"][0]["from"], "Work");
    assert_eq!(v["renamed"][0]["to"], "Work (restored)");
    assert_eq!(keys(&v), ["entries", "joined", "lists", "renamed", "todos"]);
}
