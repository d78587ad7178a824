//! The `quote` command's flags and JSON case files, parsed into case facts.
//! Every bad value becomes a [`FlagError`] naming the flag, what was expected
//! and an example.

use super::args::QuoteArgs;
use crate::input::{self, PeriodLen};
use crate::policy::{
    AccountFacts, Applicant, Billing, CaseFacts, Ground, Order, OrderKind, Overage, Profile, ProfileId,
    QuoteError, RequestKind, Tri, ValueAdded,
};
use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde_json::{Value, json};
use std::str::FromStr;

/// A flag with a bad value: rendered as one line, exit status 2.
#[derive(Debug, Clone, PartialEq)]
pub struct FlagError {
    pub flag: &'static str,
    /// Template key under `cli.expected.`
    pub expected: &'static str,
    pub example: &'static str,
    pub got: String,
    /// A more precise reason from the input parser, if any.
    pub detail: Option<(&'static str, Vec<(&'static str, String)>)>,
}

pub(crate) fn bad(flag: &'static str, expected: &'static str, example: &'static str, got: &str) -> FlagError {
    FlagError {
        flag,
        expected,
        example,
        got: got.to_owned(),
        detail: None,
    }
}

fn money(flag: &'static str, v: &Option<String>, allow_zero: bool) -> Result<Option<Decimal>, FlagError> {
    let Some(text) = v else { return Ok(None) };
    input::parse_amount(text, allow_zero)
        .map(Some)
        .map_err(|e| FlagError {
            detail: Some((e.key(), e.params())),
            ..bad(flag, "money", "800", text)
        })
}

fn moment(flag: &'static str, v: &str, now: DateTime<Utc>) -> Result<DateTime<Utc>, FlagError> {
    input::parse_datetime(v, now).map_err(|e| FlagError {
        detail: Some((e.key(), e.params())),
        ..bad(flag, "date", "2026-03-01 14:00", v)
    })
}

pub(crate) fn choice<T: FromStr>(
    flag: &'static str,
    expected: &'static str,
    example: &'static str,
    v: &Option<String>,
) -> Result<Option<T>, FlagError> {
    match v {
        None => Ok(None),
        Some(s) => T::from_str(s)
            .map(Some)
            .map_err(|_| bad(flag, expected, example, s)),
    }
}

fn tri(flag: &'static str, v: &Option<String>) -> Result<Tri, FlagError> {
    Ok(match v.as_deref().map(str::to_ascii_lowercase).as_deref() {
        None | Some("no") | Some("false") => Tri::No,
        Some("yes") | Some("true") => Tri::Yes,
        Some("unsure") => Tri::Unsure,
        Some(_) => return Err(bad(flag, "tri", "no", v.as_deref().unwrap_or_default())),
    })
}

fn vas(text: &str) -> Result<ValueAdded, FlagError> {
    let err = || bad("--vas", "vas", "support:100:0.5", text);
    let mut parts = text.split(':');
    let name = parts
        .next()
        .filter(|n| !n.trim().is_empty())
        .ok_or_else(err)?
        .trim()
        .to_owned();
    let price = parts
        .next()
        .and_then(|p| input::parse_amount(p, false).ok())
        .ok_or_else(err)?;
    let (mut used_share, mut refundable) = (None, true);
    match parts.next().map(str::trim) {
        None => {}
        Some("kept") => refundable = false,
        Some(s) => {
            let share = Decimal::from_str(s)
                .ok()
                .filter(|x| *x >= Decimal::ZERO && *x <= Decimal::ONE)
                .ok_or_else(err)?;
            used_share = Some(share);
        }
    }
    if parts.next().is_some() {
        return Err(err());
    }
    Ok(ValueAdded {
        name,
        price,
        used_share,
        refundable,
    })
}

/// UCloud sells yearly orders of 1, 2 or 3 whole years.
const MAX_YEARS: u32 = 3;

/// `end` is a whole number of years (1 to [`MAX_YEARS`]) after `start`.
fn whole_years(start: DateTime<Utc>, end: DateTime<Utc>) -> bool {
    (1..=MAX_YEARS).any(|n| PeriodLen::Years(n).end_from(start) == Some(end))
}

