//! Every row as stored, in plain values: what `softly export` writes out, what `softly
//! import` reads in, and what a rescue of a damaged file recovers. The file format built on
//! them lives in `crate::backup`.

use rusqlite::Row;

/// A list as stored (live, or in the Trash with its entry).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListRow {
    pub id: i64,
    pub name: String,
    pub position: i64,
    pub created_at: i64,
    pub trash_entry: Option<i64>,
}

/// A todo as stored.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TodoRow {
    pub id: i64,
    pub title: String,
    pub list: Option<i64>,
    pub list_erased: bool,
    pub done: bool,
    pub position: i64,
    pub created_at: i64,
    pub trash_entry: Option<i64>,
    /// When it is due (UTC milliseconds), and whether a time of day was given.
    pub due_at: Option<i64>,
    pub due_has_time: bool,
    /// 3 high, 2 medium, 1 low.
    pub priority: Option<i64>,
    /// Free text, lines kept.
    pub note: Option<String>,
    /// A recurrence in words ("week", "3 days").
    pub every: Option<String>,
    /// Its identity outside this file (a Taskwarrior uuid), if it came from elsewhere.
    pub uid: Option<String>,
    /// When it was done (UTC milliseconds), if it is and that is known.
    pub done_at: Option<i64>,
    /// Closed without being done (`done` is true too).
    pub cancelled: bool,
    /// Tags its title does not carry (another app's categories), as spelled there.
    pub own_tags: Vec<String>,
}

impl TodoRow {
    /// Whether it sets a column an import can leave at its default otherwise.
    pub(super) fn has_extras(&self) -> bool {
        self.every.is_some()
            || self.note.is_some()
            || self.uid.is_some()
            || self.done_at.is_some()
            || self.cancelled
    }
}

/// The columns [`entry_from_row`] reads, in its order.
pub(super) const ENTRY_COLUMNS: &str = "id, kind, deleted_at, pinned";

pub(super) fn entry_from_row(r: &Row<'_>) -> rusqlite::Result<EntryRow> {
    Ok(EntryRow {
        id: r.get(0)?,
        kind: r.get(1)?,
        deleted_at: r.get(2)?,
        pinned: r.get(3)?,
    })
}

/// A trash entry as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryRow {
    pub id: i64,
    pub kind: String,
    pub deleted_at: i64,
    /// Kept by the user: never purged until unpinned.
    pub pinned: bool,
}

/// Every list, todo and trash entry, in id order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rows {
    pub lists: Vec<ListRow>,
    pub todos: Vec<TodoRow>,
    pub entries: Vec<EntryRow>,
    /// From a damaged file: what could not be read, and what was made again to fit.
    pub rescue: Option<Rescue>,
    /// Where an export came from, for an import to recognise one it has taken before;
    /// `None` to import without that check (`--duplicate`).
    pub origin: Option<Origin>,
}

/// A part of an import, as its reader hands it over: where the file came from (first, from
/// a file in the order softly writes; else as soon as its header is read), its rows a batch
/// at a time (each batch with the place in the file of its first row, for messages), then
/// `End` once every row has been read and checked. An import that runs out of pieces before
/// `End` adds nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// Where the export came from; `None` to import without recognising it (`--duplicate`).
    Origin(Option<Origin>),
    Lists {
        first: usize,
        rows: Vec<ListRow>,
    },
    Todos {
        first: usize,
        rows: Vec<TodoRow>,
    },
    Entries {
        first: usize,
        rows: Vec<EntryRow>,
    },
    End,
}

