//! Money in the provider's balance: how it was topped up (which decides
//! UCloud's quick withdrawal) and the withdrawal, an event of its own with
//! its own clock, counted from the day it was requested.

use crate::case::{CaseView, Channel};
use crate::conversation::base::reply::{Out, Reply};
use crate::conversation::base::state::{Intent, Position as P, State};
use crate::conversation::base::vocab::Ctx;
use crate::conversation::cases::card::case_data;
use crate::conversation::follow::follow_steps::{ask_at, back_to_case, save};
use chrono::{DateTime, Utc};

/// `withdrawal:N` (asks the day the withdrawal was requested) and
/// `topup:N:channel` (how the balance was topped up); false for others.
pub(crate) fn button(s: &mut State, id: &str, ctx: &Ctx, out: &mut Out) -> bool {
    if let Some(c) = id
        .strip_prefix("withdrawal:")
        .and_then(|n| n.parse::<i64>().ok())
        .and_then(|n| ctx.case(n))
    {
        ask_withdrawal(s, c, ctx, out);
        return true;
    }
    topup(s, id, None, ctx, out)
}

/// `topup:N:channel`, with the top-up's day when it was said.
fn topup(s: &mut State, id: &str, day: Option<DateTime<Utc>>, ctx: &Ctx, out: &mut Out) -> bool {
    let Some((n, ch)) = id.strip_prefix("topup:").and_then(|r| r.split_once(':')) else {
        return false;
    };
    let (Some(c), Some(ch)) = (
        n.parse::<i64>().ok().and_then(|n| ctx.case(n)),
        Channel::parse(ch),
    ) else {
        out.say(Reply::key("nav.stale_button"));
        crate::conversation::ask::resume(s, ctx, out);
        return true;
    };
    let mut c = c.clone();
    c.data.topup = Some(ch);
    c.data.topup_at = day.or(c.data.topup_at);
    save(out, &c, None, None);
    out.say(Reply::new("followup.topup", case_data(&c, ctx)));
    s.case_no = Some(c.number);
    back_to_case(s, ctx, out, &c);
    true
}

/// "I topped up by Alipay, on 2026-10-01" read as the top-up's button: the channel, and the day said
/// with it, for the quick-withdrawal test.
pub(crate) fn topup_typed(s: &mut State, id: &str, t: &str, ctx: &Ctx, out: &mut Out) -> bool {
    let day = crate::input::one_past_date(t, s.lang(), ctx.now);
    topup(s, id, day, ctx, out)
}

/// "我申请提现了": the day it was requested, for the case it is about.
pub(crate) fn ask_withdrawal(s: &mut State, c: &CaseView, ctx: &Ctx, out: &mut Out) {
    s.case_no = Some(c.number);
    s.draft = c.data.draft.clone();
    s.at = P::CaseView;
    s.follow.intent = Some(Intent::Withdrawal);
    ask_at(s, P::SubmittedAt, ctx, out);
}

/// The withdrawal recorded on the day it was requested: its clock starts;
/// the top-up said beside it is kept too.
pub(crate) fn withdrawal_asked(
    s: &mut State,
    case: &CaseView,
    at: DateTime<Utc>,
    t: &str,
    ctx: &Ctx,
    out: &mut Out,
) {
    let mut c = case.clone();
    c.data.withdrawal_at = Some(at);
    c.data.withdrawal_offline |= super::topup::by_ticket(t);
    c.data.topup = super::topup::topup_said(t, case, ctx).or(c.data.topup);
    save(out, &c, None, None);
    out.say(Reply::new("followup.withdrawal", case_data(&c, ctx)));
    back_to_case(s, ctx, out, &c);
}

/// "我是11月5号微信充的值", "充值日期 2026-11-05 微信" on a case: the top-up's
/// channel (said, or the one known) and its day, for the quick-withdrawal test.
pub(crate) fn topup_dated(s: &mut State, t: &str, ctx: &Ctx, out: &mut Out) -> bool {
    use crate::conversation::read::clauses::contains_any;
    if !matches!(s.at, P::CaseView | P::Result)
        || !contains_any(
            &crate::conversation::read::words::fold(t),
            &ctx.intents.dialogue.topup,
        )
    {
        return false;
    }
    let Some(c) = crate::conversation::cases::card::active(s, ctx) else {
        return false;
    };
    let Some(ch) = super::topup::topup_said(t, c, ctx)
        .or_else(|| ctx.intents.knowledge.channel_named(t))
        .or(c.data.topup)
    else {
        return false;
    };
    let Some(day) = crate::input::one_past_date(t, s.lang(), ctx.now) else {
        return false;
    };
    let id = format!("topup:{}:{}", c.number, ch.as_str());
    topup(s, &id, Some(day), ctx, out)
}
