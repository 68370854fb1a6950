//! An export never destroys what it writes over: not the database, its log or index, nor an old
//! backup.

use super::*;

/// Promise: `export` refuses to write over the database or its `-wal`/`-shm`, by whatever
/// path the user names it (relative, through `..`, a symlink, a hard link), writes nothing,
/// and leaves the database working.
#[test]
fn export_over_the_database_or_its_files_is_refused_and_writes_nothing() {
    let s = Softly::new();
    s.ok(&["add", "precious"]);
    let db = s.db();
    let dir = db.parent().unwrap().to_path_buf();
    std::os::unix::fs::symlink(&db, s.dir.path().join("link.json")).unwrap();
    std::fs::hard_link(&db, s.dir.path().join("hard.json")).unwrap();
    let before = std::fs::read(&db).unwrap();
    let targets: Vec<(PathBuf, String)> = vec![
        (s.dir.path().to_path_buf(), "data/softly.db".into()),
        (dir.clone(), "./softly.db".into()),
        (dir.clone(), "../data/softly.db".into()),
        (dir.clone(), "softly.db-wal".into()),
        (dir.clone(), "softly.db-shm".into()),
        (s.dir.path().to_path_buf(), "link.json".into()),
        (s.dir.path().to_path_buf(), "hard.json".into()),
    ];
    for (cwd, target) in targets {
        let out = s
            .command(&["export", &target])
            .current_dir(&cwd)
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(1),
            "export {target} was not refused"
        );
        assert_one_error_line(
            &String::from_utf8_lossy(&out.stderr),
            "is the database itself",
        );
        assert_eq!(std::fs::read(&db).unwrap(), before, "export {target}");
        assert!(!sibling(&db, "-wal").exists() || target != "softly.db-wal");
    }
    assert!(s.ok(&["ls"]).contains("precious"));
}

/// Promise: an export that fails halfway (the disk fills up) leaves the file it would have
/// replaced exactly as it was, and leaves no partial file behind.
#[test]
fn an_export_that_fails_halfway_leaves_the_old_backup_intact() {
    let s = Softly::new();
    s.ok(&["add", "the old backup has one todo"]);
    let backup = s.dir.path().join("backup.json");
    s.ok(&["export", backup.to_str().unwrap()]);
    let old = std::fs::read(&backup).unwrap();
    // Enough todos that the new export is far bigger than the limit below.
    let mut rows = softly::store::rows::Rows::default();
    for i in 0..3_000 {
        rows.todos.push(softly::store::rows::TodoRow {
            id: i + 10,
            title: format!("todo {i} with a title long enough to make the export big"),
            list: None,
            list_erased: false,
            done: false,
            position: i + 10,
            created_at: 1_795_694_400_000,
            trash_entry: None,
            due_at: None,
            due_has_time: false,
            priority: None,
            note: None,
            every: None,
            uid: None,
            done_at: None,
            cancelled: false,
            own_tags: Vec::new(),
        });
    }
    softly::store::Store::open(&s.db())
        .unwrap()
        .import(&rows, at(T0))
        .unwrap();
    // A file-size limit makes every write past 128 KiB fail, as a full disk does (the
    // database's own files are read, not grown).
    let cmd = s.command(&["export", backup.to_str().unwrap()]);
    let out = run_with(cmd, || unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
        let limit = libc::rlimit {
            rlim_cur: 128 * 1024,
            rlim_max: 128 * 1024,
        };
        libc::setrlimit(libc::RLIMIT_FSIZE, &limit);
    });
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_one_error_line(&err, "was left as it was");
    assert_eq!(
        std::fs::read(&backup).unwrap(),
        old,
        "the old backup changed"
    );
    let names: Vec<String> = std::fs::read_dir(s.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("export"))
        .collect();
    assert!(names.is_empty(), "a partial file was left: {names:?}");
}