impl Piece {
    /// How many rows the piece carries.
    pub fn len(&self) -> usize {
        match self {
            Piece::Lists { rows, .. } => rows.len(),
            Piece::Todos { rows, .. } => rows.len(),
            Piece::Entries { rows, .. } => rows.len(),
            Piece::Origin(_) | Piece::End => 0,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Rows per piece of an import, whoever makes the pieces: enough to keep the inserts in long
/// runs, few enough to hold.
pub const ROWS_PER_PIECE: usize = 1024;

impl Rows {
    /// The rows as the pieces of an import, in the order of an export file.
    pub fn pieces(&self) -> impl Iterator<Item = Piece> + '_ {
        let lists = chunks(&self.lists).map(|(first, rows)| Piece::Lists { first, rows });
        let todos = chunks(&self.todos).map(|(first, rows)| Piece::Todos { first, rows });
        let entries = chunks(&self.entries).map(|(first, rows)| Piece::Entries { first, rows });
        std::iter::once(Piece::Origin(self.origin.clone()))
            .chain(lists)
            .chain(todos)
            .chain(entries)
            .chain(std::iter::once(Piece::End))
    }
}

fn chunks<T: Clone>(rows: &[T]) -> impl Iterator<Item = (usize, Vec<T>)> + '_ {
    rows.chunks(ROWS_PER_PIECE)
        .enumerate()
        .map(|(i, chunk)| (i * ROWS_PER_PIECE, chunk.to_vec()))
}

/// What identifies an export: the database it was made from (unknown for exports older
/// than that field) and the moment it was made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub source: Option<String>,
    pub exported_at: i64,
}

impl Origin {
    /// The `meta` key that records an import of this export.
    pub(super) fn key(&self) -> String {
        format!(
            "imported {} {}",
            self.source.as_deref().unwrap_or("?"),
            self.exported_at
        )
    }
}

/// How many rows an import added, and the lists it had to rename.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Imported {
    pub lists: i64,
    pub todos: i64,
    pub entries: i64,
    /// (name in the file, name given) for live lists whose name was taken.
    pub renamed: Vec<(String, String)>,
    /// Live lists of the file that went into the live list here of their name.
    pub joined: Vec<String>,
}

/// What a rescue could not read, and what it had to make up so that the rows fit together.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rescue {
    /// Ids of rows the indexes name that could not be read at all.
    pub lost_todos: Vec<i64>,
    pub lost_lists: Vec<i64>,
    pub lost_entries: Vec<i64>,
    /// Live todos read from the index of live todos because their table page was damaged.
    pub todos_from_index: usize,
    /// Lists that could not be read but that todos belong to: made again under the name
    /// `Unreadable list N`.
    pub placeholder_lists: Vec<i64>,
    /// Trash entries that could not be read but that rows are in: made again, deleted now.
    pub remade_entries: Vec<i64>,
}

/// The columns [`list_from_row`] reads, in its order.
pub(super) const LIST_COLUMNS: &str = "id, name, position, created_at, trash_entry_id";

pub(super) fn list_from_row(r: &Row<'_>) -> rusqlite::Result<ListRow> {
    Ok(ListRow {
        id: r.get(0)?,
        name: r.get(1)?,
        position: r.get(2)?,
        created_at: r.get(3)?,
        trash_entry: r.get(4)?,
    })
}

/// The columns [`todo_from_row`] reads, in its order.
/// (`FROM todos`, unaliased: the note is looked up by the todo's id.)
pub(super) const TODO_COLUMNS: &str = "id, title, list_id, list_erased, done, position, created_at, trash_entry_id, due_at, \
     due_has_time, priority, every, (SELECT note FROM todo_notes WHERE todo_id = todos.id), uid, done_at, \
     cancelled, CASE WHEN has_own_tags THEN (SELECT group_concat(coalesce(spelled, tag), char(31)) \
     FROM (SELECT spelled, tag FROM todo_tags WHERE todo_id = todos.id AND in_title = 0 ORDER BY tag)) END";

pub(super) fn todo_from_row(r: &Row<'_>) -> rusqlite::Result<TodoRow> {
    Ok(TodoRow {
        id: r.get(0)?,
        title: r.get(1)?,
        list: r.get(2)?,
        list_erased: r.get(3)?,
        done: r.get(4)?,
        position: r.get(5)?,
        created_at: r.get(6)?,
        trash_entry: r.get(7)?,
        due_at: r.get(8)?,
        due_has_time: r.get(9)?,
        priority: r.get(10)?,
        every: r.get(11)?,
        note: r.get(12)?,
        uid: r.get(13)?,
        done_at: r.get(14)?,
        cancelled: r.get(15)?,
        own_tags: r
            .get::<_, Option<String>>(16)?
            .map(|t| t.split('\u{1f}').map(str::to_string).collect())
            .unwrap_or_default(),
    })
}
