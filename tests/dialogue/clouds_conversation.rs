//! Whole conversations about Tencent and Alibaba servers: the provider read
//! from the instance ID in a sentence, the profile's own questions, the
//! figure (or the plain answer that there is none), and every reply naming
//! the right provider.

use crate::common;

use chrono::TimeDelta;
use common::{Chat, sh};
use refund_assistant::cli::quote::{QuoteArgs, execute};
use refund_assistant::conversation::Position;
use refund_assistant::render::Lang;
use serde_json::Value;

const TENCENT_ZH: &str = "ins-rfmme2si 是 2026-01-10 10:00 买的，包年，到期 2027-01-10 10:00，实付 607.16 元，2026-03-11 08:00 退还了，能退多少？";
const TENCENT_EN: &str = "I bought ins-rfmme2si on 2026-01-10 10:00, yearly, ends 2027-01-10 10:00, paid 607.16 yuan, returned it on 2026-03-11 08:00. How much will I get back?";
const ALIYUN_ZH: &str =
    "i-bp1etb69sqxgl4 是 2026-03-01 买的，包月，到期 2026-04-01，实付 300 元，2026-03-09 退订了，能退多少？";
const ALIYUN_EN: &str = "I bought i-bp1etb69sqxgl4 on 2026-03-01, monthly, ends 2026-04-01, paid 300 yuan, unsubscribed it on 2026-03-09. How much will I get back?";

/// The `quote` command's refund for the Tencent case, with `extra` flags set.
fn tencent_quote(discount: Option<&str>) -> Value {
    let args = QuoteArgs {
        policy: Some("tencent".into()),
        instance: Some("ins-rfmme2si".into()),
        billing: Some("yearly".into()),
        paid: Some("607.16".into()),
        start: Some("2026-01-10 10:00".into()),
        end: Some("2027-01-10 10:00".into()),
        at: Some("2026-03-11 08:00".into()),
        monthly_price: Some("71".into()),
        hourly_price: Some("0.42".into()),
        used_discount: discount.map(str::to_owned),
        json: true,
        ..Default::default()
    };
    let (code, out, err) = execute(&args, sh(2026, 3, 11, 10));
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).expect("json");
    v["refund"].clone()
}

/// Every reply since the sentence, rendered, must not name UCloud.
fn no_ucloud(text: &str) {
    for word in ["UCloud", "优刻得", "ucloud", "UHost", "uhost"] {
        assert!(!text.contains(word), "{word} in a reply:\n{text}");
    }
}

/// From the menu: the sentence, the account items, then the profile's own
/// questions: today's monthly price, then the hourly price.
fn tencent_to_figure(lang: Lang, sentence: &str) -> (Chat, String) {
    let mut c = Chat::new(lang);
    c.text("/start");
    let mut seen = c.text(sentence);
    assert_eq!(c.keys()[0], "understood", "{}", c.last_text);
    let after = c.inputs;
    seen += &c.press("account:none");
    assert_eq!(c.state.at, Position::MonthlyPrice, "{}", c.last_text);
    assert_eq!(c.asked(), "q.need");
    assert_eq!(c.last.last().expect("asked").data["need"], "monthly_price");
    seen += &c.text("71");
    assert_eq!(c.state.at, Position::HourlyPrice, "{}", c.last_text);
    // The question says where to find the price.
    let where_ = match lang {
        Lang::ZhCn => "在哪里看",
        Lang::En => "Where to find it",
    };
    assert!(c.last_text.contains(where_), "{}", c.last_text);
    seen += &c.text("0.42");
    assert_eq!(c.asked(), "cloud_result", "{}", c.last_text);
    assert_eq!(c.inputs - after, 3);
    (c, seen)
}

#[test]
fn a_tencent_sentence_reaches_the_quote_commands_figure_in_both_languages() {
    let refund = tencent_quote(None);
    let refund = refund.as_str().expect("a figure");
    for (lang, sentence, said) in [
        (Lang::ZhCn, TENCENT_ZH, "预计退款 ¥"),
        (Lang::En, TENCENT_EN, "Expected refund ¥"),
    ] {
        let (c, seen) = tencent_to_figure(lang, sentence);
        assert!(
            c.last_text.contains(&format!("{said}{refund}")),
            "{refund}: {}",
            c.last_text
        );
        let case = &c.cases[0];
        assert_eq!(case.data.policy.as_str(), "tencent");
        no_ucloud(&seen);
        // Without a discount the answer says so (the figure is the lowest).
        let named = match lang {
            Lang::ZhCn => "按无折扣",
            Lang::En => "no discount",
        };
        assert!(c.last_text.contains(named), "{}", c.last_text);
    }
}

#[test]
fn refining_a_tencent_case_asks_the_discount_and_matches_the_quote_command_again() {
    let (mut c, _) = tencent_to_figure(Lang::En, TENCENT_EN);
    c.press("result:refine");
    assert_eq!(c.state.at, Position::UsedDiscount);
    // A discount typed wrong is explained, with an example, and nothing is lost.
    c.text("cheap");
    assert_eq!(c.keys()[0], "check.discount_format");
    assert!(c.last_text.contains("0.88"), "{}", c.last_text);
    assert_eq!(c.state.at, Position::UsedDiscount);
    c.text("88%");
    assert_eq!(c.state.at, Position::HourlyTier);
    c.press("tier:none");
    c.press("bandwidth:none");
    c.press("renewals:none");
    c.press("voucher:none");
    c.press("gift:none");
    c.press("reason:business_change");
    assert_eq!(c.asked(), "cloud_result", "{}", c.last_text);
    let refund = tencent_quote(Some("0.88"));
    assert!(
        c.last_text
            .contains(&format!("Expected refund ¥{}", refund.as_str().expect("figure"))),
        "{refund}: {}",
        c.last_text
    );
}

