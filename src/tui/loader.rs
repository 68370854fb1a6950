//! The view loader: reads what the screen shows and nothing more. The list pane is read
//! whole (lists are few); the todo and trash views are windows read a screenful at a time
//! by keyset paging from the nearest known row, so a million todos page as fast as ten.

use std::collections::BTreeSet;

use jiff::Timestamp;

use super::action::{Action, Tab};
use super::app::App;
use super::background_reads::{BackgroundReads, Of};
use super::view::{ListPaneRow, View, Window};
use crate::retention::Retention;
use crate::store::{
    ListId, Page, RowKey, Seek, Sort, Store, StoreError, TodoId, TrashEntry, ViewJob,
};

/// Up to this many entries past their purge time are counted to give the Trash tab its
/// number before the first purge; a bigger backlog (0.5 ms to count at this size, 13 ms at
/// 250,000) is left to the purge, and the tab says "…" until it lands.
const BACKLOG_COUNT_BUDGET: u32 = 10_000;

/// What the loader remembers between reloads.
pub struct ViewLoader {
    /// A list to select at the next reload (one just created).
    pub select_list: Option<ListId>,
    /// `PRAGMA data_version` at the last reload: when it moves, another process wrote.
    data_version: i64,
    /// When the oldest entry on show reaches its purge time: from then on the view must hide
    /// it, even if the purge cannot run (a read-only or busy database).
    next_expiry: Option<Timestamp>,
    /// True until the first purge has run or failed: until then a big expired backlog is
    /// not counted (see [`BACKLOG_COUNT_BUDGET`]).
    pub first_purge_pending: bool,
    /// The end of the day the views were read in: Today and Upcoming move on at midnight.
    day_ends: Option<Timestamp>,
    /// The rows of the smart views, with their counts (Today's is a range count of up to
    /// the whole index of due todos: milliseconds at a million), and whether the data may
    /// have changed since: a filter keystroke does not count them again.
    smart_rows: Vec<ListPaneRow>,
    /// The time the smart views' rows were read at (Upcoming's span starts then).
    smart_rows_at: Timestamp,
    pub smart_counts_stale: bool,
    /// The ids of a view sorted other than its own way, in that order (`None`: the view
    /// is read along its index).
    sorted: Option<Vec<TodoId>>,
    /// The rest of big filtered views (rows a screenful lacks, and the count), being read
    /// in the background.
    pub background: BackgroundReads,
}

impl ViewLoader {
    pub fn new(first_purge_pending: bool) -> Self {
        ViewLoader {
            select_list: None,
            data_version: 0,
            next_expiry: None,
            first_purge_pending,
            sorted: None,
            day_ends: None,
            smart_rows: Vec::new(),
            smart_rows_at: Timestamp::UNIX_EPOCH,
            smart_counts_stale: true,
            background: BackgroundReads::default(),
        }
    }

    /// True when another process wrote since the last reload, or the oldest entry on show
    /// has expired: the screen must be read again.
    pub fn out_of_date(&self, store: &Store, now: Timestamp) -> bool {
        let changed_elsewhere = store
            .data_version()
            .is_ok_and(|version| version != self.data_version);
        let new_day = self.day_ends.is_some_and(|end| now > end);
        changed_elsewhere || new_day || self.next_expiry.is_some_and(|at| at <= now)
    }

