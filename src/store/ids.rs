//! Typed ids, so a todo id can never be passed where a trash entry id is expected.

use std::fmt;
use std::str::FromStr;

use rusqlite::Transaction;
use rusqlite::types::{FromSql, FromSqlResult, ToSql, ToSqlOutput, ValueRef};

use super::{Result, StoreError};

/// The largest id softly gives out, and the largest an import accepts: far beyond what a
/// person makes, and exact as a JSON number (2^53), so every export imports again.
pub const MAX_ID: i64 = 1 << 53;

/// The largest place in a list softly gives out or imports, for the same reasons. A list
/// whose next place would pass it is renumbered 1, 2, 3… in its order first.
pub const MAX_POSITION: i64 = 1 << 53;

/// The id of the row just inserted into `table`, refused (rolling the write back) past
/// [`MAX_ID`].
pub(super) fn new_id(tx: &Transaction, table: &'static str) -> Result<i64> {
    let id = tx.last_insert_rowid();
    if id > MAX_ID {
        return Err(StoreError::IdsExhausted(table));
    }
    Ok(id)
}

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub i64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl FromStr for $name {
            type Err = std::num::ParseIntError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                s.trim().parse().map($name)
            }
        }

        impl ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                self.0.to_sql()
            }
        }

        impl FromSql for $name {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                i64::column_result(value).map($name)
            }
        }
    };
}

id_type!(
    /// A todo's id; stable for the todo's whole life, never reused after an erase.
    TodoId
);
id_type!(
    /// A list's id.
    ListId
);
id_type!(
    /// A trash entry's id: one per delete, holding a todo or a list with its todos.
    EntryId
);