#[test]
fn tencent_follow_ups_use_tencents_windows_and_name_tencent() {
    let (mut c, mut seen) = tencent_to_figure(Lang::ZhCn, TENCENT_ZH);
    for b in ["result:steps", "result:request", "result:evidence"] {
        seen += &c.press(b);
    }
    assert!(seen.contains("腾讯云"), "{seen}");
    assert!(seen.contains("3–5 分钟"), "{seen}");
    seen += &c.press("result:submitted");
    seen += &c.press("when:now");
    assert_eq!(c.keys()[0], "followup.submitted");
    let followed = &c.last[0].data["followed"]["window"];
    // Tencent's ticket window: within 2 working days (UCloud's would be 7–15).
    assert_eq!(followed["max_days"], 2, "{followed}");
    // Five days later, nothing arrived: overdue, with Tencent's places to check.
    c.now += TimeDelta::days(5);
    seen += &c.press("follow:not_arrived");
    assert_eq!(c.keys()[0], "cloud_followup_not_arrived");
    assert_eq!(c.last[0].data["overdue"], true);
    assert!(c.last_text.contains("回收站"), "{}", c.last_text);
    seen += &c.press("follow:rejected");
    seen += &c.press("reject:not_eligible");
    assert_eq!(c.keys()[0], "cloud_appeal");
    seen += &c.press("follow:different");
    seen += &c.text("100");
    assert_eq!(c.keys()[0], "cloud_followup_different");
    seen += &c.text("/tips");
    seen += &c.text("/case 1");
    no_ucloud(&seen);
}

/// An Alibaba case outside the five days, to its answer.
fn aliyun(lang: Lang, sentence: &str) -> (Chat, String) {
    let mut c = Chat::new(lang);
    c.text("/start");
    let mut seen = c.text(sentence);
    assert_eq!(c.keys()[0], "understood", "{}", c.last_text);
    seen += &c.press("account:none");
    assert_eq!(c.asked(), "cloud_result", "{}", c.last_text);
    (c, seen)
}

#[test]
fn an_alibaba_case_outside_the_five_days_gets_no_figure_and_a_clear_answer() {
    for (lang, sentence, none, console) in [
        (Lang::ZhCn, ALIYUN_ZH, "无法给出金额", "非全额退订"),
        (
            Lang::En,
            ALIYUN_EN,
            "No figure can be given",
            "non-full unsubscription",
        ),
    ] {
        let (mut c, mut seen) = aliyun(lang, sentence);
        let result = c.last.last().expect("result");
        assert!(result.data["figure"].is_null(), "{}", result.data);
        assert!(c.last_text.contains(none), "{}", c.last_text);
        assert!(c.last_text.contains(console), "{}", c.last_text);
        // No "¥0.00" passed off as the refund.
        assert!(!c.last_text.contains("¥0.00"), "{}", c.last_text);
        assert!(c.last_text.contains("2–3"), "{}", c.last_text);
        // Everything else still works.
        for b in ["result:steps", "result:request", "result:evidence"] {
            seen += &c.press(b);
        }
        assert!(
            seen.contains("InquiryPriceRefundInstance") || seen.contains(console),
            "{seen}"
        );
        seen += &c.press("result:submitted");
        seen += &c.press("when:now");
        assert_eq!(c.last[0].data["followed"]["window"]["max_days"], 3);
        c.now += TimeDelta::days(7);
        seen += &c.press("follow:not_arrived");
        assert_eq!(c.last[0].data["overdue"], true);
        seen += &c.press("follow:different");
        assert!(!c.last_text.contains("¥0.00"), "{}", c.last_text);
        seen += &c.text("250");
        assert_eq!(c.keys()[0], "cloud_followup_different");
        seen += &c.text("/case 1");
        seen += &c.text("/cases");
        assert!(!c.last_text.contains("¥0.00"), "{}", c.last_text);
        no_ucloud(&seen);
    }
}

#[test]
fn an_instance_id_that_names_no_cloud_asks_for_the_provider_and_the_profile_follows() {
    let mut c = Chat::new(Lang::En);
    c.text("/start");
    c.press("menu:new");
    c.press("billing:monthly");
    c.press("account:none");
    c.text("eip-1a2b3c4d");
    assert_eq!(c.state.at, Position::Provider);
    let first = c
        .last
        .last()
        .expect("asked")
        .button_ids()
        .next()
        .map(str::to_owned);
    assert_eq!(first.as_deref(), Some("provider:ucloud"));
    c.press("provider:huawei");
    c.text("2026-03-01 10:30");
    c.press("end:1m");
    c.text("100");
    c.text("2026-03-03 10:00");
    // Inside Huawei's 5 × 24 hours: whether the chance is left is asked.
    assert_eq!(c.state.at, Position::FirstRefund);
    c.press("first:yes");
    assert_eq!(c.asked(), "cloud_result", "{}", c.last_text);
    assert_eq!(c.cases[0].data.policy.as_str(), "huawei");
    assert!(c.last_text.contains("Expected refund ¥100.00"), "{}", c.last_text);
    assert!(c.last_text.contains("Huawei Cloud"), "{}", c.last_text);
}
