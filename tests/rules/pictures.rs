//! The case picture of every published worked example (policy-facts.md), in
//! both languages: each amount and date of the case in its SVG, in the
//! language's own form, and a PNG of the promised width; then a picture per
//! stage of a case, each saying where the money is.

use crate::facts::{self, d, sh};
use chrono::{DateTime, Datelike, NaiveDate, TimeDelta, Utc};
use refund_assistant::case::{CaseData, CaseStatus, CaseView, Draft, EventView};
use refund_assistant::input::parse_instance_id;
use refund_assistant::picture::{Order, Painter, WIDTH};
use refund_assistant::policy::calendar::Calendar;
use refund_assistant::policy::escalation::{Body, Escalated};
use refund_assistant::policy::timeline::local_date;
use refund_assistant::policy::{
    Billing, CaseFacts, Order as PaidOrder, OrderKind, Overage, Profile, ProfileId, ProviderFacts,
    RequestKind, ValueAdded, assess_with,
};
use refund_assistant::render::{Lang, Renderer};
use std::sync::Arc;

fn painter() -> Painter {
    let r = Arc::new(Renderer::new().expect("templates"));
    Painter::load(None, r, Arc::new(Calendar::china())).expect("the shipped font")
}

/// A quoted case of these facts under `profile`, as the conversation keeps it.
fn view(f: &CaseFacts, profile: ProfileId, instance: &str) -> CaseView {
    let cal = Calendar::china();
    let a = assess_with(f, &ProviderFacts::default(), Profile::load(profile), &cal, f.at).expect("a quote");
    let o = &f.orders[0];
    let draft = Draft {
        billing: Some(f.billing),
        instance: parse_instance_id(instance).ok(),
        start: Some(o.start),
        end: Some(o.end),
        paid: Some(o.paid),
        delete_at: Some(f.at),
        ..Draft::default()
    };
    CaseView {
        number: 7,
        status: CaseStatus::Quoted,
        data: CaseData {
            draft,
            policy: profile,
            assessment: Some(a),
            ..CaseData::default()
        },
        events: vec![],
        contacts: vec![],
        created_at: f.at,
    }
}

/// A day as each language's pictures write it in full (without the weekday).
fn long(lang: Lang, day: NaiveDate) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    match lang {
        Lang::ZhCn => format!("{}年{}月{}日", day.year(), day.month(), day.day()),
        Lang::En => format!("{} {} {}", day.day(), MONTHS[day.month0() as usize], day.year()),
    }
}

/// The picture of `c` a day after its deletion, checked in both languages:
/// every figure given, the order's days and the deletion, and the PNG.
fn check(p: &Painter, c: &CaseView, figures: &[&str]) {
    let d = &c.data.draft;
    let now: DateTime<Utc> = d.delete_at.expect("deleted") + TimeDelta::days(1);
    let days = [d.start, d.end, d.delete_at].map(|t| local_date(t.expect("a day")));
    for lang in Lang::ALL {
        let order = Order {
            case: c.clone(),
            now,
            lang,
            estimate: true,
        };
        let drawing = p.svg(&order);
        let all = drawing.texts.join("\n");
        for f in figures {
            assert!(all.contains(f), "{f} missing ({lang:?}):\n{all}");
        }
        for day in days {
            let day = long(lang, day);
            assert!(all.contains(&day), "{day} missing ({lang:?}):\n{all}");
        }
        assert!(!all.contains("[picture."), "a label did not render:\n{all}");
        if lang == Lang::En {
            let chinese: String = all
                .chars()
                .filter(|c| ('\u{3000}'..='\u{9FFF}').contains(c))
                .collect();
            assert!(chinese.is_empty(), "{chinese}\n{all}");
        }
    }
    let pic = p
        .draw(&Order {
            case: c.clone(),
            now,
            lang: Lang::ZhCn,
            estimate: true,
        })
        .expect("a picture");
    let png = resvg::tiny_skia::Pixmap::decode_png(&pic.png).expect("a PNG");
    assert_eq!((png.width(), png.height()), (WIDTH as u32, pic.height));
}

fn ucloud(
    billing: Billing,
    paid: &str,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    at: DateTime<Utc>,
) -> CaseFacts {
    facts::case(billing, paid, start, end, at)
}

