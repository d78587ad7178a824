//! What a message does on the screen on show: the facts it tells (not
//! those it asks about), the buttons and topics there, read by the reader.

use crate::conversation::ask;
use crate::conversation::base::state::State;
use crate::conversation::base::vocab::Ctx;
use crate::conversation::check::facts;
use crate::conversation::read::act::Act;
use crate::conversation::read::reader::{self, Reading};
use crate::conversation::typed::{on_screen, takes};
use crate::input;

/// What a message does on the screen of `s` (nothing changes).
#[cfg(test)]
pub(crate) fn reading(s: &State, t: &str, ctx: &Ctx) -> Reading {
    read_on(s, t, &input::extract(t, s.lang(), ctx.now), ctx)
}

pub(crate) fn read_on(s: &State, t: &str, read: &input::Extracted, ctx: &Ctx) -> Reading {
    let takes = |text: &str| takes(s, text, ctx);
    let topic = |q: &str| ask::known(q, ctx);
    let buttons = on_screen(s, ctx);
    let screen = reader::Screen {
        takes: &takes,
        buttons: &buttons,
        // "until 2026-12-09 what time exactly?": a value asked about tells nothing.
        facts: read
            .facts
            .iter()
            .any(|f| facts::for_check(&f.fact) && !asked_about(s, t, f, ctx)),
        dated: read.facts.iter().any(|f| {
            matches!(
                f.fact,
                input::Fact::Submitted(_) | input::Fact::Withdrawal(_) | input::Fact::Answered(_)
            )
        }),
        topic: &topic,
        figure_asked: figure_asked(s, t, read, ctx),
    };
    reader::read(s, t, ctx, &screen)
}

/// "pro rata that's ~700 back, not 348. why are you charging me…?": the
/// case's estimate named (to a percent) in a message that asks: the figure
/// is questioned, no value of the case is corrected.
fn figure_asked(s: &State, t: &str, read: &input::Extracted, ctx: &Ctx) -> bool {
    let Some(figure) = crate::conversation::cases::card::active(s, ctx)
        .and_then(|c| c.data.assessment.as_ref())
        .map(|a| a.quote.refund)
    else {
        return false;
    };
    let near = rust_decimal::Decimal::ONE.max(figure / rust_decimal::Decimal::ONE_HUNDRED);
    let named = read
        .unclear
        .iter()
        .filter(|u| u.kind == input::UnclearKind::AmountWithoutRole)
        .filter_map(|u| input::parse_amount(&u.words, true).ok())
        .any(|v| (v - figure).abs() < near);
    named
        && ctx
            .intents
            .dialogue
            .words
            .asks_any(&crate::conversation::read::clauses::split(t))
}

/// Whether a fact's words sit in a clause that asks, and differ from the answer the check
/// holds or repeat it ("那代金券那100是彻底拿不回来了吗").
fn asked_about(s: &State, t: &str, f: &input::Found, ctx: &Ctx) -> bool {
    let words = &ctx.intents.dialogue.words;
    let mut same = s.draft.clone();
    facts::apply(&mut same, std::slice::from_ref(f), ctx.now);
    (crate::conversation::check::conflict::of(&s.draft, &f.fact).is_some() || same == s.draft)
        && crate::conversation::read::clauses::split(t)
            .iter()
            .any(|c| words.asks(c) && c.text.contains(&f.words))
}

/// The check's facts a message tells (not those it asks about) that change
/// the case on screen.
pub(crate) fn told_on_case(s: &State, t: &str, read: &input::Extracted, ctx: &Ctx) -> Vec<input::Found> {
    let draft = crate::conversation::cases::card::active(s, ctx).map_or(&s.draft, |c| &c.data.draft);
    facts::of_check(read)
        .into_iter()
        .filter(|f| !asked_about(s, t, f, ctx))
        .filter(|f| {
            let mut after = draft.clone();
            facts::apply(&mut after, std::slice::from_ref(f), ctx.now);
            after != *draft
        })
        .collect()
}

