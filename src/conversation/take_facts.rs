//! Facts from a sentence put where they belong: a new check from the menu,
//! the open check, or a corrected estimate of the case on screen.

use crate::conversation::base::reply::Out;
use crate::conversation::base::state::{Position, State};
use crate::conversation::base::vocab::Ctx;
use crate::conversation::cases::card;
use crate::conversation::check::cloud;
use crate::conversation::check::conflict;
use crate::conversation::check::facts;
use crate::conversation::check::finish;
use crate::conversation::check::flow;
use crate::conversation::check::question;
use crate::conversation::check::questions;
use crate::conversation::commands::open_check;
use crate::input;

/// Facts from a sentence: a new check from the menu, the open check from a
/// question, or a corrected estimate from a result. The reply lists what was
/// understood, then asks what is still missing. A value that differs from
/// an answer held is asked about, unless the message corrects it.
pub(crate) fn take_facts(
    s: &mut State,
    t: &str,
    found: &[input::Found],
    correcting: bool,
    ctx: &Ctx,
    out: &mut Out,
) {
    let in_check = flow::is_check(s.at);
    if !in_check {
        match card::active(s, ctx) {
            Some(c) if matches!(s.at, Position::Result | Position::CaseView | Position::Ladder) => {
                s.draft = c.data.draft.clone();
            }
            _ => {
                open_check(s, ctx, out, true);
                s.follow.came =
                    input::extract(t, s.lang(), ctx.now).came_amount(t, &ctx.intents.dialogue.came);
            }
        }
    }
    let mut applied = if correcting {
        facts::apply(&mut s.draft, found, ctx.now)
    } else {
        facts::apply_asking(&mut s.draft, found, ctx.now, s.fixing)
    };
    // "i bought a tencent cloud server 3 days ago".
    cloud::named(&mut s.draft, t, false, ctx, &mut applied);
    if !applied.lines.is_empty() {
        out.say(facts::reply(&applied));
    }
    for e in applied.errors.iter().cloned() {
        out.say(e);
    }
    if conflict::asked(s, &applied.conflicts, out) {
        return;
    }
    if in_check && !flow::answered(s.at, &s.draft) {
        out.say(question::ask(s, ctx));
    } else if in_check {
        questions::advance(s, ctx, out, false);
    } else if let Some(c) = card::active(s, ctx).filter(|c| {
        let waits = c.data.withdrawal_at.is_some() || c.data.submitted_at.is_some();
        c.data.assessment.is_none() && waits && c.status == crate::case::CaseStatus::Submitted
    }) {
        // "11月25号删的" on a case followed up without an estimate: kept
        // with the case, whose follow-up is shown again with it.
        let mut c = c.clone();
        c.data.draft = s.draft.clone();
        crate::conversation::follow::follow_steps::save(out, &c, None, None);
        crate::conversation::follow::not_arrived::not_arrived(s, &c, ctx, out);
    } else {
        s.history = vec![Position::Menu];
        s.at = flow::first_open(&s.draft);
        if s.at == Position::Result {
            finish::finish(s, ctx, out);
        } else {
            out.say(question::ask(s, ctx));
        }
    }
    if let Some(last) = out.replies.last_mut() {
        last.buttons.extend(facts::fix_rows(&applied));
    }
}

/// "“月单价361.45（估算）”是怎么来的", "我并没有确认月单价是361.45元": the
/// monthly price the estimate on screen guessed, said back, is no price
/// given (it is dropped from what the message tells).
pub(crate) fn drop_our_guesses(s: &State, read: &mut input::Extracted, ctx: &Ctx) {
    if flow::is_check(s.at) {
        return;
    }
    if let Some(c) = card::active(s, ctx) {
        read.facts.retain(|f| !our_guess(c, &f.fact));
    }
}

/// Whether a monthly price is the one the case's estimate guessed itself.
fn our_guess(c: &crate::case::CaseView, f: &input::Fact) -> bool {
    let input::Fact::MonthlyPrice(v) = f else {
        return false;
    };
    let said = format!("{:.2}", v.round_dp(2));
    c.data.assessment.as_ref().is_some_and(|a| {
        a.quote.findings.iter().any(|x| {
            x.code == crate::policy::FindingCode::MonthlyPriceEstimated
                && x.vars.get("monthly_price").and_then(|m| m.as_str()) == Some(said.as_str())
        })
    })
}

/// "2026-08-01，到期2027-08-01" at the purchase question: the day answers it,
/// and a fact of another question said beside it is kept too (said, not
/// asked again).
pub(crate) fn beside_answer(s: &mut State, found: &[input::Found], ctx: &Ctx, out: &mut Out) {
    use input::Fact as F;
    if !matches!(
        s.at,
        Position::Start | Position::End | Position::DeleteAt | Position::Paid
    ) {
        return;
    }
    let more: Vec<input::Found> = found
        .iter()
        .filter(|f| match s.at {
            Position::Start => matches!(f.fact, F::End(_) | F::DeleteAt(_) | F::Period(_)),
            Position::End => matches!(f.fact, F::Start(_) | F::DeleteAt(_)),
            // "68 原价是200 双十一活动价": the list price beside what was paid.
            Position::Paid => matches!(f.fact, F::ListPrice(_) | F::Voucher(_) | F::Gift(_)),
            _ => matches!(f.fact, F::Start(_) | F::End(_) | F::Period(_)),
        })
        .filter(|f| conflict::of(&s.draft, &f.fact).is_none())
        .cloned()
        .collect();
    if more.is_empty() {
        return;
    }
    let applied = facts::apply(&mut s.draft, &more, ctx.now);
    if !applied.lines.is_empty() {
        out.say(facts::reply(&applied));
    }
}

