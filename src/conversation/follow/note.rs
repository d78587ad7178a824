//! "能把这段写进去吗", "add that the disk is a standard option": the
//! person's own words go into the case's letters ("补充说明"), kept with the
//! case; the letter its stage calls for comes back with them.

use crate::case::CaseView;
use crate::conversation::base::reply::{Out, Reply};
use crate::conversation::base::state::{Position as P, State};
use crate::conversation::base::vocab::Ctx;
use crate::conversation::cases::card::{self, case_data, key_for};
use crate::conversation::cases::letters;
use crate::conversation::follow::follow_steps::{back_to_case, save};
use crate::conversation::follow::not_arrived::not_arrived;
use crate::conversation::read::clauses::contains_any;
use crate::conversation::read::words::fold;
use serde_json::json;

/// The longest note kept, in characters.
use super::note_words::{MAX_NOTE, same_point, words};
/// The longest the notes of one letter get together: the oldest go first.
const MAX_NOTES: usize = 900;

/// Whether the text asks for words in the letter of the case on screen
/// (and was acted on).
pub(crate) fn wanted(s: &mut State, t: &str, ctx: &Ctx, out: &mut Out) -> bool {
    let phrases = &ctx.intents.dialogue.letter_add;
    if dropped(s, t, ctx, out) {
        return true;
    }
    // The words asked for just before: what is in quotes, else all of it.
    if std::mem::take(&mut s.follow.note_wanted)
        && matches!(s.at, P::CaseView | P::Result | P::Ladder)
        && let Some(c) = card::active(s, ctx)
    {
        let note = words(t, phrases).unwrap_or_else(|| t.trim().chars().take(MAX_NOTE).collect());
        if note.chars().filter(|c| c.is_alphanumeric()).count() >= 4 {
            added(s, c, note, ctx, out);
            return true;
        }
    }
    // "那段话再给我一遍 把540写进去": an amount to write in.
    let amount_into = contains_any(&fold(t), &ctx.intents.dialogue.letter_into)
        && crate::input::extract(t, s.lang(), ctx.now)
            .lone_amount(None)
            .is_some();
    if !matches!(s.at, P::CaseView | P::Result | P::Ladder)
        || !(contains_any(&fold(t), phrases) || amount_into)
    {
        return false;
    }
    let Some(c) = card::active(s, ctx) else {
        return false;
    };
    // "想在申诉里写明期望退回的金额，请帮我算一下": the figure to compute,
    // not words to quote.
    if c.data.assessment.is_none() && contains_any(&fold(t), &ctx.intents.dialogue.compute) {
        return false;
    }
    // "能不能把“12月4日答复”写进申诉信里": the day support answered.
    if c.status == crate::case::CaseStatus::Rejected
        && let Some(day) = crate::input::one_past_date(t, s.lang(), ctx.now)
        && (words(t, phrases).is_some_and(|w| w.chars().filter(|c| c.is_alphanumeric()).count() <= 12)
            || answered_day(t, s, ctx))
    {
        let mut c = c.clone();
        c.data.rejected_at = Some(day);
        save(out, &c, None, None);
        again(s, &c, ctx, out);
        return true;
    }
    // "put the instance ID and ticket number in the letter: uhost-…, #88231,
    // bought on 2026-11-11 for 199": facts of the case, not words to quote.
    let read = crate::input::extract(t, s.lang(), ctx.now);
    let lone = read.lone_amount(None);
    let found = crate::conversation::check::facts::of_check(&read);
    let ticket = crate::input::ticket_number(t);
    // "please put the amount in: it's ¥612.40": on a withdrawal, the sum
    // asked for (the ticket said beside it too).
    if found.is_empty()
        && c.data.withdrawal_at.is_some()
        && let Some(v) = lone
    {
        let mut c = c.clone();
        c.data.withdrawn = Some(v);
        c.data.ticket = ticket.or(c.data.ticket);
        save(out, &c, None, None);
        shown(s, &c, t, ctx, out);
        return true;
    }
    // "提现单号TX20261123-5521 要写进去": the number goes in as the ticket.
    if found.is_empty()
        && let Some(ticket) = ticket.clone()
    {
        let mut c = c.clone();
        c.data.ticket = Some(ticket);
        save(out, &c, None, None);
        again(s, &c, ctx, out);
        return true;
    }
    if !found.is_empty() && c.data.assessment.is_none() {
        let mut c = c.clone();
        crate::conversation::check::facts::apply(&mut c.data.draft, &found, ctx.now);
        s.draft = c.data.draft.clone();
        crate::conversation::follow::not_shown::mark(&mut c, t, ctx);
        c.data.ticket = ticket.or(c.data.ticket);
        if c.data.withdrawal_at.is_some() {
            c.data.withdrawn = lone.or(c.data.withdrawn);
        }
        save(out, &c, None, None);
        out.say(Reply::new("letter.facts_noted", json!({ "n": c.number })));
        shown(s, &c, t, ctx, out);
        return true;
    }
    match words(t, phrases) {
        Some(note) => added(s, c, note, ctx, out),
        None => {
            out.say(Reply::key("letter.note_what"));
            crate::conversation::ask::resume(s, ctx, out);
            s.follow.note_wanted = true;
        }
    }
    true
}