/// The one value, outside the clauses that ask, that answers the check's
/// question on screen ("168 余额付的 余额是微信充的 钱能退回微信吗" at "how much
/// did you pay": 168); none outside a check, or when the values disagree.
pub(crate) fn answer_beside_question(
    s: &State,
    t: &str,
    read: &input::Extracted,
    ctx: &Ctx,
) -> Option<String> {
    if !crate::conversation::check::flow::is_check(s.at) {
        return None;
    }
    let asking = ctx.intents.dialogue.words.asking(t);
    let values = crate::conversation::check::recorrect::values_for_screen(s, read, t, ctx);
    let told: Vec<&str> = values
        .iter()
        .map(String::as_str)
        .filter(|v| !asking.iter().any(|c| c.contains(v)))
        .collect();
    crate::conversation::check::questions::one_answer_in(s, &told, ctx).map(str::to_owned)
}

/// "这正常吗", "is that normal?": only whether what was told is normal.
pub(crate) fn only_is_it_normal(asked: &str, ctx: &Ctx) -> bool {
    // ("…到现在一个星期了都没人回复。这正常吗？": the last sentence asks.)
    let last = asked
        .split(['。', '！', '？', '?', '!', '.'])
        .map(str::trim)
        .rfind(|x| !x.is_empty())
        .unwrap_or(asked);
    let folded = crate::conversation::read::words::fold(last);
    let d = &ctx.intents.dialogue;
    let rest = d
        .normal
        .iter()
        .fold(folded.clone(), |t, p| t.replace(p.as_str(), ""));
    rest != folded && rest.chars().filter(|c| c.is_alphanumeric()).count() <= 3
}

/// "才退158元？…为什么这么少？" on an estimate of ¥158.05: the estimate's own
/// figure said back in surprise, not money that came (no word says it came).
pub(crate) fn estimate_said_back(s: &State, t: &str, read: &input::Extracted, ctx: &Ctx) -> bool {
    let Some(figure) = crate::conversation::cases::card::active(s, ctx)
        .and_then(|c| c.data.assessment.as_ref())
        .map(|a| a.quote.refund)
    else {
        return false;
    };
    // "才退418元左右啊…发票是要把3600元的整张退回去吗": the figure said back
    // beside other amounts.
    let said = read.came_amounts(t, &ctx.intents.dialogue.came);
    // ("418元左右" of ¥419.28: rounded, within a percent.)
    let near = rust_decimal::Decimal::ONE.max(figure / rust_decimal::Decimal::ONE_HUNDRED);
    let Some(said) = said.iter().find(|v| (**v - figure).abs() < near) else {
        return false;
    };
    // ("退到账户余额" says where the money goes, not that it came.)
    let folded = crate::conversation::read::words::fold(t).replace("到账户", "");
    let came = [
        "到账",
        "收到",
        "退回来",
        "退了",
        "到了",
        "余额里",
        "came",
        "got",
        "received",
        "arrived",
        "showed",
        "refunded me",
    ];
    (*said - figure).abs() < near && !came.iter().any(|w| folded.contains(w))
}

/// "实际到账金额是0元，一分都没退": nothing came, whatever word says "arrived".
pub(crate) fn nothing_came(act: Act, t: &str, read: &input::Extracted, ctx: &Ctx) -> Act {
    use crate::conversation::read::event::Event;
    let nothing = read.came_amount(t, &ctx.intents.dialogue.came) == Some(rust_decimal::Decimal::ZERO)
        || [
            "一分都没",
            "一分也没",
            "一分钱都没",
            "一分没",
            "nothing came",
            "got nothing",
            "received nothing",
            "not a cent",
        ]
        .iter()
        .any(|w| t.to_lowercase().contains(w));
    match act {
        Act::Report(Event::Arrived) | Act::Unclear if nothing => Act::Denial(Event::Arrived),
        other => other,
    }
}
