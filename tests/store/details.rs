//! Tags, notes, batches and pins in the store: kept in step with titles, found by the
//! Trash's filter, passed by the purge.

use super::*;

#[test]
fn the_trash_filter_matches_every_todo_of_an_entry_and_the_list_name() {
    let db = TempDb::new();
    let mut s = db.open();
    let list = s.add_list("Groceries", at(T0)).unwrap();
    s.add_todo("oat milk", Some(list), at(T0)).unwrap();
    let a = s.add_todo("call mom", None, at(T0)).unwrap();
    let b = s.add_todo("book dentist", None, at(T0)).unwrap();
    s.trash_list(list, at(T0 + 1)).unwrap();
    s.trash_todos_together(&[a, b], at(T0 + 2)).unwrap();
    let matching = |s: &Store, filter: &str| -> Vec<String> {
        let page = Page {
            filter,
            ..Page::default()
        };
        s.trash_page(None, page)
            .unwrap()
            .into_iter()
            .map(|e| e.title)
            .collect()
    };
    assert_eq!(
        matching(&s, "milk"),
        ["Groceries"],
        "a todo inside a list entry"
    );
    assert_eq!(matching(&s, "grocer"), ["Groceries"]);
    assert_eq!(
        matching(&s, "dentist"),
        ["call mom"],
        "the second todo of a batch"
    );
    assert_eq!(s.count_trash(None, "dentist").unwrap(), 1);
    assert_eq!(s.count_trash(None, "nothing like it").unwrap(), 0);
    let batch = &s.trash_entries().unwrap()[1];
    assert_eq!((batch.kind, batch.todos), (EntryKind::Todo, 2));
}

#[test]
fn a_pinned_entry_is_shown_and_kept_past_its_time_and_purged_once_unpinned() {
    let db = TempDb::new();
    let mut s = db.open();
    let keep = s.add_todo("keep", None, at(T0)).unwrap();
    let go = s.add_todo("go", None, at(T0)).unwrap();
    let entries = s.trash_todos(&[keep, go], at(T0)).unwrap();
    assert_eq!(s.pin_entries(&[entries[0]], true).unwrap(), 1);
    assert_eq!(s.pinned_count().unwrap(), 1);
    let thirty: Retention = "30d".parse().unwrap();
    let later = at(T0 + 40 * DAY);
    let report = purge_expired(&mut s, thirty, later, Trigger::Startup).unwrap();
    assert_eq!(report.counts.entries, 1, "only the unpinned one");
    // A view that hides what is past its time still shows the pinned entry, and it does
    // not count as the next to expire.
    let cutoff = Some(at(T0 + 10 * DAY));
    let shown = s.trash_page(cutoff, Page::default()).unwrap();
    assert_eq!(shown.len(), 1);
    assert!(shown[0].pinned);
    assert_eq!(s.count_trash(cutoff, "").unwrap(), 1);
    assert_eq!(s.oldest_deleted_after(None).unwrap(), None);
    // Emptying the Trash keeps it; unpinned, the next purge takes it.
    s.empty_trash(later, Trigger::Manual).unwrap();
    assert_eq!(s.trash_count().unwrap(), 1);
    s.pin_entries(&[entries[0]], false).unwrap();
    let report = purge_expired(&mut s, thirty, later, Trigger::Manual).unwrap();
    assert_eq!(report.counts.entries, 1);
    assert_eq!(s.trash_count().unwrap(), 0);
}

#[test]
fn ticking_a_recurring_todo_and_taking_it_back_leaves_things_as_they_were() {
    use softly::fields::{Due, Recurrence};
    use softly::store::Details;
    let db = TempDb::new();
    let mut s = db.open();
    let zone = jiff::tz::TimeZone::get("America/New_York").unwrap();
    // Due 09:00 New York on Friday 2026-10-30; daily. The clocks go back on Sunday Nov 1.
    let due = Due {
        at: "2026-10-30T13:00:00Z".parse().unwrap(),
        has_time: true,
    };
    let id = s
        .add_todo_with(
            "standup #work",
            None,
            Details {
                due: Some(due),
                every: Some(Recurrence::Days(1)),
                note: Some("room 4".into()),
                ..Details::default()
            },
            at(T0),
        )
        .unwrap();
    // Ticked on Saturday Oct 31 at noon: the next is Sunday Nov 1, 09:00 New York, which
    // is 14:00 UTC once the clocks have gone back.
    let now: jiff::Timestamp = "2026-10-31T16:00:00Z".parse().unwrap();
    let made = s.mark_done(&[id], now, &zone).unwrap();
    assert_eq!(made.len(), 1);
    let next = s.live_todo(made[0].next).unwrap();
    assert_eq!(
        next.due.unwrap().at,
        "2026-11-01T14:00:00Z".parse().unwrap()
    );
    assert_eq!(next.every, Some(Recurrence::Days(1)));
    assert_eq!(s.note(next.id).unwrap().as_deref(), Some("room 4"));
    assert_eq!(s.tags(next.id).unwrap(), ["work"]);
    assert!(s.live_todo(id).unwrap().done);
    s.take_back_occurrence(&made[0]).unwrap();
    let old = s.live_todo(id).unwrap();
    assert!(!old.done);
    assert_eq!(old.every, Some(Recurrence::Days(1)));
    assert_eq!(s.live_todos(TodoScope::All).unwrap().len(), 1);
    assert_eq!(s.note(made[0].next).unwrap(), None, "its note left with it");
}

