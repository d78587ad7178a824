//! Text where a button was expected: understood when it matches the label of
//! a button on screen (in either language), so typing "按月" or "monthly"
//! works like pressing the button.

use crate::conversation::{self, Ctx, Input, State};
use crate::render::{Lang, Renderer, plain};

fn normalise(s: &str) -> String {
    s.trim()
        .trim_matches(|c| matches!(c, '[' | ']' | '【' | '】' | '「' | '」' | '"' | '“' | '”'))
        .trim()
        .to_lowercase()
}

/// Every (button id, label) on screen, labels in both languages.
fn on_screen(r: &Renderer, state: &State, ctx: &Ctx) -> Vec<(String, Lang, String)> {
    let mut out = Vec::new();
    // On a result or a case, the "Fix …" buttons of its answers, even when
    // no longer shown ("fix deletion time" typed from an earlier screen).
    let fixes = matches!(
        state.at,
        conversation::Position::Result | conversation::Position::CaseView
    )
    .then(|| {
        // The case on screen's own answers ("改原因" on a follow-up case).
        let draft = state
            .case_no
            .and_then(|n| ctx.case(n))
            .map_or(&state.draft, |c| &c.data.draft);
        conversation::fix_buttons(draft)
    })
    .unwrap_or_default();
    // A question's button typed after it left the screen ("五天无理由退款").
    let topics: Vec<conversation::Button> = {
        use conversation::knowledge::Topic;
        use strum::VariantArray;
        Topic::VARIANTS
            .iter()
            .map(|t| {
                conversation::Button::with(
                    t.button_id(),
                    &format!("btn.kb.{}", t.as_str()),
                    serde_json::Value::Null,
                )
            })
            .collect()
    };
    let shown = conversation::current(state, ctx);
    let offered = shown.iter().flat_map(|r| r.buttons.iter().flatten());
    for b in offered.chain(fixes.iter().flatten()).chain(topics.iter()) {
        {
            for lang in Lang::ALL {
                if let Ok(label) = r.render(lang, &b.label, &b.vars) {
                    out.push((b.id.clone(), lang, plain(&label)));
                }
                let alias = format!("alias.{}", b.id.replace(':', "."));
                if r.has(lang, &alias) {
                    for word in r.text(lang, &alias, ()).split('|') {
                        out.push((b.id.clone(), lang, plain(word)));
                    }
                }
            }
        }
    }
    out
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
        .find(|(_, _, label)| normalise(label) == wanted);
    match hit {
        Some((id, _, _)) => Input::Button(id.clone()),
        None => input,
    }
}

/// The label of a button on screen, in the user's language (for the transcript).
pub fn label_of(r: &Renderer, state: &State, ctx: &Ctx, id: &str) -> Option<String> {
    let lang = state.lang();
    on_screen(r, state, ctx)
        .into_iter()
        .find(|(b, l, _)| b == id && *l == lang)
        .map(|(_, _, label)| label)
}
