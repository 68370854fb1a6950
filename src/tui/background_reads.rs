//! The rest of big filtered views, read in the background. A filter keystroke reads the
//! first stretch of a big view itself (`Store::view_start`) and shows what it found; a
//! worker reads what the screenful still lacks and counts the matches. Until it lands the
//! view's total is the rows shown and one more, and the pane says "40+". A newer filter
//! cancels the older one's worker; a key that moves through the view waits for it first,
//! since it needs the rows and the total.

use super::app::App;
use super::view::Window;
use crate::store::{
    FinishedView, FinishingView, MoreRows, Rest, Store, StoreError, ViewJob, ViewStart,
};

/// A view being finished in the background.
struct Pending {
    finishing: FinishingView,
    job: ViewJob,
    rest: Rest,
    known: i64,
}

/// The workers running for the todo view and the Trash.
#[derive(Default)]
pub struct BackgroundReads {
    todos: Option<Pending>,
    trash: Option<Pending>,
}

/// Which view a worker is for.
#[derive(Clone, Copy)]
pub enum Of {
    Todos,
    Trash,
}

impl BackgroundReads {
    /// True while a worker runs.
    pub fn running(&self) -> bool {
        self.todos.is_some() || self.trash.is_some()
    }

    /// Forgets (and so stops) the workers of views about to be read again.
    pub fn drop_all(&mut self) {
        self.todos = None;
        self.trash = None;
    }

    /// The view `of` from `start` (its window given): its rows and total when known, else
    /// what the keystroke found, with the rest read in the background (or now, when the
    /// file allows no second connection).
    pub fn start<T: FromMoreRows>(
        &mut self,
        s: &Store,
        window: &mut Window<T>,
        start: ViewStart<T>,
        job: ViewJob,
        of: Of,
    ) -> Result<(), StoreError> {
        *self.slot(of) = None;
        window.counting = false;
        let known = start.rows.len() as i64;
        window.rows = start.rows;
        let (Some(rest), None) = (start.rest, start.total) else {
            window.total = start.total.unwrap_or(known);
            return Ok(());
        };
        match s.finish_in_background(job.clone(), rest, known) {
            Some(finishing) => {
                window.total = known + 1;
                window.counting = true;
                *self.slot(of) = Some(Pending {
                    finishing,
                    job,
                    rest,
                    known,
                });
            }
            None => take_in(window, s.finish_rest(&job, rest, known)?),
        }
        Ok(())
    }

    fn slot(&mut self, of: Of) -> &mut Option<Pending> {
        match of {
            Of::Todos => &mut self.todos,
            Of::Trash => &mut self.trash,
        }
    }

    /// Takes in the workers that have finished; with `wait`, waits for those still
    /// running.
    pub fn settle(&mut self, s: &Store, app: &mut App, wait: bool) -> Result<(), StoreError> {
        self.settle_one(s, &mut app.todos, Of::Todos, wait)?;
        self.settle_one(s, &mut app.trash, Of::Trash, wait)
    }

    fn settle_one<T: FromMoreRows>(
        &mut self,
        s: &Store,
        window: &mut Window<T>,
        of: Of,
        wait: bool,
    ) -> Result<(), StoreError> {
        let Some(pending) = self.slot(of).as_ref() else {
            return Ok(());
        };
        let finished = match wait {
            true => Some(pending.finishing.wait()),
            false => pending.finishing.try_take(),
        };
        let Some(finished) = finished else {
            return Ok(());
        };
        let pending = self.slot(of).take().expect("looked at above");
        let finished = match finished {
            Some(finished) => finished,
            // The worker could not read (its connection failed): read here.
            None => s.finish_rest(&pending.job, pending.rest, pending.known)?,
        };
        take_in(window, finished);
        Ok(())
    }
}

/// A window's rows taken from what a worker read.
pub trait FromMoreRows: Sized {
    fn from_more_rows(rows: MoreRows) -> Vec<Self>;
}

impl FromMoreRows for crate::store::Todo {
    fn from_more_rows(rows: MoreRows) -> Vec<Self> {
        match rows {
            MoreRows::Todos(rows) => rows,
            MoreRows::Trash(_) => Vec::new(),
        }
    }
}

impl FromMoreRows for crate::store::TrashEntry {
    fn from_more_rows(rows: MoreRows) -> Vec<Self> {
        match rows {
            MoreRows::Trash(rows) => rows,
            MoreRows::Todos(_) => Vec::new(),
        }
    }
}

/// The rows a screenful lacked go after those shown; the total is known.
fn take_in<T: FromMoreRows>(window: &mut Window<T>, finished: FinishedView) {
    window.rows.extend(T::from_more_rows(finished.rows));
    window.total = finished.total;
    window.counting = false;
}