/// The case the flags describe.
pub fn facts_from_flags(a: &QuoteArgs, now: DateTime<Utc>) -> Result<CaseFacts, FlagError> {
    let billing = match &a.billing {
        None => return Err(bad("--billing", "billing", "monthly", "")),
        Some(s) => Billing::from_str(s).map_err(|_| bad("--billing", "billing", "monthly", s))?,
    };
    let paid = money("--paid", &a.paid, false)?.ok_or_else(|| bad("--paid", "money", "800", ""))?;
    let start_text = a
        .start
        .as_deref()
        .ok_or_else(|| bad("--start", "date", "2026-03-01", ""))?;
    let start = moment("--start", start_text, now)?;
    let end = match (&a.end, &a.period) {
        (Some(_), Some(p)) => return Err(bad("--period", "end_or_period", "\"1 month\"", p)),
        (Some(e), None) => moment("--end", e, now)?,
        (None, Some(p)) => {
            let len: PeriodLen = input::parse_period(p).map_err(|e| FlagError {
                detail: Some((e.key(), e.params())),
                ..bad("--period", "period", "1 month", p)
            })?;
            let end = len
                .end_from(start)
                .ok_or_else(|| bad("--period", "period", "1 month", p))?;
            // Months and years end where the provider's console says (Huawei:
            // 23:59:59 of the last day).
            let profile = a.policy.as_deref().and_then(|p| ProfileId::from_str(p).ok());
            match (len, profile) {
                (PeriodLen::Months(_) | PeriodLen::Years(_), Some(id)) => Profile::load(id).expiry(end),
                _ => end,
            }
        }
        (None, None) => return Err(bad("--end", "date", "2026-03-31", "")),
    };
    if end <= start {
        return Err(bad(
            "--end",
            "end_after_start",
            "2026-03-31",
            a.end.as_deref().unwrap_or_default(),
        ));
    }
    let at = match &a.at {
        Some(t) => moment("--at", t, now)?,
        None => now,
    };
    let list_price = money("--list-price", &a.list_price, false)?;
    if list_price.is_some_and(|l| l < paid) {
        return Err(bad(
            "--list-price",
            "list_price_above_paid",
            "1000",
            a.list_price.as_deref().unwrap_or_default(),
        ));
    }
    let instance_id = match &a.instance {
        None => None,
        Some(t) => Some(
            input::parse_instance_id(t)
                .map_err(|e| FlagError {
                    detail: Some((e.key(), e.params())),
                    ..bad("--instance", "instance", "uhost-1a2b3c4d", t)
                })?
                .as_str()
                .to_owned(),
        ),
    };
    let overage = match (&a.quota, &a.usage, &a.unit_price) {
        (None, None, None) => None,
        (q, u, p) => Some(Overage {
            quota: money("--quota", q, true)?.ok_or_else(|| bad("--quota", "money", "100", ""))?,
            used: money("--usage", u, true)?.ok_or_else(|| bad("--usage", "money", "120", ""))?,
            unit_price: money("--unit-price", p, false)?
                .ok_or_else(|| bad("--unit-price", "money", "0.8", ""))?,
            unit: a.unit.clone(),
        }),
    };
    let voucher = money("--voucher", &a.voucher, true)?.unwrap_or_default();
    let gift = money("--gift", &a.gift, true)?.unwrap_or_default();
    if gift > paid {
        return Err(bad(
            "--gift",
            "gift_within_paid",
            "200",
            a.gift.as_deref().unwrap_or_default(),
        ));
    }
    Ok(CaseFacts {
        billing,
        product: None,
        instance_id,
        orders: vec![Order {
            kind: OrderKind::New,
            start,
            end,
            paid,
            list_price,
        }],
        at,
        voucher,
        gift,
        monthly_price: money("--monthly-price", &a.monthly_price, false)?,
        overage,
        value_added: a.vas.iter().map(|v| vas(v)).collect::<Result<_, _>>()?,
        customisation_cost: money("--customisation", &a.customisation, true)?.unwrap_or_default(),
        account: AccountFacts {
            arrears: tri("--arrears", &a.arrears)?,
            violation: tri("--violation", &a.violation)?,
            customised: a.customised,
            applicant: choice::<Applicant>("--applicant", "applicant", "owner", &a.applicant)?
                .unwrap_or_default(),
            request: if a.requested {
                RequestKind::Requested
            } else {
                RequestKind::SelfService
            },
            ground: choice::<Ground>("--ground", "ground", "service-quality", &a.ground)?,
            package: a.package,
        },
    })
}

