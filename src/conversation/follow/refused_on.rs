//! "第一次拒是11月25号，不是12月7号", "they first refused on 25 Nov": the
//! day of the first refusal, told on a refused case, is its day (the ladder
//! counts the dispute from it, the letters date support's answer with it).

use crate::case::CaseStatus;
use crate::conversation::base::reply::{Out, Reply};
use crate::conversation::base::state::{Position as P, State};
use crate::conversation::base::vocab::Ctx;
use crate::conversation::cases::card;
use crate::conversation::follow::follow_steps::{first_of_several, save};
use crate::conversation::read::clauses::contains_any;
use crate::conversation::read::words::fold;
use serde_json::json;

/// Whether the text told the first refusal's day (and was acted on).
pub(crate) fn told(s: &mut State, t: &str, ctx: &Ctx, out: &mut Out) -> bool {
    if !matches!(s.at, P::Ladder | P::CaseView | P::Result)
        || !contains_any(&fold(t), &ctx.intents.dialogue.first_refusal)
    {
        return false;
    }
    // (At its complaint the refusal told again is its history: `report`.)
    let Some(c) = card::active(s, ctx)
        .filter(|c| c.status == CaseStatus::Rejected && c.data.escalation.complained_at.is_none())
    else {
        return false;
    };
    // The day not denied ("第一次拒是11月25号，不是12月7号"), else the earliest.
    let read = crate::input::extract(t, s.lang(), ctx.now);
    let affirmed: Vec<_> = read
        .unclear
        .iter()
        .filter(|u| u.kind != crate::input::UnclearKind::AmountWithoutRole)
        .filter(|u| {
            t.find(u.words.as_str()).is_some_and(|at| {
                let before = t[..at].trim_end();
                !["不是", "并非", "not", "not the"]
                    .iter()
                    .any(|n| before.ends_with(n))
            })
        })
        .filter_map(|u| {
            u.past
                .or_else(|| crate::input::parse_past_datetime(&u.words, ctx.now).ok())
        })
        .collect();
    let day = match affirmed[..] {
        [one] => Some(one),
        _ => first_of_several(t, ctx).or_else(|| crate::input::one_past_date(t, s.lang(), ctx.now)),
    };
    let Some(day) = day else {
        return false;
    };
    let mut c = c.clone();
    c.data.rejected_at = Some(day);
    save(out, &c, None, None);
    out.say(Reply::new(
        "refused_on.noted",
        json!({ "n": c.number, "at": day.to_rfc3339() }),
    ));
    if s.at == P::Ladder {
        crate::conversation::ladder::escalate::offer(s, &c, ctx, out);
    } else {
        crate::conversation::follow::note::again(s, &c, ctx, out);
    }
    true
}

/// "客服12月3号回复的原话是：“该实例为活动机型，不支持退订。”" on a refused
/// case: support's words (what the quotes hold after a lead-in) replace the
/// ones kept, with the day they answered; the appeal again. False when the
/// text quotes no support words.
pub(crate) fn quote_told(s: &mut State, t: &str, ctx: &Ctx, out: &mut Out) -> bool {
    let rejection = &ctx.intents.rejection;
    // Words asked for in the letter ("请加上这句：“…”") are the person's, not support's.
    let d = &ctx.intents.dialogue;
    let folded = fold(t);
    // "their actual words were “…” pls put that in": support's words all the same.
    let theirs = contains_any(&folded, &d.own_words);
    if !matches!(s.at, P::CaseView | P::Result)
        || (!theirs
            && (contains_any(&folded, &d.letter_add)
                || contains_any(&folded, &d.letter_into)
                || contains_any(&folded, &d.letter_own)))
    {
        return false;
    }
    let Some(c) = card::active(s, ctx).filter(|c| c.status == CaseStatus::Rejected) else {
        return false;
    };
    let Some(said) = rejection
        .quoted_after_marker(t)
        .filter(|q| q.chars().count() >= 4)
    else {
        return false;
    };
    if c.data.support_said.as_deref() == Some(said.as_str()) {
        // Said again as theirs ("their actual words were …, pls put that in"):
        // the letter already quotes them; it is shown, not added to.
        if theirs {
            crate::conversation::follow::note::again(s, c, ctx, out);
        }
        return theirs;
    }
    let mut c = c.clone();
    c.data.rejection = rejection.read(&said).reason.or(c.data.rejection);
    c.data.support_said = Some(said);
    c.data.support_paraphrased = false;
    c.data.rejected_at = crate::input::one_past_date(t, s.lang(), ctx.now).or(c.data.rejected_at);
    save(out, &c, None, None);
    crate::conversation::follow::note::again(s, &c, ctx, out);
    true
}
