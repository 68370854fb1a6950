//! Adding the rows of an export, for `softly import`: one transaction, fed a batch at a time
//! while the file is still being read, so that neither the file nor its rows are ever held
//! whole. Ids are shifted past those in use, names that are taken are renamed as a restore
//! would, and how the rows fit together is checked before the commit (`import_fit`).

use rusqlite::{OptionalExtension, Transaction, params};

use super::import_insert::Importer;
use super::rows::{Imported, Origin, Piece, Rows};
use super::{Result, Store, StoreError};

/// SQLite's own default page cache, in KiB.
const DEFAULT_CACHE_KIB: i64 = 2000;
/// The page cache an import runs with, in KiB; given back when it ends. Rows go in in id
/// order with the big indexes dropped (see `import_insert`), so pages fill one after another
/// and a modest cache writes each about once; it also bounds the memory SQLite sorts with
/// when it builds the indexes again.
const IMPORT_CACHE_KIB: i64 = 8 * 1024;

/// What an import does with a live list whose name a live list here has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListNames {
    /// Keeps it apart, renamed as a restore would: a softly export's list is its own.
    Rename,
    /// Puts its todos into the list here: another app's project of that name is this list.
    Join,
}

impl Store {
    /// Adds `rows` (already checked field by field by the caller) in one transaction; see
    /// [`Store::import_pieces`].
    pub fn import(&mut self, rows: &Rows, now: jiff::Timestamp) -> Result<Imported> {
        self.import_pieces(rows.pieces(), now, ListNames::Rename)
    }

    /// Adds the rows `pieces` hands over, in one transaction that commits only when they
    /// end with [`Piece::End`] and fit together; otherwise nothing is added. Into a
    /// database that never held a row the ids are kept, so an export imported there exports
    /// identically; otherwise every row gets a new id past those ever given out, and the
    /// references follow. Times are kept, so imported trash entries keep their purge
    /// clocks. A live list whose name is taken is renamed as a restore would
    /// (`NAME (restored)`), or, with [`ListNames::Join`], its todos go into the list of that
    /// name; imported Inbox todos and lists go after the ones already there.
    pub fn import_pieces(
        &mut self,
        pieces: impl IntoIterator<Item = Piece>,
        now: jiff::Timestamp,
        names: ListNames,
    ) -> Result<Imported> {
        // One transaction over a million rows dirties far more pages than the default cache
        // (2 MB) holds; a bigger one for this transaction spills far less often.
        self.conn
            .pragma_update(None, "cache_size", -IMPORT_CACHE_KIB)?;
        // SQLite tests `CHECK (priority IN (1, 2, 3))` by building a small table for every
        // row it inserts, a third of the time spent inserting todos. The importer tests
        // each row's checked values itself (`import_insert::refuse_unchecked`), so the
        // CHECKs are off for its statements, which it prepares for itself alone.
        self.conn
            .pragma_update(None, "ignore_check_constraints", true)?;
        let own_id = self.database_id()?;
        let imported = self.write_empty_directly(|store| {
            // Every reference goes through the id shifts to a row this transaction
            // inserted, and `import_fit` checks the file's own references before the
            // commit; SQLite's per-row probes of the parent tables would only repeat that.
            store.write_unchecked(|tx| add_pieces(tx, pieces.into_iter(), now, own_id, names))
        });
        self.conn
            .pragma_update(None, "ignore_check_constraints", false)?;
        self.conn
            .pragma_update(None, "cache_size", -DEFAULT_CACHE_KIB)?;
        imported
    }
}

fn add_pieces(
    tx: &Transaction<'_>,
    pieces: impl Iterator<Item = Piece>,
    now: jiff::Timestamp,
    own_id: Option<String>,
    names: ListNames,
) -> Result<Imported> {
    let mut importer = Importer::new(tx, names == ListNames::Join)?;
    for piece in pieces {
        match piece {
            // First, from a file in the order softly writes; at the end from one whose
            // fields were reordered.
            Piece::Origin(Some(origin)) => record_origin(tx, &origin, own_id.clone(), now)?,
            Piece::Origin(None) => {}
            Piece::Lists { first, rows } => importer.lists(first, &rows)?,
            Piece::Todos { first, rows } => importer.todos(first, rows)?,
            Piece::Entries { first, rows } => importer.entries(first, &rows)?,
            Piece::End => return importer.finish(),
        }
    }
    Err(StoreError::ImportStopped)
}

/// Refuses an export this database made, or took before; records this one.
fn record_origin(
    tx: &Transaction<'_>,
    origin: &Origin,
    own_id: Option<String>,
    now: jiff::Timestamp,
) -> Result<()> {
    if origin.source.is_some() && origin.source == own_id {
        return Err(StoreError::ImportOfItself);
    }
    let before: Option<i64> = tx
        .query_row(
            "SELECT value FROM meta WHERE key = ?1",
            [origin.key()],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(at) = before {
        return Err(StoreError::AlreadyImported(super::ts(at)));
    }
    tx.execute(
        "INSERT INTO meta (key, value) VALUES (?1, ?2)",
        params![origin.key(), super::ms(now)],
    )?;
    Ok(())
}
