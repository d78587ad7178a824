//! Up to the estimate and refining it: the happy path in both languages (the
//! same figure as the `quote` command), buttons only, the account items,
//! arrears and violations, a yearly order, a package at a promotional price.

use crate::common::{Chat, quote_command_refund};
use refund_assistant::case::CaseStatus;
use refund_assistant::conversation::Position;
use refund_assistant::render::Lang;
use rust_decimal::Decimal;
use std::str::FromStr;

#[test]
fn the_happy_path_reaches_the_same_figure_as_the_quote_command_in_chinese() {
    let mut c = Chat::new(Lang::ZhCn);
    let inputs = c.monthly_800();
    assert!(inputs <= 9, "{inputs} inputs from the menu to the estimate");
    let out = c.last_text.clone();
    let expected = quote_command_refund();
    assert_eq!(expected, "400.00");
    assert!(out.contains(&format!("预计退款 ¥{expected}")), "{out}");
    assert!(out.contains("删除资源退费"), "{out}");
    assert_eq!(c.cases.len(), 1);
    assert_eq!(c.cases[0].status, CaseStatus::Quoted);
    let refund = c.cases[0].data.assessment.as_ref().map(|a| a.quote.refund);
    assert_eq!(refund, Some(Decimal::from_str("400.00").expect("decimal")));
    // The next steps are one press away.
    assert!(c.press("result:steps").contains("uhost-1a2b3c4d"));
    let text = c.press("result:request");
    assert!(
        text.contains("uhost-1a2b3c4d") && text.contains("¥400.00"),
        "{text}"
    );
    assert!(c.press("result:evidence").contains("订单详情"));
    // The estimate says what it assumed, and refining replaces it.
    assert!(out.contains("假设没有活动价、代金券"), "{out}");
    c.refine_up_to_reason();
    let refined = c.press("reason:business_change");
    assert_eq!(c.asked(), "quote");
    assert!(!refined.contains("初步估算"), "{refined}");
    assert!(refined.contains("¥400.00"), "{refined}");
}

#[test]
fn buttons_only_the_estimate_takes_eight_inputs_from_the_menu() {
    for lang in [Lang::ZhCn, Lang::En] {
        let mut c = Chat::new(lang);
        c.text("/start");
        let before = c.inputs;
        c.press("menu:new");
        c.press("billing:monthly");
        c.press("account:none");
        c.text("uhost-1a2b3c4d");
        c.text("2026-03-01");
        c.press("end:1m");
        c.text("800");
        c.press("delete:now");
        assert_eq!(c.asked(), "quote", "{:?}", c.keys());
        assert_eq!(c.inputs - before, 8);
        // Deleted at 10:00 on 11 Mar: 1 Mar + 1 month = 744 h, 250 h used,
        // 800 × 250/744 × 1.5 = 403.23 consumed.
        let q = &c.cases[0].data.assessment.as_ref().expect("quoted").quote;
        assert_eq!(q.refund.to_string(), "396.77");
    }
}

#[test]
fn refining_replaces_the_estimate_in_the_case() {
    let mut c = Chat::new(Lang::En);
    c.monthly_800();
    c.press("result:refine");
    assert_eq!(c.asked(), "q.list_price");
    c.press("list:none");
    c.text("100");
    c.text("200");
    for b in [
        "overage:none",
        "vas:none",
        "request:self-service",
        "reason:performance",
    ] {
        c.press(b);
    }
    assert_eq!(c.asked(), "quote");
    let q = &c.cases[0].data.assessment.as_ref().expect("quoted").quote;
    // Same figure, now split between cash and gift balance (200 of 800).
    assert_eq!(q.refund.to_string(), "400.00");
    assert_eq!(q.refund_gift.to_string(), "100.00");
    assert_eq!(c.cases[0].data.draft.voucher, Some(Decimal::from(100)));
}

#[test]
fn the_account_items_clear_with_one_press_or_open_one_by_one() {
    let mut c = Chat::new(Lang::ZhCn);
    c.text("/start");
    c.press("menu:new");
    c.press("billing:monthly");
    assert_eq!(c.asked(), "q.account");
    c.press("account:none");
    assert_eq!(c.asked(), "q.instance");
    let d = &c.state.draft;
    assert_eq!(
        (d.arrears, d.violation, d.customised, d.applicant),
        (
            Some(refund_assistant::policy::Tri::No),
            Some(refund_assistant::policy::Tri::No),
            Some(false),
            Some(refund_assistant::policy::Applicant::Owner)
        )
    );
    c.text("/back");
    c.press("account:items");
    assert_eq!(c.asked(), "q.arrears");
    c.press("arrears:yes");
    assert!(c.keys().contains(&"ack.arrears.yes".to_owned()));
}

