//! Issue 13's steps: opening each view (the smart ones against the Inbox), a filter typed
//! in every view (the Trash too), and a typed burst in the Trash. Printed as Markdown rows
//! beside the store's own (see `store.rs`).

use std::time::Instant;

use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent};
use softly::tui::session::Session;
use softly::tui::view::View;

use super::measure;

type Term = ratatui::Terminal<TestBackend>;

fn key(session: &mut Session, code: KeyCode) {
    session.handle_key(KeyEvent::from(code));
}

/// Selects `view` in the list pane (focus left there), as the keys do: h, g, then j.
fn select(session: &mut Session, view: View) {
    key(session, KeyCode::Char('1'));
    key(session, KeyCode::Char('h'));
    key(session, KeyCode::Char('g'));
    while session.app.view() != view {
        key(session, KeyCode::Char('j'));
    }
}

/// Opening a view: the keystroke that selects it, which reads its count and first screen,
/// then the frame. Each smart view against the Inbox, in turn.
pub fn open_views(n: usize, session: &mut Session, terminal: &mut Term) {
    println!("| open a view: j onto it + draw (from the row above) | N | median ms | min–max ms |");
    println!("|---|---|---|---|");
    for (label, view, above) in [
        ("Inbox", View::Inbox, View::All),
        ("Today (open, due by tonight)", View::Today, View::Today),
        ("Upcoming (next 7 days)", View::Upcoming, View::Today),
        ("All (every list)", View::All, View::Upcoming),
    ] {
        let cell = std::cell::RefCell::new(&mut *session);
        let (m, lo, hi) = measure(
            || {
                let mut session = cell.borrow_mut();
                select(&mut session, above);
                if view == View::Today {
                    // Today is the top row: open it from Upcoming with k.
                    key(&mut session, KeyCode::Char('j'));
                }
            },
            |()| {
                let mut session = cell.borrow_mut();
                let code = if view == View::Today {
                    KeyCode::Char('k')
                } else {
                    KeyCode::Char('j')
                };
                key(&mut session, code);
                assert_eq!(session.app.view(), view);
                terminal
                    .draw(|f| f.render_widget(&session.app, f.area()))
                    .unwrap();
            },
        );
        println!("| {label} | {n} | {m:.2} | {lo:.2}–{hi:.2} |");
    }
    println!();
    select(session, View::Inbox);
    key(session, KeyCode::Char('l'));
}

/// A filter typed key by key in each view (`/`, then "4271" and Esc, 40 rounds): p50 and
/// p99 of handling a key and drawing the frame.
pub fn filter_in_every_view(n: usize, session: &mut Session, terminal: &mut Term) {
    println!("| filter keystroke + draw, N = {n} | presses | p50 ms | p99 ms | max ms |");
    println!("|---|---|---|---|---|");
    let views: [(&str, Option<View>); 5] = [
        ("Inbox", Some(View::Inbox)),
        ("Today", Some(View::Today)),
        ("Upcoming", Some(View::Upcoming)),
        ("All (search across every list)", Some(View::All)),
        ("Trash", None),
    ];
    for (label, view) in views {
        match view {
            Some(view) => {
                select(session, view);
                key(session, KeyCode::Char('l'));
            }
            None => key(session, KeyCode::Char('2')),
        }
        let mut times = Vec::new();
        for _ in 0..40 {
            for code in [
                KeyCode::Char('/'),
                KeyCode::Char('4'),
                KeyCode::Char('2'),
                KeyCode::Char('7'),
                KeyCode::Char('1'),
                KeyCode::Esc,
                KeyCode::Esc,
            ] {
                let start = Instant::now();
                key(session, code);
                terminal
                    .draw(|f| f.render_widget(&session.app, f.area()))
                    .unwrap();
                times.push(start.elapsed().as_secs_f64() * 1000.0);
            }
        }
        times.sort_by(|a, b| a.total_cmp(b));
        let at = |q: f64| times[((times.len() as f64 * q).ceil() as usize).min(times.len()) - 1];
        println!(
            "| filter in {label} | {} | {:.2} | {:.2} | {:.2} |",
            times.len(),
            at(0.5),
            at(0.99),
            times[times.len() - 1]
        );
    }
    println!();
    key(session, KeyCode::Char('1'));
    select(session, View::Inbox);
    key(session, KeyCode::Char('l'));
}

/// The part of a filter's work left to the background in a big view: from the last key of
/// "4271" (a rare match, most of it past the first stretch the keystroke reads) until its
/// rows and count are on screen, the event loop ticking meanwhile (every millisecond
/// here; the app's loop looks every `COUNT_POLL`, 5 ms, while a worker runs).
pub fn filter_complete(n: usize, session: &mut Session, terminal: &mut Term) {
    println!(
        "| filter \"4271\": its last key until the rows and count are all in | N | median ms | min–max ms |"
    );
    println!("|---|---|---|---|");
    for (label, view) in [
        ("Inbox", Some(View::Inbox)),
        ("All", Some(View::All)),
        ("Trash", None),
    ] {
        match view {
            Some(view) => {
                select(session, view);
                key(session, KeyCode::Char('l'));
            }
            None => key(session, KeyCode::Char('2')),
        }
        let cell = std::cell::RefCell::new(&mut *session);
        let (m, lo, hi) = measure(
            || {
                let mut session = cell.borrow_mut();
                key(&mut session, KeyCode::Esc);
                key(&mut session, KeyCode::Esc);
                for c in "/427".chars() {
                    key(&mut session, KeyCode::Char(c));
                }
            },
            |()| {
                let mut session = cell.borrow_mut();
                key(&mut session, KeyCode::Char('1'));
                // As the event loop does: wait a little, tick, look again.
                while session.app.todos.counting || session.app.trash.counting {
                    std::thread::sleep(std::time::Duration::from_millis(1));
                    session.tick();
                }
                terminal
                    .draw(|f| f.render_widget(&session.app, f.area()))
                    .unwrap();
            },
        );
        println!("| {label} | {n} | {m:.2} | {lo:.2}–{hi:.2} |");
        key(session, KeyCode::Esc);
        key(session, KeyCode::Esc);
    }
    println!();
    key(session, KeyCode::Char('1'));
    select(session, View::Inbox);
    key(session, KeyCode::Char('l'));
}

/// Twelve keys typed into the Trash's filter as one burst, as `filter_burst` does for the
/// todos.
pub fn trash_burst(n: usize, session: &mut Session) {
    let events = |text: &str| -> Vec<Event> {
        text.chars()
            .map(|c| Event::Key(KeyEvent::from(KeyCode::Char(c))))
            .collect()
    };
    key(session, KeyCode::Char('2'));
    let (m, lo, hi) = {
        let cell = std::cell::RefCell::new(&mut *session);
        let clear = || {
            let mut s = cell.borrow_mut();
            s.handle_event(Event::Key(KeyEvent::from(KeyCode::Esc)));
            s.handle_event(Event::Key(KeyEvent::from(KeyCode::Esc)));
        };
        let timed = measure(clear, |()| {
            cell.borrow_mut().handle_events(events("/todo 0004271"))
        });
        clear();
        timed
    };
    println!(
        "| Trash filter: / and 12 typed keys arriving together | N | median ms | min–max ms |"
    );
    println!("|---|---|---|---|");
    println!("| as one burst (the event loop) | {n} | {m:.2} | {lo:.2}–{hi:.2} |");
    println!();
    key(session, KeyCode::Char('1'));
}
