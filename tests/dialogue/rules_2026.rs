//! The providers' rules as of 2026 in the conversation: UCloud's refund
//! grounds cited by the clause number in force on the order date (15 from
//! 2026-04-20, 14 before), the lawyer-fee clause said before any court step,
//! the five days for a written objection when the amount differs, and
//! Huawei's fee asked from the user's own refund order, never computed.

use crate::common::{Chat, sh};
use refund_assistant::render::Lang;

/// A monthly UCloud host of ¥800 bought on `start`, asked from support for
/// a drop in service quality, submitted and refused: returns the chat after
/// the request text and the appeal, with both texts.
fn refused_with_ground(lang: Lang, start: &str, end: &str, deleted: &str) -> (Chat, String, String) {
    let mut c = Chat::new(lang);
    c.now = sh(2026, 5, 12, 10);
    c.text("/start");
    c.press("menu:new");
    c.press("billing:monthly");
    c.press("account:none");
    c.text("uhost-1a2b3c4d");
    c.text(start);
    c.text(end);
    c.text("800元");
    c.text(deleted);
    assert_eq!(c.asked(), "quote", "{:?}", c.keys());
    c.press("result:refine");
    for b in [
        "list:none",
        "voucher:none",
        "gift:none",
        "overage:none",
        "vas:none",
        "request:requested",
    ] {
        c.press(b);
    }
    assert_eq!(c.asked(), "q.ground");
    c.press("ground:service-quality");
    if c.asked() == "q.reason" {
        c.press("reason:performance");
    }
    assert_eq!(c.asked(), "quote", "{:?}", c.keys());
    let request = c.press("result:request");
    c.press("result:submitted");
    c.press("when:now");
    c.press("follow:rejected");
    let appeal = c.press("reject:not_eligible");
    (c, request, appeal)
}

#[test]
fn an_appeal_for_a_2026_order_cites_clause_15_and_for_a_2025_order_clause_14() {
    let (_, request, appeal) = refused_with_ground(Lang::ZhCn, "2026-05-01", "2026-05-31", "2026-05-11");
    for text in [&request, &appeal] {
        assert!(text.contains("《UCloud 用户协议》第十五条"), "{text}");
        assert!(!text.contains("第十四条（1）"), "{text}");
    }
    // A fault reported and not fixed for 30 days: the framework agreement's second ground.
    assert!(appeal.contains("4.1.4"), "{appeal}");
    let (_, request, appeal) = refused_with_ground(Lang::ZhCn, "2025-11-01", "2025-11-30", "2025-11-11");
    for text in [&request, &appeal] {
        assert!(text.contains("《UCloud 用户协议》第十四条"), "{text}");
        assert!(!text.contains("第十五条"), "{text}");
    }
    let (_, _, appeal) = refused_with_ground(Lang::En, "2026-05-01", "2026-05-31", "2026-05-11");
    assert!(
        appeal.contains("clause 15 of the UCloud user agreement"),
        "{appeal}"
    );
    let (_, _, appeal) = refused_with_ground(Lang::En, "2025-11-01", "2025-11-30", "2025-11-11");
    assert!(
        appeal.contains("clause 14 of the UCloud user agreement"),
        "{appeal}"
    );
}

#[test]
fn the_ucloud_ladder_says_the_lawyer_fee_clause_before_small_claims_and_no_province_figure() {
    for (lang, fee, small) in [
        (Lang::ZhCn, "至少 ¥30,000", "小额诉讼"),
        (Lang::En, "at least ¥30,000", "Small claims"),
    ] {
        let mut c = Chat::new(lang);
        c.monthly_800();
        c.press("result:submitted");
        c.press("when:now");
        c.press("follow:rejected");
        c.press("reject:not_eligible");
        // The appeal refused on another day.
        c.now += chrono::TimeDelta::days(2);
        c.press("follow:rejected");
        c.press("reject:not_eligible");
        assert!(c.keys().contains(&"ladder".to_owned()), "{lang:?} {:?}", c.keys());
        let text = &c.last_text;
        let warned = text
            .find(fee)
            .unwrap_or_else(|| panic!("{lang:?}: no lawyer fees in {text}"));
        let court = text.find(small).expect("small claims");
        assert!(
            warned < court,
            "{lang:?}: the warning comes before the court step: {text}"
        );
        assert!(
            text.contains("12315") && (text.contains("杨浦") || text.contains("Yangpu")),
            "{text}"
        );
        assert!(
            !text.contains("54,323"),
            "no province's figure for a user whose province is unknown: {text}"
        );
    }
}

