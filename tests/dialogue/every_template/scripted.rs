//! Paths the walk of `every_template.rs` is not left to find by chance: a
//! finding that must be dealt with first, an administrator's appeal, and
//! a newcomer with no case yet.

use super::Walks;
use crate::common::Chat;
use refund_assistant::render::Lang;

pub(super) fn arrears_and_an_administrators_appeal(walks: &mut Walks, lang: Lang, s: &str) {
    let zh = lang == Lang::ZhCn;
    // Arrears: a finding that must be dealt with first.
    let mut c = Chat::new(lang);
    c.text(s);
    for b in [
        "account:items",
        "arrears:yes",
        "violation:no",
        "customised:no",
        "applicant:owner",
    ] {
        c.press(b);
    }
    assert!(
        c.renderer.used(lang).contains("severity.blocker"),
        "{}",
        c.last_text
    );
    walks.check(&c, &["arrears".to_owned()]);
    walks.used.entry(lang).or_default().extend(c.renderer.used(lang));
    // An administrator's and a finance member's appeal: the letter says who
    // writes it.
    for who in ["admin", "finance"] {
        let mut c = Chat::new(lang);
        c.text(s);
        let applicant = format!("applicant:{who}");
        for b in [
            "account:items",
            "arrears:no",
            "violation:no",
            "customised:no",
            applicant.as_str(),
        ] {
            c.press(b);
        }
        c.text(if zh { "被拒了" } else { "they rejected it" });
        if c.asked() == "q.rejection" {
            c.press("reject:other");
        }
        let key = format!("applicant.{who}");
        assert!(
            c.renderer.used(lang).contains(key.as_str()),
            "{:?} {}",
            c.keys(),
            c.last_text
        );
        walks.check(&c, &[format!("an appeal by {who}")]);
        walks.used.entry(lang).or_default().extend(c.renderer.used(lang));
    }
}

/// No case yet: the list, following up (what happened?), and an option
/// that is not there.
pub(super) fn no_case_yet(walks: &mut Walks, lang: Lang) {
    let mut c = Chat::new(lang);
    c.text("/cases");
    c.text("/start");
    c.press("menu:follow");
    assert_eq!(c.keys()[0], "follow.which", "{}", c.last_text);
    c.text("99");
    assert_eq!(c.keys()[0], "nav.no_such_option", "{}", c.last_text);
    walks.check(&c, &["no case yet".to_owned()]);
    walks.used.entry(lang).or_default().extend(c.renderer.used(lang));
}
