//! The free-text reader against the fixture of realistic messages
//! (`tests/fixtures/messages.toml`), focused cases, and properties: it never
//! panics and never reports a value that is not in the text. The tests live
//! in `tests/rules/extract/`, by area.

#[path = "extract/fixture.rs"]
mod fixture;
#[path = "extract/focused.rs"]
mod focused;
#[path = "extract/properties.rs"]
mod properties;

use std::collections::BTreeMap;

use chrono::{DateTime, TimeZone, Utc};
use chrono_tz::Asia::Shanghai;
use proptest::prelude::*;
use refund_assistant::input::{Extracted, Fact, PeriodLen, UnclearKind, When, extract};
use refund_assistant::render::Lang;

const FIXTURE: &str = include_str!("../fixtures/messages.toml");

fn when(w: &When) -> String {
    let local = w.at.with_timezone(&Shanghai);
    if w.has_time {
        local.format("%Y-%m-%d %H:%M").to_string()
    } else {
        local.format("%Y-%m-%d").to_string()
    }
}

fn period(p: &PeriodLen) -> String {
    let (n, unit) = match *p {
        PeriodLen::Hours(n) => (n, "hour"),
        PeriodLen::Days(n) => (n, "day"),
        PeriodLen::Months(n) => (n, "month"),
        PeriodLen::Years(n) => (n, "year"),
    };
    format!("{n} {unit}{}", if n == 1 { "" } else { "s" })
}

fn snake<T: serde::Serialize>(v: T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

fn unclear_name(kind: UnclearKind) -> &'static str {
    match kind {
        UnclearKind::DateWithoutRole => "date_without_role",
        UnclearKind::ConflictingDates => "conflicting_dates",
        UnclearKind::AmountWithoutRole => "amount_without_role",
        UnclearKind::ConflictingAmounts => "conflicting_amounts",
    }
}

/// The facts as `field=value` lines, in the fixture's vocabulary.
fn described(found: &Extracted) -> Vec<String> {
    let mut out: Vec<String> = found
        .facts
        .iter()
        .map(|f| match &f.fact {
            Fact::Instance(id) => format!("instance={id}"),
            Fact::Billing(b) => format!("billing={}", b.as_str()),
            Fact::Period(p) => format!("period={}", period(p)),
            Fact::Start(w) => format!("start={}", when(w)),
            Fact::End(w) => format!("end={}", when(w)),
            Fact::DeleteAt(w) => format!("delete_at={}", when(w)),
            Fact::Submitted(w) => format!("submitted={}", when(w)),
            Fact::Withdrawal(w) => format!("withdrawal={}", when(w)),
            Fact::Answered(w) => format!("answered={}", when(w)),
            Fact::Paid(d) => format!("paid={d}"),
            Fact::ListPrice(d) => format!("list_price={d}"),
            Fact::Voucher(d) => format!("voucher={d}"),
            Fact::Gift(d) => format!("gift={d}"),
            Fact::MonthlyPrice(d) => format!("monthly_price={d}"),
            Fact::Reason(r) => format!("reason={}", snake(r)),
        })
        .collect();
    out.extend(
        found
            .unclear
            .iter()
            .map(|u| format!("unclear={}", unclear_name(u.kind))),
    );
    out
}

fn at(text: &str) -> Extracted {
    let now = Shanghai
        .with_ymd_and_hms(2026, 3, 20, 10, 0, 0)
        .unwrap()
        .with_timezone(&Utc);
    extract(text, Lang::ZhCn, now)
}

fn facts(text: &str) -> Vec<String> {
    described(&at(text))
}
