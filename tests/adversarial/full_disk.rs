//! A full disk: writes fail whole and say so, reads go on.

use super::*;

/// Promise: with no room for the `-shm` file SQLite shares between processes, what is stored
/// can still be shown, and a write fails whole, changing nothing. (A file-size limit stands
/// in for the full disk, so any user can run this.)
#[test]
fn without_room_for_the_shared_index_reads_still_work_and_writes_change_nothing() {
    let s = Softly::new();
    s.ok(&["add", "still readable"]);
    let before = std::fs::read(s.db()).unwrap();
    let limit = || unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
        let limit = libc::rlimit {
            rlim_cur: 6 * 1024,
            rlim_max: 6 * 1024,
        };
        libc::setrlimit(libc::RLIMIT_FSIZE, &limit);
    };
    let out = run_with(s.command(&["ls"]), limit);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("still readable"));
    let out = run_with(s.command(&["add", &"x".repeat(400)]), limit);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(std::fs::read(s.db()).unwrap(), before);
    assert_eq!(s.json(&["ls", "--json"]).as_array().unwrap().len(), 1);
}

/// Promise: on a disk that is really full, reads work and a write says the disk is full,
/// naming the file, instead of "disk I/O error".
#[test]
fn on_a_full_disk_reads_work_and_writes_say_the_disk_is_full() {
    let Some(disk) = TinyDisk::mount(512) else {
        cannot_run_here(
            "on_a_full_disk_reads_work_and_writes_say_the_disk_is_full",
            "mount",
            "mounting a small tmpfs, as root",
        );
        return;
    };
    let s = Softly::new();
    s.ok(&["add", "on a full disk"]);
    let db = disk.dir.path().join("softly.db");
    std::fs::copy(s.db(), &db).unwrap();
    disk.fill();
    let run = |args: &[&str]| {
        let mut cmd = s.command(args);
        cmd.env("SOFTLY_DB", &db);
        cmd.output().unwrap()
    };
    let out = run(&["ls"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("on a full disk"));
    let out = run(&["add", "no room"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_one_error_line(&err, &format!("the disk holding {} is full", db.display()));
}
