//! What one picture shows, read from the case (pure): its money, where the
//! money is at the case's stage, and its dates — the order, what was
//! reported, the stage's clock and the ladder's — on the working-day
//! calendar. Nothing the person typed in their own words is taken.

use super::money::{Money, money};
use crate::case::{Awaits, CaseStatus, CaseView, Stage, clock, stage};
use crate::policy::calendar::Calendar;
use crate::policy::escalation::{self, Body, LadderDates};
use crate::policy::timeline::{Progress, local_date, progress};
use crate::policy::{Billing, Provider};
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

/// A dated thing on the picture's time line (its label is `picture.event.<kind>`).
#[derive(Serialize, Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Bought,
    Deleted,
    Requested,
    Contact,
    Approved,
    Refused,
    InBalance,
    Withdrawal,
    Earliest,
    Due,
    Complained,
    MiitOpens,
    MiitSent,
    MiitAccept,
    MiitReply,
    SamrSent,
    SamrAccept,
    FeeLimit,
    Arrived,
    Expires,
}

impl Kind {
    pub fn key(self) -> String {
        let name = serde_json::to_value(self)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        format!("picture.event.{name}")
    }
}

/// One dated event.
#[derive(Serialize, Clone, Copy, Debug, PartialEq, Eq)]
pub struct Event {
    pub day: NaiveDate,
    pub kind: Kind,
}

/// The clock the case runs at its stage, as drawn.
#[derive(Serialize, Clone, Copy, Debug, PartialEq, Eq)]
pub struct Wait {
    pub awaits: Awaits,
    /// The day the working days count from (not itself counted).
    pub from: NaiveDate,
    pub earliest: NaiveDate,
    pub latest: NaiveDate,
    pub max_days: u32,
    pub progress: Progress,
}

/// Everything one picture shows.
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct Scene {
    pub n: i64,
    pub provider: Provider,
    /// The instance ID as parsed (never free text).
    pub instance: Option<String>,
    pub billing: Option<Billing>,
    pub stage: Stage,
    pub today: NaiveDate,
    pub money: Option<Money>,
    /// The order's first and last day.
    pub order: Option<(NaiveDate, NaiveDate)>,
    /// Every dated event, by day.
    pub events: Vec<Event>,
    pub wait: Option<Wait>,
    /// Years on the picture without holiday data (Monday–Friday assumed).
    pub fallback_years: Vec<i32>,
}

/// The events a case's ladder adds: the complaint, MIIT's 15 days, the
/// fee-dispute limit, what was sent and when the answers are due.
fn ladder_events(c: &CaseView, cal: &Calendar, out: &mut Vec<Event>) {
    let l = &c.data.escalation;
    let mut push = |day: Option<NaiveDate>, kind| {
        if let Some(day) = day {
            out.push(Event { day, kind });
        }
    };
    push(l.complained_at.map(local_date), Kind::Complained);
    let dates = LadderDates::of(l);
    push(dates.company_time_up, Kind::MiitOpens);
    push(dates.fee_limit, Kind::FeeLimit);
    push(dates.miit_sent, Kind::MiitSent);
    push(
        dates.miit_sent.map(|s| escalation::miit_accept_by(cal, s)),
        Kind::MiitAccept,
    );
    push(dates.miit_sent.map(escalation::miit_reply_by), Kind::MiitReply);
    let samr = l.sent_to(Body::Samr).map(local_date);
    push(samr, Kind::SamrSent);
    push(samr.map(|s| escalation::samr_accept_by(cal, s)), Kind::SamrAccept);
}

/// The picture of case `c` at `now`.
pub fn scene(c: &CaseView, cal: &Calendar, now: DateTime<Utc>) -> Scene {
    let d = &c.data;
    let today = local_date(now);
    let st = stage(c, now);
    let mut events = Vec::new();
    let mut push = |day: Option<NaiveDate>, kind| {
        if let Some(day) = day {
            events.push(Event { day, kind });
        }
    };
    let order = d
        .draft
        .start
        .zip(d.draft.end)
        .map(|(s, e)| (local_date(s), local_date(e)));
    push(order.map(|o| o.0), Kind::Bought);
    push(order.map(|o| o.1), Kind::Expires);
    push(d.draft.delete_at.map(local_date), Kind::Deleted);
    push(d.submitted_at.map(local_date), Kind::Requested);
    for k in &c.contacts {
        push(Some(local_date(k.at)), Kind::Contact);
    }
    for e in &c.events {
        let kind = match e.status {
            CaseStatus::Approved => Kind::Approved,
            CaseStatus::Rejected => Kind::Refused,
            CaseStatus::Refunded => Kind::Arrived,
            _ => continue,
        };
        push(Some(local_date(e.at)), kind);
    }
    if matches!(st, Stage::InBalance | Stage::WithdrawalRequested) {
        push(
            d.assessment.as_ref().map(|a| a.timeline.balance_on),
            Kind::InBalance,
        );
    }
    push(d.withdrawal_at.map(local_date), Kind::Withdrawal);
    let wait = clock(c, cal, now).map(|k| Wait {
        awaits: k.awaits,
        from: k.window.from,
        earliest: k.window.earliest,
        latest: k.window.latest,
        max_days: k.window.max_days,
        progress: progress(cal, &k.window, now),
    });
    if let Some(w) = &wait {
        if w.earliest < w.latest {
            push(Some(w.earliest), Kind::Earliest);
        }
        push(Some(w.latest), Kind::Due);
    }
    ladder_events(c, cal, &mut events);
    events.sort_by_key(|e| (e.day, e.kind));
    events.dedup();
    let (first, last) = events
        .iter()
        .fold((today, today), |(a, b), e| (a.min(e.day), b.max(e.day)));
    Scene {
        n: c.number,
        provider: d.draft.provider().unwrap_or(Provider::Ucloud),
        instance: d.draft.instance.as_ref().map(|i| i.as_str().to_owned()),
        billing: d.draft.billing,
        stage: st,
        today,
        money: money(c),
        order,
        events,
        wait,
        fallback_years: cal.years_without_data(first, last),
    }
}
