//! Named places where a test can have softly killed (`SOFTLY_CRASH_AT=NAME`), to check that
//! what survives a crash at exactly that moment is right: for example between an erase's
//! commit and the scrub that follows it. Without the variable this is one cached look-up.

use std::sync::OnceLock;

/// Kills the process with SIGKILL, as a power cut or `kill -9` would, if `SOFTLY_CRASH_AT`
/// names this point. Nothing runs after it: no destructor, no exit handler.
pub fn crash_point(name: &str) {
    static CHOSEN: OnceLock<Option<String>> = OnceLock::new();
    let chosen = CHOSEN.get_or_init(|| std::env::var("SOFTLY_CRASH_AT").ok());
    if chosen.as_deref() == Some(name) {
        // SAFETY: raising a signal has no memory-safety preconditions.
        unsafe {
            libc::raise(libc::SIGKILL);
        }
    }
}
