//! A correction of the answer just given: "8月1号" and then "不对 是8月10号"
//! changes the date the last question took, not the question on screen.

use crate::conversation::base::answer::Answer;
use crate::conversation::base::reply::Out;
use crate::conversation::base::state::{Position as P, State};
use crate::conversation::base::vocab::Ctx;
use crate::conversation::check::{flow, questions};
use crate::input;
use regex::Regex;
use std::sync::LazyLock;

/// A time of day said apart from its date ("昨天晚上8点左右删的，12月5号").
static CLOCK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:上午|早上|早晨|凌晨|中午|下午|傍晚|晚上)\s*\d{1,2}\s*[点時时](?:半|\d{1,2}分?)?|\b\d{1,2}:\d{2}\b|\b\d{1,2}\s*(?:am|pm)\b")
        .expect("clock pattern")
});

/// The date words `w` of `text`, with the time of day the text says
/// elsewhere when `w` has none ("12月5号" and "晚上8点" → "12月5号 晚上8点").
pub(crate) fn with_time(text: &str, w: &str) -> String {
    if input::says_time(w) {
        return w.to_owned();
    }
    let rest = text.replacen(w, " ", 1);
    match CLOCK.find(&rest) {
        Some(m) if input::says_time(&format!("{w} {}", m.as_str())) => format!("{w} {}", m.as_str()),
        _ => w.to_owned(),
    }
}

/// Words that soften a time ("大概中午"), which the date questions do not read.
const HEDGES: [&str; 7] = [
    "大概",
    "大约",
    "差不多",
    "around",
    "about",
    "approximately",
    "roughly",
];

/// The dates of a message whose role was not said (amounts are not: "-800"
/// holds "800", and its own error says why it is not taken).
pub(crate) fn dates_unplaced(read: &input::Extracted) -> Vec<&str> {
    read.unclear
        .iter()
        .filter(|u| {
            matches!(
                u.kind,
                input::UnclearKind::DateWithoutRole | input::UnclearKind::ConflictingDates
            )
        })
        .map(|u| u.words.as_str())
        .collect()
}

/// The dates and the amounts of a message whose role was not said ("270
/// 微信付的" at the amount question); not an amount with a minus before it
/// ("-800" holds "800", and its own error says why it is not taken).
/// The values that may answer the question on screen: as `values_unplaced`,
/// without the days of a top-up ("我是11月5号微信充的值" dates no order).
pub(crate) fn values_for_screen(s: &State, read: &input::Extracted, text: &str, ctx: &Ctx) -> Vec<String> {
    let topup = crate::conversation::read::clauses::contains_any(
        &crate::conversation::read::words::fold(text),
        &ctx.intents.dialogue.topup,
    );
    let days: Vec<&str> = if topup { dates_unplaced(read) } else { Vec::new() };
    values_unplaced(s, read, text)
        .into_iter()
        .filter(|v| !days.iter().any(|d| d.contains(v.as_str()) || v.contains(d)))
        .collect()
}

