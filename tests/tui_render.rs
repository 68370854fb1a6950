//! What the screens look like: snapshots of the real drawing code at a fixed size and time.
//! Review changes with `cargo insta review` (or read the `.snap.new` files) before accepting.

mod common;

use common::app::{TestApp, render, render_buffer, render_styles};
use common::*;
use insta::assert_snapshot;
use softly::config::Settings;
use softly::retention::Retention;
use softly::store::Store;

/// Lists, todos of several ages (one done), and a Trash with entries of several ages.
fn demo(s: &mut Store) {
    s.add_todo(
        "Call the plumber about the dripping tap",
        None,
        at(T0 - 30 * HOUR),
    )
    .unwrap();
    let done = s
        .add_todo("Renew the newspaper subscription", None, at(T0 - 5 * HOUR))
        .unwrap();
    s.set_done(&[done], true, at(T0)).unwrap();
    s.add_todo("Book dentist appointment", None, at(T0 - 3 * DAY))
        .unwrap();
    let groceries = s.add_list("Groceries", at(T0 - 3 * DAY)).unwrap();
    for t in ["Oat milk", "Eggs", "Sourdough bread"] {
        s.add_todo(t, Some(groceries), at(T0 - 2 * DAY)).unwrap();
    }
    s.add_list("Work", at(T0 - 3 * DAY)).unwrap();

    let ink = s
        .add_todo("Buy printer ink", None, at(T0 - 3 * DAY))
        .unwrap();
    s.trash_todos(&[ink], at(T0 - 2 * HOUR)).unwrap();
    let project = s.add_list("Old project", at(T0 - 90 * DAY)).unwrap();
    for t in ["Write the spec", "Draft the budget"] {
        s.add_todo(t, Some(project), at(T0 - 80 * DAY)).unwrap();
    }
    s.trash_list(project, at(T0 - 12 * DAY)).unwrap();
    let gym = s
        .add_todo("Cancel the old gym membership", None, at(T0 - 60 * DAY))
        .unwrap();
    s.trash_todos(&[gym], at(T0 - 30 * DAY + 4 * MINUTE + 30 * SECOND))
        .unwrap();
    let books = s
        .add_todo("Return the library books", None, at(T0 - 60 * DAY))
        .unwrap();
    s.trash_todos(&[books], at(T0 - 29 * DAY + 5 * HOUR))
        .unwrap();
}

#[test]
fn todos_tab() {
    let app = TestApp::new(demo);
    assert_snapshot!(app.screen());
}

/// Colour and emphasis carry meaning (the focused pane, the selection, a done todo struck
/// through, the active tab): a text snapshot cannot see them go, this one can.
#[test]
fn todos_tab_styles() {
    let mut app = TestApp::new(demo);
    app.session.app.theme = softly::tui::theme::Theme::coloured();
    app.keys("j");
    assert_snapshot!(render_styles(&app.session.app, 80, 24));
}

#[test]
fn todos_tab_with_the_list_pane_focused_on_a_list() {
    let mut app = TestApp::new(demo);
    app.keys("hj");
    assert_snapshot!(app.screen());
}

#[test]
fn trash_tab_with_countdowns() {
    let mut app = TestApp::new(demo);
    app.keys("2");
    assert_snapshot!(app.screen());
}

#[test]
fn trash_tab_when_auto_purge_is_off() {
    let settings = Settings {
        retention: Retention::Never,
        ..Settings::default()
    };
    let mut app = TestApp::with_settings(settings, demo);
    app.keys("2");
    assert_snapshot!(app.screen());
}

#[test]
fn help_overlay() {
    let mut app = TestApp::new(demo);
    app.keys("?");
    assert_snapshot!(app.screen());
}

#[test]
fn confirm_deleting_a_list() {
    let mut app = TestApp::new(demo);
    app.keys("hjd");
    assert_snapshot!(app.screen());
}

#[test]
fn confirm_erasing_an_entry() {
    let mut app = TestApp::new(demo);
    app.keys("2jjE");
    assert_snapshot!(app.screen());
}

#[test]
fn confirm_emptying_the_trash() {
    let mut app = TestApp::new(demo);
    app.keys("2X");
    assert_snapshot!(app.screen());
}

#[test]
fn add_editor() {
    let mut app = TestApp::new(demo);
    app.keys("a").type_text("Pick up the dry cleaning");
    assert_snapshot!(app.screen());
}

#[test]
fn move_picker() {
    let mut app = TestApp::new(demo);
    app.keys("m");
    assert_snapshot!(app.screen());
}

