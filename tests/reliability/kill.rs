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

    // (arguments, the state after the command)
    let export_arg = export.to_str().unwrap().to_string();
    let scenarios: Vec<(Vec<&str>, (i64, i64))> = vec![
        (
            vec!["--retention", "never", "list", "rm", "Big"],
            (0, 2_001),
        ),
        (
            vec!["--retention", "never", "empty-trash", "--yes"],
            (10_000, 0),
        ),
        (vec!["--retention", "30d", "purge"], (10_000, 0)),
        (
            vec!["--retention", "never", "import", "--duplicate", &export_arg],
            (20_000, 4_000),
        ),
    ];
    let rounds = 8 * stress() as u64;
    let mut seed: u64 = 0x5eed_50f7;
    let (mut saw_before, mut saw_after) = (0, 0);
    for (args, after) in &scenarios {
        for round in 0..rounds {
            let dir = tempfile::tempdir().unwrap();
            let db = dir.path().join("softly.db");
            std::fs::copy(&template, &db).unwrap();
            let mut child = softly_command()
                .args(args)
                .env("SOFTLY_DB", &db)
                .env("SOFTLY_CONFIG", "/dev/null")
                .env("SOFTLY_NOW", "2026-11-26T12:00:00Z")
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .spawn()
                .unwrap();
            // A pseudo-random moment within the command's run (a few to tens of ms).
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let delay = (seed >> 33) % 60 + round % 3;
            std::thread::sleep(std::time::Duration::from_millis(delay));
            let _ = child.kill(); // SIGKILL
            let _ = child.wait();
            let got = state(&db);
            assert!(
                got == before || got == *after,
                "softly {args:?} killed after {delay} ms left {got:?}; before {before:?}, after {after:?}"
            );
            if got == before {
                saw_before += 1;
            } else {
                saw_after += 1;
            }
        }
    }
    eprintln!("kill -9: {saw_before} rounds left the state before, {saw_after} after");
}
