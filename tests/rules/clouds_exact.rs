//! The other clouds at the policy layer, exact to the line: breakdowns that
//! add up, figures with two decimals, Huawei's fee year and whole hours by the
//! calendar, unstarted resources, and what the rules exclude said plainly.

use crate::facts;

use facts::{case, d, fee_rate, line, not_first, run, sh};
use refund_assistant::policy::provider::parse_share;
use refund_assistant::policy::{Billing, FindingCode as C, Profile, ProfileId, ProviderFacts};
use rust_decimal::Decimal;

#[test]
fn tencent_lines_are_rounded_as_shown_and_the_value_used_is_their_sum() {
    // Issue 20, item 1: 2 months × 5813.32 × 0.83 = 9650.1112 and 1 s at
    // 17.10/h = 0.00475 used to show 9650.11 + 0.00 against 9650.12.
    let mut f = case(
        Billing::Monthly,
        "19523.76",
        sh(2027, 11, 9, 0, 0, 0),
        sh(2028, 2, 9, 0, 0, 0),
        sh(2028, 1, 9, 0, 0, 1),
    );
    f.monthly_price = Some(d("5813.32"));
    let pf = ProviderFacts {
        hourly_price: Some(d("17.10")),
        used_discount: Some(d("0.83")),
        ..Default::default()
    };
    let q = run(ProfileId::Tencent, &f, &pf);
    assert_eq!(line(&q, "months_used"), Some(d("9650.11")));
    assert_eq!(line(&q, "hours_used"), Some(d("0.00")));
    assert_eq!(line(&q, "value_used"), Some(d("9650.11")));
    assert_eq!(q.consumed, d("9650.11"));
    assert_eq!(q.refund, d("19523.76") - d("9650.11"));
}

#[test]
fn a_consumption_capped_at_what_was_paid_keeps_two_decimals() {
    // Item 2: 2 months × 80 = 160 against 100 paid showed consumed "100".
    let mut f = case(
        Billing::Yearly,
        "100",
        sh(2026, 1, 10, 10, 0, 0),
        sh(2027, 1, 10, 10, 0, 0),
        sh(2026, 3, 10, 10, 0, 0),
    );
    f.monthly_price = Some(d("80"));
    let q = run(ProfileId::Tencent, &f, &not_first());
    assert_eq!(q.consumed.to_string(), "100.00");
    assert_eq!(q.refund.to_string(), "0.00");
}

#[test]
fn huawei_a_one_year_order_over_29_february_gets_the_one_year_rate() {
    // Item 3: 366 days + the hours to Huawei's 23:59:59 expiry are one year by
    // the calendar, not "more than 365 days + 1" (which picked 15 %).
    let f = case(
        Billing::Yearly,
        "16307",
        sh(2024, 2, 14, 11, 40, 35),
        sh(2025, 2, 14, 23, 59, 59),
        sh(2024, 8, 23, 9, 35, 9),
    );
    let q = run(ProfileId::Huawei, &f, &ProviderFacts::default());
    assert_eq!(fee_rate(&q).as_deref(), Some("10"), "{:?}", q.lines);
    assert_eq!(line(&q, "fee_range"), Some(d("1630.70")));
}

#[test]
fn huawei_the_last_day_of_a_three_year_order_is_its_third_year() {
    // Item 3: 26 303 of 26 304 hours used was "year 4", a row the table lacks.
    let f = case(
        Billing::Yearly,
        "4772",
        sh(2027, 8, 8, 4, 0, 0),
        sh(2030, 8, 8, 4, 0, 0),
        sh(2030, 8, 8, 3, 31, 24),
    );
    let q = run(ProfileId::Huawei, &f, &not_first());
    assert_eq!(fee_rate(&q).as_deref(), Some("5"), "{:?}", q.lines);
    // Up to the anniversary itself is still the year it ends.
    let mut at_anniversary = f.clone();
    at_anniversary.orders[0].end = sh(2030, 8, 8, 23, 59, 59);
    at_anniversary.at = sh(2028, 8, 8, 4, 0, 0);
    let q = run(ProfileId::Huawei, &at_anniversary, &not_first());
    assert_eq!(fee_rate(&q).as_deref(), Some("15"), "{:?}", q.lines);
}

