//! Writing an export as a stream, a row at a time, byte for byte the document
//! `serde_json::to_string_pretty` would make of [`super::Document`]: a file of any size is
//! written in the memory of one row.

use std::io::{self, Write};

use jiff::Timestamp;
use serde::Serialize;

use super::{FORMAT, FileEntry, FileList, FileTodo, VERSION};
use crate::store::rows::{EntryRow, ListRow, TodoRow};
use crate::text::escape_json_controls;

/// The three arrays, in the order they are written.
const SECTIONS: [&str; 3] = ["lists", "todos", "trash"];

/// An export being written to `out`: [`start`](Self::start), the rows in the order lists,
/// todos, trash entries, then [`finish`](Self::finish).
pub struct DocumentWriter<W: Write> {
    out: W,
    /// The array being written (an index into `SECTIONS`), and whether it has a row yet.
    section: usize,
    has_rows: bool,
    /// How many rows were written.
    pub rows: u64,
}

#[derive(Serialize)]
struct HeaderFields<'a> {
    format: &'a str,
    version: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
    #[serde(serialize_with = "super::timestamp::serialize")]
    exported_at: Timestamp,
}

impl<W: Write> DocumentWriter<W> {
    /// Writes the header of an export made `now` from the database whose id is `source`.
    pub fn start(mut out: W, now: Timestamp, source: Option<&str>) -> io::Result<Self> {
        let header = HeaderFields {
            format: FORMAT,
            version: VERSION,
            source,
            exported_at: now,
        };
        let text = escape_json_controls(serde_json::to_string_pretty(&header)?);
        // "{ …fields… \n}": the fields, then the arrays follow.
        let fields = text.strip_suffix("\n}").unwrap_or(&text);
        write!(out, "{fields},\n  \"{}\": [", SECTIONS[0])?;
        Ok(DocumentWriter {
            out,
            section: 0,
            has_rows: false,
            rows: 0,
        })
    }

    pub fn list(&mut self, l: &ListRow) -> io::Result<()> {
        self.row(0, &FileList::from_row(l))
    }

    pub fn todo(&mut self, t: &TodoRow) -> io::Result<()> {
        self.row(1, &FileTodo::from_row(t))
    }

    pub fn entry(&mut self, e: &EntryRow) -> io::Result<()> {
        self.row(2, &FileEntry::from_row(e))
    }

    /// Closes the arrays and the document; returns the output.
    pub fn finish(mut self) -> io::Result<W> {
        self.move_to(SECTIONS.len() - 1)?;
        self.close_section()?;
        self.out.write_all(b"\n}")?;
        Ok(self.out)
    }

    fn row(&mut self, section: usize, row: &impl Serialize) -> io::Result<()> {
        self.move_to(section)?;
        let text = escape_json_controls(serde_json::to_string_pretty(row)?);
        self.out
            .write_all(if self.has_rows { b",\n    " } else { b"\n    " })?;
        // The row's own lines, indented to sit inside the array. (Newlines inside strings
        // are escaped, so every newline here is the layout's.)
        for (n, line) in text.split('\n').enumerate() {
            if n > 0 {
                self.out.write_all(b"\n    ")?;
            }
            self.out.write_all(line.as_bytes())?;
        }
        self.has_rows = true;
        self.rows += 1;
        Ok(())
    }

    /// Closes the arrays before `section` and opens it. Rows come in the sections' order.
    fn move_to(&mut self, section: usize) -> io::Result<()> {
        debug_assert!(section >= self.section, "rows out of the sections' order");
        while self.section < section {
            self.close_section()?;
            self.section += 1;
            self.has_rows = false;
            write!(self.out, ",\n  \"{}\": [", SECTIONS[self.section])?;
        }
        Ok(())
    }

    fn close_section(&mut self) -> io::Result<()> {
        self.out
            .write_all(if self.has_rows { b"\n  ]" } else { b"]" })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Text a damaged or hand-made database could hold: a terminal that shows the export
    /// must not act on it, and the file must still read back the same.
    #[test]
    fn controls_in_rows_are_written_as_escapes_that_read_back() {
        let title = "evil \u{202e}txt.exe \u{9b}31m \u{7f}";
        let row = TodoRow {
            id: 1,
            title: title.into(),
            list: None,
            list_erased: false,
            done: false,
            position: 1,
            created_at: 0,
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
        };
        let mut doc = DocumentWriter::start(Vec::new(), Timestamp::UNIX_EPOCH, None).unwrap();
        doc.todo(&row).unwrap();
        let text = String::from_utf8(doc.finish().unwrap()).unwrap();
        for escaped in ["\\u202e", "\\u009b", "\\u007f"] {
            assert!(text.contains(escaped), "{escaped} in {text}");
        }
        assert!(!text.contains('\u{9b}') && !text.contains('\u{202e}'));
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["todos"][0]["title"], title);
    }
}
