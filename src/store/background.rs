//! The rest of a big filtered view, read on a thread and a connection of its own: what a
//! screenful still lacks after the keystroke's own read, and the count (a pass over every
//! row past it: tens of milliseconds at a million todos). A newer filter cancels the
//! older one's work: dropping a [`FinishingView`] stops its statements.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, TryRecvError};

use jiff::Timestamp;

use super::page::{Page, RowKey, Seek, screen_and_count};
use super::split::{Helper, read_only_connection, stop_when_set};
use super::todos::Todo;
use super::trash::TrashEntry;
use super::view_start::Rest;
use super::views::{Part, ViewQuery, ViewScope, count_on, page_on};
use super::{Result, Store};
use crate::fields::TodoFilter;

/// Which view to finish, owned so that it can go to the worker.
#[derive(Debug, Clone)]
pub enum ViewJob {
    /// A view of todos ([`ViewQuery`], owned).
    View {
        scope: ViewScope,
        hide_done: bool,
        filter: TodoFilter,
    },
    /// The Trash, entries deleted after `after`, matching `filter`.
    Trash {
        after: Option<Timestamp>,
        filter: String,
    },
}

/// The rows a screenful lacked, in the view's order.
#[derive(Debug)]
pub enum MoreRows {
    Todos(Vec<Todo>),
    Trash(Vec<TrashEntry>),
}

/// A view finished: the rows its screenful lacked, and how many rows it holds in all.
#[derive(Debug)]
pub struct FinishedView {
    pub rows: MoreRows,
    pub total: i64,
}

/// The rest of a view being read on its worker.
pub struct FinishingView {
    result: Receiver<Result<FinishedView>>,
    cancelled: Arc<AtomicBool>,
    worker: Option<std::thread::JoinHandle<()>>,
}

impl FinishingView {
    /// The finished view, when the worker is done: `Some(None)` when it could not read it
    /// (the caller then reads it itself, [`Store::finish_rest`]).
    pub fn try_take(&self) -> Option<Option<FinishedView>> {
        match self.result.try_recv() {
            Ok(result) => Some(result.ok()),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(None),
        }
    }

    /// Waits for the worker; `None` when it could not read the view.
    pub fn wait(&self) -> Option<FinishedView> {
        self.result.recv().ok().and_then(Result::ok)
    }
}

impl Drop for FinishingView {
    /// Work nobody waits for any more stops where it is, even a statement not yet begun
    /// (an interrupt would only reach one that runs), and its connection is closed before
    /// this returns: no worker outlives the view it read for, or holds the file open while
    /// the app erases, scrubs or quits. Stopping takes a thousand steps of SQLite at most.
    fn drop(&mut self) {
        self.cancelled.store(true, Ordering::Relaxed);
        if let Some(worker) = self.worker.take() {
            let _ = worker.join();
        }
    }
}

impl Store {
    /// Starts reading `rest` of `job` on a worker; `known` rows come before it. `None`
    /// when this file gets no second connection (see `split.rs`): then the caller reads it
    /// itself.
    pub fn finish_in_background(
        &self,
        job: ViewJob,
        rest: Rest,
        known: i64,
    ) -> Option<FinishingView> {
        if matches!(*self.helper.borrow(), Helper::Never) {
            return None;
        }
        let cancelled = Arc::new(AtomicBool::new(false));
        let reader = self.reader(&cancelled).ok()?;
        let (send, result) = mpsc::channel();
        let worker = std::thread::Builder::new()
            .name("softly filter".into())
            .spawn(move || {
                let finished = reader.finish_rest(&job, rest, known);
                // Closed before the result is told, so that a caller who has it knows the
                // file is no longer held.
                drop(reader);
                // Nobody listening (a newer filter took over) is fine.
                let _ = send.send(finished);
            })
            .ok()?;
        Some(FinishingView {
            result,
            cancelled,
            worker: Some(worker),
        })
    }

    /// Reads `rest` of `job` here: the rows the screenful lacks, then the count of what
    /// follows them (one pass, as `page::screen_and_count`), `known` rows coming before.
    pub fn finish_rest(&self, job: &ViewJob, rest: Rest, known: i64) -> Result<FinishedView> {
        let from = Page {
            seek: Seek::From(rest.from),
            ..Page::default()
        };
        let (rows, counted) = match job {
            ViewJob::View {
                scope,
                hide_done,
                filter,
            } => {
                let q = ViewQuery {
                    scope: *scope,
                    hide_done: *hide_done,
                    filter,
                };
                let (rows, counted) = self.finish_view(&q, rest)?;
                (MoreRows::Todos(rows), counted)
            }
            ViewJob::Trash { after, filter } => {
                let (rows, counted) = match rest.rows_wanted {
                    0 => (
                        Vec::new(),
                        self.count_trash_from(*after, filter, rest.from)?,
                    ),
                    wanted => screen_and_count(
                        wanted,
                        TrashEntry::key,
                        |page| {
                            let page = Page {
                                filter,
                                limit: page.limit,
                                ..from
                            };
                            self.trash_page(*after, page)
                        },
                        |next| self.count_trash_from(*after, filter, next),
                    )?,
                };
                (MoreRows::Trash(rows), counted)
            }
        };
        Ok(FinishedView {
            rows,
            total: known + counted,
        })
    }

    /// The rows of a view from `rest.from` on that a screenful lacks, and how many there are
    /// from there: the two halves of what is left (by the first key column) read at once,
    /// on this connection and the helper's, each a screenful and its count in one pass.
    fn finish_view(&self, q: &ViewQuery<'_>, rest: Rest) -> Result<(Vec<Todo>, i64)> {
        self.find_note_hits(&q.filter.text)?;
        let key = |t: &Todo| q.scope.key(t);
        let part = |conn: &rusqlite::Connection, from: RowKey, part: Part| {
            screen_and_count(
                rest.rows_wanted,
                key,
                |page| {
                    let page = Page {
                        seek: Seek::From(from),
                        ..page
                    };
                    page_on(conn, q, page, part)
                },
                |next| count_on(conn, q, Some(next), part),
            )
        };
        let middle = self
            .key_bounds(q.scope)?
            .filter(|&(_, high)| high > rest.from.0)
            .map(|(_, high)| rest.from.0 + (high - rest.from.0) / 2 + 1);
        let (mut rows, total) = match middle {
            None => part(&self.conn, rest.from, Part::Whole)?,
            Some(middle) => {
                let ((mut rows, left), (right_rows, right)) = self.in_two(
                    |conn| part(conn, rest.from, Part::Below(middle)),
                    |conn| part(conn, (middle, i64::MIN), Part::Whole),
                )?;
                rows.extend(right_rows);
                rows.truncate(rest.rows_wanted.max(0) as usize);
                (rows, left + right)
            }
        };
        self.complete_rows(&mut rows)?;
        Ok((rows, total))
    }

    /// A store on a read-only connection of its own to the same file, for a worker, with a
    /// helper of its own; its statements stop once `stop` is set.
    fn reader(&self, stop: &Arc<AtomicBool>) -> rusqlite::Result<Store> {
        let hits = std::sync::Arc::default();
        let conn = read_only_connection(self, &hits)?;
        stop_when_set(&conn, stop)?;
        Ok(Store {
            helper: std::cell::RefCell::new(Helper::Unopened),
            stop: Some(Arc::clone(stop)),
            change_clock: None,
            conn,
            hits,
            hits_found_for: Default::default(),
            quick_rows: std::cell::Cell::new(super::view_start::QUICK_ROWS),
            path: self.path.clone(),
            read_only: true,
        })
    }
}
