//! Named places where a test can have softly killed (`SOFTLY_CRASH_AT=NAME`), to check that
//! what survives a crash at exactly that moment is right: for example between an erase's
//! commit and the scrub that follows it. `NAME:abort` aborts there instead, `NAME:oom`
//! fails as an allocation does when memory runs out, and `NAME:overflow` overflows the
//! stack: Rust aborts on all three, and a test checks the terminal is given back. Without
//! the variable this is one cached look-up.

use std::sync::OnceLock;

/// Kills the process with SIGKILL, as a power cut or `kill -9` would, if `SOFTLY_CRASH_AT`
/// names this point. Nothing runs after it: no destructor, no exit handler.
pub fn crash_point(name: &str) {
    static CHOSEN: OnceLock<Option<String>> = OnceLock::new();
    let Some(chosen) = CHOSEN.get_or_init(|| std::env::var("SOFTLY_CRASH_AT").ok()) else {
        return;
    };
    let (point, how) = chosen.split_once(':').unwrap_or((chosen, "kill"));
    if point != name {
        return;
    }
    match how {
        "abort" => std::process::abort(),
        // What the allocator does when memory runs out: says so, and aborts.
        "oom" => std::alloc::handle_alloc_error(std::alloc::Layout::new::<[u8; 1 << 20]>()),
        "overflow" => {
            std::hint::black_box(deeper(0));
        }
        // SAFETY: raising a signal has no memory-safety preconditions.
        _ => unsafe {
            libc::raise(libc::SIGKILL);
        },
    }
}

/// Recurses until the stack runs out: Rust then aborts, as on any stack overflow.
#[allow(unconditional_recursion)]
fn deeper(depth: u64) -> u64 {
    let frame = std::hint::black_box([depth; 32]);
    deeper(depth + 1).wrapping_add(frame[31])
}
