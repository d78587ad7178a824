//! The refund check: the prerequisites and the facts, one question at a time.

use super::state::{Draft, Position as P, Reason, State};
use super::{Button, Ctx, Out, Reply, cases};
use crate::input::{self, PeriodLen};
use crate::policy::{Applicant, Billing, Ground, Overage, RequestKind, Tri, ValueAdded};
use rust_decimal::Decimal;
use serde_json::{Value, json};
use std::str::FromStr;

/// What the user gave for the current question.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Answer<'a> {
    Text(&'a str),
    Button(&'a str),
}

/// The questions of a check, in order.
const FLOW: [P; 20] = [
    P::Billing,
    P::Arrears,
    P::Violation,
    P::Customised,
    P::Applicant,
    P::Request,
    P::Ground,
    P::Instance,
    P::Start,
    P::End,
    P::Paid,
    P::Voucher,
    P::Gift,
    P::MonthlyPrice,
    P::Overage,
    P::ValueAdded,
    P::Customisation,
    P::DeleteAt,
    P::Reason,
    P::ReasonText,
];

/// The longest free text kept (reason, agent, what was said).
pub(crate) const MAX_TEXT: usize = 500;

pub(crate) fn is_check(p: P) -> bool {
    FLOW.contains(&p)
}

fn applies(p: P, d: &Draft) -> bool {
    match p {
        P::Ground => d.request == Some(RequestKind::Requested),
        P::MonthlyPrice => d.billing == Some(Billing::Yearly),
        P::Customisation => d.customised == Some(true),
        P::ReasonText => matches!(&d.reason, Some(Reason::Other(t)) if t.is_empty()),
        _ => true,
    }
}

fn answered(p: P, d: &Draft) -> bool {
    match p {
        P::Billing => d.billing.is_some(),
        P::Arrears => d.arrears.is_some(),
        P::Violation => d.violation.is_some(),
        P::Customised => d.customised.is_some(),
        P::Applicant => d.applicant.is_some(),
        P::Request => d.request.is_some(),
        P::Ground => d.ground.is_some(),
        P::Instance => d.instance.is_some(),
        P::Start => d.start.is_some(),
        P::End => d.end.is_some(),
        P::Paid => d.paid.is_some(),
        P::Voucher => d.voucher.is_some(),
        P::Gift => d.gift.is_some(),
        P::MonthlyPrice => d.monthly_price.is_some(),
        P::Overage => d.overage.is_some(),
        P::ValueAdded => d.value_added_done,
        P::Customisation => d.customisation.is_some(),
        P::DeleteAt => d.delete_at.is_some(),
        P::Reason => d.reason.is_some(),
        P::ReasonText => matches!(&d.reason, Some(Reason::Other(t)) if !t.is_empty()),
        _ => true,
    }
}

/// The first question still to answer (or `Result` when all are in).
pub(crate) fn first_open(d: &Draft) -> P {
    FLOW.into_iter()
        .find(|p| applies(*p, d) && !answered(*p, d))
        .unwrap_or(P::Result)
}

fn buttons(p: P, d: &Draft) -> Vec<Vec<Button>> {
    let row = |ids: &[&str]| ids.iter().map(|i| Button::new(i)).collect::<Vec<_>>();
    let mut rows = match p {
        P::Billing => vec![
            row(&["billing:hourly", "billing:daily", "billing:monthly"]),
            row(&["billing:yearly", "billing:trial", "billing:unsure"]),
        ],
        P::Arrears => vec![row(&["arrears:no", "arrears:yes", "arrears:unsure"])],
        P::Violation => vec![row(&["violation:no", "violation:yes", "violation:unsure"])],
        P::Customised => vec![row(&["customised:no", "customised:yes"])],
        P::Applicant => vec![
            row(&["applicant:owner", "applicant:admin"]),
            row(&["applicant:finance", "applicant:other"]),
        ],
        P::Request => vec![row(&["request:self-service"]), row(&["request:requested"])],
        P::Ground => vec![
            row(&["ground:service-quality"]),
            row(&["ground:cannot-provide"]),
            row(&["ground:secret-leak"]),
            row(&["ground:written-notice"]),
            row(&["ground:none"]),
        ],
        P::End => vec![row(&["end:1m", "end:3m", "end:1y"])],
        P::Voucher => vec![row(&["voucher:none"])],
        P::Gift => vec![row(&["gift:none"])],
        P::MonthlyPrice => vec![row(&["monthly:unknown"])],
        P::Overage => vec![row(&["overage:none"])],
        P::ValueAdded if d.value_added.is_empty() => vec![row(&["vas:none"])],
        P::ValueAdded => vec![row(&["vas:done"])],
        P::Customisation => vec![row(&["custom:none"])],
        P::DeleteAt => vec![row(&["delete:now"])],
        P::Reason => vec![
            row(&["reason:business_change", "reason:performance"]),
            row(&["reason:not_as_described", "reason:bought_by_mistake"]),
            row(&["reason:other"]),
        ],
        _ => vec![],
    };
    let mut nav = Vec::new();
    if answered(p, d) {
        nav.push(Button::new("nav:keep"));
    }
    if p != FLOW[0] {
        nav.push(Button::new("nav:back"));
    }
    if !nav.is_empty() {
        rows.push(nav);
    }
    rows
}

/// The current answer of a question, for display ("current: monthly").
fn current(p: P, d: &Draft) -> Value {
    let v = match p {
        P::Billing => json!(d.billing),
        P::Arrears => json!(d.arrears),
        P::Violation => json!(d.violation),
        P::Customised => json!(d.customised),
        P::Applicant => json!(d.applicant),
        P::Request => json!(d.request),
        P::Ground => json!(d.ground.map(|g| g.map(|g| g.as_str()).unwrap_or("none"))),
        P::Instance => json!(d.instance),
        P::Start => json!(d.start.map(|t| t.to_rfc3339())),
        P::End => json!(d.end.map(|t| t.to_rfc3339())),
        P::Paid => json!(d.paid),
        P::Voucher => json!(d.voucher),
        P::Gift => json!(d.gift),
        P::MonthlyPrice => json!(
            d.monthly_price
                .map(|m| m.map_or("unknown".to_owned(), |m| m.to_string()))
        ),
        P::Customisation => json!(d.customisation),
        P::DeleteAt => json!(d.delete_at.map(|t| t.to_rfc3339())),
        P::Reason => json!(d.reason),
        _ => Value::Null,
    };
    if answered(p, d) { v } else { Value::Null }
}

/// The question for the current position.
pub(crate) fn ask(s: &State, _ctx: &Ctx) -> Reply {
    let d = &s.draft;
    let steps: Vec<P> = FLOW
        .into_iter()
        .filter(|p| applies(*p, d) || *p == s.at)
        .collect();
    let n = steps.iter().position(|p| *p == s.at).map_or(0, |i| i + 1);
    let key = format!("q.{}", json!(s.at).as_str().unwrap_or("menu"));
    Reply::new(
        &key,
        json!({
            "step": n,
            "total": steps.len(),
            "current": current(s.at, d),
            "billing": d.billing,
            "start": d.start.map(|t| t.to_rfc3339()),
            "value_added": d.value_added,
        }),
    )
    .buttons(buttons(s.at, d))
}

/// What an answer did: a one-line reason to show, or an error to show before
/// asking again. `Stay` keeps the question open (e.g. another value-added service).
pub(crate) enum Took {
    Next(Option<Reply>),
    Stay(Reply),
    Wrong(Reply),
}

fn err(key: &str, params: Vec<(&'static str, String)>) -> Took {
    let data: serde_json::Map<String, Value> = params
        .into_iter()
        .map(|(k, v)| (k.to_owned(), json!(v)))
        .collect();
    Took::Wrong(Reply::new(key, Value::Object(data)))
}

fn ack(key: &str) -> Took {
    Took::Next(Some(Reply::key(key)))
}

fn amount(text: &str, allow_zero: bool) -> Result<Decimal, Took> {
    input::parse_amount(text, allow_zero).map_err(|e| err(e.key(), e.params()))
}

fn tri(v: &str) -> Option<Tri> {
    serde_json::from_value(json!(v)).ok()
}

/// Apply an answer to the current question.
pub(crate) fn answer(s: &mut State, a: Answer, ctx: &Ctx, out: &mut Out) {
    if matches!(a, Answer::Button("nav:keep")) && answered(s.at, &s.draft) {
        return advance(s, ctx, out);
    }
    let took = match take(s, a, ctx) {
        Ok(t) => t,
        Err(t) => t,
    };
    match took {
        Took::Next(r) => {
            if let Some(r) = r {
                out.say(r);
            }
            advance(s, ctx, out);
        }
        Took::Stay(r) => {
            out.say(r);
            out.say(ask(s, ctx));
        }
        Took::Wrong(r) => {
            out.say(r);
            out.say(ask(s, ctx));
        }
    }
}

fn take(s: &mut State, a: Answer, ctx: &Ctx) -> Result<Took, Took> {
    let d = &mut s.draft;
    let p = s.at;
    let prefix = |id: &str| id.split_once(':').map(|(p, v)| (p.to_owned(), v.to_owned()));
    // A button from another question, or text where only buttons make sense.
    let choice = match a {
        Answer::Button(id) => {
            let own = buttons(p, d).iter().flatten().any(|b| b.id == id);
            if !own {
                return Err(Took::Wrong(Reply::key("nav.stale_button")));
            }
            prefix(id).map(|(_, v)| v)
        }
        Answer::Text(_) => None,
    };
    let text = match a {
        Answer::Text(t) => Some(t),
        Answer::Button(_) => None,
    };
    let needs_button = || Took::Wrong(Reply::key("nav.use_buttons"));
    Ok(match p {
        P::Billing => match choice.as_deref() {
            Some("unsure") => Took::Stay(Reply::key("hint.billing")),
            Some(v) => {
                let b = Billing::from_str(v).map_err(|_| needs_button())?;
                d.billing = Some(b);
                ack(&format!("ack.billing.{v}"))
            }
            None => return Err(needs_button()),
        },
        P::Arrears | P::Violation => {
            let v = choice.as_deref().and_then(tri).ok_or_else(needs_button)?;
            let name = if p == P::Arrears { "arrears" } else { "violation" };
            if p == P::Arrears {
                d.arrears = Some(v);
            } else {
                d.violation = Some(v);
            }
            match v {
                Tri::No => Took::Next(None),
                _ => ack(&format!("ack.{name}.{}", json!(v).as_str().unwrap_or("yes"))),
            }
        }
        P::Customised => {
            let yes = match choice.as_deref() {
                Some("yes") => true,
                Some("no") => false,
                _ => return Err(needs_button()),
            };
            d.customised = Some(yes);
            if yes {
                ack("ack.customised.yes")
            } else {
                Took::Next(None)
            }
        }
        P::Applicant => {
            let v: Applicant = choice
                .as_deref()
                .and_then(|v| serde_json::from_value(json!(v)).ok())
                .ok_or_else(needs_button)?;
            d.applicant = Some(v);
            match v {
                Applicant::Owner => Took::Next(None),
                Applicant::Other => ack("ack.applicant.other"),
                _ => ack("ack.applicant.member"),
            }
        }
        P::Request => {
            let v: RequestKind = choice
                .as_deref()
                .and_then(|v| serde_json::from_value(json!(v)).ok())
                .ok_or_else(needs_button)?;
            d.request = Some(v);
            ack(&format!(
                "ack.request.{}",
                json!(v).as_str().unwrap_or("requested")
            ))
        }
        P::Ground => match choice.as_deref() {
            Some("none") => {
                d.ground = Some(None);
                ack("ack.ground.none")
            }
            Some(v) => {
                let g = Ground::from_str(v).map_err(|_| needs_button())?;
                d.ground = Some(Some(g));
                if g == Ground::WrittenNotice {
                    ack("ack.ground.written_notice")
                } else {
                    ack("ack.ground.evidence")
                }
            }
            None => return Err(needs_button()),
        },
        P::Instance => {
            let id =
                input::parse_instance_id(text.unwrap_or_default()).map_err(|e| err(e.key(), e.params()))?;
            d.instance = Some(id);
            Took::Next(None)
        }
        P::Start => {
            let t = input::parse_past_datetime(text.unwrap_or_default(), ctx.now)
                .map_err(|e| err(e.key(), e.params()))?;
            if d.end.is_some_and(|e| e <= t) {
                d.end = None;
                d.period = None;
            }
            d.start = Some(t);
            Took::Next(None)
        }
        P::End => {
            let start = d.start.ok_or_else(|| err("check.start_first", vec![]))?;
            let (end, period) = match choice.as_deref() {
                Some(v) => {
                    let len = match v {
                        "1m" => PeriodLen::Months(1),
                        "3m" => PeriodLen::Months(3),
                        _ => PeriodLen::Years(1),
                    };
                    (len.end_from(start), Some(len))
                }
                None => {
                    let t = text.unwrap_or_default();
                    match input::parse_period(t) {
                        Ok(len) => (len.end_from(start), Some(len)),
                        Err(pe) => match input::parse_datetime(t, ctx.now) {
                            Ok(e) => (Some(e), None),
                            Err(de) if pe == input::PeriodError::Unrecognised => {
                                return Err(err(de.key(), de.params()));
                            }
                            Err(_) => return Err(err(pe.key(), pe.params())),
                        },
                    }
                }
            };
            let end = end.ok_or_else(|| err("check.end_before_start", vec![]))?;
            if end <= start {
                return Err(err("check.end_before_start", vec![("start", start.to_rfc3339())]));
            }
            d.end = Some(end);
            d.period = period;
            Took::Next(None)
        }
        P::Paid => {
            let v = amount(text.unwrap_or_default(), false)?;
            if d.gift.is_some_and(|g| g > v) {
                d.gift = None;
            }
            d.paid = Some(v);
            Took::Next(None)
        }
        P::Voucher => {
            let v = match choice {
                Some(_) => Decimal::ZERO,
                None => amount(text.unwrap_or_default(), true)?,
            };
            d.voucher = Some(v);
            if v > Decimal::ZERO {
                ack("ack.voucher.some")
            } else {
                Took::Next(None)
            }
        }
        P::Gift => {
            let v = match choice {
                Some(_) => Decimal::ZERO,
                None => amount(text.unwrap_or_default(), true)?,
            };
            let paid = d.paid.unwrap_or_default();
            if v > paid {
                return Err(err("check.gift_exceeds_paid", vec![("paid", paid.to_string())]));
            }
            d.gift = Some(v);
            Took::Next(None)
        }
        P::MonthlyPrice => match choice {
            Some(_) => {
                d.monthly_price = Some(None);
                ack("ack.monthly.unknown")
            }
            None => {
                d.monthly_price = Some(Some(amount(text.unwrap_or_default(), false)?));
                Took::Next(None)
            }
        },
        P::Overage => match choice {
            Some(_) => {
                d.overage = Some(None);
                Took::Next(None)
            }
            None => {
                d.overage = Some(Some(overage(text.unwrap_or_default())?));
                Took::Next(None)
            }
        },
        P::ValueAdded => match choice {
            Some(_) => {
                d.value_added_done = true;
                Took::Next(None)
            }
            None => {
                d.value_added.push(value_added(text.unwrap_or_default())?);
                Took::Stay(Reply::new("ack.vas.added", json!({ "items": d.value_added })))
            }
        },
        P::Customisation => {
            let v = match choice {
                Some(_) => Decimal::ZERO,
                None => amount(text.unwrap_or_default(), true)?,
            };
            d.customisation = Some(v);
            Took::Next(None)
        }
        P::DeleteAt => {
            let t = match choice {
                Some(_) => ctx.now,
                None => input::parse_datetime(text.unwrap_or_default(), ctx.now)
                    .map_err(|e| err(e.key(), e.params()))?,
            };
            if d.start.is_some_and(|st| t < st) {
                return Err(err("check.delete_before_start", vec![]));
            }
            d.delete_at = Some(t);
            Took::Next(None)
        }
        P::Reason => {
            let r = match (choice.as_deref(), text) {
                (Some("business_change"), _) => Reason::BusinessChange,
                (Some("performance"), _) => Reason::Performance,
                (Some("not_as_described"), _) => Reason::NotAsDescribed,
                (Some("bought_by_mistake"), _) => Reason::BoughtByMistake,
                (Some(_), _) => Reason::Other(String::new()),
                (None, Some(t)) => Reason::Other(free_text(t)?),
                (None, None) => return Err(needs_button()),
            };
            let key = matches!(r, Reason::Performance).then_some("ack.reason.performance");
            d.reason = Some(r);
            Took::Next(key.map(Reply::key))
        }
        P::ReasonText => {
            d.reason = Some(Reason::Other(free_text(text.unwrap_or_default())?));
            Took::Next(None)
        }
        _ => return Err(needs_button()),
    })
}

/// Free text the bot keeps: not empty, not too long.
pub(crate) fn free_text(t: &str) -> Result<String, Took> {
    let t = t.trim();
    if t.is_empty() {
        return Err(err("check.text_empty", vec![]));
    }
    if t.chars().count() > MAX_TEXT {
        return Err(err("check.text_too_long", vec![("max", MAX_TEXT.to_string())]));
    }
    Ok(t.to_owned())
}

/// `100 120 0.8 GB`: quota, usage, unit price and an optional unit.
fn overage(text: &str) -> Result<Overage, Took> {
    let mut nums = Vec::new();
    let mut unit = None;
    for tok in text.split(|c: char| c.is_whitespace() || c == '/' || c == '，' || c == ',') {
        if tok.is_empty() {
            continue;
        }
        match input::parse_amount(tok, true) {
            Ok(n) => nums.push(n),
            Err(_) if tok.chars().all(char::is_alphabetic) && unit.is_none() => unit = Some(tok.to_owned()),
            Err(_) => return Err(err("check.overage_format", vec![])),
        }
    }
    match nums[..] {
        [quota, used, unit_price] if unit_price > Decimal::ZERO => Ok(Overage {
            quota,
            used,
            unit_price,
            unit,
        }),
        _ => Err(err("check.overage_format", vec![])),
    }
}

/// `技术支持 100`, `support 100 50%`, `support 100 0.5`, `安全加固 300 不可退`.
fn value_added(text: &str) -> Result<ValueAdded, Took> {
    let bad = || err("check.vas_format", vec![]);
    let toks: Vec<&str> = text.split_whitespace().collect();
    let pos = toks
        .iter()
        .position(|t| input::parse_amount(t, false).is_ok())
        .ok_or_else(bad)?;
    if pos == 0 {
        return Err(bad());
    }
    let name = free_text(&toks[..pos].join(" "))?;
    let price = input::parse_amount(toks[pos], false).map_err(|_| bad())?;
    let mut v = ValueAdded {
        name,
        price,
        used_share: None,
        refundable: true,
    };
    match toks.get(pos + 1..).unwrap_or_default() {
        [] => {}
        [t] if ["不可退", "不退", "kept", "non-refundable", "nonrefundable"]
            .contains(&t.to_lowercase().as_str()) =>
        {
            v.refundable = false;
        }
        [t] => {
            let share = match t.strip_suffix('%') {
                Some(p) => Decimal::from_str(p).ok().map(|x| x / Decimal::ONE_HUNDRED),
                None => Decimal::from_str(t).ok(),
            };
            v.used_share = Some(
                share
                    .filter(|s| *s >= Decimal::ZERO && *s <= Decimal::ONE)
                    .ok_or_else(bad)?,
            );
        }
        _ => return Err(bad()),
    }
    Ok(v)
}

/// Move to the next question that applies, or to the result.
fn advance(s: &mut State, ctx: &Ctx, out: &mut Out) {
    let from = FLOW.iter().position(|p| *p == s.at).map_or(0, |i| i + 1);
    let next = FLOW[from..].iter().copied().find(|p| applies(*p, &s.draft));
    s.history.push(s.at);
    match next {
        Some(p) => {
            s.at = p;
            out.say(ask(s, ctx));
        }
        None => match first_open(&s.draft) {
            P::Result => cases::finish(s, ctx, out),
            p => {
                s.at = p;
                out.say(ask(s, ctx));
            }
        },
    }
}
