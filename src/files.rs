//! Files softly writes outside SQLite: the directories it creates, new database files, and
//! exports. Everything it creates is private to the user (directories 0700, files 0600),
//! whatever the umask, as shells do for their history; a file that already exists keeps the
//! mode its owner gave it. An export replaces its target in one step (a temporary file in
//! the same directory, synced, then renamed over it), so a failed export never damages the
//! file that was there, and it never lands on the database's own files.

use std::fs::{self, DirBuilder, File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::{DirBuilderExt, MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use thiserror::Error;

/// Mode of directories softly creates.
const PRIVATE_DIR: u32 = 0o700;
/// Mode of files softly creates.
const PRIVATE_FILE: u32 = 0o600;

/// Creates `dir` and any missing parents, each one readable by its owner only. Directories
/// that exist already are left as they are.
pub fn create_private_dirs(dir: &Path) -> io::Result<()> {
    DirBuilder::new()
        .recursive(true)
        .mode(PRIVATE_DIR)
        .create(dir)
}

/// Creates `path` as an empty file readable by its owner only, if nothing is there yet.
/// SQLite gives a database's `-wal` and `-shm` the mode of the database file, so they are
/// private too. A file that appeared meanwhile (another process) is left alone.
pub fn create_private_file(path: &Path) -> io::Result<()> {
    match OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(PRIVATE_FILE)
        .open(path)
    {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(e),
    }
}

/// The permission bits of `path` when users other than its owner may read it.
pub fn readable_by_others(path: &Path) -> Option<u32> {
    let mode = fs::metadata(path).ok()?.permissions().mode() & 0o777;
    (mode & 0o044 != 0).then_some(mode)
}

/// Why a file could not be written. The target is as it was before in every case.
#[derive(Debug, Error)]
pub enum WriteError {
    #[error("{target} is the database itself (or one of its files); choose another file")]
    IsTheDatabase { target: String },
    #[error("{target} is a directory; name a file to write")]
    IsADirectory { target: String },
    #[error("cannot write {target}: {source}; {target} was left as it was")]
    Io { target: String, source: io::Error },
}

/// Writes `bytes` to `target` in one step: a temporary file in the same directory, synced to
/// disk, then renamed over the target. Refuses any path that is, or resolves to, one of
/// `protected` (the database and its `-wal`, `-shm` and `-journal`), by name after
/// following symlinks and `..`, or by identity (a hard link).
pub fn write_atomically(
    target: &Path,
    bytes: &[u8],
    protected: &[PathBuf],
) -> Result<(), WriteError> {
    write_atomically_with(target, protected, |file| file.write_all(bytes))
}

/// [`write_atomically`], with the temporary file's content written by `write` (a stream,
/// however long): the target is replaced only when `write` succeeds.
pub fn write_atomically_with(
    target: &Path,
    protected: &[PathBuf],
    write: impl FnOnce(&mut File) -> io::Result<()>,
) -> Result<(), WriteError> {
    let name = target.display().to_string();
    let io = |source| WriteError::Io {
        target: name.clone(),
        source,
    };
    if is_protected(target, protected) {
        return Err(WriteError::IsTheDatabase { target: name });
    }
    if target.is_dir() {
        return Err(WriteError::IsADirectory { target: name });
    }
    // Through a symlink, the file it points at is replaced, not the link.
    let real = fs::canonicalize(target).unwrap_or_else(|_| target.to_path_buf());
    let target = real.as_path();
    let dir = match target.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    };
    // A file that is there already keeps its mode; a new one is private.
    let mode = fs::metadata(target)
        .map(|m| m.permissions().mode() & 0o7777)
        .unwrap_or(PRIVATE_FILE);
    let mut temp = tempfile::Builder::new()
        .prefix(".softly-export-")
        .tempfile_in(&dir)
        .map_err(io)?;
    temp.as_file()
        .set_permissions(fs::Permissions::from_mode(mode))
        .map_err(io)?;
    write(temp.as_file_mut()).map_err(io)?;
    temp.as_file().sync_all().map_err(io)?;
    // The temporary file is removed if this fails; the target was never touched.
    temp.persist(target).map_err(|e| io(e.error))?;
    // The rename itself is on disk once the directory is.
    File::open(&dir).and_then(|d| d.sync_all()).map_err(io)?;
    Ok(())
}

/// True when `target` names one of `protected`, or is the same file as one of them.
fn is_protected(target: &Path, protected: &[PathBuf]) -> bool {
    let resolved = resolve(target);
    let same_file = |a: &Path, b: &Path| match (fs::metadata(a), fs::metadata(b)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    };
    protected
        .iter()
        .any(|p| resolve(p) == resolved || same_file(target, p))
}

/// `path` made absolute with symlinks, `.` and `..` resolved, as far as it exists: the
/// file itself may not exist yet (an export to a new file; a `-wal` not yet created).
fn resolve(path: &Path) -> PathBuf {
    if let Ok(full) = fs::canonicalize(path) {
        return full;
    }
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    match (fs::canonicalize(parent), path.file_name()) {
        (Ok(dir), Some(name)) => dir.join(name),
        _ => path.to_path_buf(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_database_is_recognised_by_any_path_that_reaches_it() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("x.db");
        fs::write(&db, "db").unwrap();
        let protected = [db.clone(), dir.path().join("x.db-wal")];
        std::os::unix::fs::symlink(&db, dir.path().join("link")).unwrap();
        fs::hard_link(&db, dir.path().join("hard")).unwrap();
        fs::create_dir(dir.path().join("sub")).unwrap();
        for target in [
            db.clone(),
            dir.path().join("link"),
            dir.path().join("hard"),
            dir.path().join("sub/../x.db"),
            dir.path().join("./x.db-wal"),
        ] {
            let err = write_atomically(&target, b"{}", &protected).unwrap_err();
            assert!(
                matches!(err, WriteError::IsTheDatabase { .. }),
                "{target:?}"
            );
        }
        assert_eq!(fs::read(&db).unwrap(), b"db");
    }

    #[test]
    fn a_new_file_is_private_and_an_existing_one_keeps_its_mode() {
        let dir = tempfile::tempdir().unwrap();
        let new = dir.path().join("new.json");
        write_atomically(&new, b"1", &[]).unwrap();
        assert_eq!(
            fs::metadata(&new).unwrap().permissions().mode() & 0o777,
            0o600
        );
        let shared = dir.path().join("shared.json");
        fs::write(&shared, "old").unwrap();
        fs::set_permissions(&shared, fs::Permissions::from_mode(0o644)).unwrap();
        write_atomically(&shared, b"2", &[]).unwrap();
        assert_eq!(fs::read(&shared).unwrap(), b"2");
        assert_eq!(
            fs::metadata(&shared).unwrap().permissions().mode() & 0o777,
            0o644
        );
        let leftovers = fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(leftovers, 2, "no temporary file is left behind");
    }

    #[test]
    fn created_directories_are_private_whatever_the_umask() {
        let dir = tempfile::tempdir().unwrap();
        let deep = dir.path().join("a/b/c");
        create_private_dirs(&deep).unwrap();
        for d in ["a", "a/b", "a/b/c"] {
            let mode = fs::metadata(dir.path().join(d))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o700, "{d}");
        }
    }
}
