//! Facts said without a role are offered, never dropped: an amount alone
//! becomes a button at "how much did you pay", a date alone at the next
//! date question; more role words are understood; a period implies the
//! billing; and pressing only the first option walks a whole check with
//! the common answers (monthly billing first).

use crate::common;

use chrono::Datelike;
use common::{Chat, sh};
use refund_assistant::conversation::Position;
use refund_assistant::input::{Fact, extract};
use refund_assistant::policy::Billing;
use refund_assistant::render::Lang;
use rust_decimal::Decimal;

fn dec(s: &str) -> Decimal {
    s.parse().expect("decimal")
}

/// Walks a check to the question `stop`, answering what is asked with the
/// worked example (monthly, 2026-03-01 to 2026-03-31, 800, deleted 03-11).
fn walk_to(c: &mut Chat, stop: Position) {
    for _ in 0..20 {
        if c.state.at == stop {
            return;
        }
        match c.state.at {
            Position::Billing => c.press("billing:monthly"),
            Position::Account => c.press("account:none"),
            Position::Instance => c.text("uhost-1a2b3c4d"),
            Position::Start => c.text("2026-03-01"),
            Position::End => c.text("2026-03-31"),
            Position::Paid => c.text("800"),
            Position::DeleteAt => c.text("2026-03-11"),
            other => panic!("unexpected question {other:?}: {}", c.last_text),
        };
    }
    panic!("never reached {stop:?}: {}", c.last_text);
}

fn offers(c: &Chat) -> Vec<String> {
    c.last
        .iter()
        .flat_map(|r| r.button_ids().map(str::to_owned).collect::<Vec<_>>())
        .filter(|id| id.starts_with("offer:"))
        .collect()
}

#[test]
fn an_amount_without_a_role_is_offered_at_the_paid_question() {
    for (lang, sentence) in [
        (Lang::ZhCn, "我想申请退款，800块"),
        (Lang::En, "I want to apply for a refund, 800 yuan"),
    ] {
        let mut c = Chat::new(lang);
        c.text("/start");
        c.text(sentence);
        assert!(
            c.keys().contains(&"offered.noted".to_owned()),
            "{lang:?}: {}",
            c.last_text
        );
        assert!(c.last_text.contains("800.00"), "{}", c.last_text);
        // Never used unasked.
        assert_eq!(c.state.draft.paid, None);
        assert_eq!(c.state.at, Position::Billing, "the request starts the check");
        walk_to(&mut c, Position::Paid);
        assert_eq!(offers(&c), vec!["offer:a0"], "{}", c.last_text);
        c.press("offer:a0");
        assert_eq!(c.state.draft.paid, Some(dec("800")));
        assert_eq!(c.state.at, Position::DeleteAt, "{}", c.last_text);
    }
}

#[test]
fn two_amounts_without_a_role_are_both_offered_and_the_user_picks() {
    let mut c = Chat::new(Lang::ZhCn);
    c.text("/start");
    c.text("我想退款，500 还是 700 来着");
    walk_to(&mut c, Position::Paid);
    assert_eq!(offers(&c), vec!["offer:a0", "offer:a1"], "{}", c.last_text);
    c.press("offer:a1");
    assert_eq!(c.state.draft.paid, Some(dec("700")));
}

#[test]
fn a_date_without_a_role_is_offered_at_the_next_date_question() {
    let mut c = Chat::new(Lang::En);
    c.text("/start");
    c.text("I want a refund, march 5");
    assert!(c.keys().contains(&"offered.noted".to_owned()), "{}", c.last_text);
    assert_eq!(c.state.draft.start, None);
    walk_to(&mut c, Position::Start);
    assert_eq!(offers(&c), vec!["offer:d0"], "{}", c.last_text);
    c.press("offer:d0");
    let start = c
        .state
        .draft
        .start
        .unwrap_or_else(|| panic!("start not taken: {}", c.last_text));
    assert_eq!(
        (start.month(), start.day() + 1),
        (3, 5),
        "Shanghai midnight is the day before in UTC"
    );
    // Used once: not offered again at the end date.
    assert_eq!(c.state.at, Position::End);
    assert!(offers(&c).is_empty(), "{}", c.last_text);
}

