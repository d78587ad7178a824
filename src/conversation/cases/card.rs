//! A case as the templates show it: its data (the quote, the window, the
//! letter, the evidence checklist), its buttons, and which case a message is
//! about. Read-only: nothing here changes the state.

use crate::case::{CaseStatus, CaseView, RejectReason, Stage, checklist};
use crate::conversation::base::buttons::Id;
use crate::conversation::base::reply::{Button, Out, Reply};
use crate::conversation::base::state::{Position as P, State};
use crate::conversation::base::vocab::Ctx;
use crate::conversation::cases::letters;
use crate::conversation::check::flow;
use crate::policy::timeline::{self, Window};
use crate::policy::{self, FindingCode, Provider};
use chrono::{DateTime, Utc};
use serde_json::{Value, json};

pub(crate) fn row(ids: &[Id]) -> Vec<Button> {
    ids.iter().map(|i| Button::new(*i)).collect()
}

/// "Refine", named after what it asks for the case's provider.
fn refine_button(d: &crate::case::Draft) -> Button {
    match d.provider().filter(|_| d.is_cloud()) {
        Some(p) => Button::with(
            Id::ResultRefine.as_str().to_owned(),
            "btn.result.refine_cloud",
            json!({ "provider": p, "items": flow::refine_items(d, false) }),
        ),
        None => Button::new(Id::ResultRefine),
    }
}

pub(crate) fn result_buttons(d: &crate::case::Draft) -> Vec<Vec<Button>> {
    vec![
        vec![refine_button(d)],
        row(&[Id::ResultSteps, Id::ResultRequest]),
        row(&[Id::ResultEvidence, Id::ResultSubmitted]),
        vec![Button::new(Id::NavBack), Button::new(Id::MenuMain)],
    ]
}

/// The result's buttons, then those of money in a balance (last, so the
/// result's own keep their numbers).
pub(crate) fn result_buttons_for(c: &CaseView, now: DateTime<Utc>) -> Vec<Vec<Button>> {
    let mut rows = result_buttons(&c.data.draft);
    rows.extend(balance_rows(c, now));
    rows
}

pub(crate) fn case_buttons(c: &CaseView, ctx: &Ctx) -> Vec<Vec<Button>> {
    let now = ctx.now;
    let mut rows = Vec::new();
    if c.data.assessment.is_none() {
        rows.push(vec![Button::with(
            Id::FollowEstimate.as_str().to_owned(),
            "btn.follow.estimate",
            json!({ "questions": flow::questions_left(&c.data.draft) }),
        )]);
    }
    rows.extend([
        row(&[Id::FollowSubmitted, Id::FollowRejected]),
        row(&[Id::FollowDifferent, Id::FollowNotArrived]),
        row(&[Id::FollowRefunded, Id::FollowContact]),
    ]);
    if c.status == CaseStatus::Rejected || !c.data.escalation.escalated.is_empty() {
        rows.push(vec![Button::with(
            format!("ladder:{}", c.number),
            "btn.ladder.open",
            json!({ "n": c.number }),
        )]);
    }
    // Not applied for yet: how to, beside the text ("申请步骤 咋操作").
    if c.data.assessment.is_some() && matches!(c.status, CaseStatus::Quoted | CaseStatus::Draft) {
        rows.push(row(&[Id::ResultSteps, Id::ResultRequest, Id::ResultEvidence]));
        rows.push(vec![refine_button(&c.data.draft)]);
    } else if c.data.assessment.is_some() {
        rows.push(row(&[Id::ResultRequest, Id::ResultEvidence]));
        rows.push(vec![refine_button(&c.data.draft)]);
    }
    rows.extend(balance_rows(c, now));
    // A letter the person may want in the other tone: the appeal, the
    // chase-up.
    if matches!(
        crate::case::stage(c, now),
        Stage::Refused | Stage::Appealed | Stage::Complained | Stage::Submitted | Stage::WithdrawalRequested
    ) {
        rows.push(vec![Button::new(letters::tone_button(c, ctx))]);
    }
    rows.push(vec![
        Button::with(
            format!("export:{}", c.number),
            "btn.export",
            json!({ "n": c.number }),
        ),
        Button::new(Id::MenuMain),
    ]);
    rows
}

/// The buttons of money in a balance: how it was topped up (asked once,
/// while the money sits in a UCloud balance or its withdrawal is under
/// way) and "I asked for a withdrawal".
pub(crate) fn balance_rows(c: &CaseView, now: DateTime<Utc>) -> Vec<Vec<Button>> {
    let mut rows = Vec::new();
    let stage = crate::case::stage(c, now);
    let ucloud = c.data.draft.provider().unwrap_or(Provider::Ucloud) == Provider::Ucloud;
    let in_balance = matches!(stage, Stage::InBalance | Stage::WithdrawalRequested);
    if in_balance && ucloud && c.data.topup.is_none() {
        rows.push(
            crate::case::Channel::ALL
                .iter()
                .map(|ch| {
                    Button::with(
                        format!("topup:{}:{}", c.number, ch.as_str()),
                        &format!("btn.topup.{}", ch.as_str()),
                        json!({ "n": c.number }),
                    )
                })
                .collect(),
        );
    }
    if stage == Stage::InBalance {
        rows.push(vec![Button::with(
            format!("withdrawal:{}", c.number),
            "btn.follow.withdrawal",
            json!({ "n": c.number }),
        )]);
    }
    rows
}