#[test]
fn the_happy_path_works_in_english() {
    let mut c = Chat::new(Lang::En);
    c.monthly_800();
    assert!(c.last_text.contains("Expected refund ¥400.00"), "{}", c.last_text);
    c.refine_up_to_reason();
    let out = c.text("The project was cancelled");
    assert_eq!(c.asked(), "quote");
    assert!(out.contains("Expected refund ¥400.00"), "{out}");
    let text = c.press("result:request");
    assert!(text.contains("The project was cancelled"), "{text}");
}

#[test]
fn arrears_and_violations_are_explained_at_once_and_flagged_in_the_result() {
    let mut c = Chat::new(Lang::ZhCn);
    c.text("/start");
    c.press("menu:new");
    c.press("billing:monthly");
    c.press("account:items");
    c.press("arrears:yes");
    assert!(c.keys().contains(&"ack.arrears.yes".to_owned()));
    c.press("violation:unsure");
    assert!(c.keys().contains(&"ack.violation.unsure".to_owned()));
    c.press("customised:yes");
    assert!(c.keys().contains(&"ack.customised.yes".to_owned()));
    c.press("applicant:other");
    assert!(c.keys().contains(&"ack.applicant.other".to_owned()));
    c.text("uhost-1a2b3c4d");
    c.text("2026-03-01");
    c.press("end:1m");
    c.text("800");
    c.press("delete:now");
    assert_eq!(c.asked(), "quote");
    c.press("result:refine");
    c.press("list:none");
    c.text("50");
    c.press("gift:none");
    c.press("overage:none");
    c.press("vas:none");
    assert_eq!(c.asked(), "q.customisation");
    c.text("100");
    c.press("request:requested");
    assert_eq!(c.asked(), "q.ground");
    c.press("ground:none");
    assert!(c.keys().contains(&"ack.ground.none".to_owned()));
    let out = c.press("reason:performance");
    for code in [
        "arrears_outstanding",
        "violation_unknown",
        "applicant_permission",
        "no_agreement_ground",
    ] {
        let q = &c.cases[0].data.assessment.as_ref().expect("quoted").quote;
        assert!(
            q.findings.iter().any(|f| f.code.as_str() == code),
            "{code} missing"
        );
    }
    assert!(out.contains("（另付）不退"), "{out}");
    assert!(out.contains("审核"), "{out}");
}

#[test]
fn a_yearly_order_asks_the_monthly_price_and_estimates_it_when_unknown() {
    let mut c = Chat::new(Lang::ZhCn);
    c.text("/start");
    c.press("menu:new");
    c.press("billing:unsure");
    assert!(c.keys().contains(&"hint.billing".to_owned()));
    assert_eq!(c.asked(), "q.billing");
    c.press("billing:yearly");
    c.press("account:items");
    for b in ["arrears:no", "violation:no", "customised:no", "applicant:finance"] {
        c.press(b);
    }
    c.text("uhost-1a2b3c4d");
    c.text("2025年3月1日");
    c.press("end:1y");
    c.text("7968");
    let first = c.text("2025-05-01");
    assert!(first.contains("估算"), "{first}");
    c.press("result:refine");
    c.press("list:none");
    c.press("voucher:none");
    c.press("gift:none");
    assert_eq!(c.asked(), "q.monthly_price");
    c.press("monthly:unknown");
    c.press("overage:none");
    c.press("vas:none");
    c.press("request:self-service");
    let out = c.text("不想用了");
    assert!(out.contains("估算"), "{out}");
    assert!(out.contains("不允许删除退费"), "{out}");
}

#[test]
fn a_package_product_and_a_promotional_price_are_asked_and_flagged() {
    let mut c = Chat::new(Lang::ZhCn);
    c.text("/start");
    c.press("menu:new");
    c.press("billing:monthly");
    c.press("account:none");
    c.text("ucdn-abcd1234");
    assert_eq!(c.state.at, Position::Package);
    c.press("package:yes");
    assert!(c.keys().contains(&"ack.package.yes".to_owned()));
    c.text("2026-03-01");
    c.text("2026-03-31");
    c.text("800");
    assert_eq!(c.state.at, Position::DeleteAt);
    c.text("2026-03-11");
    c.press("result:refine");
    assert_eq!(c.state.at, Position::ListPrice);
    c.text("1500");
    assert!(c.keys().contains(&"ack.list.promotional".to_owned()));
    for b in ["voucher:none", "gift:none", "overage:none", "vas:none"] {
        c.press(b);
    }
    c.press("request:self-service");
    c.press("reason:business_change");
    let q = &c.cases[0].data.assessment.as_ref().expect("quoted").quote;
    assert_eq!(q.refund.to_string(), "0.00");
    assert!(q.findings.iter().any(|f| f.code.as_str() == "package_product"));
    assert!(q.findings.iter().any(|f| f.code.as_str() == "promotional_order"));
}
