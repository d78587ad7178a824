//! The guided conversation as a pure state machine: `step(state, input, ctx)`
//! returns the next state, the replies (template keys with data and buttons)
//! and the effects for the adapter to carry out. No I/O, no display text.

mod buttons;
mod cases;
mod compound;
mod escalate;
mod evidence;
mod facts;
mod flow;
mod followup;
mod fresh;
pub mod intent;
mod letters;
pub mod model;
mod offered;
mod questions;
pub mod reminders;
pub mod state;
mod understand;
mod vocab;

use crate::case::{CaseStatus, Draft};
pub use buttons::Id as ButtonId;
use buttons::Id;
pub use intent::{Carried, Intent, Intents, Wish};
pub use state::{Position, State};
pub(crate) use vocab::Out;
pub use vocab::{Button, COMMANDS, Command, CommandSpec, Ctx, Effect, Input, Outcome, Reply, command_names};

use crate::render::Lang;
use serde_json::json;

/// Advance the conversation by one input.
pub fn step(state: &State, input: &Input, ctx: &Ctx) -> Outcome {
    let mut s = state.clone();
    s.turn = s.turn.wrapping_add(1);
    let mut out = Out::default();
    match input {
        Input::Command(c) => command(&mut s, c, ctx, &mut out),
        Input::Button(id) => button(&mut s, id, ctx, &mut out),
        Input::Text(t) => understand::text(&mut s, t.trim(), ctx, &mut out),
        Input::Remind(due) => reminders::remind(&mut s, due, ctx, &mut out),
        Input::File(f) => evidence::received(&mut s, f, ctx, &mut out),
    }
    keep_draft(state, &s, ctx, &mut out);
    Outcome {
        state: s,
        replies: out.replies,
        effects: out.effects,
    }
}

/// Every answer of a check is saved into its case at once, so nothing the
/// user said is lost if they open another case or come back another day.
fn keep_draft(before: &State, after: &State, ctx: &Ctx, out: &mut Out) {
    let Some(n) = after.case_no else { return };
    // A save of this case in this step carries the answers as they end up.
    let saved = out.effects.iter_mut().rev().find_map(|e| match e {
        Effect::SaveCase { number, data, .. } if *number == n => Some(data),
        _ => None,
    });
    if let Some(data) = saved {
        data.draft = after.draft.clone();
        return;
    }
    if after.draft == before.draft || before.case_no != after.case_no {
        return;
    }
    let existing = ctx.case(n);
    let mut data = existing.map(|c| c.data.clone()).unwrap_or_default();
    data.draft = after.draft.clone();
    out.effects.push(Effect::SaveCase {
        number: n,
        status: existing.map_or(CaseStatus::Draft, |c| c.status),
        data: Box::new(data),
    });
}

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
            | Position::Customisation
            | Position::Received
    )
}

/// The replies that show where the user is now (for a resumed chat, or after
/// a message that was not understood).
pub fn current(state: &State, ctx: &Ctx) -> Vec<Reply> {
    let mut s = state.clone();
    let mut out = Out::default();
    show(&mut s, ctx, &mut out);
    out.replies
}

fn menu_buttons(s: &State) -> Vec<Vec<Button>> {
    let mut rows = vec![vec![Button::new(Id::MenuNew)]];
    if s.draft != Draft::default() && flow::first_open(&s.draft) != Position::Result {
        rows.insert(0, vec![Button::new(Id::MenuContinue)]);
    }
    rows.push(vec![Button::new(Id::MenuCases), Button::new(Id::MenuFollow)]);
    rows.push(vec![Button::new(Id::MenuTips), Button::new(Id::MenuHelp)]);
    let other = match s.lang() {
        Lang::ZhCn => Id::LangEn,
        Lang::En => Id::LangZhCN,
    };
    rows.push(vec![Button::new(other)]);
    rows
}

fn go_menu(s: &mut State, out: &mut Out) {
    s.at = Position::Menu;
    s.history.clear();
    out.say(Reply::key("menu").buttons(menu_buttons(s)));
}

/// Show the current screen again.
pub(crate) fn show(s: &mut State, ctx: &Ctx, out: &mut Out) {
    match s.at {
        Position::Menu => out.say(Reply::key("menu").buttons(menu_buttons(s))),
        p if flow::is_check(p) => out.say(flow::ask(s, ctx)),
        Position::LadderField => escalate::show(s, ctx, out),
        _ => cases::show(s, ctx, out),
    }
}

fn start_check(s: &mut State, ctx: &Ctx, out: &mut Out, fresh: bool) {
    open_check(s, ctx, out, fresh);
    s.at = flow::first_open(&s.draft);
    out.say(flow::ask(s, ctx));
}

/// A new case for a new check (or the unfinished one when not `fresh`).
fn open_check(s: &mut State, ctx: &Ctx, out: &mut Out, fresh: bool) {
    if fresh || s.case_no.is_none() {
        // A new check is a new case from its first answer, so everything
        // said about it (the transcript included) belongs to it.
        let number = ctx.next_case_number();
        s.draft = Draft::default();
        s.case_no = Some(number);
        out.effects.push(Effect::SaveCase {
            number,
            status: CaseStatus::Draft,
            data: Box::default(),
        });
        out.effects.push(Effect::Event {
            number,
            status: CaseStatus::Draft,
            note: None,
        });
    }
    s.history.clear();
    s.fixing = None;
}

