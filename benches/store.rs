//! In-process timings of the store and the app at 10k and 100k todos (and 1M on request):
//! `cargo bench --bench store` or `cargo bench --bench store -- 10000 100000 1000000`.
//! Prints a Markdown table: median and min–max over several runs, in milliseconds.
//! No timing here is asserted; the numbers go into docs/BENCHMARKS.md.

use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use jiff::Timestamp;
use softly::clock::FixedClock;
use softly::config::Settings;
use softly::purge::purge_expired;
use softly::retention::Retention;
use softly::store::rows::{EntryRow, ListRow, Rows, TodoRow};
use softly::store::{ListId, Page, Store, TodoScope, Trigger};
use softly::tui::session::Session;
use softly::tui::theme::Theme;

mod views;

const NOW: i64 = 1_795_694_400_000; // 2026-11-26T12:00:00Z
const DAY: i64 = 86_400_000;
const RUNS: usize = 7;

/// N todos: half live (10,000 of them, or half of the live ones when that is fewer, in the list
/// "Big", the rest in the Inbox, so the Inbox fills the screen at every size), half in the
/// Trash as single entries, of which half (N/4) are past a 30-day retention.
fn dataset(n: usize) -> Rows {
    let mut rows = Rows::default();
    rows.lists.push(ListRow {
        id: 1,
        name: "Big".into(),
        position: 1,
        created_at: NOW - 100 * DAY,
        trash_entry: None,
    });
    let live = n / 2;
    for i in 0..n {
        let id = i as i64 + 1;
        let trashed = i >= live;
        let entry = trashed.then_some(id);
        if let Some(entry) = entry {
            let expired = i >= live + n / 4;
            rows.entries.push(EntryRow {
                id: entry,
                kind: "todo".into(),
                deleted_at: if expired { NOW - 40 * DAY } else { NOW - DAY },
                pinned: false,
            });
        }
        // As the dataset: tags on a third, due dates on half, notes on a tenth.
        let tag = if i % 3 == 0 {
            format!(" #tag{}", i % 50)
        } else {
            String::new()
        };
        rows.todos.push(TodoRow {
            id,
            title: format!("todo number {i} with an ordinary title{tag}"),
            list: (!trashed && i < (live / 2).min(10_000)).then_some(1),
            list_erased: false,
            done: i % 3 == 0,
            position: id,
            created_at: NOW - 50 * DAY,
            trash_entry: entry,
            due_at: (i % 2 == 0).then_some(NOW + (i as i64 % 60 - 20) * DAY),
            due_has_time: false,
            priority: None,
            note: (i % 10 == 0).then(|| format!("a note for todo {i}\nwith a second line")),
            every: None,
            uid: None,
            done_at: None,
            cancelled: false,
            own_tags: Vec::new(),
        });
    }
    rows
}

fn at(ms: i64) -> Timestamp {
    Timestamp::from_millisecond(ms).unwrap()
}

