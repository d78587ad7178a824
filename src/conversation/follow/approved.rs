//! "support approved the refund of about 260 CNY on dec 1 but nothing
//! arrived", "退款11月25号审核通过了，312.50元": the approval, told in a
//! follow-up, with its day and amount when the same sentence gives them.
//! At UCloud an approved refund is in the account balance, so the case
//! stands there (`Stage::InBalance`); the letters name the approval.

use crate::case::{CaseStatus, CaseView};
use crate::conversation::base::vocab::Ctx;
use crate::conversation::read::words::fold;
use crate::policy::Provider;
use chrono::{DateTime, Utc};
use rust_decimal::Decimal;

/// The approval a message tells: its day and amount, each when said.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub(crate) struct Approval {
    pub at: Option<DateTime<Utc>>,
    pub amount: Option<Decimal>,
}

/// The approval the message tells, if it tells one (not "还没批",
/// "hasn't been approved yet").
pub(crate) fn read(text: &str, lang: crate::render::Lang, ctx: &Ctx) -> Option<Approval> {
    let d = &ctx.intents.dialogue;
    let words = &d.case.approved;
    for sentence in crate::conversation::read::clauses::split(text) {
        let folded = &sentence.folded;
        let Some(at) = words
            .iter()
            .filter(|w| !w.is_empty())
            .find_map(|w| folded.find(w.as_str()))
        else {
            continue;
        };
        if d.words.denied(folded, at) || sentence.mark {
            continue;
        }
        // The day and amount of the part that says it ("11月25号审核通过了，
        // 27号申请提现"), else the sentence's one day and amount.
        let part = sentence
            .text
            .split(['，', '；'])
            .flat_map(|p| p.split(", "))
            .find(|p| {
                words
                    .iter()
                    .any(|w| !w.is_empty() && fold(p).contains(w.as_str()))
            })
            .unwrap_or(&sentence.text);
        let of = |t: &str| {
            let read = crate::input::extract(t, lang, ctx.now);
            let days = read.past_dates(ctx.now);
            ((days.len() == 1).then(|| days[0]), read.lone_amount(None))
        };
        let (day, amount) = of(part);
        let (all_day, all_amount) = of(&sentence.text);
        return Some(Approval {
            at: day.or(all_day),
            amount: amount.or(all_amount),
        });
    }
    None
}

/// Puts a told approval on the case: its day and amount, and at UCloud
/// the approved status (the money is in the balance from then on); whether
/// the status changed.
pub(crate) fn put(c: &mut CaseView, a: Approval) -> bool {
    c.data.approved_at = a.at.or(c.data.approved_at);
    c.data.approved = a.amount.or(c.data.approved);
    let ucloud = c.data.draft.provider().is_none_or(|p| p == Provider::Ucloud);
    if ucloud
        && matches!(
            c.status,
            CaseStatus::Draft | CaseStatus::Quoted | CaseStatus::Submitted
        )
    {
        c.status = CaseStatus::Approved;
        return true;
    }
    false
}