fn command(s: &mut State, c: &Command, ctx: &Ctx, out: &mut Out) {
    match c {
        Command::Start(payload) => {
            let case = payload
                .as_deref()
                .and_then(|p| p.strip_prefix("case_"))
                .and_then(|n| n.parse::<i64>().ok());
            match case {
                Some(n) => cases::open(s, n, ctx, out),
                None => {
                    out.say(Reply::key("welcome"));
                    go_menu(s, out);
                }
            }
        }
        Command::Back => {
            match s.history.pop() {
                Some(p) => s.at = p,
                None => out.say(Reply::key("nav.nothing_to_go_back_to")),
            }
            show(s, ctx, out);
        }
        Command::Cancel => {
            let open = s.draft != Draft::default() && flow::first_open(&s.draft) != Position::Result;
            out.say(Reply::new(
                "nav.cancelled",
                json!({ "n": s.case_no.filter(|_| open) }),
            ));
            go_menu(s, out);
        }
        Command::Restart => {
            out.say(Reply::key("nav.restarted"));
            start_check(s, ctx, out, true);
        }
        Command::Help => {
            out.say(Reply::new(
                "help",
                json!({ "at": s.at, "commands": command_names() }),
            ));
            show(s, ctx, out);
        }
        Command::Tips => {
            let provider = s.draft.provider().unwrap_or_default();
            out.say(Reply::new("tips", json!({ "provider": provider })));
            show(s, ctx, out);
        }
        Command::Reminders => reminders::list(s, ctx, out),
        Command::Lang => {
            let next = match s.lang() {
                Lang::ZhCn => Lang::En,
                Lang::En => Lang::ZhCn,
            };
            set_lang(s, next, ctx, out);
        }
        Command::Cases => cases::list(s, ctx, out),
        Command::Case(arg) => match cases::number_arg(arg.as_deref()) {
            Some(n) => cases::open(s, n, ctx, out),
            None => cases::bad_number(s, "case", arg.as_deref(), ctx, out),
        },
        Command::Export(arg) => match cases::number_arg(arg.as_deref()) {
            Some(n) if ctx.case(n).is_some() => {
                out.effects.push(Effect::Export { number: n });
                out.say(Reply::new("export.done", json!({ "n": n })));
            }
            Some(n) => cases::missing(n, ctx, out),
            None => cases::bad_number(s, "export", arg.as_deref(), ctx, out),
        },
        Command::DeleteMyData => {
            if s.at != Position::ConfirmDelete {
                s.history.push(s.at);
            }
            s.at = Position::ConfirmDelete;
            show(s, ctx, out);
        }
        Command::Unknown(name) => {
            out.say(Reply::new(
                "nav.unknown_command",
                json!({ "name": name, "commands": command_names() }),
            ));
            show(s, ctx, out);
        }
    }
}

fn set_lang(s: &mut State, lang: Lang, ctx: &Ctx, out: &mut Out) {
    s.lang = Some(lang);
    out.effects.push(Effect::SetLang(lang));
    out.say(Reply::key("lang.changed"));
    show(s, ctx, out);
}

fn button(s: &mut State, id: &str, ctx: &Ctx, out: &mut Out) {
    // Buttons that work from any screen.
    match Id::parse(id) {
        Some(Id::MenuNew) => return start_check(s, ctx, out, true),
        Some(Id::MenuContinue) => return start_check(s, ctx, out, false),
        Some(Id::MenuCases) => return cases::list(s, ctx, out),
        Some(Id::MenuFollow) => return cases::follow(s, ctx, out),
        Some(Id::MenuTips) => return command(s, &Command::Tips, ctx, out),
        Some(Id::MenuHelp) => return command(s, &Command::Help, ctx, out),
        Some(Id::MenuMain) => return go_menu(s, out),
        Some(Id::NavBack) => return command(s, &Command::Back, ctx, out),
        Some(Id::LangEn) => return set_lang(s, Lang::En, ctx, out),
        Some(Id::LangZhCN) => return set_lang(s, Lang::ZhCn, ctx, out),
        _ => {}
    }
    if offered::pressed(s, id, ctx, out) {
        return;
    }
    if let Some(name) = id.strip_prefix("wish:") {
        return understand::picked(s, name, ctx, out);
    }
    if let Some(n) = id.strip_prefix("case:").and_then(|n| n.parse::<i64>().ok()) {
        return cases::open(s, n, ctx, out);
    }
    if reminders::button(s, id, ctx, out)
        || evidence::button(s, id, ctx, out)
        || escalate::button(s, id, ctx, out)
    {
        return;
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
        return out.say(flow::ask(s, ctx));
    }
    answer(s, questions::Answer::Button(id), ctx, out);
}

fn answer(s: &mut State, a: questions::Answer, ctx: &Ctx, out: &mut Out) {
    match s.at {
        Position::Menu => {
            out.say(Reply::key("menu.not_understood"));
            show(s, ctx, out);
        }
        p if flow::is_check(p) => questions::answer(s, a, ctx, out),
        Position::LadderField => escalate::answer(s, a, ctx, out),
        _ => followup::answer(s, a, ctx, out),
    }
}
