//! A case's stage from what was reported, and the one clock it runs: none
//! in the balance, after a refusal or once the money arrived; a withdrawal
//! counted from the day it was asked for; the quick-withdrawal test on the
//! case's own top-up day and channel.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use chrono_tz::Asia::Shanghai;
use refund_assistant::case::{
    Awaits, CaseData, CaseStatus, CaseView, Channel, Draft, EventView, Stage, clock, quick_test, stage,
};
use refund_assistant::policy::calendar::Calendar;
use refund_assistant::policy::{ProfileId, RequestKind};

fn sh(y: i32, m: u32, d: u32) -> DateTime<Utc> {
    Shanghai
        .with_ymd_and_hms(y, m, d, 10, 0, 0)
        .single()
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_default()
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

/// A UCloud monthly host bought 1 Nov 2026 and deleted on 11 Nov.
fn deleted(status: CaseStatus) -> CaseView {
    let draft = Draft {
        start: Some(sh(2026, 11, 1)),
        delete_at: Some(sh(2026, 11, 11)),
        request: Some(RequestKind::SelfService),
        ..Draft::default()
    };
    CaseView {
        number: 1,
        status,
        data: CaseData {
            draft,
            policy: ProfileId::Ucloud,
            submitted_at: Some(sh(2026, 11, 11)),
            ..CaseData::default()
        },
        events: Vec::new(),
        contacts: Vec::new(),
        created_at: sh(2026, 11, 11),
    }
}

fn event(status: CaseStatus, at: DateTime<Utc>) -> EventView {
    EventView {
        status,
        at,
        note: None,
    }
}

const NOW: (i32, u32, u32) = (2026, 12, 6);

fn now() -> DateTime<Utc> {
    sh(NOW.0, NOW.1, NOW.2)
}

#[test]
fn a_ucloud_deletion_is_in_the_balance_with_no_clock() {
    let c = deleted(CaseStatus::Submitted);
    assert_eq!(stage(&c, now()), Stage::InBalance);
    assert_eq!(clock(&c, &Calendar::china(), now()), None);
}

#[test]
fn a_withdrawal_counts_from_the_day_it_was_asked_and_not_from_today() {
    let mut c = deleted(CaseStatus::Submitted);
    c.data.withdrawal_at = Some(sh(2026, 11, 12));
    c.data.topup = Some(Channel::Bank);
    assert_eq!(stage(&c, now()), Stage::WithdrawalRequested);
    let k = clock(&c, &Calendar::china(), now()).expect("a withdrawal clock");
    assert_eq!(k.awaits, Awaits::Withdrawal);
    // 7–15 working days from Thursday 12 November: due Thursday 3 December.
    assert_eq!(k.window.from, day(2026, 11, 12));
    assert_eq!(k.window.latest, day(2026, 12, 3));
}

#[test]
fn a_quick_withdrawal_is_due_within_a_working_day() {
    let mut c = deleted(CaseStatus::Submitted);
    c.data.withdrawal_at = Some(sh(2026, 11, 12));
    c.data.topup = Some(Channel::Alipay);
    let k = clock(&c, &Calendar::china(), now()).expect("a withdrawal clock");
    assert_eq!(k.window.latest, day(2026, 11, 13));
}

#[test]
fn the_quick_withdrawal_test_uses_the_cases_top_up_day_and_channel() {
    let mut c = deleted(CaseStatus::Submitted);
    assert_eq!(quick_test(&c.data, day(2026, 12, 6)), None, "channel unknown");
    // Alipay: 90 days from 1 November is 30 January.
    c.data.topup = Some(Channel::Alipay);
    let q = quick_test(&c.data, day(2026, 12, 6)).expect("known");
    assert_eq!(q.until, Some(day(2027, 1, 30)));
    assert!(q.qualifies);
    assert!(!quick_test(&c.data, day(2027, 1, 31)).expect("known").qualifies);
    // WeChat: a year; a bank never.
    c.data.topup = Some(Channel::Wechat);
    assert_eq!(
        quick_test(&c.data, day(2026, 12, 6)).and_then(|q| q.until),
        Some(day(2027, 11, 1))
    );
    c.data.topup = Some(Channel::Bank);
    assert!(!quick_test(&c.data, day(2026, 12, 6)).expect("known").qualifies);
}

#[test]
fn refused_appealed_complained_and_arrived_run_no_provider_clock() {
    let mut c = deleted(CaseStatus::Rejected);
    c.data.draft.request = Some(RequestKind::Requested);
    c.events = vec![event(CaseStatus::Rejected, sh(2026, 11, 20))];
    assert_eq!(stage(&c, now()), Stage::Refused);
    assert_eq!(clock(&c, &Calendar::china(), now()), None);
    c.events.push(event(CaseStatus::Rejected, sh(2026, 11, 30)));
    assert_eq!(stage(&c, now()), Stage::Appealed);
    c.events.push(event(CaseStatus::Complained, sh(2026, 12, 1)));
    assert_eq!(stage(&c, now()), Stage::Complained);
    c.status = CaseStatus::Refunded;
    assert_eq!(stage(&c, now()), Stage::Arrived);
    assert_eq!(clock(&c, &Calendar::china(), now()), None);
}

#[test]
fn a_requested_refund_is_submitted_until_support_answers() {
    let mut c = deleted(CaseStatus::Submitted);
    c.data.draft.request = Some(RequestKind::Requested);
    assert_eq!(stage(&c, now()), Stage::Submitted);
    // Without an estimate, support's review still has its window (the
    // simple one: nothing says it is customised), from the day submitted.
    let k = clock(&c, &Calendar::china(), now()).expect("a review clock");
    assert_eq!(k.awaits, Awaits::Review);
    assert_eq!((k.window.min_days, k.window.max_days), (1, 3));
    // A deletion's money with no estimate has no clock to guess.
    c.data.draft.request = None;
    assert_eq!(clock(&c, &Calendar::china(), now()), None);
}