#[test]
fn filter_as_you_type() {
    let mut app = TestApp::new(demo);
    app.keys("/").type_text("the");
    assert_snapshot!(app.screen());
}

#[test]
fn empty_states() {
    let mut app = TestApp::new(|_| {});
    let todos = app.screen();
    app.keys("2");
    let trash = app.screen();
    assert_snapshot!("empty_todos", todos);
    assert_snapshot!("empty_trash", trash);
}

#[test]
fn terminal_too_small() {
    let app = TestApp::new(demo);
    assert_snapshot!(render(&app.session.app, 30, 8));
}

#[test]
fn wide_and_hostile_titles_stay_inside_their_boxes() {
    let mut app = TestApp::new(|s| {
        let list = s.add_list("買い物リスト", at(T0)).unwrap();
        s.add_todo("placeholder", Some(list), at(T0)).unwrap();
        s.add_todo("emoji 👩‍🔬🧪 and CJK 漢字 mixed", Some(list), at(T0))
            .unwrap();
        // Wide characters at every offset, so some straddle the dialog's left edge.
        for pad in 0..16 {
            let title = format!(
                "{}日本語のとても長いタイトルがここにありますよ本当に長いですね",
                "a".repeat(pad)
            );
            s.add_todo(&title, Some(list), at(T0)).unwrap();
        }
    });
    // A title another tool wrote with an escape sequence and a bidi override.
    rusqlite::Connection::open(app.db.path())
        .unwrap()
        .execute(
            "UPDATE todos SET title = 'evil \u{1b}[2J \u{202E}reversed' WHERE id = 1",
            [],
        )
        .unwrap();
    app.keys("hj");
    let list = app.screen();
    app.keys("d"); // the confirm dialog over the wide text
    assert_snapshot!("wide_titles", list);
    assert_snapshot!("dialog_over_wide_titles", app.screen());
}

#[test]
fn no_screen_panics_at_any_terminal_size() {
    let mut app = TestApp::new(demo);
    let mut states = Vec::new();
    states.push(app.session.app.clone()); // Todos
    app.keys("?");
    states.push(app.session.app.clone()); // help
    app.keys("<Esc>hjd");
    states.push(app.session.app.clone()); // confirm over the todos
    app.keys("n2");
    states.push(app.session.app.clone()); // Trash
    app.keys("E");
    states.push(app.session.app.clone()); // the erase dialog
    // Every width around the minimum, then a spread of wider ones.
    let widths = (1..=60).chain((61..=120).step_by(7));
    for state in &mut states {
        for width in widths.clone() {
            for height in [1, 5, 9, 10, 11, 24, 40] {
                state.width = width;
                state.height = height;
                render(state, width, height);
            }
        }
    }
}

/// Titles another program wrote with every trick: escape sequences (clear screen, set title,
/// clipboard), BEL, 8-bit CSI, bidi overrides, zero-width joiners, CJK and emoji.
fn hostile(s: &mut Store) {
    let list = s.add_list("日本語のリスト 👩‍🔬", at(T0)).unwrap();
    for _ in 0..6 {
        s.add_todo("placeholder", Some(list), at(T0)).unwrap();
    }
}

const HOSTILE_TITLES: [&str; 6] = [
    "clear \u{1b}[2J screen",
    "title \u{1b}]0;pwned\u{7} set",
    "clip \u{1b}]52;c;ZXZpbA==\u{7} board",
    "c1 \u{9b}31m csi",
    "bidi \u{202E}desrever\u{202C} \u{2066}iso\u{2069}",
    "zwj 👩\u{200D}🔬 日本語 漢字 テキスト テキスト テキスト テキスト テキスト",
];

fn hostile_app() -> TestApp {
    let mut app = TestApp::new(hostile);
    let conn = rusqlite::Connection::open(app.db.path()).unwrap();
    for (i, title) in HOSTILE_TITLES.iter().enumerate() {
        conn.execute(
            "UPDATE todos SET title = ?1 WHERE id = ?2",
            rusqlite::params![title, i as i64 + 1],
        )
        .unwrap();
    }
    app.keys("hjl"); // show the list: its todos load fresh from the file
    app
}

