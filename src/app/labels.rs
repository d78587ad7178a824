//! Text where a button was expected: understood when it matches the label of
//! a button on screen (in either language), so typing "按月" or "monthly"
//! works like pressing the button.

use crate::conversation::{self, Ctx, Input, State};
use crate::render::{Lang, Renderer, plain};
use std::sync::{Arc, OnceLock};

fn normalise(s: &str) -> String {
    s.trim()
        .trim_matches(|c| matches!(c, '[' | ']' | '【' | '】' | '「' | '」' | '"' | '“' | '”'))
        .trim()
        .to_lowercase()
}

/// A button's id, the language of one of its labels, and that label.
type Label = (Arc<str>, Lang, Arc<str>);

/// The labels of `b` in both languages, and its typed aliases.
fn labels_of(r: &Renderer, b: &conversation::Button, out: &mut Vec<Label>) {
    let id: Arc<str> = Arc::from(b.id.as_str());
    let alias = format!("alias.{}", b.id.replace(':', "."));
    for lang in Lang::ALL {
        let label = if b.vars.is_null() {
            r.fixed(lang, &b.label)
        } else {
            r.render(lang, &b.label, &b.vars)
                .ok()
                .map(|l| Arc::from(plain(&l)))
        };
        if let Some(label) = label {
            out.push((id.clone(), lang, label));
        }
        if let Some(words) = r.fixed(lang, &alias) {
            for word in words.split('|') {
                out.push((id.clone(), lang, Arc::from(word)));
            }
        }
    }
}

/// The knowledge base's topic buttons, typed after they left the screen
/// ("五天无理由退款"): the same labels every step, made once. The
/// templates are compiled into the program, so every renderer has the same.
fn topics(r: &Renderer) -> &'static [Label] {
    static KEPT: OnceLock<Vec<Label>> = OnceLock::new();
    KEPT.get_or_init(|| {
        use conversation::knowledge::Topic;
        use strum::VariantArray;
        let mut out = Vec::new();
        for t in Topic::VARIANTS {
            let key = format!("btn.kb.{}", t.as_str());
            let b = conversation::Button::with(t.button_id(), &key, serde_json::Value::Null);
            labels_of(r, &b, &mut out);
        }
        out
    })
}

/// Every (button id, label) on screen, labels in both languages. Labels
/// that take no data come from the renderer's kept texts (`fixed`).
fn on_screen(r: &Renderer, state: &State, ctx: &Ctx) -> Vec<Label> {
    let mut out = Vec::new();
    // On a result or a case, the "Fix …" buttons of its answers, even when
    // no longer shown ("fix deletion time" typed from an earlier screen).
    let fixes = matches!(
        state.at,
        conversation::Position::Result | conversation::Position::CaseView
    )
    .then(|| {
        // The case on screen's own answers ("改原因" on a follow-up case), and its menu.
        let draft = state
            .case_no
            .and_then(|n| ctx.case(n))
            .map_or(&state.draft, |c| &c.data.draft);
        let mut rows = conversation::fix_buttons(draft);
        rows.extend(conversation::case_menu(state, ctx));
        rows
    })
    .unwrap_or_default();
    let shown = conversation::current(state, ctx);
    let offered = shown.iter().flat_map(|r| r.buttons.iter().flatten());
    for b in offered.chain(fixes.iter().flatten()) {
        labels_of(r, b, &mut out);
    }
    out.extend(topics(r).iter().cloned());
    out
}

/// A label without the note in brackets at its end: "算一算应退多少（6
/// 个问题）" typed as "算一算应退多少" is that button.
fn without_note(label: &str) -> &str {
    let cut = label
        .strip_suffix('）')
        .and_then(|l| l.rfind('（'))
        .or_else(|| label.strip_suffix(')').and_then(|l| l.rfind('(')));
    cut.map_or(label, |at| label[..at].trim_end())
}

/// The input a typed text stands for.
pub fn resolve(r: &Renderer, state: &State, ctx: &Ctx, text: &str) -> Input {
    let input = Input::from_text(text);
    if !matches!(input, Input::Text(_)) {
        return input;
    }
    let wanted = normalise(text);
    if wanted.is_empty() {
        return input;
    }
    let buttons = on_screen(r, state, ctx);
    // The user's own language first, then the other.
    let lang = state.lang();
    let hit = buttons
        .iter()
        .filter(|(_, l, _)| *l == lang)
        .chain(buttons.iter().filter(|(_, l, _)| *l != lang))
        .find(|(_, _, label)| {
            let label = normalise(label);
            label == wanted || without_note(&label) == wanted
        });
    if let Some((id, _, _)) = hit {
        return Input::Button(id.to_string());
    }
    // A label typed first, then words ("Keep the earlier: ¥350.00. The ¥12
    // was…"): the longest label the text starts with, when the words
    // after it leave it the answer.
    let prefixed = buttons
        .iter()
        .filter_map(|(id, _, label)| {
            let label = normalise(label);
            let label = without_note(&label);
            let rest = wanted.strip_prefix(label)?;
            let next = rest.chars().next()?;
            (label.chars().count() >= 2 && next.is_whitespace() || ",，.。:：;；!！-–—、~".contains(next))
                .then(|| {
                    (
                        id,
                        label.len(),
                        rest.trim_start_matches(|c: char| {
                            c.is_whitespace() || ",，.。:：;；!！-–—、~".contains(c)
                        }),
                    )
                })
        })
        .filter(|(id, _, rest)| rest.is_empty() || conversation::label_then_words(state, id, rest, ctx))
        .max_by_key(|(_, len, _)| *len);
    match prefixed {
        Some((id, _, _)) => Input::Button(id.to_string()),
        None => input,
    }
}

/// The label of a button on screen, in the user's language (for the transcript).
pub fn label_of(r: &Renderer, state: &State, ctx: &Ctx, id: &str) -> Option<String> {
    let lang = state.lang();
    on_screen(r, state, ctx)
        .into_iter()
        .find(|(b, l, _)| &**b == id && *l == lang)
        .map(|(_, _, label)| label.to_string())
}