/// The case a JSON file describes (`at` defaults to now; `policy` may be set).
pub fn facts_from_json(text: &str, now: DateTime<Utc>) -> Result<(CaseFacts, Option<ProfileId>), FlagError> {
    let fail = |msg: String| FlagError {
        detail: Some(("cli.json_detail", vec![("message", msg)])),
        ..bad("--input", "json", "case.json", "")
    };
    let mut v: Value = serde_json::from_str(text).map_err(|e| fail(e.to_string()))?;
    let obj = v
        .as_object_mut()
        .ok_or_else(|| fail("not a JSON object".into()))?;
    let policy = match obj.remove("policy") {
        None => None,
        Some(p) => Some(serde_json::from_value::<ProfileId>(p).map_err(|e| fail(e.to_string()))?),
    };
    obj.entry("at").or_insert_with(|| json!(now.to_rfc3339()));
    let facts = serde_json::from_value(v).map_err(|e| fail(e.to_string()))?;
    json_possible(&facts, now)?;
    Ok((facts, policy))
}

/// The checks the flags get, for a case file: dates a case can involve, a
/// deletion not before the order, list prices above the amount paid.
fn json_possible(f: &CaseFacts, now: DateTime<Utc>) -> Result<(), FlagError> {
    let refuse = |expected: &'static str, field: &str| Err(bad("--input", expected, "case.json", field));
    let today = input::shanghai(now).date_naive();
    let (earliest, latest) = input::plausible_range(today);
    let in_range = |t: DateTime<Utc>| {
        let d = input::shanghai(t).date_naive();
        d >= earliest && d <= latest
    };
    let dates = f.orders.iter().flat_map(|o| [o.start, o.end]);
    if !dates.chain([f.at]).all(in_range) {
        return refuse("json_dates", "orders / at");
    }
    if f.orders
        .iter()
        .any(|o| o.list_price.is_some_and(|l| o.paid > Decimal::ZERO && l < o.paid))
    {
        return refuse("json_list_price", "orders[].list_price");
    }
    Ok(())
}

/// A deletion before the order starts: refused (a resource cannot be deleted
/// before it exists) unless the profile refunds an unstarted resource whole
/// (Huawei), naming the flag or the case file it came from.
pub(crate) fn deleted_before_start(a: &QuoteArgs, f: &CaseFacts, profile: &Profile) -> Result<(), FlagError> {
    let first = f.orders.iter().map(|o| o.start).min();
    if profile.refunds_unstarted || first.is_none_or(|s| f.at >= s) {
        return Ok(());
    }
    Err(match &a.input {
        Some(_) => bad("--input", "json_at_after_start", "case.json", "at"),
        None => bad(
            "--at",
            "at_after_start",
            "2026-03-11",
            a.at.as_deref().unwrap_or_default(),
        ),
    })
}

/// UCloud sells yearly orders of 1 to 3 whole years: a new yearly order of
/// another length is refused, naming the flag (or the case file) it came from.
pub(crate) fn ucloud_yearly_length(a: &QuoteArgs, f: &CaseFacts) -> Result<(), FlagError> {
    let new = f.orders.iter().find(|o| o.kind == OrderKind::New);
    if f.billing != Billing::Yearly || new.is_none_or(|o| whole_years(o.start, o.end)) {
        return Ok(());
    }
    Err(match (&a.input, &a.period) {
        (Some(_), _) => bad("--input", "json_yearly_length", "case.json", "orders[].end"),
        (None, Some(p)) => bad("--period", "yearly_length", "\"1 year\"", p),
        (None, None) => bad(
            "--end",
            "yearly_length",
            "2027-03-01",
            a.end.as_deref().unwrap_or_default(),
        ),
    })
}

/// A case the rules cannot quote, as the error of the field at fault.
pub(crate) fn quote_error(e: &QuoteError) -> FlagError {
    let field = match e {
        QuoteError::NoOrders => "orders",
        QuoteError::EndNotAfterStart { .. } => "end",
        QuoteError::PaidNotPositive { .. } => "paid",
        QuoteError::Negative { field }
        | QuoteError::Absurd { field }
        | QuoteError::ShareOutOfRange { field } => field,
        QuoteError::GiftExceedsPaid => "gift",
    };
    FlagError {
        detail: Some(("cli.json_detail", vec![("message", e.to_string())])),
        ..bad("--input", "json", "case.json", field)
    }
}
