//! The refund check: taking the answer to the current question, then moving on.

use crate::conversation::base::answer::{Answer, Took};
use crate::conversation::base::buttons::Id;
use crate::conversation::base::reply::{Out, Reply};
use crate::conversation::base::state::{Position as P, State};
use crate::conversation::base::vocab::Ctx;
use crate::conversation::check::finish;
use crate::conversation::check::flow::{answered, applies, first_open, segment};
use crate::conversation::check::question::{ask, buttons};
use crate::conversation::check::take_account;
use crate::conversation::check::take_cloud;
use crate::conversation::check::take_order;

/// Apply an answer to the current question.
pub(crate) fn answer(s: &mut State, a: Answer, ctx: &Ctx, out: &mut Out) {
    if matches!(a, Answer::Button(b) if Id::parse(b) == Some(Id::NavKeep)) && answered(s.at, &s.draft) {
        return advance(s, ctx, out, true);
    }
    // Coming back to an answered question walks through the following ones
    // again; a first answer skips those already known.
    let revisit = answered(s.at, &s.draft) && s.fixing != Some(s.at);
    let took = match take(s, a, ctx) {
        Ok(t) => t,
        Err(t) => t,
    };
    // "Fix deletion time" pressed on a follow-up case (no estimate): the
    // answer goes into that case and its letter, not into a check.
    let on_case = s.fixing == Some(s.at) && s.history.last() == Some(&P::CaseView);
    match took {
        Took::Next(r) => {
            s.fixing = None;
            if let Some(r) = r {
                out.say(r);
            }
            if on_case
                && let Some(c) =
                    crate::conversation::cases::card::active(s, ctx).filter(|c| c.data.assessment.is_none())
            {
                let mut c = c.clone();
                c.data.draft = s.draft.clone();
                s.history.pop();
                crate::conversation::follow::follow_steps::save(out, &c, None, None);
                return crate::conversation::follow::note::again(s, &c, ctx, out);
            }
            advance(s, ctx, out, revisit);
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

/// Whether `text` answers the question on screen (nothing is changed).
/// Of the pieces of a message (dates or amounts whose role was not said),
/// the one the question on screen takes, when every piece it takes gives
/// the same answer ("我是9月1号交的钱，2026年9月1日。" is one date).
pub(crate) fn one_answer_in<'a>(s: &State, pieces: &[&'a str], ctx: &Ctx) -> Option<&'a str> {
    let mut taken: Option<(&str, State)> = None;
    for w in pieces {
        let mut trial = s.clone();
        if !matches!(take(&mut trial, Answer::Text(w), ctx), Ok(Took::Next(_))) {
            continue;
        }
        match &taken {
            None => taken = Some((w, trial)),
            Some((_, first)) if first.draft == trial.draft => {}
            Some(_) => return None,
        }
    }
    taken.map(|(w, _)| w)
}

pub(crate) fn accepts(s: &State, text: &str, ctx: &Ctx) -> bool {
    let mut trial = s.clone();
    matches!(
        take(&mut trial, Answer::Text(text), ctx),
        Ok(Took::Next(_) | Took::Stay(_))
    )
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
    let _needs_button = || Took::Wrong(Reply::key("nav.use_buttons"));
    match p {
        P::Billing
        | P::Account
        | P::Arrears
        | P::Violation
        | P::Customised
        | P::Applicant
        | P::Request
        | P::Ground => take_account::take(d, p, choice, text),
        P::Provider
        | P::FirstRefund
        | P::HourlyPrice
        | P::BandwidthPrice
        | P::UsedDiscount
        | P::HourlyTier
        | P::Renewals
        | P::RefundFee => take_cloud::take(d, p, choice, text),
        _ => take_order::take(d, p, choice, text, ctx),
    }
}

/// Move to the next question of this part that applies (and is not known
/// yet, unless `revisit`), or to the result.
pub(crate) fn advance(s: &mut State, ctx: &Ctx, out: &mut Out, revisit: bool) {
    let seg = segment(s.at, &s.draft);
    let from = seg.iter().position(|p| *p == s.at).map_or(0, |i| i + 1);
    let next = seg[from..]
        .iter()
        .copied()
        .find(|p| applies(*p, &s.draft) && (revisit || !answered(*p, &s.draft)));
    s.history.push(s.at);
    match next {
        Some(p) => {
            s.at = p;
            out.say(ask(s, ctx));
        }
        None => match first_open(&s.draft) {
            P::Result => finish::finish(s, ctx, out),
            p => {
                s.at = p;
                out.say(ask(s, ctx));
            }
        },
    }
}
