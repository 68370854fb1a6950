//! The filter of a big view, read as the app reads it (a first stretch at the keystroke,
//! the rest on a worker), and the sets of matching notes and trash entries that are found
//! once per filter text: the same answers as one pass, and never an answer from before the
//! data changed.

use super::*;
use softly::fields::TodoFilter;
use softly::store::rows::{EntryRow, ListRow, Rows, TodoRow};
use softly::store::{DetailsChange, ListId, MoreRows, Rest, ViewJob, ViewQuery, ViewScope};

/// 12,000 todos in the Inbox and 12,000 in one list (both big enough to be read in
/// stretches), every seventh done, every fifth with a note, every third tagged; and 10,200
/// trash entries (a big Trash, counted in the background past its first screenful).
fn big_store(db: &TempDb) -> Store {
    let mut rows = Rows::default();
    rows.lists.push(ListRow {
        id: 1,
        name: "Work".into(),
        position: 1,
        created_at: T0,
        trash_entry: None,
    });
    for i in 0..34_200_i64 {
        let trashed = i >= 24_000;
        if trashed {
            rows.entries.push(EntryRow {
                id: i,
                kind: "todo".into(),
                deleted_at: T0,
                pinned: false,
            });
        }
        let tag = if i % 3 == 0 { " #t3" } else { "" };
        rows.todos.push(TodoRow {
            id: i + 1,
            title: format!("todo {i}{tag}"),
            list: (!trashed && i % 2 == 1).then_some(1),
            list_erased: false,
            done: i % 7 == 0,
            position: i + 1,
            created_at: T0,
            trash_entry: trashed.then_some(i),
            due_at: None,
            due_has_time: false,
            priority: None,
            note: (i % 5 == 0).then(|| format!("note {} of apple", i * 3)),
            every: None,
            uid: None,
            done_at: None,
            cancelled: false,
            own_tags: Vec::new(),
        });
    }
    let mut s = db.open();
    s.import(&rows, at(T0)).unwrap();
    s
}

fn filter(text: &str) -> TodoFilter {
    TodoFilter::parse(text, at(T0), &jiff::tz::TimeZone::UTC)
}

/// The first `height` titles and the count, read in one piece: a page and every id.
fn one_pass(s: &Store, q: &ViewQuery<'_>, height: i64) -> (Vec<String>, i64) {
    let page = Page {
        limit: Some(height),
        ..Page::default()
    };
    let titles = s.view_page(q, page).unwrap();
    let count = s.view_ids(q).unwrap().len() as i64;
    (titles.into_iter().map(|t| t.title).collect(), count)
}

fn more_titles(rows: MoreRows) -> Vec<String> {
    match rows {
        MoreRows::Todos(rows) => rows.into_iter().map(|t| t.title).collect(),
        MoreRows::Trash(rows) => rows.into_iter().map(|e| e.title).collect(),
    }
}

/// The rest of a view read here and in the background: the same rows and total.
fn finish(s: &Store, job: ViewJob, rest: Rest, shown: i64) -> (Vec<String>, i64) {
    let here = s.finish_rest(&job, rest, shown).unwrap();
    let there = s.finish_in_background(job, rest, shown).unwrap().wait();
    let there = there.expect("the worker read the view");
    let here = (more_titles(here.rows), here.total);
    assert_eq!(
        (more_titles(there.rows), there.total),
        here,
        "in the background"
    );
    here
}

/// The first `height` titles and the count, read as the app reads them: what the
/// keystroke finds, then the rest.
fn start(s: &Store, q: &ViewQuery<'_>, height: i64) -> (Vec<String>, i64) {
    let start = s.view_start(q, height).unwrap();
    let mut titles: Vec<String> = start.rows.into_iter().map(|t| t.title).collect();
    let total = match (start.total, start.rest) {
        (Some(total), None) => total,
        (None, Some(rest)) => {
            let job = ViewJob::View {
                scope: q.scope,
                hide_done: q.hide_done,
                filter: q.filter.clone(),
            };
            let (more, total) = finish(s, job, rest, titles.len() as i64);
            titles.extend(more);
            total
        }
        other => panic!("a total or the rest to read, not {other:?}"),
    };
    (titles, total)
}

