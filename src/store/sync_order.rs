//! A list's order after sync: two todos may share a place (added on two devices at once,
//! or moved on both and merged todo by todo), and ids, which differ from device to device,
//! would order them differently on each. In each such tie one todo keeps the place and the
//! others go to the end of the list, chosen the same way on every device: the one already
//! on the server stays, then by UID. A todo moved is marked to be sent (one not yet on the
//! server is sent anyway), so every device ends in the same order.

use rusqlite::params;

use super::positions::next_position;
use super::{ListId, Result, Store};

impl Store {
    /// Undoes every tie of places in every list (and the Inbox); returns how many todos
    /// moved.
    pub fn sync_untie_positions(&mut self) -> Result<usize> {
        self.write(|tx| {
            let tied: Vec<(Option<ListId>, i64)> = tx
                .prepare(
                    "SELECT list_id, position FROM todos WHERE trash_entry_id IS NULL
                     GROUP BY list_id, position HAVING count(*) > 1",
                )?
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?;
            let mut moved = 0;
            for (list, position) in tied {
                let movers: Vec<i64> = tx
                    .prepare(
                        "SELECT t.id FROM todos t LEFT JOIN sync_items s ON s.todo_id = t.id
                         WHERE t.list_id IS ?1 AND t.position = ?2 AND t.trash_entry_id IS NULL
                         ORDER BY s.href IS NULL, t.uid, t.id",
                    )?
                    .query_map(params![list, position], |r| r.get(0))?
                    .skip(1)
                    .collect::<rusqlite::Result<_>>()?;
                for id in movers {
                    let to = next_position(tx, list)?;
                    tx.execute(
                        "UPDATE todos SET position = ?2 WHERE id = ?1",
                        params![id, to],
                    )?;
                    moved += 1;
                }
            }
            Ok(moved)
        })
    }
}
