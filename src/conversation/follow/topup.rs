//! How the balance was topped up, read from what the person says ("I
//! topped up by Alipay on 2026-10-10"): the channel and day that decide
//! whether a UCloud withdrawal is the quick one.

use crate::case::{CaseView, Channel};
use crate::conversation::base::vocab::Ctx;

/// How the balance was topped up, when the text says it ("I topped up by
/// bank transfer…"; "to my bank card" alone is where money goes, not this).
pub(crate) fn topup_said(t: &str, c: &CaseView, ctx: &Ctx) -> Option<Channel> {
    use crate::conversation::read::clauses::contains_any;
    let folded = crate::conversation::read::words::fold(t);
    if !contains_any(&folded, &ctx.intents.dialogue.topup) {
        return None;
    }
    let ids: Vec<String> = ["alipay", "wechat", "bank"]
        .iter()
        .map(|ch| format!("topup:{}:{ch}", c.number))
        .collect();
    let id = ctx.intents.choices.pick(&ids, &folded)?;
    Channel::parse(id.rsplit(':').next()?)
}

/// A withdrawal told with its story: how the balance was topped up (the one
/// day said with no other role is the top-up's) and the sum that came back.
pub(crate) fn told_with_withdrawal(c: &mut CaseView, text: &str, read: &crate::input::Extracted, ctx: &Ctx) {
    // "…withdrawal to Alipay on 2026-12-03; my top-up was made by Alipay on
    // 2026-10-10": how the balance was topped up, and the one day said with
    // no other role is the top-up's.
    if c.data.withdrawal_at.is_some()
        && let Some(ch) = topup_said(text, c, ctx)
    {
        c.data.topup = Some(ch);
        // ("Today nothing has arrived" names no day of its own.)
        let today = crate::policy::timeline::local_date(ctx.now);
        // (Nor is the day of the approval, the request or the withdrawal.)
        let other = |d: &chrono::DateTime<chrono::Utc>| {
            [c.data.approved_at, c.data.submitted_at, c.data.withdrawal_at]
                .iter()
                .flatten()
                .any(|o| crate::policy::timeline::local_date(*o) == crate::policy::timeline::local_date(*d))
        };
        let days: Vec<_> = read
            .unclear
            .iter()
            .filter_map(|u| u.past)
            .filter(|d| crate::policy::timeline::local_date(*d) != today && !other(d))
            .collect();
        if let [day] = days[..] {
            c.data.topup_at = Some(day);
        }
    }
    // "456.30 yuan was returned to my UCloud balance… I requested a
    // withdrawal": the sum withdrawn is what came back.
    if c.data.withdrawal_at.is_some() && c.data.withdrawn.is_none() {
        c.data.withdrawn = read
            .lone_amount(None)
            .or_else(|| read.came_amount(text, &ctx.intents.dialogue.came));
    }
}

/// "On Nov 20 I submitted a ticket to withdraw the balance": a withdrawal
/// asked for through a ticket (or said to be offline) is an offline one.
pub(crate) fn by_ticket(text: &str) -> bool {
    // "…在控制台申请了提现…工单号20261125-7781": a ticket's number named is
    // no withdrawal by ticket.
    let mut t = text.to_lowercase();
    for number in [
        "工单号",
        "工单编号",
        "ticket number",
        "ticket no",
        "ticket #",
        "ticket id",
    ] {
        t = t.replace(number, " ");
    }
    ["ticket", "工单", "线下提现", "offline withdrawal", "offline"]
        .iter()
        .any(|w| t.contains(w))
}
