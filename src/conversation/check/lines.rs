//! A fact as one line of "what I read" (and of "which is right?"): the
//! field, the kind of value and the value as the templates show it.

use crate::case::Reason;
use crate::input::{PeriodLen, ReasonKind, When, shanghai};
use rust_decimal::Decimal;
use serde_json::{Value, json};

pub(crate) fn date_line(field: &str, w: &When, replaced: bool) -> Value {
    let local = shanghai(w.at);
    json!({
        "field": field,
        "kind": "date",
        "date": local.format("%Y-%m-%d").to_string(),
        "time": w.has_time.then(|| local.format("%H:%M").to_string()),
        "year_inferred": w.year_inferred,
        "replaced": replaced,
    })
}

pub(crate) fn money_line(field: &str, v: Decimal, replaced: bool) -> Value {
    json!({ "field": field, "kind": "money", "value": v, "replaced": replaced })
}

pub(crate) fn period_value(len: PeriodLen) -> Value {
    match len {
        PeriodLen::Hours(n) => json!({ "unit": "hours", "n": n }),
        PeriodLen::Days(n) => json!({ "unit": "days", "n": n }),
        PeriodLen::Months(n) => json!({ "unit": "months", "n": n }),
        PeriodLen::Years(n) => json!({ "unit": "years", "n": n }),
    }
}

pub(crate) fn reason_of(k: ReasonKind) -> Reason {
    match k {
        ReasonKind::BusinessChange => Reason::BusinessChange,
        ReasonKind::Performance => Reason::Performance,
        ReasonKind::NotAsDescribed => Reason::NotAsDescribed,
        ReasonKind::BoughtByMistake => Reason::BoughtByMistake,
    }
}
