//! Hostile text, as property tests: cleaned on the way in, escaped on the way out.

use super::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512 * stress()))]

    /// Promise: cleaning a title never fails unexpectedly, never lets a control or bidi
    /// character into the store, and cleaning again changes nothing.
    #[test]
    fn the_title_cleaner_is_total_and_idempotent(raw in hostile_text()) {
        match clean_title(&raw, "title") {
            Ok(clean) => {
                prop_assert!(!clean.chars().any(|c| c.is_control()));
                prop_assert!(!clean.chars().any(is_bidi_control));
                prop_assert_eq!(clean.trim(), clean.as_str());
                prop_assert!(clean.chars().count() <= 500);
                prop_assert_eq!(clean_title(&clean, "title").unwrap(), clean);
            }
            Err(_) => {
                // Refused only when nothing printable is left, or when it is too long.
                let kept: String = raw
                    .chars()
                    .filter(|c| !c.is_control() && !is_bidi_control(*c))
                    .collect();
                prop_assert!(kept.trim().is_empty() || kept.chars().count() > 500 || raw.chars().count() > 500);
            }
        }
    }

    /// Promise: whatever is stored, what reaches a terminal has no raw control or bidi byte.
    #[test]
    fn displayed_text_never_carries_a_control_character(raw in hostile_text()) {
        let shown = display_safe(&raw);
        prop_assert!(!shown.chars().any(|c| c.is_control()));
        prop_assert!(!shown.chars().any(is_bidi_control));
    }
}