/// "can you write me a polite follow-up message for support about my
/// ticket": on a case that has been asked for, its letter (the stage's),
/// not "I can't answer that one". A complaint or an escalation asked for by
/// name is the ladder's, not this.
pub(crate) fn write_asked(s: &mut State, t: &str, ctx: &Ctx, out: &mut Out) -> bool {
    let folded = fold(t);
    let d = &ctx.intents.dialogue;
    // "the ticket number is UC20261201-4410", said alone: into the letter.
    let ticket = crate::input::ticket_number(t);
    let ticket_alone = ticket.clone().filter(|_| t.chars().count() <= 40);
    // "a message to send if it hasn't arrived by the 17th": the chase-up
    // for when its clock has run out, written now.
    if matches!(s.at, P::CaseView | P::Result)
        && contains_any(&folded, &d.letter_ahead)
        && (contains_any(&folded, &d.letter_send) || contains_any(&folded, &d.write))
        && let Some(c) = card::active(s, ctx)
        && crate::conversation::follow::not_arrived::ahead(s, c, ctx, out)
    {
        return true;
    }
    // "申诉信再给我发一遍": the letter on the case, whatever its stage.
    let once_more = contains_any(&folded, &d.letter) && contains_any(&folded, &d.letter_again);
    if !matches!(s.at, P::CaseView | P::Result)
        || !(contains_any(&folded, &d.write) || ticket_alone.is_some() || once_more)
        || contains_any(&folded, &d.escalation)
    {
        return false;
    }
    let Some(c) = card::active(s, ctx).filter(|c| {
        once_more
            || c.data.submitted_at.is_some()
            || c.data.received.is_some()
            || c.status == crate::case::CaseStatus::Rejected
    }) else {
        return false;
    };
    let mut c = c.clone();
    if let Some(ticket) = ticket {
        c.data.ticket = Some(ticket);
        // "11月12日提了工单8836102": the day it was opened is the request's,
        // which may also be the objection made in time.
        let opened = crate::input::extract(t, s.lang(), ctx.now)
            .facts
            .into_iter()
            .find_map(|f| match f.fact {
                crate::input::Fact::Submitted(w) => Some(w.at),
                _ => None,
            });
        if c.data.submitted_at.is_none() {
            c.data.submitted_at = opened;
        }
        save(out, &c, None, None);
    }
    again(s, &c, ctx, out);
    true
}

