//! kill -9 at a random moment of a big write leaves the database as before or after.

use super::*;

/// Promise: killing softly at any moment of a big write leaves the database exactly as it was
/// before the command or exactly as it would be after it, never in between.
#[test]
fn kill_9_during_a_big_write_leaves_before_or_after_never_between() {
    let template_dir = tempfile::tempdir().unwrap();
    let template = template_dir.path().join("template.db");
    big_database(&template);
    let export = template_dir.path().join("export.json");
    {
        let out = softly_command()
            .args([
                "--db",
                template.to_str().unwrap(),
                "--retention",
                "never",
                "export",
            ])
            .arg(&export)
            .env("SOFTLY_CONFIG", "/dev/null")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    // The database as a single file (SQLite checkpoints the log when the last user closes).
    let before = state(&template);
    assert_eq!(before, (10_000, 2_000));
    let before_rows = rows_of(&template);

    let export_arg = export.to_str().unwrap().to_string();
    let scenarios: Vec<Vec<&str>> = vec![
        vec!["--retention", "never", "list", "rm", "Big"],
        vec!["--retention", "never", "empty-trash", "--yes"],
        vec!["--retention", "30d", "purge"],
        vec!["--retention", "never", "import", "--duplicate", &export_arg],
    ];
    let rounds = 8 * stress() as u64;
    let mut seed: u64 = 0x5eed_50f7;
    let mut next = |below: u64| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) % below.max(1)
    };
    let strace = std::process::Command::new("strace")
        .arg("-V")
        .output()
        .is_ok();
    if !strace {
        cannot_run_here(
            "kill_9_during_a_big_write_leaves_before_or_after_never_between (its kills inside the write)",
            "strace",
            "killing softly at its Nth write to the disk",
        );
    }
    for args in &scenarios {
        // The whole database after the command ran to its end, row for row.
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("softly.db");
        std::fs::copy(&template, &db).unwrap();
        let writes = run_counting_writes(args, &db, strace);
        let after_rows = rows_of(&db);
        assert_ne!(after_rows, before_rows, "{args:?} changed nothing");
        let (mut saw_before, mut saw_after, mut inside) = (0, 0, 0);
        for round in 0..rounds {
            let dir = tempfile::tempdir().unwrap();
            let db = dir.path().join("softly.db");
            std::fs::copy(&template, &db).unwrap();
            // Half the rounds at a random moment of the run, half (with strace) at a random
            // one of its writes to the disk: inside the write, by construction.
            let at_write = strace && round % 2 == 1;
            let mut command = match at_write {
                true => {
                    let n = 1 + next(writes);
                    let mut c = std::process::Command::new("strace");
                    c.args(["-f", "-qq", "-o", "/dev/null", "-e", "trace=pwrite64", "-e"])
                        .arg(format!("inject=pwrite64:signal=SIGKILL:when={n}"))
                        .arg("--")
                        .arg(env!("CARGO_BIN_EXE_softly"));
                    c.args(args);
                    c
                }
                false => {
                    let mut c = softly_command();
                    c.args(args);
                    c
                }
            };
            let mut child = command
                .env("SOFTLY_DB", &db)
                .env("SOFTLY_CONFIG", "/dev/null")
                .env("SOFTLY_NOW", "2026-11-26T12:00:00Z")
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .spawn()
                .unwrap();
            if !at_write {
                // A pseudo-random moment within the command's run (a few to tens of ms).
                let delay = next(60) + round % 3;
                std::thread::sleep(std::time::Duration::from_millis(delay));
                let _ = child.kill(); // SIGKILL
            }
            let status = child.wait().unwrap();
            inside += usize::from(at_write && !status.success());
            let got = rows_of(&db);
            let _ = state(&db); // opens normally, and passes the integrity check
            assert!(
                got == before_rows || got == after_rows,
                "softly {args:?} killed (round {round}) left a database neither before nor after"
            );
            if got == before_rows {
                saw_before += 1;
            } else {
                saw_after += 1;
            }
        }
        if strace {
            assert!(inside > 0, "{args:?}: no kill landed inside the write");
        }
        let _ = std::io::Write::write_all(
            &mut std::io::stderr(),
            format!(
                "kill -9 {args:?}: {saw_before} before, {saw_after} after, {inside} at a write\n"
            )
            .as_bytes(),
        );
    }
}

/// Runs softly with `args` on `db` to its end; how many writes to the disk it made (1
/// without strace to count them).
fn run_counting_writes(args: &[&str], db: &std::path::Path, strace: bool) -> u64 {
    let trace = db.with_extension("trace");
    let mut command = match strace {
        true => {
            let mut c = std::process::Command::new("strace");
            c.args(["-f", "-qq", "-e", "trace=pwrite64", "-o"])
                .arg(&trace)
                .arg("--")
                .arg(env!("CARGO_BIN_EXE_softly"));
            c
        }
        false => softly_command(),
    };
    let out = command
        .args(args)
        .env("SOFTLY_DB", db)
        .env("SOFTLY_CONFIG", "/dev/null")
        .env("SOFTLY_NOW", "2026-11-26T12:00:00Z")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    match strace {
        true => std::fs::read_to_string(&trace).unwrap().lines().count() as u64,
        false => 1,
    }
}

/// Every row the user's data is kept in, table by table, in order: what "before" and "after"
/// mean, not counters.
fn rows_of(path: &std::path::Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(path).unwrap();
    let mut out = Vec::new();
    for table in [
        "lists",
        "todos",
        "trash_entries",
        "todo_notes",
        "todo_tags",
        "list_counts",
        "trash_size",
        "purge_log",
    ] {
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM {table} ORDER BY 1, 2"))
            .unwrap();
        let columns = stmt.column_count();
        let rows = stmt
            .query_map([], |r| {
                let mut row = String::from(table);
                for i in 0..columns {
                    let value: rusqlite::types::Value = r.get(i)?;
                    row.push_str(&format!(" {value:?}"));
                }
                Ok(row)
            })
            .unwrap();
        out.extend(rows.map(Result::unwrap));
    }
    out
}