#[test]
fn an_amount_that_answers_the_question_is_not_offered_again() {
    let mut c = Chat::new(Lang::ZhCn);
    c.text("/start");
    c.press("menu:new");
    walk_to(&mut c, Position::Paid);
    c.text("800块");
    assert!(!c.keys().contains(&"offered.noted".to_owned()), "{}", c.last_text);
    assert_eq!(c.state.draft.paid, Some(dec("800")));
}

#[test]
fn more_role_words_are_understood() {
    let now = sh(2026, 3, 11, 10);
    let read = |t: &str| {
        extract(t, Lang::ZhCn, now)
            .facts
            .into_iter()
            .map(|f| f.fact)
            .collect::<Vec<_>>()
    };
    for t in ["共 70 元", "一共花了70", "总共70块", "paid a total of 70 yuan"] {
        assert!(read(t).contains(&Fact::Paid(dec("70"))), "{t}: {:?}", read(t));
    }
    for t in ["got it on march 5", "开通了 3月5日"] {
        let start = read(t)
            .into_iter()
            .find_map(|f| match f {
                Fact::Start(w) => Some(w.at),
                _ => None,
            })
            .unwrap_or_else(|| panic!("{t}: no start"));
        assert_eq!(start, sh(2026, 3, 5, 0), "{t}");
    }
    for t in ["list price 800 per month", "原价每月800元", "月价 800"] {
        let facts = read(t);
        assert!(facts.contains(&Fact::MonthlyPrice(dec("800"))), "{t}: {facts:?}");
        assert!(
            !facts.iter().any(|f| matches!(f, Fact::ListPrice(_))),
            "{t}: {facts:?}"
        );
    }
}

#[test]
fn a_period_implies_the_billing_and_says_so() {
    for (lang, sentence, billing, shown) in [
        (
            Lang::ZhCn,
            "uhost-1a2b3c4d 2026-03-01 买的 3个月，实付 800",
            Billing::Monthly,
            "推断",
        ),
        (
            Lang::En,
            "uhost-1a2b3c4d 1-year plan bought 2026-03-01, paid 800",
            Billing::Yearly,
            "inferred from",
        ),
    ] {
        let mut c = Chat::new(lang);
        c.text("/start");
        c.text(sentence);
        assert_eq!(c.state.draft.billing, Some(billing), "{}", c.last_text);
        assert!(c.last_text.contains(shown), "{}", c.last_text);
        // And it can be fixed like any answer.
        assert!(
            c.last
                .iter()
                .any(|r| r.button_ids().any(|b| b.starts_with("fix:billing"))),
            "{}",
            c.last_text
        );
    }
}

#[test]
fn pressing_only_the_first_option_walks_the_check_with_monthly_billing() {
    let mut c = Chat::new(Lang::ZhCn);
    c.text("/start");
    c.press("menu:new");
    for _ in 0..30 {
        if c.asked() == "quote" {
            break;
        }
        let first = c
            .last
            .last()
            .and_then(|r| r.button_ids().next().map(str::to_owned));
        match (c.state.at, first) {
            // Questions answered by typing (an ID, a date, an amount).
            (Position::Instance, _) => c.text("uhost-1a2b3c4d"),
            (Position::Start, _) => c.text("2026-03-01"),
            (Position::Paid, _) => c.text("800"),
            (Position::DeleteAt, _) => c.text("2026-03-11"),
            (_, Some(id)) => c.press(&id),
            (p, None) => panic!("{p:?} has no option: {}", c.last_text),
        };
    }
    assert_eq!(c.asked(), "quote", "{}", c.last_text);
    assert_eq!(c.cases[0].data.draft.billing, Some(Billing::Monthly));
}
