//! Two-way sync with a CalDAV server (RFC 4791): lists are calendar collections, todos are
//! VTODO resources, and a delete made on any device lands in this device's Trash.

pub mod ical_time;
pub mod vtodo;