#[test]
fn no_raw_control_byte_from_a_title_reaches_the_terminal_at_any_width() {
    let mut app = hostile_app();
    app.keys("d2"); // one in the Trash too
    for tab in ["1", "2"] {
        app.keys(tab);
        for width in 10..=120u16 {
            let mut bytes = Vec::new();
            {
                let backend = ratatui::backend::CrosstermBackend::new(&mut bytes);
                let mut terminal = ratatui::Terminal::with_options(
                    backend,
                    ratatui::TerminalOptions {
                        viewport: ratatui::Viewport::Fixed(ratatui::layout::Rect::new(
                            0, 0, width, 24,
                        )),
                    },
                )
                .unwrap();
                app.session.app.width = width;
                terminal
                    .draw(|frame| frame.render_widget(&app.session.app, frame.area()))
                    .unwrap();
            }
            let forbidden: [(&[u8], &str); 6] = [
                (b"\x1b[2J", "clear screen"),
                (b"\x1b]", "an OSC sequence"),
                (b"\x07", "BEL"),
                ("\u{9b}".as_bytes(), "8-bit CSI"),
                ("\u{202E}".as_bytes(), "a bidi override"),
                ("\u{2066}".as_bytes(), "a bidi isolate"),
            ];
            for (needle, what) in forbidden {
                assert!(
                    !bytes.windows(needle.len()).any(|w| w == needle),
                    "{what} reached the terminal at width {width}, tab {tab}"
                );
            }
        }
    }
}

#[test]
fn hostile_titles_stay_inside_their_boxes_at_every_width() {
    let mut app = hostile_app();
    for width in 50..=120u16 {
        app.session.resize(width, 24);
        let buffer = render_buffer(&app.session.app, width, 24);
        let areas = softly::tui::ui::layout(width, 24);
        for y in areas.main.y + 1..areas.main.bottom() - 1 {
            for x in [
                areas.lists.x,
                areas.lists.right() - 1,
                areas.main.x,
                areas.main.right() - 1,
            ] {
                assert_eq!(
                    buffer[(x, y)].symbol(),
                    "│",
                    "a border was overwritten at column {x}, row {y}, width {width}:\n{}",
                    render(&app.session.app, width, 24)
                );
            }
        }
    }
}

/// More todos, lists and entries than fit: each pane shows where its rows sit with a
/// scrollbar on its right border; the add editor sits on the blank row below the last todo.
#[test]
fn scroll_indicators_and_the_add_editor_at_the_end_of_a_long_list() {
    let mut app = TestApp::new(|s| {
        for i in 1..=31 {
            s.add_todo(&format!("todo {i}"), None, at(T0 - HOUR))
                .unwrap();
        }
        for i in 1..=12 {
            s.add_list(&format!("list {i}"), at(T0 - HOUR)).unwrap();
        }
    });
    app.session.resize(80, 12);
    assert_snapshot!("scroll_indicators_at_the_top", app.screen());
    app.keys("Ga").type_text("a new one");
    assert_snapshot!("add_editor_below_the_last_todo", app.screen());
}

/// `--demo` says so in the header, so nobody types real todos into a throwaway database.
#[test]
fn the_demo_wears_a_badge() {
    let mut app = TestApp::new(demo);
    app.session.app.demo = true;
    assert_snapshot!(app.screen());
}

/// A wide terminal gives the list pane about a quarter of the width.
#[test]
fn a_wide_terminal() {
    let app = TestApp::new(demo);
    assert_snapshot!(render(&app.session.app, 200, 12));
}

/// At 60 columns the footer drops hints, but keeps help and quit.
#[test]
fn a_60_column_footer() {
    let mut app = TestApp::new(demo);
    app.session.resize(60, 12);
    assert_snapshot!(app.screen());
}

/// Promise (issue 11, 14): joined and wide emoji (a family, flags, skin tones, a heart with
/// its emoji selector) are measured as the terminal draws them, one cluster at a time: cut
/// titles never push the time column or the border out of line, at any width.
#[test]
fn joined_emoji_keep_every_column_in_line() {
    let titles = [
        "family 👨‍👩‍👧‍👦".repeat(12),
        "❤️".repeat(70),
        "flags 🇯🇵🇫🇷🇧🇷".repeat(10),
        "thumbs 👍🏽👍🏾👍🏿".repeat(10),
        "mixed 👩‍🔬❤️🇯🇵 日本".repeat(8),
    ];
    let mut app = TestApp::new(|s| {
        for title in &titles {
            s.add_todo(&title.chars().take(490).collect::<String>(), None, at(T0))
                .unwrap();
        }
    });
    for width in 50..=120u16 {
        app.session.resize(width, 12);
        let buffer = render_buffer(&app.session.app, width, 12);
        let areas = softly::tui::ui::layout(width, 12);
        // Narrower, the time gives way to the title's first columns (`narrow_panes_…`).
        if areas.main.width < 4 + 4 + 12 + 1 + 8 {
            continue;
        }
        for i in 0..titles.len() as u16 {
            let y = areas.main.y + 1 + i;
            let right = areas.main.right() - 1;
            let tail: String = (right - 9..=right)
                .map(|x| buffer[(x, y)].symbol().to_string())
                .collect();
            // The column before the time stays blank: a two-column cluster counted as one
            // would start there and draw over the time's first letter.
            let separator = buffer[(right - 10, y)].symbol();
            assert_eq!(
                separator,
                " ",
                "row {i} at width {width} runs into the time column:\n{}",
                render(&app.session.app, width, 12)
            );
            assert_eq!(
                tail,
                "just now │",
                "row {i} at width {width} is out of line:\n{}",
                render(&app.session.app, width, 12)
            );
        }
    }
}

