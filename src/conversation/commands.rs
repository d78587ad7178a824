//! The commands (`/start`, `/back`, `/cases`, ...), and starting a check:
//! what works from any screen.

use crate::case::{CaseStatus, Draft};
use crate::conversation::base::reply::{Effect, Out, Reply};
use crate::conversation::base::state::{Position, State};
use crate::conversation::base::vocab::{Command, Ctx, command_names};
use crate::conversation::cases::card;
use crate::conversation::cases::screens as cases;
use crate::conversation::check::flow;
use crate::conversation::check::question;
use crate::conversation::follow::reminders;
use crate::conversation::menu::go_menu;
use crate::conversation::screen::show;
use crate::render::Lang;
use serde_json::json;

pub(crate) fn start_check(s: &mut State, ctx: &Ctx, out: &mut Out, fresh: bool) {
    open_check(s, ctx, out, fresh);
    s.at = flow::first_open(&s.draft);
    out.say(question::ask(s, ctx));
}

/// A new case for a new check (or the unfinished one when not `fresh`).
pub(crate) fn open_check(s: &mut State, ctx: &Ctx, out: &mut Out, fresh: bool) {
    if fresh || s.case_no.is_none() {
        // A new check is a new case from its first answer, so everything
        // said about it (the transcript included) belongs to it.
        let number = ctx.next_case_number();
        // The cloud the message just before asked about ("腾讯云有五天无理由吗").
        let named = s
            .cloud_named
            .take()
            .filter(|(turn, _)| s.turn.wrapping_sub(*turn) <= 1);
        s.draft = Draft {
            provider: named.map(|(_, p)| p),
            ..Draft::default()
        };
        if let Some((_, p)) = named {
            let line = serde_json::json!({ "field": "provider", "kind": "provider", "value": p.as_str(), "replaced": false });
            out.say(Reply::new("understood", serde_json::json!({ "lines": [line] })));
        }
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

pub(crate) fn command(s: &mut State, c: &Command, ctx: &Ctx, out: &mut Out) {
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
        Command::Human => crate::conversation::human::ask(s, ctx, out),
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
        Command::Case(arg) => match card::number_arg(arg.as_deref()) {
            Some(n) => cases::open(s, n, ctx, out),
            None => bad_number(s, "case", arg.as_deref(), ctx, out),
        },
        Command::Export(arg) => match card::number_arg(arg.as_deref()) {
            Some(n) if ctx.case(n).is_some() => {
                out.effects.push(Effect::Export { number: n });
                out.say(Reply::new("export.done", json!({ "n": n })));
            }
            Some(n) => card::missing(n, ctx, out),
            None => bad_number(s, "export", arg.as_deref(), ctx, out),
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

pub(crate) fn set_lang(s: &mut State, lang: Lang, ctx: &Ctx, out: &mut Out) {
    s.lang = Some(lang);
    out.effects.push(Effect::SetLang(lang));
    out.say(Reply::key("lang.changed"));
    // "can I get the request text in chinese": the case's letter again, in it.
    if s.at == Position::CaseView
        && let Some(c) = crate::conversation::cases::card::active(s, ctx)
    {
        return crate::conversation::follow::note::again(s, c, ctx, out);
    }
    show(s, ctx, out);
}

pub(crate) fn bad_number(s: &mut State, cmd: &str, arg: Option<&str>, ctx: &Ctx, out: &mut Out) {
    out.say(Reply::new("cases.bad_number", json!({ "cmd": cmd, "got": arg })));
    show(s, ctx, out);
}
