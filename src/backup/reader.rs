//! Reading an export as a stream: the header, then each row checked as it arrives and handed
//! on in batches ([`Piece`]s), so that a file of any size is read in the memory of a batch.
//! The header (format, version, source, exported_at) comes first and the lists before the
//! todos, as softly writes them; the todos are checked against the lists read before them.

use std::fmt;
use std::io::Read;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};

use super::check::{RowChecker, check_header_fields, strip_position};
use super::{FileEntry, FileList, FileTodo, ImportError};
use crate::store::rows::{Origin, Piece, ROWS_PER_PIECE};
/// Text per piece, in bytes: a piece of todos with long notes is cut short of
/// `ROWS_PER_PIECE`, so that what waits between the threads stays small.
const BYTES_PER_PIECE: usize = 256 * 1024;

/// The top-level fields of an export, for serde's messages.
const FIELDS: &[&str] = &[
    "format",
    "version",
    "source",
    "exported_at",
    "lists",
    "todos",
    "trash",
];

/// Reads the export `input` and hands its pieces to `send`, which says false when nobody
/// takes them any more (the import stopped); the last is [`Piece::End`], sent only when
/// the whole file was read and every row passed. An error says why the file cannot be
/// imported (nothing is imported then: the store adds nothing without `End`).
pub fn read_export(input: impl Read, send: impl FnMut(Piece) -> bool) -> Result<(), ImportError> {
    read_from(serde_json::Deserializer::from_reader(input), send)
}

/// [`read_export`] for a file already in memory: serde reads a slice about twice as fast
/// as a stream, so a small file is read whole (see `cli/import_reading.rs`).
pub fn read_export_slice(input: &[u8], send: impl FnMut(Piece) -> bool) -> Result<(), ImportError> {
    read_from(serde_json::Deserializer::from_slice(input), send)
}

fn read_from<'de, R: serde_json::de::Read<'de>>(
    mut de: serde_json::Deserializer<R>,
    send: impl FnMut(Piece) -> bool,
) -> Result<(), ImportError> {
    let mut reading = Reading {
        send,
        header: HeaderSoFar::default(),
        checker: RowChecker::default(),
        sections: [false; 3],
        failure: None,
    };
    let read = DocumentSeed(&mut reading)
        .deserialize(&mut de)
        .and_then(|()| de.end());
    if let Some(failure) = reading.failure {
        return Err(failure);
    }
    read.map_err(json_error)?;
    if (reading.send)(Piece::End) {
        Ok(())
    } else {
        Err(ImportError::Stopped)
    }
}

/// A JSON error as an import's: what the system said when the file could not be read,
/// else where the text is wrong.
pub fn json_error(e: serde_json::Error) -> ImportError {
    match e.io_error_kind() {
        Some(_) => ImportError::Unreadable(strip_position(&e.to_string())),
        None => ImportError::Syntax {
            line: e.line(),
            column: e.column(),
            message: strip_position(&e.to_string()),
        },
    }
}

#[derive(Default)]
struct HeaderSoFar {
    format: Option<String>,
    version: Option<u32>,
    /// The `source` field once read (itself optional: older exports have none).
    source: Option<Option<String>>,
    exported_at: Option<jiff::Timestamp>,
    /// The first field that is not an export's, held until the format says what the file is.
    unknown: Option<String>,
    /// Sent on to the store.
    sent: bool,
}

struct Reading<F> {
    send: F,
    header: HeaderSoFar,
    checker: RowChecker,
    /// Which of lists, todos and trash were read.
    sections: [bool; 3],
    /// Why reading stopped, when it was not the JSON itself.
    failure: Option<ImportError>,
}

impl<F: FnMut(Piece) -> bool> Reading<F> {
    /// Stops the read with `failure`; serde is handed a placeholder that is never shown.
    fn fail<E: de::Error>(&mut self, failure: ImportError) -> E {
        self.failure = Some(failure);
        E::custom("stopped")
    }

    fn deliver<E: de::Error>(&mut self, piece: Piece) -> Result<(), E> {
        if (self.send)(piece) {
            Ok(())
        } else {
            Err(self.fail(ImportError::Stopped))
        }
    }

    /// At a section: a header that says another kind of file, or a newer softly, stops
    /// the read. Once it is whole (softly writes it first), the store hears where the file
    /// came from, so that a second import of it stops at once; otherwise (fields in another
    /// order: a tool that sorts keys) at the end.
    fn header_so_far<E: de::Error>(&mut self, end: bool) -> Result<(), E> {
        let h = &self.header;
        if h.sent {
            return Ok(());
        }
        if (h.format.is_some() || end)
            && let Err(e) = check_header_fields(h.format.as_deref(), h.version)
        {
            return Err(self.fail(e));
        }
        let h = &self.header;
        let whole = h.format.is_some() && h.version.is_some() && h.source.is_some();
        if !(whole || end) {
            return Ok(());
        }
        let Some(exported_at) = self.header.exported_at else {
            return if end {
                Err(E::missing_field("exported_at"))
            } else {
                Ok(())
            };
        };
        self.header.sent = true;
        let origin = Origin {
            source: self.header.source.take().flatten(),
            exported_at: exported_at.as_millisecond(),
        };
        self.deliver(Piece::Origin(Some(origin)))
    }
}