/// "退款356.20元已经退到UCloud账户余额里": the money came, so the amounts
/// said are what came, not an order's (no check is opened with them).
pub(crate) fn came(t: &str, ctx: &Ctx) -> bool {
    let folded = crate::conversation::read::words::fold(t);
    ctx.intents
        .dialogue
        .reports(&folded, crate::conversation::read::act::Event::Arrived)
}

/// Before a question is answered: the cloud it names is kept for the next ("那咋知道…" after "我在
/// 腾讯云买的"); an amount that came, asked about with no case ("i returned a tencent cloud server…
/// got 95 back… is that right"), opens the check to compare (true: nothing more to do).
pub(crate) fn before_question(
    s: &mut State,
    t: &str,
    asked: &str,
    read: &input::Extracted,
    ctx: &Ctx,
    out: &mut Out,
) -> bool {
    if !flow::is_check(s.at) {
        let before = s.cloud_named.map(|(_, p)| p);
        s.cloud_named = ctx
            .intents
            .knowledge
            .provider_named(t)
            .or(before)
            .map(|p| (s.turn, p));
    }
    let sure = matches!(
        ctx.intents.knowledge.lookup(asked),
        crate::conversation::knowledge::Lookup::Sure(_)
    );
    if s.at == Position::Menu && !sure && read.came_amount(t, &ctx.intents.dialogue.came).is_some() {
        take_facts(s, t, &facts::of_check(read), false, ctx, out);
        return true;
    }
    false
}

/// "304小时？我是25号上午10点买的 到现在应该没这么多吧。还有钱能退回微信吗" on
/// the estimate: the question beside the facts answered, then the facts
/// told taken as corrections of the case.
pub(crate) fn told_beside_a_question(
    s: &mut State,
    t: &str,
    read: &input::Extracted,
    ctx: &Ctx,
    out: &mut Out,
) {
    let told = crate::conversation::screen_read::told_on_case(s, t, read, ctx);
    let words = &ctx.intents.dialogue.words;
    let asked: Vec<String> = crate::conversation::read::clauses::split(t)
        .into_iter()
        .filter(|c| words.asks(c) && !read.facts.iter().any(|f| c.text.contains(&f.words)))
        .map(|c| c.text)
        .collect();
    let asked = asked.join(" ");
    if crate::conversation::ask::known(&asked, ctx).is_some() {
        crate::conversation::ask::answer(s, &asked, ctx, out);
    }
    take_facts(s, t, &told, true, ctx, out)
}

/// A value typed beside other words ("168 余额付的 … 钱能退回微信吗", "210 rmb,
/// paid with card topup. no vouchers") answers the question on screen and is
/// said back with what else was read, so the person sees it was taken.
pub(crate) fn answer_said_back(s: &mut State, w: &str, ctx: &Ctx, out: &mut Out) {
    use crate::conversation::check::lines::money_line;
    let before = s.draft.clone();
    let at = out.replies.len();
    questions::answer(s, crate::conversation::base::answer::Answer::Text(w), ctx, out);
    let after = &s.draft;
    let mut lines = Vec::new();
    let mut fixes = Vec::new();
    let money = [
        ("paid", before.paid, after.paid),
        ("voucher", before.voucher, after.voucher),
        ("gift", before.gift, after.gift),
        (
            "list_price",
            before.list_price.flatten(),
            after.list_price.flatten(),
        ),
    ];
    for (field, was, now) in money {
        if let Some(v) = now.filter(|v| Some(*v) != was) {
            lines.push(money_line(field, v, was.is_some()));
            fixes.push(at_field(field));
        }
    }
    if lines.is_empty() {
        return;
    }
    let fix = facts::fix_rows(&facts::Applied {
        fixes,
        ..Default::default()
    });
    if let Some(last) = out.replies.last_mut() {
        last.buttons.extend(fix);
    }
    // Beside an "understood" reply already said, one list; else its own.
    match out.replies[..at].iter_mut().rev().find(|r| r.key == "understood") {
        Some(r) => {
            if let Some(l) = r.data.get_mut("lines").and_then(|l| l.as_array_mut()) {
                l.extend(lines);
            }
        }
        None => out.replies.insert(
            at,
            facts::reply(&facts::Applied {
                lines,
                ..Default::default()
            }),
        ),
    }
}

fn at_field(field: &str) -> Position {
    match field {
        "voucher" => Position::Voucher,
        "gift" => Position::Gift,
        "list_price" => Position::ListPrice,
        _ => Position::Paid,
    }
}