/// Due dates read as words on the right (overdue ones in the error colour), priorities as
/// marks before the title.
#[test]
fn todos_with_due_dates_and_priorities() {
    use softly::fields::{Due, Priority};
    use softly::store::Details;
    let mut app = TestApp::new(|s| {
        let day = |ms: i64| {
            Some(Due {
                at: at(ms),
                has_time: false,
            })
        };
        let add = |s: &mut Store, title: &str, due, priority| {
            s.add_todo_with(
                title,
                None,
                Details {
                    due,
                    priority,
                    ..Details::default()
                },
                at(T0 - DAY),
            )
            .unwrap();
        };
        // T0 is Thursday 2026-11-26, noon UTC; a day's due date is its last millisecond.
        add(s, "Pay rent", day(T0 + 12 * HOUR - 1), Some(Priority::High));
        add(
            s,
            "Renew passport",
            day(T0 - 2 * DAY + 12 * HOUR - 1),
            Some(Priority::Medium),
        );
        let call = Some(Due {
            at: at(T0 + 2 * DAY + 6 * HOUR + 30 * MINUTE),
            has_time: true,
        });
        add(s, "Call the bank", call, None);
        add(
            s,
            "Plan the holidays",
            day(T0 + 28 * DAY + 12 * HOUR - 1),
            Some(Priority::Low),
        );
        add(s, "Water the plants", None, None);
    });
    assert_snapshot!(app.screen());
    app.session.app.theme = softly::tui::theme::Theme::coloured();
    let styles = render_styles(&app.session.app, 80, 24);
    let overdue: Vec<&str> = styles.lines().filter(|l| l.contains("overdue")).collect();
    assert_eq!(
        overdue,
        ["row  3, 60..70 \"2d overdue\": fg=Red bold"],
        "{styles}"
    );
}

/// Promise: in a narrow pane the columns give way in a fixed order (when it was made, then
/// the list, the due time, the due day) before the title gets fewer than 12 columns, and
/// the checkbox is never cut; at every width from 40 to 200.
#[test]
fn narrow_panes_give_way_in_order_and_keep_the_title() {
    use softly::fields::Due;
    use softly::store::Details;
    let mut app = TestApp::new(|s| {
        let work = s.add_list("Workshop", at(T0 - DAY)).unwrap();
        let due = Due {
            at: at(T0 + 28 * DAY + 2 * HOUR + 30 * MINUTE),
            has_time: true,
        };
        let details = Details {
            due: Some(due),
            ..Details::default()
        };
        let title = "Write the quarterly report for the board";
        s.add_todo_with(title, Some(work), details, at(T0 - 3 * MINUTE))
            .unwrap();
    });
    app.keys("hgjjl"); // All: every row names its list
    let pieces = ["3m ago", "Workshop", "14:30", "Dec 24"];
    for width in 40..=200u16 {
        app.session.resize(width, 12);
        let screen = render(&app.session.app, width, 12);
        if width < 50 {
            assert!(screen.contains("Terminal too small"), "{screen}");
            continue;
        }
        let row = screen
            .lines()
            .find(|l| l.contains("[ ] "))
            .unwrap_or_else(|| panic!("no checkbox at width {width}:\n{screen}"));
        assert!(
            row.contains("[ ] Write the q"),
            "12 columns, with the …: {width}: {row}"
        );
        // What is shown is a tail of the give-way order: once one piece shows, every piece
        // that gives way after it shows too.
        let shown: Vec<bool> = pieces.iter().map(|p| row.contains(p)).collect();
        let first = shown.iter().position(|s| *s).unwrap_or(pieces.len());
        assert!(
            shown[first..].iter().all(|s| *s),
            "width {width}: {shown:?} in {row}"
        );
        if width >= 160 {
            assert!(shown.iter().all(|s| *s), "room for all at {width}: {row}");
        }
    }
}
