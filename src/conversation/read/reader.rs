//! One place that reads a message into what the person is doing with it,
//! given the screen it answers and the case: `read` returns an `Act`, and
//! nothing acts on the text before it.
//!
//! The order, first match wins:
//! 1. navigation words said alone ("back", "取消") and "a person" → request;
//! 2. nothing but thanks, greetings or "ok" → social;
//! 3. an event reported in a statement ("钱到账了", "被拒了，客服说…"),
//!    or denied ("没被拒啊 我还没申请呢") → report or denial; a yes/no
//!    question about an event ("到账了吗") is a question, not a report;
//! 4. a correction word with something to correct ("不对 是十月一号") →
//!    correction;
//! 5. a clause that asks → question (with the rest of the message, if it
//!    answers the screen), unless the phrase lists name a request in it
//!    ("能退多少？" is the check) and the knowledge base has no topic;
//! 6. the answer the screen takes, a button said in other words, or facts
//!    of a check → answer;
//! 7. the phrase lists and the trained model → request (or report);
//! 8. else unclear. ("You got it wrong" or annoyance with nothing to take
//!    is social, before 6.)

use crate::conversation::base::state::{Position as P, State};
use crate::conversation::base::vocab::Ctx;
use crate::conversation::read::act::{Act, Event, Social};
use crate::conversation::read::clauses::{Clause, contains_any, split};
use crate::conversation::read::intent::{Intent, Wish};
use crate::conversation::read::words::fold;

/// What a message was read as, and what the reading found on the way.
#[derive(Clone, Debug, PartialEq)]
pub struct Reading {
    pub act: Act,
    /// What the phrase lists and the model make of the whole message.
    pub wish: Wish,
}

/// What the reader is told about the screen on show.
pub struct Screen<'a> {
    /// Whether the screen takes a text as its answer (`None`: it takes no
    /// typed answer at all).
    pub takes: &'a dyn Fn(&str) -> Option<bool>,
    /// The ids of the buttons on screen.
    pub buttons: &'a [String],
    /// Whether the text carries facts of a check.
    pub facts: bool,
    /// Whether the knowledge base has an answer for a question.
    pub topic: &'a dyn Fn(&str) -> bool,
}

