//! Another program reading the file never makes softly wait, fail, or keep erased text.

use super::*;

/// Promise: another program holding a read transaction (a backup, `sqlite3`, a script) never
/// makes a softly command fail as "busy" and never leaves erased text for good: the erase
/// says the scrub waits, three writers at once all succeed meanwhile, and the first command
/// after the reader lets go scrubs the disk.
#[test]
fn a_reader_elsewhere_never_makes_softly_fail_and_the_scrub_follows_it() {
    let s = Softly::new();
    let marker = "READER-MARKER-c0de";
    s.ok(&["add", marker]);
    s.ok(&["rm", "1"]);
    let reader = Connection::open(s.db()).unwrap();
    reader.execute_batch("BEGIN").unwrap();
    let _: i64 = reader
        .query_row("SELECT count(*) FROM todos", [], |r| r.get(0))
        .unwrap();

    let out = s.run(&["erase", "1", "--yes"]);
    assert!(out.status.success());
    let note = String::from_utf8_lossy(&out.stderr);
    assert!(note.contains("another program is reading"), "{note}");
    let writers: Vec<_> = (0..3)
        .map(|i| {
            s.command(&["add", &format!("writer {i}")])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for writer in writers {
        let out = writer.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "a writer failed while only a reader held the file: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert_eq!(s.json(&["ls", "--json"]).as_array().unwrap().len(), 3);

    reader.execute_batch("COMMIT").unwrap();
    drop(reader);
    s.ok(&["ls"]);
    assert!(!on_disk(&s.db(), marker));
}
