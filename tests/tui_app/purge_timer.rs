//! Time passing: the startup and timed purges, countdowns, a shortened retention, other
//! writers.

use super::*;

#[test]
fn the_timer_purge_fires_when_the_oldest_entry_reaches_its_purge_time() {
    let mut app = TestApp::new(sample);
    app.keys("d");
    app.advance(SignedDuration::from_hours(1));
    app.keys("d"); // "two", an hour younger
    app.keys("2");
    assert_eq!(app.shown_trash(), ["one", "two"]);
    // The loop will wake for the purge: the first entry expires 30 days after T0.
    let until_expiry = SignedDuration::from_hours(30 * 24 - 1);
    app.advance(until_expiry - SignedDuration::from_millis(1));
    assert_eq!(app.shown_trash(), ["one", "two"], "still there 1 ms before");
    assert!(app.session.next_wake() <= std::time::Duration::from_millis(1));
    app.advance(SignedDuration::from_millis(1));
    assert_eq!(app.shown_trash(), ["two"]);
    assert_eq!(app.status(), "Purged 1 item deleted more than 30 days ago");
    let log = app.session.store().purge_log().unwrap();
    assert_eq!(log[0].trigger, Trigger::Timer);
}

#[test]
fn the_startup_purge_runs_when_asked_and_says_what_it_took() {
    let mut app = TestApp::new(|s| {
        sample(s);
        let id = s.add_todo("ancient", None, at(T0 - 40 * DAY)).unwrap();
        s.trash_todos(&[id], at(T0 - 31 * DAY)).unwrap();
    });
    // Not shown even before the purge has run: it is past its time.
    app.keys("2");
    assert!(app.shown_trash().is_empty());
    assert_eq!(app.session.app.trash_total, Some(0));
    app.session.startup_purge();
    // It runs on its own thread; the next tick after it ends says what it took.
    let deadline = Instant::now() + Duration::from_secs(30);
    while app.session.app.status.is_none() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(5));
        app.session.tick();
    }
    assert_eq!(app.status(), "Purged 1 item deleted more than 30 days ago");
    assert_eq!(
        app.session.store().purge_log().unwrap()[0].trigger,
        Trigger::Startup
    );
}

#[test]
fn a_startup_purge_never_holds_up_the_keys_and_finishes_before_the_app_ends() {
    let mut app = TestApp::new(|s| {
        sample(s);
        let id = s.add_todo("ancient", None, at(T0 - 40 * DAY)).unwrap();
        s.trash_todos(&[id], at(T0 - 31 * DAY)).unwrap();
    });
    // Another writer holds the lock, so the purge has to wait for it (as it would wait
    // through a big backlog). Before the purge had its own thread, this call sat out the
    // whole busy timeout and every key with it.
    let holder = rusqlite::Connection::open(app.db.path()).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE;").unwrap();
    let started = Instant::now();
    app.session.startup_purge();
    app.keys("jj").keys("2").keys("1");
    app.session.tick();
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(
        selected_todo(&app),
        "three",
        "the keys were handled meanwhile"
    );
    assert_eq!(
        app.session.store().trash_count().unwrap(),
        1,
        "not purged yet"
    );
    holder.execute_batch("ROLLBACK;").unwrap();
    // Ending the app waits for the purge rather than cutting it off.
    app.session.finish_purge();
    assert_eq!(app.session.store().trash_count().unwrap(), 0);
    assert_eq!(app.status(), "Purged 1 item deleted more than 30 days ago");
}

#[test]
fn a_big_expired_backlog_is_left_to_the_purge_and_not_counted_before_the_first_frame() {
    let mut app = TestApp::new(big_expired_backlog);
    // The first frame does not wait for 10,001 expired entries to be counted.
    assert_eq!(app.session.app.trash_total, None);
    assert!(app.screen().contains("Trash … "), "{}", app.screen());
    assert_eq!(app.shown_todos(), ["live"]);
    // Opening the Trash before the purge has run counts it there and then.
    app.keys("2");
    assert_eq!(app.session.app.trash_total, Some(2));
    assert_eq!(app.shown_trash(), ["gone 0", "gone 1"]);
    assert!(app.screen().contains("Trash 2 "), "{}", app.screen());
    // Until the purge lands, the Todos tab leaves the backlog uncounted again after a write;
    // the Trash tab counts what the write added.
    app.keys("1d");
    assert_eq!(app.session.app.trash_total, None);
    app.keys("2");
    assert_eq!(app.session.app.trash_total, Some(3));
    assert_eq!(app.shown_trash(), ["gone 0", "gone 1", "live"]);
}

