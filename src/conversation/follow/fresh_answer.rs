//! An answer to a question of a follow-up opened without an estimate
//! (`fresh.rs`): what support said, the instance or cloud, when it was
//! submitted, what arrived.

use crate::case::{CaseView, RejectReason};
use crate::conversation::base::buttons::Id;
use crate::conversation::base::reply::{Out, Reply};
use crate::conversation::base::state::{Position as P, State};
use crate::conversation::base::vocab::Ctx;
use crate::conversation::cases::card::reject_id;
use crate::conversation::check::compound;
use crate::conversation::follow::follow_steps::{input_error, not_before_case, took_reply, when, wrong};
use crate::input;

/// An answer to a question of a follow-up opened without an estimate;
/// `None` when the answer is not one of those (the usual arms take it).
pub(crate) fn fresh_answer(
    s: &mut State,
    case: &CaseView,
    pressed: Option<Id>,
    text: &str,
    ctx: &Ctx,
    out: &mut Out,
) -> Option<()> {
    use crate::policy::Provider;
    let mut c = case.clone();
    // A ticket number said with an answer is in the letter this may end with.
    if let Some(ticket) = input::ticket_number(text) {
        c.data.ticket = Some(ticket);
    }
    let skip = pressed == Some(Id::FollowSkip);
    match (s.at, pressed) {
        (P::SupportSaid | P::FollowInstance | P::SubmittedAt, Some(Id::FollowSkip)) => {}
        // The server's ID sent at a later question (the cloud was named, so
        // its question was not asked): kept, and the question asked again.
        (P::SubmittedAt | P::Received, None) if let Ok(id) = input::read_instance_id(text) => {
            s.draft.instance = Some(id);
        }
        (P::SupportSaid, Some(id)) => match RejectReason::ALL.into_iter().find(|r| reject_id(*r) == id) {
            Some(r) => c.data.rejection = Some(r),
            None => {
                wrong(Reply::key("nav.stale_button"), s, ctx, out);
                return Some(());
            }
        },
        // "…11-09 第一次拒绝…12-04 申诉又被拒…12-05 开了正式投诉工单 TS…": the
        // whole story at once lands on the ladder, on this case.
        (P::SupportSaid, None)
            if ctx.intents.dialogue.reports(
                &crate::conversation::read::words::fold(text),
                crate::conversation::read::act::Event::Complained,
            ) =>
        {
            crate::conversation::follow::fresh::complained_on(s, Some(case), text, ctx, out);
            return Some(());
        }
        (P::SupportSaid, None) => match compound::free_text(&ctx.intents.rejection.support_words(text)) {
            Ok(said) => {
                // The kind of reason their words give ("Promotional instances
                // are not eligible" is the promotion's appeal), and the day
                // the message says they answered.
                c.data.rejection = c.data.rejection.or(ctx.intents.rejection.read(&said).reason);
                let day = input::one_past_date(text, s.lang(), ctx.now);
                c.data.rejected_at = c.data.rejected_at.or(day);
                c.data.support_said = Some(said);
                // "…，我买的时候没看到这规定": the rule never shown, said with their words.
                crate::conversation::follow::not_shown::mark(&mut c, text, ctx);
            }
            Err(t) => {
                wrong(took_reply(t), s, ctx, out);
                return Some(());
            }
        },
        (P::FollowInstance, Some(id)) => {
            let p = match id {
                Id::ProviderUcloud => Provider::Ucloud,
                Id::ProviderTencent => Provider::Tencent,
                Id::ProviderHuawei => Provider::Huawei,
                Id::ProviderAliyun => Provider::Aliyun,
                _ => {
                    wrong(Reply::key("nav.stale_button"), s, ctx, out);
                    return Some(());
                }
            };
            s.draft.provider = Some(p);
        }
        (P::FollowInstance, None) => match input::read_instance_id(text) {
            Ok(id) => s.draft.instance = Some(id),
            Err(e) => {
                wrong(input_error(e.key(), e.params()), s, ctx, out);
                return Some(());
            }
        },
        // "Deleted it 2026-11-25, asked for the refund 2026-11-26": the date
        // the message gives the request, and the deletion beside it.
        (P::SubmittedAt, None) if let Some((at, deleted)) = roles(text, s, ctx) => {
            // "11月26号我提的提现": the withdrawal's day, its own clock.
            let folded = crate::conversation::read::words::fold(text);
            let dialogue = &ctx.intents.dialogue;
            if dialogue.reports(
                &folded,
                crate::conversation::read::act::Event::WithdrawalRequested,
            ) || withdrawal_told(text, s, ctx)
            {
                c.data.withdrawal_at = Some(at);
                c.data.withdrawal_offline |= crate::conversation::follow::topup::by_ticket(text);
            } else if deleted != Some(at)
                || input::ticket_number(text).is_some()
                || dialogue.reports(&folded, crate::conversation::read::act::Event::Submitted)
            {
                // "…deleted it in the console and opened the ticket": the same
                // day for both.
                c.data.submitted_at = Some(at);
            } else {
                // "11月20号删的": the deletion's day, and no request's day
                // made up from it (the question is not asked again).
                s.follow.skipped.push(s.at);
            }
            if let Some(d) = deleted {
                s.draft.delete_at = Some(d);
            }
        }
        (P::SubmittedAt, b) => match when(b, text, ctx).and_then(|t| not_before_case(case, t)) {
            Ok(t) => c.data.submitted_at = Some(t),
            Err(r) => {
                wrong(r, s, ctx, out);
                return Some(());
            }
        },
        (P::Received, None) => match input::amount_said(text, ctx.now) {
            Ok(got) => c.data.received = Some(got),
            Err(e) => {
                wrong(input_error(e.key(), e.params()), s, ctx, out);
                return Some(());
            }
        },
        _ => return None,
    }
    if skip {
        s.follow.skipped.push(s.at);
    }
    // "资源未删除，因是定制配置…只能提工单": a request asked of support for a
    // server not deleted (its review has a clock).
    let dialogue = &ctx.intents.dialogue;
    let undeleted = crate::conversation::read::clauses::split(text)
        .iter()
        .any(|c| dialogue.event(&c.folded) == Some((crate::conversation::read::act::Event::Deleted, true)));
    if undeleted && s.draft.delete_at.is_none() {
        s.draft.not_deleted = true;
    }
    // "11月30号提的工单" with no deletion known: asked of support, its review has a clock.
    let folded = crate::conversation::read::words::fold(text);
    if s.at == P::SubmittedAt
        && s.draft.delete_at.is_none()
        && crate::conversation::read::clauses::contains_any(&folded, &dialogue.ticket)
    {
        s.draft.request = Some(crate::policy::RequestKind::Requested);
    }
    // "因是定制配置": the review is the longer, complex one. Support's words
    // ("Your resource includes customised services") are their claim, not
    // the person's: the appeal does not concede it.
    if s.at != P::SupportSaid
        && crate::conversation::read::clauses::contains_any(
            &crate::conversation::read::split::unquoted(&crate::conversation::read::words::fold(text)),
            &dialogue.customised,
        )
    {
        s.draft.customised = Some(true);
    }
    // "…the next day, 2026-11-26. Ticket number is #88231.": kept too.
    if let Some(ticket) = input::ticket_number(text) {
        c.data.ticket = Some(ticket);
    }
    // "机器是11月1号买的包年，2000块": the order's facts said with an answer go into the letter.
    if pressed.is_none() {
        let told: Vec<input::Found> = input::extract(text, s.lang(), ctx.now)
            .facts
            .into_iter()
            .filter(|f| {
                crate::conversation::check::facts::for_check(&f.fact)
                    && !matches!(f.fact, input::Fact::DeleteAt(_))
            })
            .collect();
        crate::conversation::check::facts::apply(&mut s.draft, &told, ctx.now);
    }
    crate::conversation::follow::fresh::advance(s, c, ctx, out);
    Some(())
}

