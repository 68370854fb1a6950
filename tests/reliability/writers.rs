//! Several processes writing at once lose nothing and never fail as locked.

use super::*;

/// Promise: several softly processes writing at once (add, rm, restore, purge, list rm) never
/// fail with a lock error, and the result is exactly what their commands imply.
#[test]
fn four_processes_writing_at_once_lose_nothing_and_never_fail() {
    let db = TempDb::new();
    softly_ok(&db.path(), &["ls"]); // create the file once
    let rounds = 80 * stress() as usize; // about 2.5 commands a round: 200 per process
    let workers: Vec<_> = (0..4)
        .map(|w| {
            let path = db.path();
            std::thread::spawn(move || {
                let run = |args: &[&str]| softly_ok(&path, args);
                let (mut live, mut trash) = (0i64, 0i64);
                let list = format!("worker {w}");
                run(&["list", "add", &list]);
                for i in 0..rounds {
                    let id = run(&["add", &format!("w{w} #{i}"), "--list", &list]);
                    live += 1;
                    match i % 4 {
                        0 => {
                            let entry = run(&["rm", id.trim()]);
                            run(&["restore", entry.trim()]);
                        }
                        1 => {
                            run(&["rm", id.trim()]);
                            live -= 1;
                            trash += 1;
                        }
                        2 => {
                            run(&["purge"]);
                        }
                        _ => {
                            run(&["done", id.trim()]);
                        }
                    }
                }
                // The list goes to the Trash with all its live todos, as one entry.
                run(&["list", "rm", &list]);
                (live, trash + 1)
            })
        })
        .collect();
    let (mut live_in_lists, mut entries) = (0, 0);
    for worker in workers {
        let (live, trash) = worker.join().expect("a worker's command failed");
        live_in_lists += live;
        entries += trash;
    }
    let s = db.open();
    assert_eq!(s.trash_count().unwrap(), entries);
    let held: i64 = s.trash_entries().unwrap().iter().map(|e| e.todos).sum();
    assert_eq!(
        held,
        live_in_lists + (entries - 4),
        "the lists' todos plus the single todos"
    );
    assert!(s.live_todos(TodoScope::All).unwrap().is_empty());
    let conn = rusqlite::Connection::open(db.path()).unwrap();
    let ok: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
}