pub(crate) fn values_unplaced(s: &State, read: &input::Extracted, text: &str) -> Vec<String> {
    // "2026年8月1号 大概中午": the moment, without the hedge.
    let plain = |w: &str| {
        let v = HEDGES.iter().fold(w.to_owned(), |v, h| v.replace(h, " "));
        v.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    let mut values: Vec<String> = dates_unplaced(read).into_iter().map(plain).collect();
    // Only what was paid: a price per hour in other words ("about 40
    // cents") is its question's to refuse, with an example.
    if !matches!(s.at, P::Paid | P::ListPrice | P::Voucher | P::Gift | P::Overage) {
        return values;
    }
    values.extend(
        read.unclear
            .iter()
            .filter(|u| u.kind == input::UnclearKind::AmountWithoutRole)
            .filter(|u| {
                text.find(u.words.as_str())
                    .is_some_and(|at| !text[..at].trim_end().ends_with(['-', '−', '负']))
            })
            .map(|u| u.words.clone()),
    );
    values
}

/// The date question answered just before this one, when a correction
/// holds one date with no role: it takes the date again. Whether it did.
pub(crate) fn last_date(s: &mut State, read: &input::Extracted, ctx: &Ctx, out: &mut Out) -> bool {
    let Some(prev) = s.history.last().copied() else {
        return false;
    };
    let dates = dates_unplaced(read);
    // Only right after the check asked it ("8月1号", then "不对 是8月10号"):
    // on a case, a day said in passing is no new answer.
    if !(flow::is_check(s.at) || s.at == P::Result)
        || !matches!(prev, P::Start | P::End | P::DeleteAt)
        || !flow::answered(prev, &s.draft)
        || dates.len() != 1
    {
        return false;
    }
    let w = dates[0].to_owned();
    s.history.push(s.at);
    s.at = prev;
    s.fixing = Some(prev);
    questions::answer(s, Answer::Text(&w), ctx, out);
    true
}

/// "月单价不是3600，是300元": the value a role word took is denied ("不是",
/// "not" right before it) and the one amount without a role is that
/// answer's; else as `denied::denied_amount` ("320 not 300").
pub(crate) fn denied_amount(t: &str, s: &State, read: &input::Extracted, ctx: &Ctx) -> Option<input::Found> {
    // "退款已经到账270元…这个状态是不是记错了？": what came, said again, corrects no price.
    let came = crate::conversation::cases::card::active(s, ctx).and_then(|c| c.data.received);
    if read.lone_amount(None).is_some_and(|v| Some(v) == came)
        || read.came_amount(t, &ctx.intents.dialogue.came).is_some()
    {
        return None;
    }
    let d = &s.draft;
    use input::Fact;
    let unplaced: Vec<&input::Unclear> = read
        .unclear
        .iter()
        .filter(|u| u.kind == input::UnclearKind::AmountWithoutRole)
        .collect();
    let denied_before = |words: &str| {
        t.find(words).is_some_and(|at| {
            let before = t[..at].trim_end().to_lowercase();
            ["不是", "not", "isn't", "isnt"]
                .iter()
                .any(|n| before.ends_with(n))
        })
    };
    if let [u] = unplaced[..]
        && let Ok(v) = input::parse_amount(&u.words, true)
        && let Some(f) = read.facts.iter().find(|f| denied_before(&f.words))
    {
        let fact = match f.fact {
            Fact::Paid(_) => Fact::Paid(v),
            Fact::Voucher(_) => Fact::Voucher(v),
            Fact::Gift(_) => Fact::Gift(v),
            Fact::MonthlyPrice(_) => Fact::MonthlyPrice(v),
            Fact::ListPrice(_) => Fact::ListPrice(v),
            _ => return crate::conversation::check::denied::denied_amount(d, read),
        };
        return Some(input::Found {
            fact,
            words: u.words.clone(),
        });
    }
    crate::conversation::check::denied::denied_amount(d, read)
}

/// "不对呀，我不是账号所有者…我只是会计" on an estimate: who applies is
/// changed and the estimate shown again (whether it was acted on).
pub(crate) fn applicant(s: &mut State, t: &str, ctx: &Ctx, out: &mut Out) -> bool {
    if !matches!(s.at, P::Result | P::CaseView) {
        return false;
    }
    let Some(a) = ctx.intents.dialogue.applicant(t) else {
        return false;
    };
    let Some(c) = crate::conversation::cases::card::active(s, ctx) else {
        return false;
    };
    if c.data.draft.applicant == Some(a) {
        return false;
    }
    s.draft = c.data.draft.clone();
    s.draft.applicant = Some(a);
    let line = serde_json::json!({ "field": "applicant", "kind": "applicant", "value": a, "replaced": true });
    out.say(crate::conversation::base::reply::Reply::new(
        "understood",
        serde_json::json!({ "lines": [line] }),
    ));
    s.history = vec![P::Menu];
    s.at = crate::conversation::check::flow::first_open(&s.draft);
    if s.at == P::Result {
        crate::conversation::check::finish::finish(s, ctx, out);
    } else {
        out.say(crate::conversation::check::question::ask(s, ctx));
    }
    true
}