#[test]
fn what_the_rules_exclude_refunds_nothing_and_says_what_applies() {
    // Item 4: pay-as-you-go (T1, H1, A1 scopes) and Huawei's trials.
    for (id, billing, code) in [
        (ProfileId::Tencent, Billing::Hourly, C::NotPrepaid),
        (ProfileId::Tencent, Billing::Daily, C::NotPrepaid),
        (ProfileId::Huawei, Billing::Hourly, C::NotPrepaid),
        (ProfileId::Huawei, Billing::Trial, C::TrialNotRefundable),
        (ProfileId::Aliyun, Billing::Daily, C::NotPrepaid),
        (ProfileId::Aliyun, Billing::Hourly, C::NotPrepaid),
    ] {
        let f = case(
            billing,
            "100",
            sh(2026, 1, 1, 0, 0, 0),
            sh(2026, 2, 1, 0, 0, 0),
            sh(2026, 1, 20, 0, 0, 0),
        );
        let q = run(id, &f, &ProviderFacts::default());
        assert!(q.has(code), "{id:?} {billing:?}: {:?}", q.findings);
        assert_eq!(q.figure(), Some(d("0.00")), "{id:?} {billing:?}");
        assert_eq!(q.refund.to_string(), "0.00");
        assert!(q.lines.iter().any(|l| l.key == "excluded"));
        // Nothing is computed from the time used, so nothing is asked.
        assert!(Profile::load(id).needs(&f, &ProviderFacts::default()).is_empty());
    }
    // Prepaid billing is still computed.
    let f = case(
        Billing::Monthly,
        "100",
        sh(2026, 1, 1, 0, 0, 0),
        sh(2026, 2, 1, 0, 0, 0),
        sh(2026, 1, 20, 0, 0, 0),
    );
    let q = run(ProfileId::Huawei, &f, &not_first());
    assert!(!q.has(C::NotPrepaid) && q.refund > Decimal::ZERO);
}

#[test]
fn huawei_an_unstarted_resource_comes_back_whole_vouchers_included() {
    // Item 5 (H1): nothing charged, vouchers returned, no five-day quota used.
    let mut f = case(
        Billing::Monthly,
        "80",
        sh(2026, 3, 10, 10, 30, 0),
        sh(2026, 4, 10, 23, 59, 59),
        sh(2026, 3, 1, 10, 0, 0),
    );
    f.voucher = d("20");
    let q = run(ProfileId::Huawei, &f, &not_first());
    assert_eq!(q.refund, d("80.00"));
    assert_eq!(line(&q, "voucher_returned"), Some(d("20.00")));
    assert!(q.has(C::NotStartedFullRefund));
    for c in [
        C::FiveDayUnsure,
        C::HandlingFeeUnpublished,
        C::DateOutsideOrder,
        C::VouchersNotRefunded,
    ] {
        assert!(!q.has(c), "{c:?}");
    }
    assert!(
        Profile::load(ProfileId::Huawei)
            .needs(&f, &not_first())
            .is_empty()
    );
}

