//! The facts of a follow-up's first message put on its case (`fresh::start`):
//! the ticket, support's words and day, the request's and withdrawal's days,
//! an approval, the top-up, and what came.

use crate::case::CaseView;
use crate::conversation::base::state::Intent as Flow;
use crate::conversation::base::vocab::Ctx;
use crate::conversation::read::rejection::Said;
use crate::input;

/// Puts what the message tells on `c`; whether it told an approval that
/// changed the case's status.
pub(crate) fn told(
    c: &mut CaseView,
    f: Flow,
    (text, read, said): (&str, &input::Extracted, &Said),
    lang: crate::render::Lang,
    ctx: &Ctx,
) -> bool {
    // A ticket number in the message is in the letter this ends with.
    if let Some(ticket) = input::ticket_number(text) {
        c.data.ticket = Some(ticket);
    }
    // What support said, when the message says it: not asked again.
    if f == Flow::Rejected {
        c.data.rejection = said.reason.or(c.data.rejection);
        // Support's words quoted before stay against unquoted ones.
        let quoted = ctx.intents.rejection.is_quoted(text);
        let kept = c.data.support_said.take();
        c.data.support_said = match (said.words.clone(), kept) {
            (Some(_), Some(old)) if !quoted => Some(old),
            (Some(new), _) => {
                c.data.support_paraphrased = !quoted;
                Some(new)
            }
            (None, old) => old,
        };
        // "…answered on nov 30": the day support refused.
        let answered = read.facts.iter().find_map(|f| match f.fact {
            input::Fact::Answered(w) if w.at <= ctx.now => Some(w.at),
            _ => None,
        });
        c.data.rejected_at = answered.or(read.lone_past_date(ctx.now)).or(c.data.rejected_at);
        // "…the order page never mentioned that promotional prices are non-refundable".
        crate::conversation::follow::not_shown::mark(c, text, ctx);
        // "…they said my server was doing mining?? I was only training a ML model".
        crate::conversation::follow::usage::put(c, text, ctx);
    }
    for fact in &read.facts {
        match &fact.fact {
            input::Fact::Submitted(w) if w.at <= ctx.now => c.data.submitted_at = Some(w.at),
            input::Fact::Withdrawal(w) if w.at <= ctx.now => {
                c.data.withdrawal_at = Some(w.at);
                c.data.withdrawal_offline |= crate::conversation::follow::topup::by_ticket(text);
            }
            _ => {}
        }
    }
    // "support approved the refund of about 260 CNY on dec 1 but nothing arrived".
    use crate::conversation::follow::approved;
    let approval = (f != Flow::Rejected)
        .then(|| approved::read(text, lang, ctx))
        .flatten();
    let now_approved = approval.is_some_and(|a| approved::put(c, a));
    crate::conversation::follow::topup::told_with_withdrawal(c, text, read, ctx);
    // "当时是对公转账充值到账户里付的300元": how the balance was topped up, for the withdrawal to come.
    c.data.topup = c
        .data
        .topup
        .or_else(|| crate::conversation::follow::topup::topup_said(text, c, ctx));
    // "11月25日审批通过，312.50元退到了账户余额。11月27日…申请了提现": what
    // was approved is what is withdrawn, unless another sum is said.
    if c.data.withdrawal_at.is_some() {
        c.data.withdrawn = c.data.withdrawn.or(c.data.approved);
    }
    // "余额只退回了180元，我觉得有点少": the one amount of a wrong-amount
    // message is what came (not asked again).
    if f == Flow::Different
        && c.data.received.is_none()
        && let Some(got) = read
            .lone_amount(None)
            .or_else(|| read.came_amount(text, &ctx.intents.dialogue.came))
    {
        c.data.received = Some(got);
    }
    now_approved
}