#[test]
fn the_trash_tab_gets_its_number_when_the_startup_purge_has_taken_the_backlog() {
    let mut app = TestApp::new(big_expired_backlog);
    assert_eq!(app.session.app.trash_total, None);
    app.session.startup_purge();
    app.session.finish_purge();
    assert_eq!(
        app.status(),
        "Purged 10001 items deleted more than 30 days ago"
    );
    assert_eq!(app.session.app.trash_total, Some(2));
    assert!(app.screen().contains("Trash 2 "), "{}", app.screen());
}

#[test]
fn a_backlog_the_purge_cannot_take_is_counted_once_it_has_tried() {
    let mut app = TestApp::new(big_expired_backlog);
    let holder = rusqlite::Connection::open(app.db.path()).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE;").unwrap();
    app.session.startup_purge();
    app.session.finish_purge();
    holder.execute_batch("ROLLBACK;").unwrap();
    assert!(
        app.status().starts_with("Purge postponed"),
        "{}",
        app.status()
    );
    assert_eq!(app.session.app.trash_total, Some(2));
}

#[test]
fn the_routine_purge_runs_every_purge_interval() {
    let settings = Settings {
        retention: "1h".parse().unwrap(),
        purge_interval: SignedDuration::from_mins(5),
        ..Settings::default()
    };
    let mut app = TestApp::with_settings(settings, sample);
    // Written by another process, deleted long ago, while the app runs.
    {
        let mut other = app.db.open();
        let id = other.add_todo("stale", None, at(T0)).unwrap();
        other.trash_todos(&[id], at(T0 - 2 * HOUR)).unwrap();
    }
    app.advance(SignedDuration::from_mins(5));
    assert_eq!(app.session.store().trash_count().unwrap(), 0);
}

#[test]
fn changes_from_another_process_appear_on_the_next_tick() {
    let mut app = TestApp::new(sample);
    {
        let mut other = app.db.open();
        other.add_todo("from the CLI", None, at(T0)).unwrap();
    }
    app.advance(SignedDuration::from_millis(250));
    assert_eq!(app.shown_todos(), ["one", "two", "three", "from the CLI"]);
}

#[test]
fn a_busy_database_is_a_message_and_the_typed_text_is_kept() {
    let mut app = TestApp::new(sample);
    let holder = rusqlite::Connection::open(app.db.path()).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE;").unwrap();
    app.keys("a").type_text("important").keys("<Enter>");
    assert!(
        app.status().contains("locked by another program"),
        "{}",
        app.status()
    );
    assert!(
        matches!(&app.session.app.mode, Mode::Edit { editor, .. } if editor.text() == "important")
    );
    holder.execute_batch("ROLLBACK;").unwrap();
    app.keys("<Enter>");
    assert_eq!(app.session.app.mode, Mode::Normal);
    assert!(app.stored_todos().contains(&"important".to_string()));
}

#[test]
fn on_a_read_only_database_every_writing_key_says_so_and_nothing_opens() {
    let mut app = TestApp::new(sample);
    app.session.app.read_only = true;
    for key in ["a", "e", "x", "d", "m", "u"] {
        app.session.app.status = None;
        app.keys(key);
        assert_eq!(
            app.status(),
            "The database is read-only; nothing can be changed",
            "key {key}"
        );
        assert_eq!(app.session.app.mode, Mode::Normal, "key {key}");
    }
    app.keys("j/t");
    assert_eq!(app.shown_todos(), ["two", "three"], "reading still works");
}

