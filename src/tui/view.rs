//! What the views hold: the rows of the list pane, and a window over a view too big to
//! load whole (only the screenful on show is read).

use crate::store::{ListId, RowKey, TodoScope};

/// What the todo pane can show: a smart view, the Inbox, or a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum View {
    /// Open todos due today or overdue, from every list.
    Today,
    /// Open todos due in the next seven days, from every list, grouped by day.
    Upcoming,
    /// Every live todo of every list.
    All,
    Inbox,
    List(ListId),
}

/// The smart views, in the order the list pane shows them above the Inbox.
pub const SMART_VIEWS: [View; 3] = [View::Today, View::Upcoming, View::All];

impl View {
    /// The list a todo added here goes to (`None`: the Inbox, as for the smart views).
    pub fn list(self) -> Option<ListId> {
        match self {
            View::List(id) => Some(id),
            _ => None,
        }
    }

    /// True for the Inbox and the lists: the views that hold todos of their own.
    pub fn is_list_or_inbox(self) -> bool {
        matches!(self, View::Inbox | View::List(_))
    }

    /// The store's scope of the Inbox or a list (`None` for a smart view).
    pub fn scope(self) -> Option<TodoScope> {
        match self {
            View::Inbox => Some(TodoScope::Inbox),
            View::List(id) => Some(TodoScope::List(id)),
            View::All => Some(TodoScope::All),
            View::Today | View::Upcoming => None,
        }
    }

    /// The name remembered settings are kept under ("list 3").
    pub fn key(self) -> String {
        match self {
            View::Today => "today".into(),
            View::Upcoming => "upcoming".into(),
            View::All => "all".into(),
            View::Inbox => "inbox".into(),
            View::List(id) => format!("list {id}"),
        }
    }
}

/// A row of the list pane: a smart view, the Inbox or a live list, with its counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListPaneRow {
    pub view: View,
    pub name: String,
    /// Live todos in it, done or not.
    pub todos: i64,
    /// Live todos not yet done.
    pub open: i64,
}

impl ListPaneRow {
    /// The list's id, for a list.
    pub fn list_id(&self) -> Option<ListId> {
        self.view.list()
    }
}

/// The name of live list `id` among `lists` as last loaded (empty if it is not loaded).
pub fn list_name(lists: &[ListPaneRow], id: ListId) -> String {
    lists
        .iter()
        .find(|l| l.view == View::List(id))
        .map(|l| l.name.clone())
        .unwrap_or_default()
}

/// A scrolling view over rows that live in the store: only the visible page is loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Window<T> {
    /// How many rows the view has in all (after the filter).
    pub total: i64,
    /// The index of the first loaded (and first visible) row.
    pub offset: i64,
    /// The selected row's index.
    pub cursor: i64,
    /// The rows from `offset` on, as many as fit on screen.
    pub rows: Vec<T>,
    /// The offset and sort key of the first loaded row: the next page is read from here
    /// rather than counted out from the top (keyset paging).
    pub anchor: Option<(i64, RowKey)>,
    /// True while the rest of a big filtered view (rows a screenful lacks, and the count)
    /// is read in the background (see `background_reads.rs`): `total` is then the rows
    /// shown and one more.
    pub counting: bool,
}

impl<T> Default for Window<T> {
    fn default() -> Self {
        Window {
            total: 0,
            offset: 0,
            cursor: 0,
            rows: Vec::new(),
            anchor: None,
            counting: false,
        }
    }
}

impl<T> Window<T> {
    pub fn selected(&self) -> Option<&T> {
        usize::try_from(self.cursor - self.offset)
            .ok()
            .and_then(|i| self.rows.get(i))
    }

    /// Moves the selection to `index`, kept within the rows.
    pub fn select(&mut self, index: i64) {
        self.cursor = index.clamp(0, (self.total - 1).max(0));
    }

    /// Scrolls so that the selection is on screen when `height` rows fit.
    pub fn scroll_to_cursor(&mut self, height: i64) {
        let height = height.max(1);
        self.cursor = self.cursor.clamp(0, (self.total - 1).max(0));
        if self.cursor < self.offset {
            self.offset = self.cursor;
        } else if self.cursor >= self.offset + height {
            self.offset = self.cursor - height + 1;
        }
        self.offset = self.offset.clamp(0, (self.total - height).max(0));
    }
}