#[test]
fn a_different_amount_on_ucloud_says_the_five_day_written_objection_date_at_once() {
    for (lang, due, letter) in [
        (Lang::ZhCn, "3月16日", "本函即为对上述退费账单的书面异议"),
        (Lang::En, "16 Mar", "This message is my written objection"),
    ] {
        let mut c = Chat::new(lang);
        // Deleted on 11 March: the refund bill is due an objection by 16 March.
        c.monthly_800();
        c.press("result:submitted");
        c.press("when:now");
        c.press("follow:different");
        let text = c.text("350");
        assert!(text.contains("3.3.6"), "{lang:?}: {text}");
        assert!(text.contains(due), "{lang:?}: {text}");
        assert!(text.contains(letter), "{lang:?}: {text}");
        assert_eq!(
            c.last
                .iter()
                .find(|r| r.key == "followup.different")
                .map(|r| r.data["letter"]["objection"]["due"].clone()),
            Some(serde_json::json!("2026-03-16"))
        );
    }
}

#[test]
fn huawei_asks_the_fee_on_the_refund_order_and_deducts_it() {
    for (lang, before, after) in [
        (Lang::ZhCn, "未扣手续费", "预计退款 ¥43.33"),
        (Lang::En, "before the fee", "Expected refund ¥43.33"),
    ] {
        let mut c = Chat::new(lang);
        c.text("/start");
        c.press("menu:new");
        c.press("billing:monthly");
        c.press("account:none");
        c.press("provider:huawei");
        c.text("2026-03-01");
        c.text("2026-03-31");
        c.text("100");
        c.text("2026-03-15");
        assert_eq!(c.asked(), "cloud_result", "{lang:?} {:?}", c.keys());
        assert!(c.last_text.contains(before), "{lang:?}: {}", c.last_text);
        c.press("result:refine");
        assert_eq!(c.asked(), "q.need", "{lang:?} {:?}", c.keys());
        assert_eq!(
            c.last
                .iter()
                .find(|r| r.key == "q.need")
                .map(|r| r.data["need"].clone()),
            Some(serde_json::json!("refund_fee"))
        );
        c.text("10");
        for b in ["voucher:none", "gift:none"] {
            c.press(b);
        }
        if c.asked() == "q.reason" {
            c.press("reason:performance");
        }
        assert!(c.last_text.contains(after), "{lang:?}: {}", c.last_text);
        let q = &c.cases[0].data.assessment.as_ref().expect("quoted").quote;
        assert!(q.lines.iter().any(|l| l.key == "fee_given"));
    }
}

/// A Lighthouse instance of a year, 918 paid, returned after 30 days: the
/// list price is asked (the days used are charged at it) and the published
/// example's 829.23 follows.
fn lighthouse(lang: Lang, instance: Option<&str>) -> Chat {
    let mut c = Chat::new(lang);
    c.text("/start");
    c.press("menu:new");
    c.press("billing:yearly");
    c.press("account:none");
    match instance {
        Some(id) => c.text(id),
        None => c.press("product:lighthouse"),
    };
    c.text("2026-01-01");
    c.press("end:1y");
    c.text("918");
    c.text("2026-01-31");
    assert_eq!(
        c.last
            .iter()
            .find(|r| r.key == "q.need")
            .map(|r| r.data["need"].clone()),
        Some(serde_json::json!("list_price")),
        "{lang:?} {:?}",
        c.keys()
    );
    c.text("1080");
    c
}

#[test]
fn a_lighthouse_id_or_the_product_button_leads_to_lighthouse_rules_and_the_published_figure() {
    for (lang, figure) in [
        (Lang::ZhCn, "预计退款 ¥829.23"),
        (Lang::En, "Expected refund ¥829.23"),
    ] {
        for instance in [Some("lhins-g4bwdjbf"), None] {
            let c = lighthouse(lang, instance);
            assert_eq!(c.asked(), "cloud_result", "{lang:?} {:?}", c.keys());
            assert!(
                c.last_text.contains(figure),
                "{lang:?} {instance:?}: {}",
                c.last_text
            );
            assert_eq!(
                c.cases[0].data.policy,
                refund_assistant::policy::ProfileId::Lighthouse
            );
        }
    }
}
