//! The formats `softly export` writes, behind one writer: softly's own document (everything)
//! or todo.txt (the live todos).

use std::io::{self, Write};

use crate::backup::DocumentWriter;
use crate::interchange::TodoTxtWriter;
use crate::store::AnyRow;

/// The formats `softly export --format` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// softly's own JSON document: every list, todo and trash entry (a backup)
    Softly,
    /// todo.txt: the live todos, a line each (no notes, no Trash)
    Todotxt,
}

/// What an export wrote, and what its format had no place for.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct ExportCounts {
    pub lists: i64,
    pub todos: i64,
    pub entries: i64,
    pub left_out_notes: i64,
    pub left_out_trash: i64,
}

pub(super) enum RowWriter<W: Write> {
    Softly(DocumentWriter<W>, ExportCounts),
    TodoTxt(TodoTxtWriter<W>),
}

impl<W: Write> RowWriter<W> {
    pub(super) fn start(
        format: ExportFormat,
        out: W,
        now: jiff::Timestamp,
        source: Option<&str>,
    ) -> io::Result<Self> {
        Ok(match format {
            ExportFormat::Softly => RowWriter::Softly(
                DocumentWriter::start(out, now, source)?,
                ExportCounts::default(),
            ),
            ExportFormat::Todotxt => {
                RowWriter::TodoTxt(TodoTxtWriter::new(out, crate::when::local_zone()))
            }
        })
    }

    pub(super) fn row(&mut self, row: AnyRow<'_>) -> io::Result<()> {
        match (self, row) {
            (RowWriter::Softly(doc, n), AnyRow::List(l)) => {
                n.lists += 1;
                doc.list(l)
            }
            (RowWriter::Softly(doc, n), AnyRow::Todo(t)) => {
                n.todos += 1;
                doc.todo(t)
            }
            (RowWriter::Softly(doc, n), AnyRow::Entry(e)) => {
                n.entries += 1;
                doc.entry(e)
            }
            (RowWriter::TodoTxt(txt), AnyRow::List(l)) => txt.list(l),
            (RowWriter::TodoTxt(txt), AnyRow::Todo(t)) => txt.todo(t),
            (RowWriter::TodoTxt(txt), AnyRow::Entry(e)) => txt.entry(e),
        }
    }

    /// Ends the document (and its last line); returns what was written.
    pub(super) fn finish(self) -> io::Result<ExportCounts> {
        match self {
            RowWriter::Softly(doc, written) => {
                let mut out = doc.finish()?;
                out.write_all(b"\n")?;
                out.flush()?;
                Ok(written)
            }
            RowWriter::TodoTxt(txt) => {
                let written = ExportCounts {
                    todos: txt.todos,
                    left_out_notes: txt.left_out_notes,
                    left_out_trash: txt.left_out_trash,
                    ..ExportCounts::default()
                };
                txt.finish()?.flush()?;
                Ok(written)
            }
        }
    }
}