/// The template of a case's message: Tencent, Huawei and Alibaba cases have
/// their own (`cloud_<key>`), naming their provider, consoles and timing.
pub(crate) fn key_for(base: &str, c: &CaseView) -> String {
    if c.data.draft.is_cloud() && base == "quote" {
        "cloud_result".to_owned()
    } else if c.data.draft.is_cloud() {
        format!("cloud_{}", base.replace('.', "_"))
    } else {
        base.to_owned()
    }
}

/// The data every case template gets.
pub(crate) fn case_data(c: &CaseView, ctx: &Ctx) -> Value {
    let mut data = case_fields(c, ctx);
    letters::add(&mut data, c, ctx);
    add_evidence(&mut data, c);
    data
}

fn case_fields(c: &CaseView, ctx: &Ctx) -> Value {
    let a = c.data.assessment.as_ref();
    // The stage's one clock (none in the balance, after a refusal or once
    // the money arrived); a withdrawal's counts from the day it was asked.
    let stage = crate::case::stage(c, ctx.now);
    let progress = crate::case::clock(c, ctx.calendar, ctx.now).map(|k| {
        json!({
            "window": k.window,
            "awaits": k.awaits,
            "progress": timeline::progress(ctx.calendar, &k.window, ctx.now),
        })
    });
    // A withdrawal asked for by ticket is an offline one, whatever the top-up.
    let quick = crate::case::quick_test(
        &c.data,
        timeline::local_date(c.data.withdrawal_at.unwrap_or(ctx.now)),
    )
    .map(|mut q| {
        q.qualifies &= !c.data.withdrawal_offline;
        q
    });
    let provider = c.data.draft.provider().unwrap_or(Provider::Ucloud);
    json!({
        "n": c.number,
        "provider": provider,
        "provider_known": c.data.draft.provider().is_some(),
        "figure": a.and_then(|a| a.quote.figure()),
        "cloud": a.and_then(|a| a.cloud.as_ref()),
        "voucher_returned": a.and_then(|a| a.quote.lines.iter().find(|l| l.key == "voucher_returned")).and_then(|l| l.amount),
        "before_fee": a.is_some_and(|a| a.quote.has(FindingCode::HandlingFeeUnpublished)),
        // The order ran out before the deletion day: nothing to return, no clock.
        "period_over": a.is_some_and(|a| a.quote.has(FindingCode::WholePeriodUsed)),
        "status": c.status,
        "draft": c.data.draft,
        "instance_id": c.data.draft.instance,
        "billing": c.data.draft.billing,
        "quote": a.map(|a| &a.quote),
        "timeline": a.map(|a| &a.timeline),
        "submitted_at": c.data.submitted_at.map(|t| t.to_rfc3339()),
        "rejection": c.data.rejection,
        "ticket": c.data.ticket,
        "rejected_at": c.data.rejected_at.map(|t| t.to_rfc3339()),
        "received": c.data.received,
        "approved_at": c.data.approved_at.map(|t| t.to_rfc3339()),
        "approved": c.data.approved,
        "count_from_request": c.data.count_from_request,
        "usage_told": c.data.usage_told,
        // What is still owed when less came than the estimate.
        "shortfall": a
            .zip(c.data.received)
            .map(|(a, got)| a.quote.refund - got)
            .filter(|d| *d > rust_decimal::Decimal::ZERO)
            .map(policy::cents),
        "next_date": c.data.next_date(),
        "events": c.events.iter().map(|e| json!({ "status": e.status, "at": e.at.to_rfc3339(), "note": e.note })).collect::<Vec<_>>(),
        "contacts": c.contacts.iter().map(|k| json!({ "at": k.at.to_rfc3339(), "agent": k.agent, "said": k.said.trim_end_matches(['。', '.', '！', '!', '；', ';']) })).collect::<Vec<_>>(),
        "followed": progress,
        "stage": stage,
        "disputed": stage.disputed(),
        "withdrawal_at": c.data.withdrawal_at.map(|t| t.to_rfc3339()),
        "withdrawal_offline": c.data.withdrawal_offline,
        "withdrawn": c.data.withdrawn,
        "topup": c.data.topup,
        "quick": quick,
        "assumed": !flow::refined(&c.data.draft),
        "assumed_open": flow::assumed_open(&c.data.draft),
        "refine_open": flow::refine_items(&c.data.draft, true),
    })
}

/// When an answer, the money or a withdrawal is due for a case at its stage.
pub(crate) fn window(c: &CaseView, ctx: &Ctx) -> Option<Window> {
    crate::case::clock(c, ctx.calendar, ctx.now).map(|k| k.window)
}