/// A todo that recurs by another app's rule (from sync: a yearly RRULE, or a series with
/// occurrences of its own) needs no due date here, can be edited like any other, and ticking
/// it done makes no occurrence: the other app continues its series.
#[test]
fn a_todo_recurring_by_another_apps_rule_edits_and_ticks_without_an_occurrence() {
    use softly::fields::{Priority, Recurrence};
    use softly::store::DetailsChange;
    use softly::store::rows::{Rows, TodoRow};
    let db = TempDb::new();
    let mut s = db.open();
    let mut rows = Rows::default();
    rows.todos.push(TodoRow {
        id: 1,
        title: "Stand-up".into(),
        position: 1,
        created_at: T0,
        every: Some("elsewhere".into()),
        ..TodoRow::default()
    });
    s.import(&rows, at(T0)).unwrap();
    let id = s.live_todos(softly::store::TodoScope::All).unwrap()[0].id;
    s.edit_todo(
        id,
        Some("Daily stand-up"),
        DetailsChange {
            priority: Some(Some(Priority::High)),
            ..DetailsChange::default()
        },
    )
    .unwrap();
    let todo = s.live_todo(id).unwrap();
    assert_eq!(todo.every, Some(Recurrence::Elsewhere));
    let made = s
        .mark_done(&[id], at(T0), &jiff::tz::TimeZone::UTC)
        .unwrap();
    assert!(made.is_empty(), "no occurrence of softly's own");
    assert_eq!(
        s.live_todos(softly::store::TodoScope::All).unwrap().len(),
        1
    );
}

/// A monthly series keeps its anchor day through a tick taken back and made again.
#[test]
fn a_series_keeps_its_anchor_through_a_tick_taken_back() {
    use softly::fields::{Due, Recurrence};
    use softly::store::Details;
    let db = TempDb::new();
    let mut s = db.open();
    let utc = jiff::tz::TimeZone::UTC;
    let jan_31 = softly::fields::end_of_day(jiff::civil::date(2027, 1, 31), &utc).unwrap();
    let details = Details {
        due: Some(jan_31),
        every: Some(Recurrence::Months(1)),
        ..Details::default()
    };
    let first = s.add_todo_with("pay rent", None, details, at(T0)).unwrap();
    let day = |s: &softly::store::Store, due: Due| {
        let _ = s;
        due.at.to_zoned_datetime(utc.clone()).date().to_string()
    };
    let feb = s.mark_done(&[first], at(T0), &utc).unwrap()[0];
    assert_eq!(day(&s, feb.due), "2027-02-28");
    let mar = s.mark_done(&[feb.next], at(T0), &utc).unwrap()[0];
    assert_eq!(day(&s, mar.due), "2027-03-31");
    s.take_back_occurrence(&mar).unwrap();
    let again = s.mark_done(&[feb.next], at(T0), &utc).unwrap()[0];
    assert_eq!(
        day(&s, again.due),
        "2027-03-31",
        "not the 28th after the undo"
    );
    // A due date changed by hand starts the series afresh from there.
    s.edit_todo(
        again.next,
        None,
        softly::store::DetailsChange {
            due: Some(Some(
                softly::fields::end_of_day(jiff::civil::date(2027, 4, 15), &utc).unwrap(),
            )),
            ..Default::default()
        },
    )
    .unwrap();
    let may = s.mark_done(&[again.next], at(T0), &utc).unwrap()[0];
    assert_eq!(day(&s, may.due), "2027-05-15");
}
