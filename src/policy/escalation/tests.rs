use super::*;
use chrono::TimeZone;
use chrono_tz::Asia::Shanghai;

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default()
}

/// 10:00 Beijing time on `s`.
fn at(s: &str) -> DateTime<Utc> {
    Shanghai
        .from_local_datetime(&day(s).and_hms_opt(10, 0, 0).unwrap_or_default())
        .earliest()
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_default()
}

fn complained(on: &str, arose: &str) -> Ladder {
    Ladder {
        arose: Some(day(arose)),
        complained_at: Some(at(on)),
        ..Ladder::default()
    }
}

#[test]
fn miit_waits_for_the_company_on_day_14_and_opens_on_day_15() {
    let l = complained("2026-03-01", "2026-02-20");
    assert_eq!(
        miit(&l, day("2026-03-15")),
        Miit::Wait {
            from: day("2026-03-16"),
            limit: Some(day("2026-07-20"))
        },
        "day 14 after the complaint"
    );
    assert_eq!(
        miit(&l, day("2026-03-16")),
        Miit::Open {
            limit: Some(day("2026-07-20"))
        },
        "day 15"
    );
}

#[test]
fn an_unsatisfying_answer_opens_miit_before_the_15_days() {
    let l = Ladder {
        unsatisfied: true,
        ..complained("2026-03-01", "2026-02-20")
    };
    assert!(matches!(miit(&l, day("2026-03-02")), Miit::Open { .. }));
}

#[test]
fn a_fee_dispute_is_accepted_to_the_5_month_day_and_not_after() {
    let l = complained("2026-03-01", "2026-01-31");
    // Five months after 31 January is 30 June (the month's last day).
    assert_eq!(fee_limit(day("2026-01-31")), day("2026-06-30"));
    assert!(matches!(miit(&l, day("2026-06-30")), Miit::Open { .. }));
    assert_eq!(
        miit(&l, day("2026-07-01")),
        Miit::TooLate {
            limit: day("2026-06-30")
        }
    );
}

#[test]
fn without_a_complaint_to_the_company_both_bodies_send_the_user_back() {
    let l = Ladder {
        arose: Some(day("2026-03-01")),
        ..Ladder::default()
    };
    assert!(matches!(
        miit(&l, day("2026-03-20")),
        Miit::NeedsComplaint { if_today, .. } if if_today == day("2026-04-04")
    ));
    assert_eq!(samr(&l, day("2026-03-20")), Samr::NeedsComplaint);
}

#[test]
fn a_company_account_is_warned_off_12315() {
    let mut l = complained("2026-03-01", "2026-02-20");
    assert_eq!(samr(&l, day("2026-03-02")), Samr::Ask);
    l.company = Some(true);
    assert!(matches!(samr(&l, day("2026-03-02")), Samr::Company { .. }));
    l.company = Some(false);
    assert!(matches!(samr(&l, day("2026-03-02")), Samr::Open { .. }));
    assert!(matches!(samr(&l, day("2029-02-21")), Samr::TooLate { .. }));
}

#[test]
fn each_body_asks_for_the_fields_its_article_requires() {
    let d = Details {
        name: Some("张三".into()),
        phone: Some("13800000000".into()),
        ..Details::default()
    };
    assert_eq!(
        d.missing(Body::Miit),
        [
            Field::Address,
            Field::Postcode,
            Field::RespondentName,
            Field::RespondentAddress
        ]
    );
    // 12315 (art. 9) does not ask for a postcode.
    assert_eq!(
        d.missing(Body::Samr),
        [Field::Address, Field::RespondentName, Field::RespondentAddress]
    );
    let filled = d.with_respondent(&respondent(crate::policy::Provider::Ucloud));
    assert_eq!(filled.respondent_name.as_deref(), Some("优刻得科技股份有限公司"));
    assert!(
        filled.missing(Body::Miit).contains(&Field::RespondentAddress),
        "no sourced address: asked"
    );
}

#[test]
fn the_acceptance_clock_counts_working_days_across_national_day() {
    let cal = Calendar::china();
    // Sent on Tuesday 29 September 2026: 1–7 October are holidays.
    let by = miit_accept_by(&cal, day("2026-09-29"));
    // 30 September, then 8, 9, 10 (a make-up Saturday) and 12 October.
    assert_eq!(by, day("2026-10-12"));
    // The 30-day reply clock is in calendar days.
    assert_eq!(miit_reply_by(day("2026-09-29")), day("2026-10-29"));
}
