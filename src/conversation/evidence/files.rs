//! Evidence files in the conversation: a file sent is attached to the open
//! case (or the one its caption names, "#2"), or kept until the user says
//! which case it is for; then the user says what it shows. The same file
//! sent twice is recognised; a file `getFile` cannot download is refused
//! with what to do instead.

use crate::case::{CaseData, CaseStatus, CaseView};
use crate::case::{EvidenceFile, Incoming, MAX_DOWNLOAD, Shows, caption_case, checklist};
use crate::conversation::base::buttons::Id;
use crate::conversation::base::reply::{Button, Effect, Out, Reply};
use crate::conversation::base::state::State;
use crate::conversation::base::vocab::Ctx;
use crate::conversation::cases::card::row;
use crate::conversation::check::flow;
use crate::conversation::screen::show;
use serde_json::{Value, json};

/// At most this many cases are offered when no case is open.
const OFFERED: usize = 6;

pub(crate) fn received(s: &mut State, f: &Incoming, ctx: &Ctx, out: &mut Out) {
    if f.too_big() {
        out.say(Reply::new(
            "evidence.too_big",
            json!({ "name": f.name, "mb": mb(f.size), "limit_mb": MAX_DOWNLOAD / (1024 * 1024) }),
        ));
        return show(s, ctx, out);
    }
    if let Some((c, i)) = find_same(ctx, &f.unique_id) {
        out.say(Reply::new(
            "evidence.duplicate",
            json!({ "n": c.number, "i": i + 1, "shows": c.data.evidence[i].shows, "name": f.name }),
        ));
        return show(s, ctx, out);
    }
    let named = f.caption.as_deref().and_then(caption_case);
    let target = named.or(s.case_no).and_then(|n| ctx.case(n));
    match target {
        Some(c) => attach(s, c.number, c.status, &c.data, f, out),
        None => ask_case(s, f, named, ctx, out),
    }
}

/// The case `i`th file with this unique id is kept in.
fn find_same<'a>(ctx: &'a Ctx, unique_id: &str) -> Option<(&'a CaseView, usize)> {
    ctx.cases.iter().find_map(|c| {
        c.data
            .evidence
            .iter()
            .position(|e| e.unique_id == unique_id)
            .map(|i| (c, i))
    })
}

fn mb(size: u64) -> String {
    format!("{:.1}", size as f64 / (1024.0 * 1024.0))
}

/// No case open (or the one named does not exist): which case is it for?
fn ask_case(s: &mut State, f: &Incoming, named: Option<i64>, ctx: &Ctx, out: &mut Out) {
    s.pending_file = Some(f.clone());
    let mut rows: Vec<Vec<Button>> = ctx
        .cases
        .iter()
        .rev()
        .take(OFFERED)
        .map(|c| {
            vec![Button::with(
                format!("evcase:{}", c.number),
                "btn.evidence.case",
                json!({ "n": c.number, "instance_id": c.data.draft.instance }),
            )]
        })
        .collect();
    rows.push(vec![Button::with(
        "evcase:new".to_owned(),
        "btn.evidence.new_case",
        Value::Null,
    )]);
    rows.push(row(&[Id::MenuMain]));
    out.say(
        Reply::new(
            "evidence.which_case",
            json!({ "named": named, "name": f.name, "have": ctx.cases.len() }),
        )
        .buttons(rows),
    );
}

fn attach(s: &mut State, n: i64, status: CaseStatus, data: &CaseData, f: &Incoming, out: &mut Out) {
    let mut data = data.clone();
    data.evidence.push(EvidenceFile::from_incoming(f));
    let i = data.evidence.len() - 1;
    s.pending_file = None;
    out.say(
        Reply::new(
            "evidence.attached",
            json!({ "n": n, "name": f.name, "mime": f.mime, "size": f.size, "size_kb": f.size.div_ceil(1024), "size_mb": mb(f.size), "sha256": f.sha256, "count": data.evidence.len() }),
        )
        .buttons(shows_buttons(n, i)),
    );
    out.effects.push(Effect::SaveCase {
        number: n,
        status,
        data: Box::new(data),
    });
}

/// "What does it show?": one button per checklist item, and "other".
fn shows_buttons(n: i64, i: usize) -> Vec<Vec<Button>> {
    let b = |k: Shows| {
        Button::with(
            format!("ev:{n}:{i}:{}", k.as_str()),
            &format!("btn.evidence.{}", k.as_str()),
            Value::Null,
        )
    };
    vec![
        vec![b(Shows::Order), b(Shows::Deletion)],
        vec![b(Shows::Ticket), b(Shows::Payment)],
        vec![b(Shows::Other)],
    ]
}

/// The evidence buttons (`ev:N:I:kind`, `evcase:N`, `evcase:new`); false
/// for any other button.
pub(crate) fn button(s: &mut State, id: &str, ctx: &Ctx, out: &mut Out) -> bool {
    if let Some(rest) = id.strip_prefix("evcase:") {
        let Some(f) = s.pending_file.clone() else {
            out.say(Reply::key("evidence.nothing_pending"));
            show(s, ctx, out);
            return true;
        };
        match rest {
            "new" => {
                let n = ctx.next_case_number();
                s.case_no = Some(n);
                s.draft = Default::default();
                s.history.clear();
                out.effects.push(Effect::Event {
                    number: n,
                    status: CaseStatus::Draft,
                    note: None,
                });
                attach(s, n, CaseStatus::Draft, &CaseData::default(), &f, out);
            }
            n => match n.parse::<i64>().ok().and_then(|n| ctx.case(n)) {
                Some(c) => attach(s, c.number, c.status, &c.data, &f, out),
                None => ask_case(s, &f, None, ctx, out),
            },
        }
        return true;
    }
    let Some(rest) = id.strip_prefix("ev:") else {
        return false;
    };
    let mut parts = rest.splitn(3, ':');
    let (n, i, kind) = (
        parts.next().and_then(|n| n.parse::<i64>().ok()),
        parts.next().and_then(|i| i.parse::<usize>().ok()),
        parts.next().and_then(Shows::parse),
    );
    let (Some(c), Some(i), Some(kind)) = (n.and_then(|n| ctx.case(n)), i, kind) else {
        return false;
    };
    if i >= c.data.evidence.len() {
        return false;
    }
    let mut data = c.data.clone();
    data.evidence[i].shows = Some(kind);
    out.say(
        Reply::new(
            "evidence.noted",
            json!({ "n": c.number, "shows": kind, "checklist": checklist(&data.evidence) }),
        )
        .buttons(if flow::is_check(s.at) {
            Vec::new()
        } else {
            vec![vec![
                Button::with(
                    format!("case:{}", c.number),
                    "btn.evidence.open_case",
                    json!({ "n": c.number }),
                ),
                Button::new(Id::MenuMain),
            ]]
        }),
    );
    out.effects.push(Effect::SaveCase {
        number: c.number,
        status: c.status,
        data: Box::new(data),
    });
    if flow::is_check(s.at) {
        show(s, ctx, out);
    }
    true
}
