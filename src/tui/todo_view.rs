//! The views of the todo pane as the app holds them: which store view the selected row of
//! the list pane means at this moment (Today and Upcoming move with the clock), its filter
//! in words, its sort and whether done todos are hidden; and the counts of the smart views.

use jiff::{Span, Timestamp};

use super::app::App;
use super::view::{ListPaneRow, SMART_VIEWS, View};
use crate::fields::{TodoFilter, end_of_day};
use crate::store::{Sort, Store, StoreError, ViewQuery, ViewScope};
use crate::wording::status;

impl App {
    /// The store's scope of the view on show, its days counted in the app's zone.
    pub fn view_scope(&self) -> ViewScope {
        match self.view() {
            View::Today => ViewScope::Due {
                after: None,
                until: self.end_of_days_ahead(0),
            },
            View::Upcoming => ViewScope::Due {
                after: Some(self.now),
                until: self.end_of_days_ahead(7),
            },
            View::All => ViewScope::All,
            View::Inbox => ViewScope::Inbox,
            View::List(id) => ViewScope::List(id),
        }
    }

    /// What a todo added in the view on show is due: today in Today, tomorrow in Upcoming
    /// (so that it shows where it was added), nothing elsewhere.
    pub fn due_of_new_todo(&self) -> Option<crate::fields::Due> {
        let words = match self.view() {
            View::Today => "today",
            View::Upcoming => "tomorrow",
            _ => return None,
        };
        crate::fields::parse_due(words, self.now, &self.zone)
            .ok()
            .flatten()
    }

    /// The filter as typed, read (its dates resolved now).
    pub fn view_filter(&self) -> TodoFilter {
        TodoFilter::parse(&self.todo_filter, self.now, &self.zone)
    }

    /// The view on show, for the store.
    pub fn view_query<'f>(&self, filter: &'f TodoFilter) -> ViewQuery<'f> {
        ViewQuery {
            scope: self.view_scope(),
            hide_done: self.hide_done,
            filter,
        }
    }

    /// How the view on show is sorted.
    pub fn sort(&self) -> Sort {
        self.sorts.get(&self.view()).copied().unwrap_or_default()
    }

    /// The last millisecond of the day `days` after today.
    fn end_of_days_ahead(&self, days: i64) -> Timestamp {
        let today = self.now.to_zoned_datetime(self.zone.clone()).date();
        today
            .checked_add(Span::new().days(days))
            .ok()
            .and_then(|day| end_of_day(day, &self.zone))
            .map_or(Timestamp::MAX, |due| due.at)
    }

    /// `s`: the next sort of the view on show; says which, and returns the setting to
    /// remember.
    pub(super) fn cycle_sort(&mut self) -> (String, i64) {
        let view = self.view();
        let sort = self.sort().next();
        self.sorts.insert(view, sort);
        self.todos = Default::default();
        self.stale = true;
        self.say(status::sorted_by(sort_name(view, sort)));
        (format!("sort {}", view.key()), sort.stored())
    }

    /// `H`: hides done todos, or shows them again, in every view; returns the setting.
    pub(super) fn toggle_hide_done(&mut self) -> (String, i64) {
        self.hide_done = !self.hide_done;
        self.todos = Default::default();
        self.stale = true;
        self.say(status::done_todos(self.hide_done));
        ("hide done".to_string(), i64::from(self.hide_done))
    }

    /// Takes in the remembered settings (see `Store::view_settings`).
    pub fn remember(&mut self, settings: &[(String, i64)]) {
        for (name, value) in settings {
            if name == "hide done" {
                self.hide_done = *value != 0;
            } else if let Some(view) = name.strip_prefix("sort ") {
                let view = match view {
                    "today" => Some(View::Today),
                    "upcoming" => Some(View::Upcoming),
                    "all" => Some(View::All),
                    "inbox" => Some(View::Inbox),
                    other => other
                        .strip_prefix("list ")
                        .and_then(|id| id.parse().ok())
                        .map(View::List),
                };
                if let Some(view) = view {
                    self.sorts.insert(view, Sort::from_stored(*value));
                }
            }
        }
    }
}

/// What a sort is called in `view`: its own order is "manual" in a list.
pub fn sort_name(view: View, sort: Sort) -> &'static str {
    match (sort, view) {
        (Sort::Natural, View::Inbox | View::List(_)) => "manual order",
        (Sort::Natural, View::All) => "oldest first",
        (Sort::Natural, _) | (Sort::Due, _) => "due date",
        (Sort::Priority, _) => "priority",
        (Sort::Created, _) => "date created",
        (Sort::Title, _) => "title",
    }
}

/// The rows of the smart views, with their counts (open todos): Today's and Upcoming's
/// along the index of open todos by due date, All's from the counters.
pub fn smart_rows(store: &Store, app: &App) -> Result<Vec<ListPaneRow>, StoreError> {
    let none = TodoFilter::default();
    let mut rows = Vec::with_capacity(SMART_VIEWS.len());
    for view in SMART_VIEWS {
        let scope = match view {
            View::Today => ViewScope::Due {
                after: None,
                until: app.end_of_days_ahead(0),
            },
            View::Upcoming => ViewScope::Due {
                after: Some(app.now),
                until: app.end_of_days_ahead(7),
            },
            _ => ViewScope::All,
        };
        let open = store.count_view(&ViewQuery {
            scope,
            hide_done: true,
            filter: &none,
        })?;
        let name = match view {
            View::Today => "Today",
            View::Upcoming => "Upcoming",
            _ => "All",
        };
        rows.push(ListPaneRow {
            view,
            name: name.to_string(),
            todos: open,
            open,
        });
    }
    Ok(rows)
}