/// Median, min and max of `RUNS` runs of `f`, in milliseconds; `setup` runs untimed first.
fn measure<S>(mut setup: impl FnMut() -> S, mut f: impl FnMut(S)) -> (f64, f64, f64) {
    let mut times: Vec<f64> = (0..RUNS)
        .map(|_| {
            let state = setup();
            let start = Instant::now();
            f(state);
            start.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(|a, b| a.total_cmp(b));
    (times[RUNS / 2], times[0], times[RUNS - 1])
}

fn copy_of(template: &Path, dir: &Path) -> std::path::PathBuf {
    let path = dir.join("copy.db");
    let _ = std::fs::remove_file(dir.join("copy.db-wal"));
    let _ = std::fs::remove_file(dir.join("copy.db-shm"));
    std::fs::copy(template, &path).unwrap();
    path
}

fn main() {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if sizes.is_empty() {
        vec![10_000, 100_000]
    } else {
        sizes
    };
    let row = |what: &str, n: usize, (median, min, max): (f64, f64, f64)| {
        println!("| {what} | {n} | {median:.2} | {min:.2}–{max:.2} |");
    };
    let mut kept = Vec::new();
    for n in sizes {
        println!("| operation | N | median ms | min–max ms |");
        println!("|---|---|---|---|");
        let dir = tempfile::tempdir().unwrap();
        let template = dir.path().join("template.db");
        let start = Instant::now();
        Store::open(&template)
            .unwrap()
            .import(&dataset(n), at(NOW))
            .unwrap();
        row(
            "import (one transaction)",
            n,
            (start.elapsed().as_secs_f64() * 1000.0, 0.0, 0.0),
        );
        let work = tempfile::tempdir().unwrap();

        row(
            "open + counts + first 50 rows",
            n,
            measure(
                || (),
                |()| {
                    let s = Store::open(&template).unwrap();
                    s.inbox_counts().unwrap();
                    s.live_lists().unwrap();
                    s.live_todos_page(
                        TodoScope::List(ListId(1)),
                        Page {
                            limit: Some(50),
                            ..Page::default()
                        },
                    )
                    .unwrap();
                },
            ),
        );
        let mut s = Store::open(&copy_of(&template, work.path())).unwrap();
        let first = s
            .live_todos_page(
                TodoScope::List(ListId(1)),
                Page {
                    limit: Some(1),
                    ..Page::default()
                },
            )
            .unwrap()[0]
            .id;
        row(
            "soft-delete one todo, then restore it",
            n,
            measure(
                || (),
                |()| {
                    let entry = s.trash_todos(&[first], at(NOW)).unwrap()[0];
                    s.restore_entries(&[entry]).unwrap();
                },
            ),
        );
        row(
            "list rm of the list Big (10,000 todos; N/4 below 40k), then restore it",
            n,
            measure(
                || (),
                |()| {
                    let entry = s.trash_list(ListId(1), at(NOW)).unwrap();
                    s.restore_entries(&[entry]).unwrap();
                },
            ),
        );
        row(
            "purge check, nothing expired",
            n,
            measure(
                || (),
                |()| {
                    s.purge(at(NOW - 60 * DAY), at(NOW), Trigger::Timer)
                        .unwrap();
                },
            ),
        );
        drop(s);
        row(
            "purge N/4 expired entries",
            n,
            measure(
                || Store::open(&copy_of(&template, work.path())).unwrap(),
                |mut s| {
                    let report = purge_expired(
                        &mut s,
                        "30d".parse::<Retention>().unwrap(),
                        at(NOW),
                        Trigger::Timer,
                    )
                    .unwrap();
                    assert_eq!(report.counts.entries as usize, n / 4);
                },
            ),
        );
        let clock = Arc::new(FixedClock::new(at(NOW)));
        let mut session = Session::new(
            Store::open(&copy_of(&template, work.path())).unwrap(),
            Settings::default(),
            clock,
            Theme::plain(),
        );
        // As the app does at start: the expired backlog goes before the keys are timed, so
        // they are measured in the state a user works in (during the purge, about a second
        // at 1M, the Trash tab is counted when opened; see Session::reload).
        session.startup_purge();
        session.finish_purge();
        session.resize(120, 40);
        let mut terminal =
            ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).unwrap();
        row(
            "draw one frame (Todos tab, 120×40)",
            n,
            measure(
                || (),
                |()| {
                    terminal
                        .draw(|f| f.render_widget(&session.app, f.area()))
                        .unwrap();
                },
            ),
        );
        row(
            "keystroke G (to the end) + draw",
            n,
            measure(
                || (),
                |()| {
                    session.handle_key(ratatui::crossterm::event::KeyEvent::from(
                        ratatui::crossterm::event::KeyCode::Char('G'),
                    ));
                    session.handle_key(ratatui::crossterm::event::KeyEvent::from(
                        ratatui::crossterm::event::KeyCode::Char('g'),
                    ));
                    terminal
                        .draw(|f| f.render_widget(&session.app, f.area()))
                        .unwrap();
                },
            ),
        );
        keystroke_latencies(n, &mut session, &mut terminal);
        filter_burst(n, &mut session);
        views::open_views(n, &mut session, &mut terminal);
        views::filter_in_every_view(n, &mut session, &mut terminal);
        views::filter_complete(n, &mut session, &mut terminal);
        views::trash_burst(n, &mut session);
        // Back to the top, where a fresh start is, for the paired frames below.
        session.handle_key(ratatui::crossterm::event::KeyEvent::from(
            ratatui::crossterm::event::KeyCode::Char('g'),
        ));
        kept.push((n, work, session));
    }
    paired_frames(&mut kept);
}

/// Twelve keys typed into the filter faster than the screen redraws (they arrive as one
/// burst, as from a fast typist or a held key): handled as the event loop gets them, against
/// the same keys handled one by one. Esc clears the filter before each run, untimed.
fn filter_burst(n: usize, session: &mut Session) {
    use ratatui::crossterm::event::{Event, KeyCode, KeyEvent};
    let events = |text: &str| -> Vec<Event> {
        text.chars()
            .map(|c| Event::Key(KeyEvent::from(KeyCode::Char(c))))
            .collect()
    };
    let esc = || Event::Key(KeyEvent::from(KeyCode::Esc));
    let session = std::cell::RefCell::new(session);
    let clear = || session.borrow_mut().handle_event(esc());
    let as_burst = measure(clear, |()| {
        session.borrow_mut().handle_events(events("/todo 0004271"))
    });
    let one_by_one = measure(clear, |()| {
        for event in events("/todo 0004271") {
            session.borrow_mut().handle_event(event);
        }
    });
    clear();
    println!("| filter: / and 12 typed keys arriving together | N | median ms | min–max ms |");
    println!("|---|---|---|---|");
    let (m, lo, hi) = as_burst;
    println!("| as one burst (the event loop) | {n} | {m:.2} | {lo:.2}–{hi:.2} |");
    let (m, lo, hi) = one_by_one;
    println!("| one key at a time | {n} | {m:.2} | {lo:.2}–{hi:.2} |");
    println!();
}

/// A frame at the smallest size against a frame at the largest, drawn in turn (A B A B …)
/// so that whatever else the machine does falls on both alike: the sizes above were measured
/// minutes apart, and a tenth of a millisecond moves with the weather.
fn paired_frames(kept: &mut [(usize, tempfile::TempDir, Session)]) {
    if kept.len() < 2 {
        return;
    }
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).unwrap();
    let last = kept.len() - 1;
    let (small, large) = kept.split_at_mut(last);
    let (small, large) = (&mut small[0], &mut large[0]);
    let mut times = [Vec::new(), Vec::new()];
    for _ in 0..2000 {
        for (i, session) in [&small.2, &large.2].into_iter().enumerate() {
            let start = Instant::now();
            terminal
                .draw(|f| f.render_widget(&session.app, f.area()))
                .unwrap();
            times[i].push(start.elapsed().as_secs_f64() * 1000.0);
        }
    }
    for t in &mut times {
        t.sort_by(|a, b| a.total_cmp(b));
    }
    let (a, b) = (times[0][times[0].len() / 2], times[1][times[1].len() / 2]);
    println!("| frame, paired (Todos tab, 120×40) | N | median ms |");
    println!("|---|---|---|");
    println!(
        "| drawn in turn with the other size | {} | {a:.3} |",
        small.0
    );
    println!(
        "| drawn in turn with the other size | {} | {b:.3} |",
        large.0
    );
    println!("| ratio, largest ÷ smallest | | {:.2} |", b / a);
    println!();
}