/// What the Trash's filter shows of 10 rows and how many entries it finds, read as the
/// app reads them.
fn trash_total(s: &Store, filter: &str) -> (Vec<String>, i64) {
    let start = s.trash_start(None, filter, 10).unwrap();
    let mut titles: Vec<String> = start.rows.into_iter().map(|e| e.title).collect();
    let total = match start.rest {
        Some(rest) => {
            let job = ViewJob::Trash {
                after: None,
                filter: filter.to_string(),
            };
            let (more, total) = finish(s, job, rest, titles.len() as i64);
            titles.extend(more);
            total
        }
        None => start.total.unwrap(),
    };
    (titles, total)
}

#[test]
fn a_big_view_read_in_stretches_shows_and_counts_what_one_pass_does() {
    let db = TempDb::new();
    let s = big_store(&db);
    let scopes = [ViewScope::Inbox, ViewScope::List(ListId(1)), ViewScope::All];
    // Matches everywhere, in both halves, only a few (fewer than a screen in one half),
    // only in notes, only by tag, and none.
    let texts = [
        "7",
        "77",
        "1777",
        "apple",
        "3141",
        "#t3 9",
        "nothing like it",
        "",
    ];
    // Read whole at the keystroke (a view of 12,000), and in stretches of ~1,000 rows
    // with the rest on a worker, as a view of a million is.
    for quick in [None, Some(1_000)] {
        if let Some(rows) = quick {
            s.quick_rows_for_tests(rows);
        }
        check_every_view(&s, &scopes, &texts);
    }
    // A note: "note 3135 of apple" is todo 1045's (1045 × 3), not its title.
    let f = filter("3135");
    let q = ViewQuery {
        scope: ViewScope::All,
        hide_done: false,
        filter: &f,
    };
    assert!(start(&s, &q, 40).0.contains(&"todo 1045".to_string()));
}

fn check_every_view(s: &Store, scopes: &[ViewScope], texts: &[&str]) {
    for &scope in scopes {
        for &text in texts {
            for hide_done in [false, true] {
                for height in [1, 7, 40] {
                    let f = filter(text);
                    let q = ViewQuery {
                        scope,
                        hide_done,
                        filter: &f,
                    };
                    assert_eq!(
                        start(s, &q, height),
                        one_pass(s, &q, height),
                        "{scope:?}, filter {text:?}, hide done {hide_done}, {height} rows"
                    );
                }
            }
        }
    }
}

#[test]
fn a_filter_sees_notes_written_since_it_last_looked_here_or_elsewhere() {
    let db = TempDb::new();
    let mut s = big_store(&db);
    let f = filter("kiwi");
    let q = ViewQuery {
        scope: ViewScope::Inbox,
        hide_done: false,
        filter: &f,
    };
    assert_eq!(start(&s, &q, 10), (vec![], 0));
    let inbox_todo = |s: &Store, title: &str| {
        s.view_page(
            &ViewQuery {
                scope: ViewScope::Inbox,
                hide_done: false,
                filter: &filter(title),
            },
            Page::default(),
        )
        .unwrap()[0]
            .id
    };
    let note = |text: &str| DetailsChange {
        note: Some(Some(text.into())),
        ..DetailsChange::default()
    };
    // Written by this connection.
    let first = inbox_todo(&s, "todo 4 ");
    s.edit_todo(first, None, note("buy kiwi")).unwrap();
    assert_eq!(start(&s, &q, 10), (vec!["todo 4".to_string()], 1));
    // Written by another program (another connection).
    let mut other = db.open();
    let second = inbox_todo(&other, "todo 10 ");
    other.edit_todo(second, None, note("kiwi jam")).unwrap();
    assert_eq!(
        start(&s, &q, 10),
        (vec!["todo 4".to_string(), "todo 10".to_string()], 2)
    );
    // A note no longer matching leaves the view.
    s.edit_todo(first, None, note("buy pears")).unwrap();
    assert_eq!(start(&s, &q, 10), (vec!["todo 10".to_string()], 1));
}

