//! The parts of an answer computed from the case: the five-day window, the
//! quick-withdrawal windows, when an answer or the money is due, and where
//! the case stands on the way to 12300 and 12315. Each returns JSON for
//! the template, `null` when the case does not hold what it needs.

use super::about::About;
use crate::case::{Awaits, Channel, clock, quick_until};
use crate::conversation::ladder::escalate::arose;
use crate::policy::escalation::{self, Ladder};
use crate::policy::shared::{FiveDays, five_days};
use crate::policy::timeline::{Window, local_date};
use crate::policy::{Profile, ProfileId, Provider};
use chrono::{Days, TimeDelta};
use serde_json::{Value, json};

pub use crate::case::{ALIPAY_QUICK_DAYS, YEAR_QUICK_MONTHS};

fn profile(p: Provider) -> &'static Profile {
    Profile::load(ProfileId::for_provider(p))
}

/// The five-day window of the case's purchase: inside, unclear or outside
/// today, and its last day (calendar days) or moment (5 × 24 hours).
pub fn five_day(a: &About) -> Value {
    let (Some(p), Some(start)) = (a.provider(), a.answers().and_then(|d| d.start)) else {
        return Value::Null;
    };
    let Some(fd) = profile(p).five_day.as_ref() else {
        return Value::Null;
    };
    // A case already returned: the window as it stood that day ("I returned it
    // on Dec 2": inside, whatever today is).
    let returned = a
        .answers()
        .filter(|d| !d.not_deleted)
        .and_then(|d| d.delete_at)
        .filter(|t| *t <= a.now);
    let state = match five_days(fd, start, returned.unwrap_or(a.now)) {
        FiveDays::Inside => "inside",
        FiveDays::Unclear => "unclear",
        FiveDays::Outside => "outside",
    };
    let days = u64::from(fd.days);
    json!({
        "state": state,
        "start": start,
        "last_day": local_date(start).checked_add_days(Days::new(days)),
        "last_at": start + TimeDelta::hours(24 * days as i64),
        "calendar_days": fd.count == crate::policy::profile::FiveDayCount::CalendarDays,
        "returned": returned,
    })
}

/// A working-day window counted from today.
fn from_today(a: &About, span: [u32; 2]) -> Window {
    Window::new(a.calendar, a.today(), span)
}

/// Withdrawal: the top-up date taken as the purchase date (said so in the
/// answer), the last day each quick path takes it, and the offline window
/// if asked for today.
pub fn withdrawal(a: &About) -> Value {
    let p = a.provider().unwrap_or_default();
    let w = &profile(p).withdrawal;
    let today = a.today();
    // The top-up day the question gives ("topped up with alipay on 1
    // november"), else the order's start.
    let topup = a
        .dated
        .or_else(|| a.answers().and_then(|d| d.start))
        .map(local_date);
    let alipay_until = topup.and_then(|d| quick_until(Channel::Alipay, d));
    let year_until = topup.and_then(|d| quick_until(Channel::Wechat, d));
    let ucloud = profile(Provider::Ucloud).withdrawal.clone();
    json!({
        "topup": topup,
        "topup_told": a.dated.is_some(),
        "alipay_until": alipay_until,
        "alipay_ok": alipay_until.map(|d| today <= d),
        "year_until": year_until,
        "year_ok": year_until.map(|d| today <= d),
        "quick": {
            "hours": ucloud.quick_hours,
            "limit": ucloud.quick_limit,
            "per_day": ucloud.quick_per_day,
        },
        "offline": (w.offline != [0, 0]).then(|| from_today(a, w.offline)),
    })
}

/// When support's answer or the money is due: for a submitted case, its
/// follow-up window (late or not); else the windows if asked for today.
pub fn timing(a: &About) -> Value {
    let p = a.provider().unwrap_or_default();
    let prof = profile(p);
    let t = prof.timing.clone().unwrap_or_default();
    // The case's own clock, from the day it started (a withdrawal from the
    // day it was requested); none once the money arrived or was refused.
    let submitted = a.case.and_then(|c| {
        let k = clock(c, a.calendar, a.now)?;
        let on = match k.awaits {
            Awaits::Withdrawal => c.data.withdrawal_at.or(c.data.submitted_at)?,
            _ => c.data.submitted_at?,
        };
        // "did the national holidays delay it?": the days off the window skips.
        let holidays: Vec<Value> = k
            .window
            .from
            .iter_days()
            .take_while(|d| *d <= k.window.latest)
            .filter_map(|d| a.calendar.holiday_name(d).map(|n| json!({ "day": d, "name": n })))
            .collect();
        Some(json!({ "on": on, "due": k.window, "late": a.today() > k.window.latest, "awaits": k.awaits, "holidays": holidays }))
    });
    let span = |s: Option<[u32; 2]>| s.filter(|s| *s != [0, 0]).map(|s| from_today(a, s));
    json!({
        "submitted": submitted,
        "review": span((p == Provider::Ucloud).then_some(prof.review.simple)),
        "complex": span((p == Provider::Ucloud).then_some(prof.review.complex)),
        "ticket": span(t.ticket_days),
        "arrival": span(t.arrival_days),
        "offline": span(Some(prof.withdrawal.offline)),
    })
}