fn yearly(paid: &str, years: i32, used_hours: i64) -> CaseFacts {
    let start = sh(2025, 1, 1, 0, 0, 0);
    let mut f = ucloud(
        Billing::Yearly,
        paid,
        start,
        sh(2025 + years, 1, 1, 0, 0, 0),
        start + TimeDelta::hours(used_hours),
    );
    f.monthly_price = Some(d("800"));
    f
}

#[test]
fn each_of_uclouds_five_worked_examples_has_its_picture() {
    let p = painter();
    let start = sh(2026, 4, 1, 0, 0, 0);
    let one = ucloud(
        Billing::Monthly,
        "800",
        start,
        sh(2026, 5, 1, 0, 0, 0),
        start + TimeDelta::days(10),
    );
    check(
        &p,
        &view(&one, ProfileId::Ucloud, "uhost-1a2b3c4d"),
        &["¥800.00", "¥400.00"],
    );
    let start = sh(2026, 1, 1, 0, 0, 0);
    let two = ucloud(
        Billing::Monthly,
        "2400",
        start,
        sh(2026, 4, 1, 0, 0, 0),
        start + TimeDelta::days(45),
    );
    check(
        &p,
        &view(&two, ProfileId::Ucloud, "uhost-1a2b3c4d"),
        &["¥2,400.00", "¥1,800.00", "¥600.00"],
    );
    let three = yearly("8000", 1, 1460);
    check(
        &p,
        &view(&three, ProfileId::Ucloud, "uhost-1a2b3c4d"),
        &["¥8,000.00", "¥1,600.00", "¥6,400.00"],
    );
    let four = yearly("8000", 1, 8030);
    check(
        &p,
        &view(&four, ProfileId::Ucloud, "uhost-1a2b3c4d"),
        &["¥8,000.00", "¥0.00"],
    );
    let five = yearly("14400", 3, 10950);
    check(
        &p,
        &view(&five, ProfileId::Ucloud, "uhost-1a2b3c4d"),
        &["¥14,400.00", "¥12,000.00", "¥2,400.00"],
    );
}

#[test]
fn the_eip_daily_and_lightweight_host_examples_have_their_pictures() {
    let p = painter();
    let start = sh(2026, 4, 10, 15, 37, 43);
    let end = sh(2026, 5, 10, 15, 37, 43);
    let mut eip = ucloud(Billing::Monthly, "33.75", start, end, sh(2026, 4, 22, 23, 37, 43));
    eip.orders[0].list_price = Some(d("75.00"));
    eip.orders.push(PaidOrder {
        kind: OrderKind::Downgrade,
        start: sh(2026, 4, 22, 23, 32, 4),
        end,
        paid: d("-2.21"),
        list_price: Some(d("-26.51")),
    });
    check(
        &p,
        &view(&eip, ProfileId::Ucloud2026, "eip-abcd1234"),
        &["¥31.54", "¥30.83", "¥0.71"],
    );
    let start = sh(2026, 4, 1, 0, 0, 0);
    let daily = ucloud(
        Billing::Daily,
        "30",
        start,
        start + TimeDelta::days(1),
        start + TimeDelta::hours(12),
    );
    check(
        &p,
        &view(&daily, ProfileId::Ucloud, "udisk-1a2b3c4d"),
        &["¥30.00", "¥18.75", "¥11.25"],
    );
    for (paid, months, figures) in [
        ("34", 1, ["¥34.00", "¥17.00", "¥17.00"]),
        ("68", 2, ["¥68.00", "¥17.00", "¥51.00"]),
    ] {
        let start = sh(2026, 3, 1, 0, 0, 0);
        let f = ucloud(
            Billing::Monthly,
            paid,
            start,
            sh(2026, 3 + months, 1, 0, 0, 0),
            sh(2026, 3, 10, 12, 0, 0),
        );
        check(&p, &view(&f, ProfileId::Ulhost, "ulhost-1tregne0qp7u"), &figures);
    }
}

