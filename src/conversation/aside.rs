//! A question beside an answer at a question of the check: answered first,
//! then the answer is taken as usual.

use crate::conversation::ask::{about, topic_answer};
use crate::conversation::base::reply::Out;
use crate::conversation::base::state::State;
use crate::conversation::base::vocab::Ctx;
use crate::conversation::knowledge::{Lookup, Topic};
use crate::conversation::read::clauses::split;

/// "…还有个活动送的券抵了150 那个券的钱能退吗" at a question of the check:
/// the facts answer it, and the question after them, about a subject the
/// knowledge base knows (vouchers, gift balance, invoices…), is answered
/// first. A question about the figure itself ("能退多少？") is the check's.
pub(crate) fn aside(s: &State, t: &str, read: &crate::input::Extracted, ctx: &Ctx, out: &mut Out) {
    let words = &ctx.intents.dialogue.words;
    // With no facts read (a button's words: "…i guess now then"), every clause.
    let end = read
        .facts
        .iter()
        .filter_map(|f| t.find(&f.words).map(|i| i + f.words.len()))
        .max()
        .unwrap_or(t.len());
    let start = read
        .facts
        .iter()
        .filter_map(|f| t.find(&f.words))
        .min()
        .unwrap_or(0);
    let trim = |p: &'_ str| -> String {
        p.trim_matches(|c: char| c.is_whitespace() || c.is_ascii_punctuation() || "，。、；：".contains(c))
            .to_owned()
    };
    // The question after the facts, then one before them ("do i have to
    // delete it myself? havent deleted it yet. i guess now then"), then a
    // clause of its own among them ("…实际付了500。代金券那100能退吗？").
    let mut parts = vec![trim(&t[end..]), trim(&t[..start])];
    parts.extend(split(&t[start..end]).into_iter().map(|c| c.text));
    // Sentence by sentence: "是之前一个流量包的钱。这个有影响吗" asks about the
    // answer on screen, not about the traffic pack of the sentence before.
    let parts: Vec<String> = parts
        .iter()
        .flat_map(|p| p.split(['。', '！', '？', '!', '?', '；', ';', '\n']).map(trim))
        .collect();
    let mut said: Vec<Topic> = Vec::new();
    for part in parts {
        let folded = crate::conversation::read::words::fold(&part);
        if part.chars().count() < 4
            || !split(&part).iter().any(|c| words.asks(c))
            || !crate::conversation::read::clauses::contains_any(&folded, &words.subject)
        {
            continue;
        }
        let about = about(s, &part, ctx);
        let topics = match crate::conversation::ask_fit::fitted(s, &part, ctx) {
            Lookup::Sure(topic) => vec![topic],
            Lookup::Unsure(a, b) if a.neighbours(b) => vec![a, b],
            // The likelier of two: an answer, not a menu in the middle of the check.
            Lookup::Unsure(a, _) => vec![a],
            Lookup::Nothing => vec![],
        };
        for topic in topics {
            // ("So 250 I guess?": the figure is the check's to give, not an answer beside it.)
            if matches!(topic, Topic::CheckAmount | Topic::WhyFigure) {
                continue;
            }
            if !said.contains(&topic) && said.len() < 2 {
                out.say(topic_answer(s, topic, &about, ctx));
                said.push(topic);
            }
        }
    }
}

/// A question read in a message: answered, then the screen asked again, or
/// what else the message says given back to be read after it.
#[must_use]
pub(crate) fn question(
    s: &mut State,
    t: &str,
    asked: &str,
    rest: Option<String>,
    read: &crate::input::Extracted,
    ctx: &Ctx,
    out: &mut Out,
) -> Option<String> {
    use crate::conversation::base::state::Position;
    use crate::conversation::take_facts::{came, take_facts};
    if crate::conversation::take_facts::before_question(s, t, asked, read, ctx, out) {
        return None;
    }
    crate::conversation::ask::answer(s, asked, ctx, out);
    let told = crate::conversation::check::facts::of_check(read);
    match rest {
        // What else the message says is read on its own, after the question is answered.
        Some(rest) => return Some(rest),
        // A case told with its question at the menu ("…bought on
        // 2026-12-05 at 20:00… ¥250 and a ¥50 voucher. Would I get a
        // full refund?"): answered, then the check opens with them.
        None if s.at == Position::Menu && told.len() >= 2 && !came(t, ctx) => {
            take_facts(s, t, &told, false, ctx, out)
        }
        // "168 余额付的 余额是微信充的 钱能退回微信吗" at "how much did you
        // pay": the question answered, and the value beside it answers the screen's.
        None if let Some(w) = crate::conversation::screen_read::answer_beside_question(s, t, read, ctx) => {
            crate::conversation::take_facts::beside_answer(s, &read.facts, ctx, out);
            crate::conversation::take_facts::answer_said_back(s, &w, ctx, out)
        }
        None => crate::conversation::ask::resume(s, ctx, out),
    }
    None
}

/// "才退158元？…为什么这么少？": why the estimate is this figure, then the screen again.
pub(crate) fn why_figure(s: &mut State, t: &str, ctx: &Ctx, out: &mut Out) {
    let about = about(s, t, ctx);
    out.say(topic_answer(s, Topic::WhyFigure, &about, ctx));
    // "…这个83%是什么意思？…发票要怎么处理？": the other questions beside it.
    let words = &ctx.intents.dialogue.words;
    let others: Vec<String> = crate::conversation::read::clauses::split(t)
        .into_iter()
        .filter(|c| words.asks(c) && !c.text.chars().any(|ch| ch.is_ascii_digit() || ch == '少'))
        .map(|c| c.text)
        .collect();
    if !others.is_empty() {
        crate::conversation::ask::answer(s, &others.join("，"), ctx, out);
    }
    crate::conversation::ask::resume(s, ctx, out)
}