/// "…opened a ticket on 2026-11-06 asking to withdraw the remaining
/// balance": a withdrawal's day the sentence gives.
fn withdrawal_told(text: &str, s: &State, ctx: &Ctx) -> bool {
    input::extract(text, s.lang(), ctx.now)
        .facts
        .iter()
        .any(|f| matches!(f.fact, input::Fact::Withdrawal(_)))
}

/// The request's date in a sentence that names it (and a deletion's, when
/// said too), when the whole text is not one date.
fn roles(
    text: &str,
    s: &State,
    ctx: &Ctx,
) -> Option<(
    chrono::DateTime<chrono::Utc>,
    Option<chrono::DateTime<chrono::Utc>>,
)> {
    let withdrawal = ctx.intents.dialogue.reports(
        &crate::conversation::read::words::fold(text),
        crate::conversation::read::act::Event::WithdrawalRequested,
    ) || withdrawal_told(text, s, ctx);
    if input::parse_past_datetime(text, ctx.now).is_ok() && !withdrawal {
        return None;
    }
    let read = input::extract(text, s.lang(), ctx.now);
    let pick = |want: fn(&input::Fact) -> Option<chrono::DateTime<chrono::Utc>>| {
        read.facts
            .iter()
            .find_map(|f| want(&f.fact))
            .filter(|at| *at <= ctx.now)
    };
    // "11月26号我提的提现": a withdrawal's day is a date the words give no
    // other role.
    let deleted = pick(|f| match f {
        input::Fact::DeleteAt(w) => Some(w.at),
        _ => None,
    });
    // The question asks for the request "or the deletion": "11月25号删的"
    // answers it with the deletion's day.
    let asked_for = |f: &input::Fact| match f {
        input::Fact::Withdrawal(w) => Some(w.at),
        _ => None,
    };
    let submitted = pick(|f| match f {
        input::Fact::Submitted(w) => Some(w.at),
        _ => None,
    })
    .or_else(|| {
        withdrawal
            .then(|| pick(asked_for).or(read.lone_past_date(ctx.now)))
            .flatten()
    })
    // "I deleted it on 2026-11-25 and sent the request in a ticket the next
    // day, 2026-11-26": beside the deletion, the other day is the request's.
    .or_else(|| {
        deleted
            .and(read.lone_past_date(ctx.now))
            .filter(|d| deleted.is_some_and(|x| *d > x))
    })
    .or(deleted)?;
    Some((submitted, deleted))
}
