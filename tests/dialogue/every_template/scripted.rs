//! Paths the walk of `every_template.rs` is not left to find by chance: a
//! finding that must be dealt with first, and an administrator's appeal.

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
    // An administrator's appeal: the letter says who writes it.
    let mut c = Chat::new(lang);
    c.text(s);
    for b in [
        "account:items",
        "arrears:no",
        "violation:no",
        "customised:no",
        "applicant:admin",
    ] {
        c.press(b);
    }
    c.text(if zh { "被拒了" } else { "they rejected it" });
    if c.asked() == "q.rejection" {
        c.press("reject:other");
    }
    assert!(
        c.renderer.used(lang).contains("applicant.admin"),
        "{:?} {}",
        c.keys(),
        c.last_text
    );
    walks.check(&c, &["an administrator's appeal".to_owned()]);
    walks.used.entry(lang).or_default().extend(c.renderer.used(lang));
}