struct DocumentSeed<'r, F>(&'r mut Reading<F>);

impl<'de, F: FnMut(Piece) -> bool> DeserializeSeed<'de> for DocumentSeed<'_, F> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        // Any: a list (Taskwarrior's export) gets its own message.
        d.deserialize_any(self)
    }
}

impl<'de, F: FnMut(Piece) -> bool> Visitor<'de> for DocumentSeed<'_, F> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a softly export (a JSON object)")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<(), A::Error> {
        // A list of things, as Taskwarrior's export is: not a softly export.
        Err(self.0.fail(ImportError::AList))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let r = self.0;
        while let Some(key) = map.next_key::<String>()? {
            let section = ["lists", "todos", "trash"].iter().position(|s| *s == key);
            if let Some(at) = section {
                if r.sections[at] {
                    return Err(de::Error::duplicate_field(FIELDS[4 + at]));
                }
                r.header_so_far(false)?;
                if at == 1 && !r.sections[0] {
                    return Err(de::Error::custom(
                        "\"lists\" must come before \"todos\", as softly writes them",
                    ));
                }
                r.sections[at] = true;
                map.next_value_seed(SectionSeed { reading: r, at })?;
                continue;
            }
            match key.as_str() {
                "format" => r.header.format = Some(map.next_value()?),
                "version" => r.header.version = Some(map.next_value()?),
                "source" => r.header.source = Some(map.next_value()?),
                "exported_at" => r.header.exported_at = Some(map.next_value::<Stamp>()?.0),
                _ if r.header.format.is_none() => {
                    // Another kind of file says what it is (its format, at the end) rather
                    // than "unknown field".
                    r.header.unknown.get_or_insert(key);
                    map.next_value::<de::IgnoredAny>()?;
                }
                _ => {
                    r.header_so_far(true)?;
                    return Err(de::Error::unknown_field(&key, FIELDS));
                }
            }
        }
        r.header_so_far(true)?;
        if let Some(key) = &r.header.unknown {
            return Err(de::Error::unknown_field(key, FIELDS));
        }
        match r.sections.iter().position(|read| !read) {
            Some(missing) => Err(de::Error::missing_field(FIELDS[4 + missing])),
            None => Ok(()),
        }
    }
}

#[derive(Deserialize)]
#[serde(transparent)]
struct Stamp(#[serde(deserialize_with = "super::timestamp::deserialize")] jiff::Timestamp);

/// One of the three arrays: `at` 0 lists, 1 todos, 2 trash.
struct SectionSeed<'r, F> {
    reading: &'r mut Reading<F>,
    at: usize,
}

impl<'de, F: FnMut(Piece) -> bool> DeserializeSeed<'de> for SectionSeed<'_, F> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de, F: FnMut(Piece) -> bool> Visitor<'de> for SectionSeed<'_, F> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of rows")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let r = self.reading;
        match self.at {
            0 => read_rows(
                &mut seq,
                r,
                |r, i, l: FileList| r.checker.list(i, l),
                |l| l.name.len(),
                |first, rows| Piece::Lists { first, rows },
            ),
            1 => read_rows(
                &mut seq,
                r,
                |r, i, t: FileTodo| r.checker.todo(i, t),
                |t| t.title.len() + t.note.as_ref().map_or(0, String::len),
                |first, rows| Piece::Todos { first, rows },
            ),
            _ => read_rows(
                &mut seq,
                r,
                |r, i, e: FileEntry| r.checker.entry(i, e),
                |_| 0,
                |first, rows| Piece::Entries { first, rows },
            ),
        }
    }
}

/// Reads the rows of one array, checks each (`check`), and hands them on in pieces of
/// `ROWS_PER_PIECE` rows or `BYTES_PER_PIECE` of text (`text`), whichever comes first.
fn read_rows<'de, A, F, T, R>(
    seq: &mut A,
    r: &mut Reading<F>,
    check: impl Fn(&mut Reading<F>, usize, T) -> Result<R, ImportError>,
    text: impl Fn(&R) -> usize,
    piece: impl Fn(usize, Vec<R>) -> Piece,
) -> Result<(), A::Error>
where
    A: SeqAccess<'de>,
    F: FnMut(Piece) -> bool,
    T: Deserialize<'de>,
{
    let mut first = 0;
    let mut rows = Vec::with_capacity(ROWS_PER_PIECE);
    let mut i = 0;
    let mut bytes = 0;
    while let Some(row) = seq.next_element::<T>()? {
        let row = check(r, i, row).map_err(|e| r.fail::<A::Error>(e))?;
        bytes += text(&row);
        rows.push(row);
        i += 1;
        if rows.len() == ROWS_PER_PIECE || bytes >= BYTES_PER_PIECE {
            let full = std::mem::replace(&mut rows, Vec::with_capacity(ROWS_PER_PIECE));
            r.deliver(piece(first, full))?;
            first = i;
            bytes = 0;
        }
    }
    if !rows.is_empty() {
        r.deliver(piece(first, rows))?;
    }
    Ok(())
}
