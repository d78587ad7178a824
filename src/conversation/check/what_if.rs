//! "如果12月31号删能退多少" on the estimate of a server not deleted yet: the
//! figure for that moment beside the one shown, the case unchanged; a button
//! takes the new moment (the answer to the deletion question, as when a
//! value differs from the one held).

use crate::case::Draft;
use crate::conversation::ask;
use crate::conversation::base::reply::{Button, Out, Reply};
use crate::conversation::base::state::{Position as P, State};
use crate::conversation::base::vocab::Ctx;
use crate::conversation::check::conflict;
use crate::conversation::read::clauses::contains_any;
use crate::conversation::read::words::fold;
use crate::input::{Extracted, Fact};
use rust_decimal::Decimal;
use serde_json::json;

/// Whether the text supposes another deletion moment on the estimate of a
/// server not deleted (and was answered).
pub(crate) fn asked(s: &mut State, t: &str, read: &Extracted, ctx: &Ctx, out: &mut Out) -> bool {
    if !matches!(s.at, P::Result | P::CaseView) || s.case_no.is_none() {
        return false;
    }
    if !contains_any(&fold(t), &ctx.intents.dialogue.what_if) {
        return false;
    }
    if price_supposed(s, read, ctx, out) {
        return true;
    }
    if !s.draft.not_deleted {
        return false;
    }
    let deletion = |x: &Extracted| {
        x.facts.iter().find_map(|f| match f.fact {
            Fact::DeleteAt(w) => Some(w),
            _ => None,
        })
    };
    // "要是拖到12月31号再删", "keep it until Dec 31 and delete then": the day
    // kept until is the deletion supposed.
    let until = || {
        let mut plain = t.to_lowercase();
        for w in &ctx.intents.dialogue.what_if_until {
            plain = plain.replace(w.as_str(), " ");
        }
        let waited = plain != t.to_lowercase();
        deletion(&crate::input::extract(&plain, s.lang(), ctx.now)).or_else(|| {
            // "what if i wait till friday": the day waited for is the deletion's
            // (the deletion's role word put after it).
            waited
                .then(|| {
                    deletion(&crate::input::extract(
                        &format!(
                            "{} 删",
                            plain.trim_end_matches(['?', '？', '.', '。', '!', '！', ' '])
                        ),
                        s.lang(),
                        ctx.now,
                    ))
                })
                .flatten()
        })
    };
    // "我明天晚上8点退来得及吧": the one day said, whatever its role word.
    // ("ok clear, dec 9 23:59. last thing: if the 210 lands…": a day said
    // back in a clause of its own supposes nothing.)
    let clauses = crate::conversation::read::clauses::split(t);
    let supposed = |words: &str| {
        clauses
            .iter()
            .any(|c| c.text.contains(words) && contains_any(&fold(&c.text), &ctx.intents.dialogue.what_if))
    };
    let said = || {
        let mut days = read
            .unclear
            .iter()
            .filter(|u| u.kind == crate::input::UnclearKind::DateWithoutRole && supposed(&u.words))
            .filter_map(|u| u.past.map(|at| ahead(at, &u.words, ctx.now)))
            .map(|at| (at, crate::input::shanghai(at).time() != chrono::NaiveTime::MIN));
        match (days.next(), days.next()) {
            (Some((at, has_time)), None) => Some(crate::input::When {
                at,
                has_time,
                year_inferred: false,
                planned: false,
            }),
            _ => None,
        }
    };
    let Some(mut when) = deletion(read).or_else(until).or_else(said) else {
        return false;
    };
    // "what if i wait till friday": a weekday supposed is the next one, not
    // the one gone by.
    let weekday = contains_any(&fold(t), &ctx.intents.dialogue.weekday);
    if weekday && when.at < ctx.now && ctx.now - when.at < chrono::TimeDelta::days(7) {
        when.at += chrono::TimeDelta::days(7);
    }
    let fact = Fact::DeleteAt(when);
    // The same moment as the one shown: nothing to compare. (The moment
    // assumed is compared like one told.)
    let told = Draft {
        not_deleted: false,
        ..s.draft.clone()
    };
    let Some(c) = conflict::of(&told, &fact) else {
        return false;
    };
    let mut then = s.draft.clone();
    then.delete_at = Some(when.at);
    let Some(shown) = estimate(&s.draft, ctx) else {
        return false;
    };
    // "what if i wait till friday" past the five days: no figure without a
    // price the rules need, said so (never ¥0, never taken as the deletion).
    let other = estimate(&then, ctx);
    let take = Button::with(c.take.id(c.at), "btn.what_if.take", json!({ "l": c.new }));
    out.say(
        Reply::new(
            "what_if",
            json!({
                "at": when.at.to_rfc3339(),
                "has_time": when.has_time,
                "shown_at": s.draft.delete_at.map(|d| d.to_rfc3339()),
                "then": other.map(|o| o.to_string()),
                "shown": shown.to_string(),
                "gap": other.map(|o| (shown - o).abs().to_string()),
                "less": other.is_some_and(|o| o < shown),
                "more": other.is_some_and(|o| o > shown),
            }),
        )
        .buttons(vec![vec![take]]),
    );
    ask::resume(s, ctx, out);
    true
}

