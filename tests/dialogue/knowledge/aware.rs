//! The answers that read the case, on a few case shapes, today being
//! Sunday 6 December 2026 in Beijing.

use crate::knowledge::support::{at, case, now, refused, text};
use refund_assistant::case::CaseView;
use refund_assistant::conversation::knowledge::{About, Channel, Topic, answer};
use refund_assistant::policy::Provider;
use refund_assistant::policy::calendar::Calendar;
use refund_assistant::render::Lang;
use serde_json::Value;

fn ask(topic: Topic, c: &CaseView, channel: Option<Channel>) -> Value {
    let cal = Calendar::china();
    let about = About::new(now(), &cal).with_case(Some(c)).naming(None, channel);
    answer(topic, &about).data
}

fn said(topic: Topic, c: &CaseView, channel: Option<Channel>, lang: Lang) -> String {
    let cal = Calendar::china();
    let about = About::new(now(), &cal).with_case(Some(c)).naming(None, channel);
    text(&answer(topic, &about), lang)
}

#[test]
fn an_alipay_top_up_of_three_weeks_ago_still_takes_ucloud_quick_withdrawal() {
    let c = case(Provider::Ucloud, "2026-11-20 09:30");
    let d = ask(Topic::Withdrawal, &c, Some(Channel::Alipay));
    assert_eq!(d["provider"], "ucloud");
    assert_eq!(d["w"]["topup"], "2026-11-20");
    assert_eq!(d["w"]["alipay_until"], "2027-02-18");
    assert_eq!(d["w"]["alipay_ok"], true);
    let zh = said(Topic::Withdrawal, &c, Some(Channel::Alipay), Lang::ZhCn);
    assert!(zh.contains("如果是用支付宝充值的，到 2027年2月18日"), "{zh}");
    let en = said(Topic::Withdrawal, &c, Some(Channel::Alipay), Lang::En);
    assert!(
        en.contains("if you topped up by Alipay, quick withdrawal until") && en.contains("18 Feb 2027"),
        "{en}"
    );
}

#[test]
fn a_top_up_older_than_ninety_days_goes_by_ticket_unless_it_was_wechat() {
    let c = case(Provider::Ucloud, "2026-06-01 12:00");
    let d = ask(Topic::Withdrawal, &c, None);
    assert_eq!(d["w"]["alipay_ok"], false);
    assert_eq!(d["w"]["year_ok"], true);
    assert_eq!(d["w"]["year_until"], "2027-06-01");
    // Neither channel known: both conditions, nothing asked.
    let zh = said(Topic::Withdrawal, &c, None, Lang::ZhCn);
    assert!(zh.contains("支付宝充值已过 90 天（2026年8月30日"), "{zh}");
    assert!(zh.contains("微信充值到 2027年6月1日"), "{zh}");
    assert!(!zh.contains('？'), "the answer asks nothing: {zh}");
    // The offline withdrawal asked for today: 15 working days from Sunday 6 December.
    assert_eq!(d["w"]["offline"]["latest"], "2026-12-25");
}

#[test]
fn without_a_purchase_date_the_condition_is_said_plainly() {
    let mut c = case(Provider::Ucloud, "2026-11-20 09:30");
    c.data.draft.start = None;
    let d = ask(Topic::Withdrawal, &c, Some(Channel::Wechat));
    assert_eq!(d["w"]["topup"], Value::Null);
    let zh = said(Topic::Withdrawal, &c, Some(Channel::Wechat), Lang::ZhCn);
    assert!(zh.contains("只限 90 天内的支付宝充值或 1 年内的微信充值"), "{zh}");
    assert!(!zh.contains("当作充值日"), "{zh}");
}

#[test]
fn miit_follows_the_case_dates() {
    // No formal complaint yet.
    let c = refused(case(Provider::Ucloud, "2026-10-01 10:00"), "2026-11-02 10:00");
    let d = ask(Topic::Miit, &c, None);
    // Complaining today (6 December), the route opens 15 days later; the
    // fee dispute runs 5 months from the refusal.
    assert_eq!(d["ladder"]["route"]["state"], "needs_complaint");
    assert_eq!(d["ladder"]["route"]["if_today"], "2026-12-21");
    assert_eq!(d["ladder"]["route"]["limit"], "2027-04-02");
    assert!(said(Topic::Miit, &c, None, Lang::ZhCn).contains("现在还不行：先向UCloud正式投诉"));
    // Complained 10 November: the company's 15 days are over.
    let mut open = c.clone();
    open.data.escalation.complained_at = Some(at("2026-11-10 15:00"));
    let d = ask(Topic::Miit, &open, None);
    assert_eq!(d["ladder"]["route"]["state"], "open");
    assert_eq!(d["ladder"]["route"]["limit"], "2027-04-02");
    assert!(said(Topic::Miit, &open, None, Lang::En).contains("Case #1: you may complain now."));
    // Complained 30 November: wait until 15 December.
    let mut wait = c.clone();
    wait.data.escalation.complained_at = Some(at("2026-11-30 15:00"));
    let d = ask(Topic::Miit, &wait, None);
    assert_eq!(d["ladder"]["route"]["state"], "wait");
    assert_eq!(d["ladder"]["route"]["from"], "2026-12-15");
    assert!(said(Topic::Miit, &wait, None, Lang::ZhCn).contains("2026年12月15日（周二） 起可以申诉"));
    // Refused in May: more than five months ago.
    let mut late = refused(case(Provider::Ucloud, "2026-04-01 10:00"), "2026-05-02 10:00");
    late.data.escalation.complained_at = Some(at("2026-05-10 15:00"));
    let d = ask(Topic::Miit, &late, None);
    assert_eq!(d["ladder"]["route"]["state"], "too_late");
    assert!(
        said(Topic::Miit, &late, None, Lang::En)
            .contains("closed: a fee dispute is not accepted after 5 months")
    );
}