/// The case in the state, as stored (or as just computed, before storage).
pub(crate) fn active<'a>(s: &State, ctx: &'a Ctx) -> Option<&'a CaseView> {
    s.case_no.and_then(|n| ctx.case(n))
}

/// The case a follow-up is about: the one on screen, else the most recent
/// estimated case that is not finished.
pub(crate) fn latest(s: &State, ctx: &Ctx) -> Option<i64> {
    let open = |c: &&CaseView| {
        c.data.assessment.is_some() && !matches!(c.status, CaseStatus::Refunded | CaseStatus::Closed)
    };
    active(s, ctx)
        .filter(|c| open(c) && !flow::is_check(s.at) && s.at != P::Menu)
        .or_else(|| ctx.cases.iter().filter(open).max_by_key(|c| c.number))
        .map(|c| c.number)
}

/// The case a report or a letter is about: the one on screen, else the
/// latest open one.
pub(crate) fn about<'a>(s: &State, ctx: &'a Ctx) -> Option<&'a CaseView> {
    active(s, ctx).or_else(|| latest(s, ctx).and_then(|n| ctx.case(n)))
}

pub(crate) fn missing(n: i64, ctx: &Ctx, out: &mut Out) {
    let have: Vec<i64> = ctx.cases.iter().map(|c| c.number).collect();
    out.say(
        Reply::new("cases.missing", json!({ "n": n, "have": have }))
            .buttons(vec![row(&[Id::MenuCases, Id::MenuMain])]),
    );
}

pub(crate) fn number_arg(arg: Option<&str>) -> Option<i64> {
    arg?.trim()
        .trim_start_matches('#')
        .parse::<i64>()
        .ok()
        .filter(|n| *n > 0)
}

/// The expected and received amounts side by side, for the letter.
pub(crate) fn difference(data: &mut Value, c: &CaseView, got: rust_decimal::Decimal) {
    let expected = c
        .data
        .assessment
        .as_ref()
        .and_then(|a| a.quote.figure().map(|_| a.quote.refund));
    // The voucher part is named only where the order had one.
    let voucher = c.data.assessment.as_ref().map(|a| a.quote.voucher);
    let vouchered = voucher
        .or(c.data.draft.voucher)
        .is_some_and(|v| v > rust_decimal::Decimal::ZERO);
    data["vouchered"] = json!(vouchered);
    // A yearly estimate on a monthly price inferred from the yearly discount:
    // a difference may be that guess, not money owed.
    let estimated = c.data.assessment.as_ref().is_some_and(|a| {
        a.quote
            .findings
            .iter()
            .any(|f| f.code == crate::policy::FindingCode::MonthlyPriceEstimated)
    });
    data["price_estimated"] = json!(estimated);
    data["received"] = json!(policy::cents(got));
    data["expected"] = json!(expected.map(policy::cents));
    data["hours_gap"] = json!(expected.and_then(|e| hours_gap(c, e - got)));
    if let Some(e) = expected {
        data["difference"] = json!(policy::cents((e - got).abs()));
        data["less"] = json!(got < e);
    }
}

/// The button for a rejection reason.
pub(crate) fn reject_id(r: RejectReason) -> Id {
    match r {
        RejectReason::Promotion => Id::RejectPromotion,
        RejectReason::NotEligible => Id::RejectNotEligible,
        RejectReason::UsageAbnormal => Id::RejectUsageAbnormal,
        RejectReason::Customised => Id::RejectCustomised,
        RejectReason::Other => Id::RejectOther,
    }
}

/// Adds `checklist` and `evidence` to a case template's data.
pub(crate) fn add_evidence(data: &mut Value, c: &CaseView) {
    data["checklist"] = checklist(&c.data.evidence);
    data["evidence"] = json!(c.data.evidence);
}

/// A UCloud shortfall the clock may explain: the purchase or the deletion
/// was given without a time (taken as 00:00), and each hour used more
/// costs `rate`; `hours` is how many hours the shortfall is.
fn hours_gap(c: &CaseView, short: rust_decimal::Decimal) -> Option<Value> {
    let a = c.data.assessment.as_ref()?;
    let q = &a.quote;
    let ucloud = policy::Profile::load(c.data.policy).provider == Provider::Ucloud;
    let rate = q.per_hour()?;
    if !ucloud || short <= rust_decimal::Decimal::ZERO {
        return None;
    }
    let midnight = |t: Option<DateTime<Utc>>| {
        t.is_some_and(|t| {
            use chrono::Timelike;
            t.with_timezone(&chrono_tz::Asia::Shanghai)
                .time()
                .num_seconds_from_midnight()
                == 0
        })
    };
    // Only a deletion later in its day than 00:00 uses more: at most a day.
    let hours = (short / rate).round();
    if !midnight(c.data.draft.delete_at) || hours > rust_decimal::Decimal::from(24) {
        return None;
    }
    Some(json!({ "rate": policy::cents(rate), "hours": hours.to_string() }))
}
