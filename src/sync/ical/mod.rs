//! iCalendar (RFC 5545) as sync needs it: a resource as its content lines, each kept with the
//! bytes it was written in (`lines.rs`), so that softly reads a VTODO (`vtodo_read.rs`) and
//! writes back only the properties whose value it changed (`vtodo_write.rs`). Times in their
//! four forms (`times.rs`), the zones a TZID can name (`zones.rs`), and the VTIMEZONE of the
//! zone softly writes in (`vtimezone.rs`).

pub mod escape;
pub mod lines;
pub mod scrubbed;
pub mod times;
pub mod vtimezone;
pub mod vtodo_read;
pub mod vtodo_write;
pub mod zones;

pub use vtodo_read::{RULE_ELSEWHERE, ReadTodo, UNTITLED, VtodoError, categories_of, read_todo};
pub use vtodo_write::{Writing, write_todo};