    /// Reads everything the screen shows: the lists and their counts, the counts of both
    /// views, then the rows on screen. Knows, afterwards, when the oldest entry on show
    /// expires.
    pub fn reload(
        &mut self,
        s: &Store,
        app: &mut App,
        applied: Retention,
    ) -> Result<(), StoreError> {
        // A background read still running is of data or a filter that has changed since:
        // stop it before reading, so it does not take a core from this read.
        self.background.drop_all();
        self.data_version = s.data_version()?;
        let today = app.now.to_zoned_datetime(app.zone.clone()).date();
        self.day_ends = crate::fields::end_of_day(today, &app.zone).map(|due| due.at);
        let selected = match self.select_list.take() {
            Some(id) => Some(View::List(id)),
            None => app.selected_list().map(|l| l.view),
        };
        if self.smart_counts_stale || self.smart_rows.is_empty() {
            self.smart_rows = super::todo_view::smart_rows(s, app)?;
            self.smart_rows_at = app.now;
            self.smart_counts_stale = false;
        }
        let mut lists = self.smart_rows.clone();
        // Upcoming's span starts at `now`: what fell due since its row was read leaves it.
        let fell_due = self.fell_due_since_read(s, app)?;
        if let Some(upcoming) = lists.iter_mut().find(|row| row.view == View::Upcoming) {
            upcoming.open -= fell_due;
            upcoming.todos -= fell_due;
        }
        let (inbox, inbox_open) = s.inbox_counts()?;
        lists.push(ListPaneRow {
            view: View::Inbox,
            name: "Inbox".into(),
            todos: inbox,
            open: inbox_open,
        });
        lists.extend(s.live_lists()?.into_iter().map(|l| ListPaneRow {
            view: View::List(l.id),
            name: l.name,
            todos: l.todos,
            open: l.open,
        }));
        app.lists = lists;
        app.update(Action::ListsLoaded { keep: selected });
        let height = app.page_rows();
        let cutoff = applied.cutoff(app.now);
        let todo_filter = app.view_filter();
        let q = app.view_query(&todo_filter);
        let sort = app.sort();
        // A view sorted other than its own way: its ids in that order, read once per change.
        self.sorted = match sort {
            Sort::Natural => None,
            sort => Some(s.view_ids_sorted(&q, sort)?),
        };
        let trash_filter = app.trash_filter.clone();
        let filtered_todos = match &self.sorted {
            Some(_) => None,
            // Its first screenful, and its count or the rest to read in the background
            // (see `Store::view_start`).
            None if !app.todo_filter.is_empty() => Some(s.view_start(&q, height)?),
            None => None,
        };
        let filtered_trash = match trash_filter.is_empty() {
            true => None,
            false => Some(s.trash_start(cutoff, &trash_filter, height)?),
        };
        app.todos.counting = false;
        app.trash.counting = false;
        let todos_filtered = filtered_todos.is_some();
        match (filtered_todos, &self.sorted) {
            (Some(start), _) => {
                let job = ViewJob::View {
                    scope: q.scope,
                    hide_done: q.hide_done,
                    filter: todo_filter.clone(),
                };
                self.background
                    .start(s, &mut app.todos, start, job, Of::Todos)?;
            }
            (None, Some(ids)) => app.todos.total = ids.len() as i64,
            (None, None) => {
                app.todos.total = match self.smart_count(s, app)? {
                    Some(count) => count,
                    None => s.count_view(&q)?,
                }
            }
        }
        // Before the first purge, a big backlog of expired entries is the purge's to take, not
        // ours to count before the first frame; the Trash tab itself always gets its number.
        app.trash_total = if self.first_purge_pending && app.tab != Tab::Trash {
            s.count_trash_within(cutoff, BACKLOG_COUNT_BUDGET)?
        } else {
            Some(s.count_trash(cutoff, "")?)
        };
        app.trash_pinned = s.pinned_count()?;
        app.update(Action::TodosCounted);
        let trash_filtered = filtered_trash.is_some();
        match filtered_trash {
            Some(start) => {
                let job = ViewJob::Trash {
                    after: cutoff,
                    filter: app.trash_filter.clone(),
                };
                self.background
                    .start(s, &mut app.trash, start, job, Of::Trash)?;
            }
            None => app.trash.total = app.trash_total.unwrap_or(0),
        }
        // The data changed: rows may have come or gone before the loaded ones, so their
        // offsets are stale. Read the page again by position (navigation, which changes no
        // data, keeps reading next to the loaded rows), unless the top of the view was just
        // read (a filtered view), which is then the rows at offset 0.
        app.todos.anchor = None;
        app.trash.anchor = None;
        if todos_filtered {
            app.todos.anchor = app.todos.rows.first().map(|first| (0, q.scope.key(first)));
        }
        if trash_filtered {
            app.trash.anchor = app.trash.rows.first().map(|first| (0, first.key()));
        }
        self.next_expiry = s
            .oldest_deleted_after(cutoff)?
            .and_then(|oldest| applied.purge_at(oldest));
        self.load_pages(s, app, applied)
    }

    /// Today's or Upcoming's count, unfiltered, from the list pane's row read with the
    /// data: a range count of up to the whole index of due todos (~2 ms at a million),
    /// which opening the view need not make again. Today's span changes only at midnight,
    /// when everything is read again; Upcoming's starts at `now`, so the todos that fell
    /// due since the row was read (a range of a few, at most) are taken off it.
    fn smart_count(&self, s: &Store, app: &App) -> Result<Option<i64>, StoreError> {
        let view = app.view();
        if !matches!(view, View::Today | View::Upcoming) || !app.todo_filter.is_empty() {
            return Ok(None);
        }
        let Some(row) = self.smart_rows.iter().find(|row| row.view == view) else {
            return Ok(None);
        };
        if view == View::Today {
            return Ok(Some(row.open));
        }
        if app.now < self.smart_rows_at {
            return Ok(None);
        }
        Ok(Some(row.open - self.fell_due_since_read(s, app)?))
    }

    /// How many open todos fell due between the smart rows' reading and now (a range of
    /// a few at most).
    fn fell_due_since_read(&self, s: &Store, app: &App) -> Result<i64, StoreError> {
        if app.now <= self.smart_rows_at {
            return Ok(0);
        }
        s.count_view(&crate::store::ViewQuery {
            scope: crate::store::ViewScope::Due {
                after: Some(self.smart_rows_at),
                until: app.now,
            },
            hide_done: true,
            filter: &crate::fields::TodoFilter::default(),
        })
    }