/// A day supposed for a deletion without its year ("dec 9 23:59" on 7 Dec
/// 2026) is the one ahead, not the one a year gone.
fn ahead(
    at: chrono::DateTime<chrono::Utc>,
    words: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> chrono::DateTime<chrono::Utc> {
    let year_said = regex_year(words);
    if year_said || at >= now - chrono::TimeDelta::days(1) {
        return at;
    }
    at.checked_add_months(chrono::Months::new(12))
        .filter(|next| *next >= now && *next - now < chrono::TimeDelta::days(200))
        .unwrap_or(at)
}

/// Whether the words give a year ("2026", "26年").
fn regex_year(words: &str) -> bool {
    let digits: Vec<char> = words.chars().collect();
    words.contains('年')
        || digits
            .windows(4)
            .any(|w| w.iter().all(char::is_ascii_digit) && (w[0] == '1' || w[0] == '2'))
}

/// "如果月单价就是300元，现在删除能退多少": the figure at that monthly price
/// beside the one shown, the case unchanged; a button takes the price.
fn price_supposed(s: &mut State, read: &Extracted, ctx: &Ctx, out: &mut Out) -> bool {
    let Some(fact) = read.facts.iter().find_map(|f| match f.fact {
        Fact::MonthlyPrice(v) => Some(Fact::MonthlyPrice(v)),
        _ => None,
    }) else {
        return false;
    };
    let Fact::MonthlyPrice(price) = fact else {
        return false;
    };
    let mut then = s.draft.clone();
    then.monthly_price = Some(Some(price));
    let (Some(shown), Some(other)) = (estimate(&s.draft, ctx), estimate(&then, ctx)) else {
        return false;
    };
    let mut reply = Reply::new(
        "what_if.price",
        json!({
            "price": price.to_string(),
            "then": other.to_string(),
            "shown": shown.to_string(),
            "gap": (shown - other).abs().to_string(),
            "less": other < shown,
            "more": other > shown,
        }),
    );
    // A price not known yet is taken like one that differs.
    let held = Draft {
        monthly_price: Some(Some(s.draft.monthly_price.flatten().unwrap_or(Decimal::ZERO))),
        ..s.draft.clone()
    };
    if let Some(c) = conflict::of(&held, &fact) {
        reply = reply.buttons(vec![vec![Button::with(
            c.take.id(c.at),
            "btn.what_if.take_price",
            json!({ "l": c.new }),
        )]]);
    }
    out.say(reply);
    ask::resume(s, ctx, out);
    true
}

/// The refund the rules give for a draft, as the result shows it.
fn estimate(d: &Draft, ctx: &Ctx) -> Option<Decimal> {
    let facts = d.facts()?;
    // A quote with no figure (a price the rules need is missing) is no ¥0.
    crate::conversation::check::finish::assess(d, &facts, ctx)
        .ok()
        .and_then(|a| a.quote.figure().map(|_| a.quote.refund))
}