/// Presses a realistic mix of keys many times over and prints the 50th and 99th percentile
/// and the worst case of "handle the key, then draw the frame", per kind of key.
fn keystroke_latencies(
    n: usize,
    session: &mut Session,
    terminal: &mut ratatui::Terminal<ratatui::backend::TestBackend>,
) {
    use ratatui::crossterm::event::{KeyCode, KeyEvent};
    let press = |session: &mut Session,
                 terminal: &mut ratatui::Terminal<ratatui::backend::TestBackend>,
                 code: KeyCode| {
        let start = Instant::now();
        session.handle_key(KeyEvent::from(code));
        terminal
            .draw(|f| f.render_widget(&session.app, f.area()))
            .unwrap();
        start.elapsed().as_secs_f64() * 1000.0
    };
    let groups: [(&str, &[KeyCode]); 6] = [
        (
            "move (j k ↓ ↑)",
            &[
                KeyCode::Char('j'),
                KeyCode::Char('k'),
                KeyCode::Down,
                KeyCode::Up,
            ],
        ),
        (
            "page (PgDn PgUp G g)",
            &[
                KeyCode::PageDown,
                KeyCode::PageUp,
                KeyCode::Char('G'),
                KeyCode::Char('g'),
            ],
        ),
        (
            "switch tab and pane (2 1 Tab)",
            &[
                KeyCode::Char('2'),
                KeyCode::Char('1'),
                KeyCode::Tab,
                KeyCode::Tab,
            ],
        ),
        ("delete (d)", &[KeyCode::Char('d')]),
        ("restore (u, undo of the delete)", &[KeyCode::Char('u')]),
        (
            "filter: type / 4 2 7 1 3 (a rare match), then Esc",
            &[
                KeyCode::Char('/'),
                KeyCode::Char('4'),
                KeyCode::Char('2'),
                KeyCode::Char('7'),
                KeyCode::Char('1'),
                KeyCode::Char('3'),
                KeyCode::Esc,
            ],
        ),
    ];
    const ROUNDS: usize = 200;
    let mut all = Vec::new();
    let mut per_group: Vec<Vec<f64>> = vec![Vec::new(); groups.len()];
    for _ in 0..ROUNDS {
        // Interleave the groups, as a user would; delete and its undo stay paired.
        for (g, (_, keys)) in groups.iter().enumerate() {
            for &code in keys.iter() {
                let ms = press(session, terminal, code);
                per_group[g].push(ms);
                all.push(ms);
            }
        }
    }
    let stats = |times: &mut Vec<f64>| {
        times.sort_by(|a, b| a.total_cmp(b));
        let at = |q: f64| times[((times.len() as f64 * q).ceil() as usize).min(times.len()) - 1];
        (at(0.5), at(0.99), times[times.len() - 1])
    };
    // In pressing order, before the loop below sorts them.
    let filter_presses = per_group[groups.len() - 1].clone();
    println!();
    println!("| keystroke + draw, N = {n} | presses | p50 ms | p99 ms | max ms |");
    println!("|---|---|---|---|---|");
    for ((label, _), times) in groups.iter().zip(per_group.iter_mut()) {
        let (p50, p99, max) = stats(times);
        println!(
            "| {label} | {} | {p50:.2} | {p99:.2} | {max:.2} |",
            times.len()
        );
    }
    // The filter key by key: each typed letter narrows the view, and what a key costs
    // depends on how many titles still match.
    let filter = groups.len() - 1;
    let mut typed = String::new();
    for (k, code) in groups[filter].1.iter().enumerate() {
        let mut times: Vec<f64> = filter_presses
            .iter()
            .skip(k)
            .step_by(groups[filter].1.len())
            .copied()
            .collect();
        let key = match code {
            KeyCode::Char(c) => c.to_string(),
            other => format!("{other}"),
        };
        if let KeyCode::Char(c) = code
            && *c != '/'
        {
            typed.push(*c);
        }
        let (p50, p99, max) = stats(&mut times);
        println!(
            "| filter key {key} (filter now '{typed}') | {} | {p50:.2} | {p99:.2} | {max:.2} |",
            times.len()
        );
    }
    let count = all.len();
    let (p50, p99, max) = stats(&mut all);
    println!("| every key above | {count} | {p50:.2} | {p99:.2} | {max:.2} |");
    println!();
}