#[test]
fn huawei_counts_whole_hours_rounded_down_and_says_so_for_an_end_inside_an_hour() {
    // Item 6: the page's example (10:30 → 23:59:59 is 758 h) is unchanged;
    // an end at 10:30 counts to 10:00, not up to 11:00.
    let example = case(
        Billing::Monthly,
        "758",
        sh(2024, 1, 1, 10, 30, 0),
        sh(2024, 2, 1, 23, 59, 59),
        sh(2024, 1, 15, 18, 40, 0),
    );
    let q = run(ProfileId::Huawei, &example, &not_first());
    assert_eq!((q.used_hours, q.period_hours), (344, 758));
    let f = q.findings.iter().find(|f| f.code == C::WholeHours).expect("said");
    assert_eq!(f.vars["end_cut"], false);
    let mut cut = example.clone();
    cut.orders[0].end = sh(2024, 2, 1, 10, 30, 0);
    let q = run(ProfileId::Huawei, &cut, &not_first());
    assert_eq!(q.period_hours, 744);
    let f = q.findings.iter().find(|f| f.code == C::WholeHours).expect("said");
    assert_eq!(f.vars["end_cut"], true);
    assert_eq!(f.vars["to"], "2024-02-01 10:00");
    // A length ends where Huawei's console says: 23:59:59 of the last day.
    let huawei = Profile::load(ProfileId::Huawei);
    assert_eq!(
        huawei.expiry(sh(2024, 2, 1, 10, 30, 0)),
        sh(2024, 2, 1, 23, 59, 59)
    );
    let tencent = Profile::load(ProfileId::Tencent);
    assert_eq!(
        tencent.expiry(sh(2024, 2, 1, 10, 30, 0)),
        sh(2024, 2, 1, 10, 30, 0)
    );
}

#[test]
fn a_share_is_read_as_a_decimal_or_a_percentage() {
    // Item 7: a case file's used_discount reads "88%" as the flag does.
    assert_eq!(parse_share("88%"), Some(d("0.88")));
    assert_eq!(parse_share(" 0.83 "), Some(d("0.83")));
    assert_eq!(parse_share("8x8%"), None);
    let pf: ProviderFacts = serde_json::from_str(r#"{"used_discount": "88%"}"#).expect("reads");
    assert_eq!(pf.used_discount, Some(d("0.88")));
    let pf: ProviderFacts = serde_json::from_str(r#"{"used_discount": 0.9}"#).expect("reads");
    assert_eq!(pf.used_discount, Some(d("0.9")));
    let err = serde_json::from_str::<ProviderFacts>(r#"{"used_discount": "cheap"}"#).expect_err("refused");
    assert!(err.to_string().contains("88%"), "{err}");
}

#[test]
fn the_new_findings_and_line_render_in_both_languages() {
    use refund_assistant::policy::{Finding, Line, Severity};
    use refund_assistant::render::{Lang, Renderer};
    let r = Renderer::new().expect("templates load");
    let codes = [
        C::NotPrepaid,
        C::TrialNotRefundable,
        C::NotStartedFullRefund,
        C::WholeHours,
        C::InstanceIdNormalised,
    ];
    for lang in Lang::ALL {
        for provider in ["tencent", "huawei", "aliyun"] {
            for code in codes {
                let f = Finding::new(code, Severity::Risk)
                    .var("provider", provider)
                    .var("billing", "hourly")
                    .var("start", "2026-03-10 10:30")
                    .var("from", "2024-01-01 10:00")
                    .var("to", "2024-02-02 00:00")
                    .var("total", 758)
                    .var("used_to", "2024-01-15 18:00")
                    .var("used", 344)
                    .var("end_cut", true)
                    .var("given_end", "2024-02-01 10:30")
                    .var("given", "ins-RFMME2SI")
                    .var("read", "ins-rfmme2si");
                for part in ["reason", "action"] {
                    let key = format!("finding.{}.{part}", code.as_str());
                    let out = r.render(lang, &key, &f).unwrap_or_else(|e| panic!("{key}: {e}"));
                    assert!(!out.trim().is_empty() && !out.contains("UCloud"), "{key}: {out}");
                }
            }
            for code in ["not_prepaid", "trial_not_refundable"] {
                let l = Line::new("excluded", None)
                    .var("code", code)
                    .var("provider", provider);
                let out = r.render(lang, "line.excluded", &l).expect("renders");
                assert!(!out.trim().is_empty());
            }
        }
    }
}