/// Reads `text` on the screen of `s`.
pub fn read(s: &State, text: &str, ctx: &Ctx, screen: &Screen) -> Reading {
    let Screen {
        takes,
        buttons,
        facts,
        topic,
    } = screen;
    let facts = *facts;
    let d = &ctx.intents.dialogue;
    let whole = fold(text);
    let wish = ctx
        .intents
        .classify(text, crate::conversation::check::facts::Carried::Nothing);
    let done = |act: Act| Reading { act, wish };
    if whole.is_empty() {
        return done(Act::Unclear);
    }
    if let Some(i) = ctx.intents.alone(text) {
        return done(Act::Request(i));
    }
    if contains_any(&whole, &d.words.human) {
        return done(Act::Request(Intent::Human));
    }
    let clauses = split(text);
    let social: Vec<Option<Social>> = clauses.iter().map(|c| d.social(&c.folded)).collect();
    let plain_social = |x: &Option<Social>| matches!(x, Some(Social::Thanks | Social::Greeting | Social::Ok));
    if social.iter().all(plain_social) {
        // "got it, thanks" on a case that waits for its money: it came.
        if awaits_money(s, ctx) && contains_any(&whole, &d.words.got) {
            return done(Act::Report(Event::Arrived));
        }
        return done(Act::Social(social[0].unwrap_or(Social::Ok)));
    }
    // The clauses that say something (thanks beside a report is manners).
    let said: Vec<&Clause> = clauses
        .iter()
        .zip(&social)
        .filter(|(_, s)| !plain_social(s))
        .map(|(c, _)| c)
        .collect();
    let asking: Vec<&Clause> = said.iter().copied().filter(|c| d.words.asks(c)).collect();
    // 3. Events, in statements; a question that names an event reports it
    // only when it is not a yes/no question about it ("被拒了怎么办" reports,
    // "被拒了吗" asks).
    for c in &said {
        if let Some((e, denied)) = d.event(&c.folded) {
            // A deletion said with the facts of a check is one of them.
            if e == Event::Deleted && facts && !denied {
                continue;
            }
            let yes_no = d.words.asks(c) && yes_no(&c.folded);
            if yes_no || (e == Event::Submitted && d.words.asks(c) && !c.mark) {
                continue;
            }
            if denied {
                return done(Act::Denial(e));
            }
            // At a screen that takes support's words or a date of this very
            // event, the report is the answer.
            if answers_own_question(s.at, e) && takes(text) == Some(true) {
                return done(Act::Answer);
            }
            return done(Act::Report(e));
        }
    }
    // 4. A correction says what was wrong and what is right: its words
    // ("不对", "应该是", "actually"), or "不是 X，是 Y".
    let not_but =
        whole.starts_with("不是") && ["，是", ",是", " 是", "而是"].iter().any(|w| whole.contains(w));
    if not_but || said.iter().any(|c| contains_any(&c.folded, &d.words.correction)) {
        return done(Act::Correction);
    }
    // "还能怎么办", "what now": the next step of the case.
    if said.iter().any(|c| contains_any(&c.folded, &d.words.next)) {
        return done(Act::Request(Intent::Next));
    }
    // 5. Questions.
    if !asking.is_empty() {
        let asked = asking
            .iter()
            .map(|c| c.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        let rest: Vec<&str> = said
            .iter()
            .filter(|c| !asking.contains(c))
            .map(|c| c.text.as_str())
            .collect();
        let rest = (!rest.is_empty()).then(|| rest.join(" "));
        let known = topic(&asked);
        let request = wish.intent != Intent::None && !wish.guessed;
        if known || !request {
            // The whole message as the screen's answer ("是 uhost-… 吗？")
            // when nothing in it is a question the bot can answer.
            if !known && takes(text) == Some(true) && !free_text(s.at) {
                return done(Act::Answer);
            }
            return done(Act::Question { asked, rest });
        }
    }
    // Annoyance or "you got it wrong" with nothing to take is not an answer,
    // even where any words would do.
    let talk = social
        .iter()
        .flatten()
        .find(|x| !plain_social(&Some(**x)))
        .copied();
    if let Some(x) = talk
        && !facts
        && (free_text(s.at) || takes(text) != Some(true))
    {
        return done(Act::Social(x));
    }
    // 6. An answer to the screen.
    if takes(text) == Some(true) {
        return done(Act::Answer);
    }
    if let Some(id) = ctx.intents.choices.pick(buttons, &whole) {
        return done(Act::Choice(id));
    }
    if facts {
        return done(Act::Answer);
    }
    // 7. What the phrase lists or the model make of it.
    if wish.intent != Intent::None {
        return match Event::of_intent(wish.intent) {
            Some(e) if !wish.guessed || !in_check(s) => done(Act::Report(e)),
            Some(_) => done(Act::Unclear),
            None => done(Act::Request(wish.intent)),
        };
    }
    if takes(text).is_some() && free_text(s.at) {
        return done(Act::Answer);
    }
    done(Act::Unclear)
}

/// A case on screen that was asked for and has not been paid yet.
fn awaits_money(s: &State, ctx: &Ctx) -> bool {
    matches!(s.at, P::CaseView | P::Result)
        && s.case_no
            .and_then(|n| ctx.case(n))
            .is_some_and(|c| c.status == crate::case::CaseStatus::Submitted)
}

fn in_check(s: &State) -> bool {
    crate::conversation::check::flow::is_check(s.at)
}

/// "到账了吗", "被拒了没", "是不是被拒了", "did it arrive", "was it
/// rejected": a question whether an event happened.
fn yes_no(folded: &str) -> bool {
    let t = folded.trim_end_matches(|c: char| "啊呀哈呢哦~～".contains(c));
    t.ends_with('吗')
        || t.ends_with('嘛')
        || t.ends_with("了没")
        || t.ends_with("了没有")
        || t.starts_with("是不是")
        || t.contains("有没有")
        || ["did ", "has ", "have ", "was ", "is ", "were ", "does "]
            .iter()
            .any(|w| t.starts_with(w))
}

/// The screens whose answer is the report of their own event: support's
/// words after a rejection, the date of a submission.
fn answers_own_question(at: P, e: Event) -> bool {
    matches!(
        (at, e),
        (P::SupportSaid | P::Rejection, Event::Rejected)
            | (P::SubmittedAt, Event::Submitted)
            | (P::Received, Event::Different | Event::Arrived)
    )
}

/// The screens that keep whatever the person writes.
fn free_text(at: P) -> bool {
    matches!(
        at,
        P::SupportSaid | P::Rejection | P::ContactAgent | P::ContactSaid | P::LadderField | P::ReasonText
    )
}