#[test]
fn the_trash_filter_sees_entries_made_since_it_last_looked() {
    let db = TempDb::new();
    let mut s = big_store(&db);
    // The keystroke's stretch is ~2,000 entries of the 10,200, then ~66.
    for quick in [None, Some(1_000)] {
        if let Some(rows) = quick {
            s.quick_rows_for_tests(rows);
        }
        assert_eq!(
            trash_total(&s, "24012"),
            (vec!["todo 24012 #t3".to_string()], 1)
        );
        for filter in ["todo 3", "7", "#t3", "todo 341"] {
            let every = s.trash_entry_ids(None, filter).unwrap();
            assert!(every.len() > 10, "{filter}: more than a screenful");
            let (shown, total) = trash_total(&s, filter);
            assert_eq!(total, every.len() as i64, "{filter}");
            let first: Vec<String> = every[..10]
                .iter()
                .map(|id| s.trash_entry(*id).unwrap().title)
                .collect();
            assert_eq!(shown, first, "{filter}");
        }
    }
    assert_eq!(trash_total(&s, "todo 5").1, 0, "all live");
    let five = s
        .view_page(
            &ViewQuery {
                scope: ViewScope::All,
                hide_done: false,
                filter: &filter("todo 5 "),
            },
            Page::default(),
        )
        .unwrap()[0]
        .id;
    s.trash_todos(&[five], at(T0 + 1)).unwrap();
    assert_eq!(trash_total(&s, "todo 5"), (vec!["todo 5".to_string()], 1));
    // Restored: gone from the Trash, and from what its filter finds.
    let entry = s.trash_entry_ids(None, "todo 5").unwrap()[0];
    s.restore_entries(&[entry]).unwrap();
    assert_eq!(trash_total(&s, "todo 5").1, 0);
}

/// A cancelled todo (another app's STATUS:CANCELLED) is closed, not done: an open view
/// never shows it, `done:yes` does not find it, `done:cancelled` finds only it, and its own
/// tags (another app's categories) are found by their key and come back as spelled.
#[test]
fn cancelled_is_closed_but_not_done_and_own_tags_are_found_by_their_key() {
    let db = TempDb::new();
    let mut rows = Rows::default();
    for (id, title, done, cancelled) in [
        (1, "open one", false, false),
        (2, "done one", true, false),
        (3, "cancelled one", true, true),
    ] {
        rows.todos.push(TodoRow {
            id,
            title: title.into(),
            list: None,
            list_erased: false,
            done,
            position: id,
            created_at: T0,
            trash_entry: None,
            due_at: None,
            due_has_time: false,
            priority: None,
            note: None,
            every: None,
            uid: None,
            done_at: None,
            cancelled,
            own_tags: if id == 3 {
                vec!["Work Stuff".into()]
            } else {
                Vec::new()
            },
        });
    }
    let mut s = db.open();
    s.import(&rows, at(T0)).unwrap();
    let titles = |text: &str, hide_done: bool| {
        let f = filter(text);
        let q = ViewQuery {
            scope: ViewScope::All,
            filter: &f,
            hide_done,
        };
        one_pass(&s, &q, 10).0
    };
    assert_eq!(titles("", true), ["open one"]);
    assert_eq!(titles("done:yes", false), ["done one"]);
    assert_eq!(titles("done:no", false), ["open one"]);
    assert_eq!(titles("done:cancelled", false), ["cancelled one"]);
    assert_eq!(titles("#work-stuff", false), ["cancelled one"]);
    let todos = s.live_todos(softly::store::TodoScope::All).unwrap();
    let cancelled = todos.iter().find(|t| t.title == "cancelled one").unwrap();
    assert!(cancelled.done && cancelled.cancelled);
    assert_eq!(cancelled.own_tags, ["Work Stuff"]);
    assert_eq!(s.tags(cancelled.id).unwrap(), ["Work Stuff"]);
}
