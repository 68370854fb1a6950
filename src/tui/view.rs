//! What the views hold: the rows of the list pane, and a window over a view too big to
//! load whole (only the screenful on show is read).

use crate::store::{ListId, RowKey, TodoScope};

/// A row of the list pane: the Inbox (no id) or a live list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListPaneRow {
    pub id: Option<ListId>,
    pub name: String,
    /// Live todos in it, done or not.
    pub todos: i64,
    /// Live todos not yet done.
    pub open: i64,
}

impl ListPaneRow {
    pub fn scope(&self) -> TodoScope {
        match self.id {
            Some(id) => TodoScope::List(id),
            None => TodoScope::Inbox,
        }
    }
}

/// The name of live list `id` among `lists` as last loaded (empty if it is not loaded).
pub fn list_name(lists: &[ListPaneRow], id: ListId) -> String {
    lists
        .iter()
        .find(|l| l.id == Some(id))
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
}

impl<T> Default for Window<T> {
    fn default() -> Self {
        Window {
            total: 0,
            offset: 0,
            cursor: 0,
            rows: Vec::new(),
            anchor: None,
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
