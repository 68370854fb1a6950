//! The floor that softly's startup is measured against (issue 4): the least a program can do
//! to put a todo list from the same database on screen. It opens the file, reads the first
//! 50 live todos of the Inbox in order (the same index softly reads), draws them as a
//! bordered list in the terminal, waits for a key, and restores the terminal. No purge, no
//! counts, no lists pane, no error handling worth the name: it exists only to be timed by
//! `benches/compare.sh`.
//!
//!     cargo build --release --example floor && target/release/examples/floor DB

use ratatui::crossterm::event;
use ratatui::text::Line;
use ratatui::widgets::{Block, List};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: floor DB")?;
    let conn = rusqlite::Connection::open(path)?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    let mut stmt = conn.prepare(
        "SELECT title FROM todos INDEXED BY todos_live
         WHERE trash_entry_id IS NULL AND list_id IS NULL
         ORDER BY position, id LIMIT 50",
    )?;
    let titles: Vec<String> = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut terminal = ratatui::init();
    let drawn = terminal.draw(|frame| {
        let list = List::new(titles.iter().map(|t| Line::from(t.as_str())))
            .block(Block::bordered().title("Inbox"));
        frame.render_widget(list, frame.area());
    });
    let key = drawn.and_then(|_| event::read());
    ratatui::restore();
    key?;
    Ok(())
}