fn added(s: &mut State, case: &CaseView, note: String, ctx: &Ctx, out: &mut Out) {
    let mut c = case.clone();
    // Each sentence asked for is kept beside the ones before ("加上这句",
    // then "also say…"), the same one once.
    let mut notes: Vec<String> = c
        .data
        .note
        .iter()
        .flat_map(|n| n.lines())
        .map(str::to_owned)
        .collect();
    // The same point said again in other words replaces its first wording.
    match notes.iter().position(|n| same_point(n, &note)) {
        Some(k) => notes[k] = note,
        None => notes.push(note),
    }
    while notes.iter().map(|n| n.chars().count()).sum::<usize>() > MAX_NOTES {
        notes.remove(0);
    }
    c.data.note = Some(notes.join("\n"));
    save(out, &c, None, None);
    out.say(Reply::new("letter.noted", json!({ "n": c.number })));
    again(s, &c, ctx, out)
}

/// The letter the case's stage calls for, again (after a change to it).
/// The case's letter again after a change: the one for when it is late
/// when the text asks for that ("…the one to send if it's late"), else the
/// stage's.
fn shown(s: &mut State, c: &CaseView, t: &str, ctx: &Ctx, out: &mut Out) {
    let d = &ctx.intents.dialogue;
    let folded = fold(t);
    let ahead = contains_any(&folded, &d.letter_ahead)
        && (contains_any(&folded, &d.letter_send) || contains_any(&folded, &d.write));
    if !(ahead && crate::conversation::follow::not_arrived::ahead(s, c, ctx, out)) {
        again(s, c, ctx, out);
    }
}

pub(crate) fn again(s: &mut State, c: &CaseView, ctx: &Ctx, out: &mut Out) {
    let c = c.clone();
    // The appeal refused too: the letter now is the formal complaint.
    if crate::case::stage(&c, ctx.now) == crate::case::Stage::Appealed {
        return crate::conversation::ladder::complaint_letter::write(s, &c, ctx, out);
    }
    match letters::letter_key(&c, ctx) {
        "followup.not_arrived" => not_arrived(s, &c, ctx, out),
        key => {
            let mut data = case_data(&c, ctx);
            // The recheck compares what came with the estimate.
            if let Some(got) = c.data.received.filter(|_| key == "followup.different") {
                crate::conversation::cases::card::difference(&mut data, &c, got);
            }
            out.say(Reply::new(&key_for(key, &c), data));
            back_to_case(s, ctx, out, &c);
        }
    }
}

/// "I already opened a ticket about this: UC-…, mention it", "提交时间是
/// 2026-12-03" on a case whose letter is written (a refusal, a wrong
/// amount): the ticket and the day go into that letter, shown again; false
/// when the message gives neither or no such case is on screen.
pub(crate) fn into_letter(s: &mut State, t: &str, ctx: &Ctx, out: &mut Out) -> bool {
    let Some(c) = card::about(s, ctx)
        .filter(|c| c.status == crate::case::CaseStatus::Rejected || c.data.received.is_some())
    else {
        return false;
    };
    // The day said as the request's ("sent on 2026-11-27, not the 26th"),
    // else the one day of the text; "是11-28回的": the day support answered.
    let read = crate::input::extract(t, s.lang(), ctx.now);
    let past = |f: &crate::input::Found| match f.fact {
        crate::input::Fact::Answered(w) if w.at <= ctx.now => Some(w.at),
        _ => None,
    };
    let answered = read.facts.iter().find_map(past);
    let day = read
        .facts
        .iter()
        .find_map(|f| match f.fact {
            crate::input::Fact::Submitted(w) if w.at <= ctx.now => Some(w.at),
            _ => None,
        })
        .or_else(|| {
            answered
                .is_none()
                .then(|| crate::input::one_past_date(t, s.lang(), ctx.now))
                .flatten()
        });
    let ticket = crate::input::ticket_number(t);
    if day.is_none() && ticket.is_none() && answered.is_none() {
        return false;
    }
    let mut c = c.clone();
    c.data.rejected_at = answered.or(c.data.rejected_at);
    c.data.submitted_at = day.or(c.data.submitted_at);
    c.data.ticket = ticket.or(c.data.ticket);
    save(out, &c, None, None);
    s.case_no = Some(c.number);
    again(s, &c, ctx, out);
    true
}

