//! What a todo can carry besides its title: a due date, a priority, tags and a recurrence.
//! Each is read from what a person types and shown back in words, as pure functions of the
//! text, `now` and the zone.

pub mod due;
pub mod due_words;
pub mod filter;
pub mod priority;
pub mod recurrence;
pub mod series;
pub mod tags;

pub use due::{Due, DueError, DueLabel, due_label, end_of_day, open_due_label};
pub use due_words::parse_due;
pub use filter::TodoFilter;
pub use priority::{Priority, PriorityError};
pub use recurrence::{Recurrence, RecurrenceError};
pub use tags::{tag_key, tags_of, with_tags, without_tag};
