//! Lists in the same order on every device: a list's place is its collection's
//! `calendar-order` (Apple's property, which Apple Calendar, DAVx5 and Thunderbird read),
//! sent when it changed here, taken when it changed there (on both sides: this side's). The
//! Inbox stays first everywhere, so it has none.

use super::Round;
use super::dav::RemoteCollection;
use super::round_error::SyncError;

impl Round<'_> {
    /// After lists and collections are paired: each live list's place goes whichever way
    /// it changed. A list just made from another device's collection was put at its place
    /// then (`place_new_list`).
    pub(super) fn follow_list_orders(
        &mut self,
        remote: &[RemoteCollection],
    ) -> Result<(), SyncError> {
        if self.dry_run {
            return Ok(());
        }
        for c in self.store.sync_collections()? {
            let (Some(list), Some(here), Some(_)) = (c.list, c.position, &c.live_name) else {
                continue;
            };
            let there = remote
                .iter()
                .find(|r| r.href == c.href)
                .and_then(|r| r.order);
            if Some(here) != c.order {
                self.server.order_collection(&c.href, here)?;
                self.store.sync_list_ordered(list, here, false)?;
            } else if let Some(there) = there
                && Some(there) != c.order
            {
                self.store.sync_list_ordered(list, there, true)?;
            }
        }
        Ok(())
    }

    /// A list made here for a collection from another device: at the place it has there.
    pub(super) fn place_new_list(
        &mut self,
        list: Option<crate::store::ListId>,
        remote: &RemoteCollection,
    ) -> Result<(), SyncError> {
        if let (Some(list), Some(order), false) = (list, remote.order, self.dry_run) {
            self.store.sync_list_ordered(list, order, true)?;
        }
        Ok(())
    }
}