/// "客服是2026-11-28回复的": the text dates support's answer.
fn answered_day(t: &str, s: &State, ctx: &Ctx) -> bool {
    crate::input::extract(t, s.lang(), ctx.now)
        .facts
        .iter()
        .any(|f| matches!(f.fact, crate::input::Fact::Answered(_)))
}

/// "我买的时候页面上根本没看到特惠不退的说明" said alone on a case refused as a promotion (no
/// facts, no words asked for the letter): noted, the appeal again, saying so plainly.
pub(crate) fn not_shown(s: &mut State, t: &str, ctx: &Ctx, out: &mut Out) -> bool {
    if !matches!(s.at, P::CaseView | P::Result) || contains_any(&fold(t), &ctx.intents.dialogue.letter_add) {
        return false;
    }
    let Some(mut c) = card::active(s, ctx).cloned() else {
        return false;
    };
    if !crate::conversation::follow::not_shown::mark(&mut c, t, ctx) {
        return false;
    }
    save(out, &c, None, None);
    out.say(Reply::new("letter.not_shown_noted", json!({ "n": c.number })));
    again(s, &c, ctx, out);
    true
}

/// "当时确实额外加了一块定制的高性能数据盘" on a case refused for customisation, whose letter says
/// there was none: the case has a customised part, and its appeal asks for that part to be listed
/// and the rest refunded.
pub(crate) fn customised(s: &mut State, t: &str, ctx: &Ctx, out: &mut Out) -> bool {
    let d = &ctx.intents.dialogue;
    // "没有任何定制服务" denies it; "加了一块定制的数据盘" says it.
    let folded = fold(t);
    let said = d.customised.iter().filter(|w| !w.is_empty()).any(|w| {
        folded.match_indices(w.as_str()).any(|(at, _)| {
            let before = folded[..at].trim_end();
            !["没有", "没", "不是", "无", "并非", "任何", "not", "no", "any"]
                .iter()
                .any(|n| before.ends_with(n))
        })
    });
    if !matches!(s.at, P::CaseView | P::Result) || !said {
        return false;
    }
    let Some(mut c) = card::active(s, ctx).cloned() else {
        return false;
    };
    if c.data.rejection != Some(crate::case::RejectReason::Customised)
        || c.data.draft.customised == Some(true)
    {
        return false;
    }
    c.data.draft.customised = Some(true);
    s.draft.customised = Some(true);
    save(out, &c, None, None);
    out.say(Reply::new("letter.customised_noted", json!({ "n": c.number })));
    again(s, &c, ctx, out);
    true
}

/// "删掉补充说明", "take the added note out": the sentences asked for are
/// taken out of the case's letters, and the letter shown again.
fn dropped(s: &mut State, t: &str, ctx: &Ctx, out: &mut Out) -> bool {
    let folded = fold(t);
    let d = &ctx.intents.dialogue;
    if !matches!(s.at, P::CaseView | P::Result | P::Ladder)
        || !contains_any(&folded, &d.letter_own)
        || !contains_any(&folded, &d.letter_note)
    {
        return false;
    }
    let Some(c) = card::active(s, ctx).filter(|c| c.data.note.is_some()) else {
        return false;
    };
    let mut c = c.clone();
    c.data.note = None;
    save(out, &c, None, None);
    out.say(Reply::new("letter.notes_dropped", json!({ "n": c.number })));
    // "…remove that paragraph. I only wanted one sentence added: “…”": the
    // sentence in quotes in its place.
    let instead = crate::conversation::read::rejection::quoted(t)
        .filter(|q| q.chars().filter(|c| c.is_alphanumeric()).count() >= 20);
    match instead {
        Some(q) if contains_any(&folded, &d.letter_add) => added(s, &c, q, ctx, out),
        _ => again(s, &c, ctx, out),
    }
    true
}