/// The case's ladder with the day its dispute arose, when a case is open.
fn ladder(a: &About) -> Option<Ladder> {
    let c = a.case?;
    let mut l = c.data.escalation.clone();
    l.arose = Some(arose(c));
    Some(l)
}

/// Where the case stands on the way to MIIT (12300): needs the complaint
/// first, wait until a day, open (until the fee-dispute limit), too late.
pub fn miit(a: &About) -> Value {
    let Some(l) = ladder(a) else {
        return Value::Null;
    };
    json!({
        "arose": l.arose,
        "complained_at": l.complained_at,
        "route": escalation::miit(&l, a.today()),
    })
}

/// Where the case stands on the way to 12315.
pub fn samr(a: &About) -> Value {
    let Some(l) = ladder(a) else {
        return Value::Null;
    };
    json!({
        "arose": l.arose,
        "complained_at": l.complained_at,
        "route": escalation::samr(&l, a.today()),
    })
}

/// The case's estimate (cash and gift) and what came back, with the
/// difference; `null` without a case.
pub fn amount(a: &About) -> Value {
    let Some(c) = a.case else {
        return Value::Null;
    };
    let all = c.data.assessment.as_ref().map(|x| &x.quote);
    // A quote with no figure (a price the rules need was not given) gives
    // no amount to compare, not ¥0.00.
    let q = all.filter(|q| q.figure().is_some());
    let expected = q.map(|q| q.refund);
    let received = c.data.received;
    let difference = expected.zip(received).map(|(e, r)| e - r);
    let text = |d: Option<rust_decimal::Decimal>| d.map(|d| d.to_string());
    let refund_line = |var: &str| {
        q.and_then(|q| q.lines.iter().find(|l| l.key == "refund"))
            .and_then(|l| l.vars.get(var).cloned())
    };
    let asked = expected.zip(a.mentioned).map(|(e, m)| e - m);
    // Alibaba's hint (another product's pro-rata), where the rules give no figure.
    let hint = all
        .and_then(|q| {
            q.findings
                .iter()
                .find(|f| f.code == crate::policy::FindingCode::AliyunHints)
        })
        .and_then(|f| f.vars.get("oss").cloned());
    // Tencent without its hourly price: what came back, read backwards, is
    // what an hour of the time used cost ("扣了 ¥209.83，约 298 小时").
    let hours = all
        .and_then(|q| {
            q.findings
                .iter()
                .find(|f| f.code == crate::policy::FindingCode::HourlyPriceNeeded)
        })
        .and_then(|f| {
            f.vars
                .get("hours")?
                .as_str()?
                .parse::<rust_decimal::Decimal>()
                .ok()
        })
        .filter(|h| !h.is_zero());
    let kept = all
        .zip(received)
        .map(|(q, r)| q.paid - r)
        .filter(|k| k.is_sign_positive());
    let implied = hours.zip(kept).map(|(h, k)| (k / h).round_dp(2));
    json!({
        "no_figure": all.is_some() && q.is_none(),
        "implied_hourly": text(implied),
        "implied_hours": hours.map(|h| h.round().to_string()),
        "kept": text(kept),
        "paid_all": text(all.map(|q| q.paid)),
        "hint": hint,
        "hint_more": hint.as_ref().and_then(|h| h.as_str()?.parse::<rust_decimal::Decimal>().ok()).zip(received).map(|(h, r)| h > r),
        "expected": text(expected),
        "cash": text(q.map(|q| q.refund_cash)),
        "gift": text(q.map(|q| q.refund_gift)),
        "received": text(received),
        "difference": text(difference.map(|d| d.abs())),
        "same": difference.map(|d| d.is_zero()),
        "less": difference.map(|d| d.is_sign_positive() && !d.is_zero()),
        "mentioned": text(a.mentioned),
        // Invoiced at what was paid, the part over what was used holds back
        // the same amount of the withdrawable balance.
        "paid": text(q.map(|q| q.paid)),
        "consumed": text(q.map(|q| q.consumed)),
        // What the rules count as used is more than was paid: it counts as
        // what was paid ("computed" is the rules' own figure).
        "capped": refund_line("capped"),
        "computed": refund_line("computed"),
        "over_invoiced": text(q.map(|q| q.over_invoiced())),
        "blocks_all": q.map(|q| q.over_invoiced() >= q.refund),
        "mentioned_difference": text(asked.map(|d| d.abs())),
        // "上面那个78是对的吗" of ¥78.79: the estimate, said whole.
        "mentioned_rounded": expected.zip(a.mentioned).is_some_and(|(e, m)| m.fract().is_zero() && (e - m).abs() < rust_decimal::Decimal::ONE && e != m),
        "mentioned_same": asked.map(|d| d.is_zero()),
        "mentioned_less": asked.map(|d| d.is_sign_positive() && !d.is_zero()),
    })
}
