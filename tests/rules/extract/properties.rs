//! Properties: on any text the reader never panics and never reports a value
//! that is not in the text.

use super::*;

/// Digits only, with full-width digits read as ASCII.
fn digits(s: &str) -> String {
    s.chars()
        .filter_map(|c| match c {
            '0'..='9' => Some(c),
            '０'..='９' => char::from_u32(c as u32 - 0xFEE0),
            _ => None,
        })
        .collect()
}

fn check_no_invention(text: &str) {
    let found = at(text);
    let all_digits = digits(text);
    for f in &found.facts {
        assert!(text.contains(&f.words), "{text:?}: {:?}", f.words);
        let amount = match f.fact {
            Fact::Paid(d) | Fact::ListPrice(d) | Fact::Voucher(d) | Fact::Gift(d) | Fact::MonthlyPrice(d) => {
                d
            }
            _ => continue,
        };
        // "3k", "1.2万": the number before its magnitude is what is written.
        let words = f.words.to_lowercase();
        let words = words.trim_end_matches(|c: char| "元块钱 ".contains(c));
        let scale: i64 = if words.ends_with('k') || words.ends_with('千') {
            1_000
        } else if words.ends_with('w') || words.ends_with('万') {
            10_000
        } else {
            1
        };
        let shown = digits(
            &(amount / rust_decimal::Decimal::from(scale))
                .normalize()
                .to_string(),
        );
        assert!(
            all_digits.contains(&shown),
            "{text:?}: amount {amount} is not in the text"
        );
        assert!(
            digits(&f.words).contains(&shown),
            "{text:?}: amount {amount} not in its words"
        );
    }
    for u in &found.unclear {
        assert!(text.contains(&u.words), "{text:?}: {:?}", u.words);
    }
}

proptest! {
    #[test]
    fn never_panics_and_never_invents_on_any_text(s in "\\PC{0,80}") {
        check_no_invention(&s);
    }

    #[test]
    fn never_panics_and_never_invents_on_near_miss_text(
        s in "[0-9０-９年月日号点时分元块¥￥,，.:：/ -]{0,12}(实付|原价|代金券|赠金|paid|list price|voucher|月单价|到期|删除|买的|bought|deleted|ago|天前|上周|uhost|-|\u{0}|\u{7}| |😀){0,3}[0-9a-z０-９,.元 ]{0,16}",
    ) {
        check_no_invention(&s);
    }

    #[test]
    fn control_characters_and_long_text_are_harmless(
        s in "[\u{0}-\u{1f}\u{7f}a-z0-9元 ]{0,64}",
        n in 1usize..400,
    ) {
        check_no_invention(&s.repeat(n));
    }
}