    /// Reads the rows on screen, and nothing more.
    pub fn load_pages(
        &self,
        store: &Store,
        app: &mut App,
        applied: Retention,
    ) -> Result<(), StoreError> {
        let rows = app.page_rows();
        // While a new todo is typed, the view ends on the blank row it will fill: the last
        // todos above, the editor below them, never over one of them.
        let todo_rows = if app.adding_todo() { rows - 1 } else { rows };
        match &self.sorted {
            Some(ids) => {
                let window = &mut app.todos;
                window.scroll_to_cursor(todo_rows);
                let from = (window.offset.max(0) as usize).min(ids.len());
                let to = (from + todo_rows.max(0) as usize).min(ids.len());
                window.rows = store.todos_by_ids(&ids[from..to])?;
            }
            None => {
                let todo_filter = app.view_filter();
                let q = app.view_query(&todo_filter);
                load_window(
                    &mut app.todos,
                    todo_rows,
                    |t| q.scope.key(t),
                    |page| store.view_page(&q, page),
                )?;
            }
        }
        let cutoff = applied.cutoff(app.now);
        let filter = app.trash_filter.as_str();
        load_window(&mut app.trash, rows, TrashEntry::key, |page| {
            store.trash_page(cutoff, Page { filter, ..page })
        })?;
        // The selected todo's note, for `n` to open: one look-up, and only when it has one.
        app.selected_note = match app.todos.selected() {
            Some(todo) if todo.has_note => store.note(todo.id)?.map(|note| (todo.id, note)),
            _ => None,
        };
        Ok(())
    }
}

/// `V`: marks every row of the view on screen (its filter included, not only the rows
/// shown), or none when all of them are marked already. Ids only.
pub fn read_marks(store: &Store, app: &mut App, applied: Retention) -> Result<(), StoreError> {
    match app.tab {
        Tab::Todos => {
            let filter = app.view_filter();
            let ids = store.view_ids(&app.view_query(&filter))?;
            app.marked_todos = marks_toggled(&app.marked_todos, ids);
        }
        Tab::Trash => {
            let cutoff = applied.cutoff(app.now);
            let ids = store.trash_entry_ids(cutoff, &app.trash_filter)?;
            app.marked_entries = marks_toggled(&app.marked_entries, ids);
        }
    }
    Ok(())
}

/// All of `ids` marked, or none when they all were already.
fn marks_toggled<T: Ord + Copy>(marked: &BTreeSet<T>, ids: Vec<T>) -> BTreeSet<T> {
    if !ids.is_empty() && ids.iter().all(|id| marked.contains(id)) {
        BTreeSet::new()
    } else {
        ids.into_iter().collect()
    }
}

/// Scrolls `window` to its cursor and reads the `height` rows it then shows. The read starts
/// from whichever known point is nearest: the rows loaded last time, or an end of the view.
/// So paging through a million todos reads a screenful at a time; only a jump into the
/// middle of a huge view walks far, and then only along an index.
fn load_window<T>(
    window: &mut Window<T>,
    height: i64,
    key: impl Fn(&T) -> RowKey,
    fetch: impl Fn(Page<'_>) -> Result<Vec<T>, StoreError>,
) -> Result<(), StoreError> {
    // The rest of a big filtered view is being read in the background: the rows shown are
    // all there is to show until it lands (a key that moves waits for it first).
    if window.counting {
        return Ok(());
    }
    window.scroll_to_cursor(height);
    // Nothing to show, or the rows on screen are the ones loaded already (the top of a
    // filtered view, read with its count; or a move within the screen): nothing to read.
    // Re-reading would cost a scan of the list when the filter matches little.
    let on_screen = height.min(window.total - window.offset).max(0);
    let loaded_already = window.anchor.is_some_and(|(at, _)| at == window.offset)
        && window.rows.len() as i64 >= on_screen;
    if window.total == 0 || loaded_already {
        window.rows.truncate(on_screen as usize);
        return Ok(());
    }
    let target = window.offset;
    let from_start = target;
    let from_end = (window.total - 1 - target).max(0);
    let nearest_end = from_start.min(from_end);
    let (seek, skip) = match window.anchor {
        Some((at, anchor)) if target >= at && target - at <= nearest_end => {
            (Seek::From(anchor), target - at)
        }
        Some((at, anchor)) if target < at && at - target - 1 <= nearest_end => {
            (Seek::Before(anchor), at - target - 1)
        }
        _ if from_start <= from_end => (Seek::Start, target),
        _ => (Seek::End, from_end),
    };
    let page = |seek, skip, limit| Page {
        filter: "",
        seek,
        skip,
        limit: Some(limit),
    };
    window.rows = match seek {
        Seek::Start | Seek::From(_) => fetch(page(seek, skip, height))?,
        Seek::Before(_) | Seek::End => {
            // Walk back to the first row on screen, then read forwards from it.
            match fetch(page(seek, skip, 1))?.first() {
                Some(first) => fetch(page(Seek::From(key(first)), 0, height))?,
                None => Vec::new(),
            }
        }
    };
    window.anchor = window.rows.first().map(|first| (target, key(first)));
    Ok(())
}