#[test]
fn a_purge_blocked_by_another_writer_is_postponed_without_spinning_the_loop() {
    let mut app = TestApp::new(sample);
    app.keys("d2");
    assert_eq!(app.shown_trash(), ["one"]);
    app.clock.advance(SignedDuration::from_hours(30 * 24));
    let holder = rusqlite::Connection::open(app.db.path()).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE;").unwrap();
    // The timed purge runs on its worker, which never sits out the lock: it is postponed
    // at once, and the keys never wait for it at all.
    let started = std::time::Instant::now();
    app.session.tick();
    assert!(app.session.purging(), "the purge runs off the UI thread");
    app.session.finish_purge();
    assert!(started.elapsed() < std::time::Duration::from_secs(1));
    assert!(
        app.status().starts_with("Purge postponed"),
        "{}",
        app.status()
    );
    // Not purged yet, but past its time: no longer shown.
    assert_eq!(app.session.store().trash_count().unwrap(), 1);
    assert!(app.shown_trash().is_empty());
    assert_eq!(app.session.app.trash_total, Some(0));
    // And the next tick does not sit out the lock all over again.
    let started = std::time::Instant::now();
    app.session.tick();
    assert!(started.elapsed() < std::time::Duration::from_secs(1));
    assert_eq!(
        app.session.next_wake(),
        softly::tui::session::TICK,
        "the loop must not wake at once, again and again, for an entry it cannot purge"
    );
    holder.execute_batch("ROLLBACK;").unwrap();
    // The routine purge takes it once the lock is gone.
    app.advance(SignedDuration::from_mins(5));
    assert_eq!(app.session.store().trash_count().unwrap(), 0);
}

#[test]
fn trash_countdowns_tick_on_screen_without_a_keypress() {
    let mut app = TestApp::new(|s| {
        let id = s.add_todo("soon gone", None, at(T0)).unwrap();
        // Purges 90 seconds after T0.
        s.trash_todos(&[id], at(T0 - 30 * DAY + 90 * SECOND))
            .unwrap();
    });
    app.keys("2");
    assert!(
        app.screen().contains("purges in 1m 30s"),
        "{}",
        app.screen()
    );
    app.advance(SignedDuration::from_secs(1));
    assert!(
        app.screen().contains("purges in 1m 29s"),
        "{}",
        app.screen()
    );
    app.advance(SignedDuration::from_secs(60));
    assert!(app.screen().contains("purges in 29s"), "{}", app.screen());
}

/// Promise: a shortened retention (30 days to 3 hours) purges at start only what the old one
/// would have, then asks once, naming the counts, with "keep" the default; keeping changes
/// nothing, and the Trash goes on following the old retention.
#[test]
fn a_shortened_retention_asks_before_purging_and_keeping_is_the_default() {
    let settings = Settings {
        retention: "3h".parse().unwrap(),
        ..Settings::default()
    };
    let mut app = TestApp::with_settings(settings.clone(), trash_of_many_ages);
    startup_purge_done(&mut app);
    let Mode::Confirm(question) = &app.session.app.mode else {
        panic!("no question: {:?}", app.session.app.mode);
    };
    assert_eq!(
        question.message,
        "Retention is now 3 hours (was 30 days): 3 entries, with 3 todos, would be purged now. Purge them?"
    );
    assert_eq!(
        (question.yes, question.no, question.yes_selected),
        ("Purge them", "Keep them for now", false)
    );
    app.keys("<Enter>");
    assert_eq!(app.session.app.mode, Mode::Normal);
    assert!(
        app.status().starts_with("Kept: purges follow 30 days"),
        "{}",
        app.status()
    );
    app.keys("2");
    assert_eq!(app.shown_trash().len(), 4, "only the 31-day-old entry went");
    // Asked once a run: the timer's purges do not ask again, and keep the old retention.
    app.advance(SignedDuration::from_mins(10));
    assert_eq!(app.session.app.mode, Mode::Normal);
    assert_eq!(app.shown_trash().len(), 4);

    // The next run asks again; yes purges by the new retention.
    let mut app = app.restart(settings);
    startup_purge_done(&mut app);
    assert!(matches!(app.session.app.mode, Mode::Confirm(_)));
    app.keys("y");
    assert_eq!(app.status(), "Purged 3 items: retention is now 3 hours");
    assert_eq!(
        app.session.store().trash_count().unwrap(),
        1,
        "the hour-old entry stays"
    );
}