#[test]
fn without_a_case_miit_and_12315_say_the_rule_only() {
    let cal = Calendar::china();
    let about = About::new(now(), &cal);
    let reply = answer(Topic::Miit, &about);
    assert_eq!(reply.data["ladder"], Value::Null);
    assert!(!text(&reply, Lang::ZhCn).contains("案例 #"));
}

#[test]
fn twelve_three_fifteen_asks_nothing_but_says_what_decides() {
    let mut c = refused(case(Provider::Tencent, "2026-10-01 10:00"), "2026-11-02 10:00");
    c.data.escalation.complained_at = Some(at("2026-11-10 15:00"));
    assert_eq!(ask(Topic::Samr, &c, None)["ladder"]["route"]["state"], "ask");
    c.data.escalation.company = Some(true);
    let d = ask(Topic::Samr, &c, None);
    assert_eq!(d["ladder"]["route"]["state"], "company");
    assert!(said(Topic::Samr, &c, None, Lang::ZhCn).contains("公司账号很可能不受理"));
}

#[test]
fn the_five_day_window_is_counted_from_the_case_purchase() {
    // Tencent: calendar days, the fifth included.
    let c = case(Provider::Tencent, "2026-12-03 20:00");
    let d = ask(Topic::FiveDay, &c, None);
    assert_eq!(d["five"]["state"], "inside");
    assert_eq!(d["five"]["last_day"], "2026-12-08");
    assert!(said(Topic::FiveDay, &c, None, Lang::ZhCn).contains("到 2026年12月8日（周二） 还在五天内"));
    // Huawei: 5 × 24 hours, over on 4 December 10:00.
    let c = case(Provider::Huawei, "2026-11-29 10:00");
    assert_eq!(ask(Topic::FiveDay, &c, None)["five"]["state"], "outside");
    assert!(
        said(Topic::FiveDay, &c, None, Lang::En)
            .contains("the five days are over (they ended 4 Dec 2026 10:00)")
    );
    // Alibaba: inside by calendar days, outside by hours.
    let c = case(Provider::Aliyun, "2026-12-01 08:00");
    assert_eq!(ask(Topic::FiveDay, &c, None)["five"]["state"], "unclear");
    // UCloud has no five-day refund: nothing computed.
    let c = case(Provider::Ucloud, "2026-12-03 20:00");
    assert_eq!(ask(Topic::FiveDay, &c, None)["five"], Value::Null);
}

#[test]
fn a_submitted_case_is_told_when_the_answer_is_due_and_whether_it_is_late() {
    use refund_assistant::policy::{Assessment, ProfileId, RequestKind, assess};
    let mut c = case(Provider::Ucloud, "2026-11-01 10:00");
    c.data.policy = ProfileId::Ucloud;
    c.data.draft.request = Some(RequestKind::Requested);
    let sub = at("2026-11-25 10:00");
    let profile = refund_assistant::policy::Profile::load(ProfileId::Ucloud);
    let a: Assessment = assess(&sample_facts(), profile, &Calendar::china(), sub).expect("a quote");
    c.data.assessment = Some(a);
    c.data.submitted_at = Some(sub);
    let d = ask(Topic::Timing, &c, None);
    // A review of 1–3 working days from Wednesday 25 November: due Monday 30 November.
    assert_eq!(d["when"]["submitted"]["due"]["latest"], "2026-11-30");
    assert_eq!(d["when"]["submitted"]["late"], true);
    assert!(said(Topic::Timing, &c, None, Lang::ZhCn).contains("已经超期"));
}

/// A monthly UCloud order asked from support, as the policy engine takes it.
fn sample_facts() -> refund_assistant::policy::CaseFacts {
    use refund_assistant::policy::{AccountFacts, Billing, CaseFacts, Order, OrderKind};
    use rust_decimal::Decimal;
    CaseFacts {
        billing: Billing::Monthly,
        product: None,
        instance_id: None,
        orders: vec![Order {
            kind: OrderKind::New,
            start: at("2026-11-01 10:00"),
            end: at("2026-12-01 10:00"),
            paid: Decimal::new(100, 0),
            list_price: None,
        }],
        at: at("2026-11-20 10:00"),
        voucher: Decimal::ZERO,
        gift: Decimal::ZERO,
        monthly_price: None,
        overage: None,
        value_added: Vec::new(),
        customisation_cost: Decimal::ZERO,
        account: AccountFacts {
            request: refund_assistant::policy::RequestKind::Requested,
            ..AccountFacts::default()
        },
    }
}
