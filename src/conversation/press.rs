//! A button pressed: the buttons that work from any screen, then the
//! screen's own (offers, topics, wishes, cases, reminders, evidence, the
//! ladder, "correct this"), then the answer to the question on screen.

use crate::conversation::base::answer::Answer;
use crate::conversation::base::buttons::Id;
use crate::conversation::base::reply::Out;
use crate::conversation::base::state::{Position, State};
use crate::conversation::base::vocab::{Command, Ctx};
use crate::conversation::cases::screens as cases_screens;
use crate::conversation::check::{flow, offer_pressed, question};
use crate::conversation::commands::{command, set_lang, start_check};
use crate::conversation::evidence;
use crate::conversation::follow::reminders;
use crate::conversation::human;
use crate::conversation::knowledge;
use crate::conversation::ladder::escalate;
use crate::conversation::menu::go_menu;
use crate::conversation::requests;
use crate::conversation::route;
use crate::render::Lang;
use serde_json::json;

/// Whether the current question takes an amount, so a bare number typed is
/// the amount and never a button's position in a numbered list.
pub fn takes_amount(state: &State) -> bool {
    matches!(
        state.at,
        Position::Paid
            | Position::ListPrice
            | Position::Voucher
            | Position::Gift
            | Position::MonthlyPrice
            | Position::Renewals
            | Position::RefundFee
            | Position::Customisation
            | Position::Received
    )
}

/// Whether a bare number typed now is an amount (else an option's number):
/// where the question takes an amount, unless "option or amount?" or
/// "which is right?" (two amounts as buttons) was just asked.
pub fn bare_number_is_amount(state: &State) -> bool {
    takes_amount(state) && state.picked.is_none() && state.conflict_shown().is_none()
}

pub(crate) fn button(s: &mut State, id: &str, ctx: &Ctx, out: &mut Out) {
    // Buttons that work from any screen.
    match Id::parse(id) {
        Some(Id::MenuNew) => return start_check(s, ctx, out, true),
        Some(Id::MenuContinue) => return start_check(s, ctx, out, false),
        Some(Id::MenuCases) => return cases_screens::list(s, ctx, out),
        Some(Id::MenuFollow) => return cases_screens::follow(s, ctx, out),
        Some(Id::MenuTips) => return command(s, &Command::Tips, ctx, out),
        Some(Id::MenuHelp) => return command(s, &Command::Help, ctx, out),
        Some(Id::MenuMain) => return go_menu(s, out),
        Some(Id::NavBack) => return command(s, &Command::Back, ctx, out),
        Some(Id::Human) => return human::ask(s, ctx, out),
        Some(Id::HumanBack) => return human::back(s, ctx, out),
        Some(Id::HumanWait) => return human::wait(s, ctx, out),
        Some(Id::HumanUnmask) => return human::unmask(s, ctx, out),
        Some(Id::LangEn) => return set_lang(s, Lang::En, ctx, out),
        Some(Id::LangZhCN) => return set_lang(s, Lang::ZhCn, ctx, out),
        _ => {}
    }
    if offer_pressed::pressed(s, id, ctx, out) {
        return;
    }
    // "¥k, not option k" (`understand::amount_or_button`).
    if let Some(k) = id.strip_prefix("amount:").filter(|_| takes_amount(s)) {
        let k = k.to_owned();
        return route::answer(s, Answer::Text(&k), ctx, out);
    }
    if let Some(t) = knowledge::Topic::from_button(id) {
        return crate::conversation::topic_press::topic_pressed(s, t, ctx, out);
    }
    if let Some(name) = id.strip_prefix("wish:") {
        return requests::picked(s, name, ctx, out);
    }
    if let Some(n) = id.strip_prefix("case:").and_then(|n| n.parse::<i64>().ok()) {
        return cases_screens::open(s, n, ctx, out);
    }
    if reminders::button(s, id, ctx, out)
        || crate::conversation::follow::report::undo(s, id, ctx, out)
        || evidence::files::button(s, id, ctx, out)
        || crate::conversation::follow::balance::button(s, id, ctx, out)
        || escalate::button(s, id, ctx, out)
    {
        return;
    }
    // "Which is right?": the value chosen answers its question.
    if let Some(a) = crate::conversation::check::conflict::button(s, id) {
        return route::answer(s, a, ctx, out);
    }
    // "Correct this": back to the question of an understood fact; once it
    // is answered the check goes on to what is still missing.
    if let Some(p) = id
        .strip_prefix("fix:")
        .and_then(|p| serde_json::from_value::<Position>(json!(p)).ok())
        .filter(|p| flow::is_check(*p) && flow::applies(*p, &s.draft))
        .filter(|p| flow::main(&s.draft).contains(p) || flow::refine(&s.draft).contains(p))
    {
        s.history.push(s.at);
        s.at = p;
        s.fixing = Some(p);
        return out.say(question::ask(s, ctx));
    }
    route::answer(s, Answer::Button(id), ctx, out);
}