#[test]
fn every_deduction_and_the_gift_part_are_labelled_with_their_amounts() {
    let p = painter();
    let start = sh(2026, 4, 1, 0, 0, 0);
    let mut f = ucloud(
        Billing::Monthly,
        "800",
        start,
        sh(2026, 5, 1, 0, 0, 0),
        start + TimeDelta::days(10),
    );
    f.gift = d("200");
    f.voucher = d("50");
    f.overage = Some(Overage {
        quota: d("100"),
        used: d("120"),
        unit_price: d("0.8"),
        unit: Some("GB".into()),
    });
    f.value_added = vec![ValueAdded {
        name: "我自己写的服务名".into(),
        price: d("100"),
        used_share: Some(d("0.5")),
        refundable: true,
    }];
    let c = view(&f, ProfileId::Ucloud, "uhost-1a2b3c4d");
    let q = &c.data.assessment.as_ref().expect("quoted").quote;
    assert!(q.refund_gift > rust_decimal::Decimal::ZERO);
    let gift = format!("¥{:.2}", q.refund_gift);
    let cash = format!("¥{:.2}", q.refund_cash);
    check(&p, &c, &["¥16.00", "¥50.00", &gift, &cash]);
    let zh = p.svg(&Order {
        case: c,
        now: start + TimeDelta::days(11),
        lang: Lang::ZhCn,
        estimate: true,
    });
    let all = zh.texts.join("\n");
    for label in [
        "超出套餐的用量",
        "增值服务",
        "退回赠金",
        "退回现金",
        "代金券 ¥50.00",
    ] {
        assert!(all.contains(label), "{label} missing:\n{all}");
    }
    assert!(
        !all.contains("我自己写的服务名"),
        "typed words are not drawn:\n{all}"
    );
}

/// A UCloud case asked for from support, at each stage a case can reach.
#[test]
fn each_stage_says_where_the_money_is_and_the_ladder_dates_are_drawn() {
    let p = painter();
    let start = sh(2026, 4, 1, 0, 0, 0);
    let f = ucloud(
        Billing::Monthly,
        "800",
        start,
        sh(2026, 5, 1, 0, 0, 0),
        start + TimeDelta::days(10),
    );
    let base = view(&f, ProfileId::Ucloud, "uhost-1a2b3c4d");
    let at = start + TimeDelta::days(10);
    let event = |status, days| EventView {
        status,
        at: at + TimeDelta::days(days),
        note: None,
    };
    let mut cases: Vec<(&str, CaseView)> = Vec::new();
    let mut c = base.clone();
    c.data.draft.delete_at = Some(sh(2026, 6, 1, 0, 0, 0));
    cases.push(("还没申请", c));
    cases.push(("退款已在 UCloud 余额里", base.clone()));
    let mut c = base.clone();
    c.data.draft.request = Some(RequestKind::Requested);
    c.data.submitted_at = Some(at);
    c.status = CaseStatus::Submitted;
    cases.push(("已申请：等厂商审核", c.clone()));
    let mut refused = c.clone();
    refused.status = CaseStatus::Rejected;
    refused.events = vec![event(CaseStatus::Rejected, 2)];
    cases.push(("厂商拒绝了", refused.clone()));
    let mut appealed = refused.clone();
    appealed.events.push(event(CaseStatus::Rejected, 9));
    cases.push(("申诉后仍被拒", appealed.clone()));
    let mut complained = appealed.clone();
    complained.data.escalation.complained_at = Some(at + TimeDelta::days(10));
    complained.data.escalation.arose = Some(local_date(at + TimeDelta::days(2)));
    cases.push(("满 15 天：可向工信部（12300）申诉", complained.clone()));
    let mut escalated = complained.clone();
    escalated.data.escalation.escalated = vec![Escalated {
        body: Body::Miit,
        at: at + TimeDelta::days(26),
    }];
    cases.push(("工信部答复期限", escalated));
    let mut withdrawal = base.clone();
    withdrawal.data.withdrawal_at = Some(at + TimeDelta::days(1));
    cases.push(("已申请提现：钱在路上", withdrawal));
    let mut arrived = base.clone();
    arrived.status = CaseStatus::Refunded;
    arrived.events = vec![event(CaseStatus::Refunded, 3)];
    cases.push(("钱已到账", arrived));
    for (said, c) in cases {
        let now = at + TimeDelta::days(30);
        let zh = p.svg(&Order {
            case: c.clone(),
            now,
            lang: Lang::ZhCn,
            estimate: false,
        });
        let all = zh.texts.join("\n");
        assert!(all.contains(said), "{said} missing:\n{all}");
        let en = p.svg(&Order {
            case: c,
            now,
            lang: Lang::En,
            estimate: false,
        });
        assert!(!en.texts.join("").contains(said));
    }
}
