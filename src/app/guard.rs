//! What protects the one path from hostile input and from faults: text is
//! cleaned at the boundary, a store that cannot be reached gets a polite
//! answer instead of an error (nothing is acknowledged that was not saved),
//! and a reply whose template fails to render becomes a polite error naming
//! the case, never a bare key.

use super::application::App;
use super::message::{Message, Rendered, Response};
use crate::conversation::Reply;
use crate::render::{Lang, plain};
use crate::store::StoreError;
use serde_json::json;

/// The longest text kept from one message, in characters (Telegram's own
/// limit for a message); anything longer is cut there.
pub const MAX_TEXT_CHARS: usize = 4096;
/// The longest button id kept (Telegram's callback data is at most 64 bytes).
const MAX_BUTTON_CHARS: usize = 64;

/// Invisible characters that reorder or hide text (bidirectional overrides
/// and isolates, the byte-order mark) are dropped like control characters.
fn invisible(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// `text` without control characters (NUL included) and invisible direction
/// marks, keeping line breaks and tabs (a carriage return becomes a line
/// break), cut to `max` characters.
pub fn clean_text(text: &str, max: usize) -> String {
    let mut out = String::with_capacity(text.len().min(max * 4));
    let mut chars = text.chars().peekable();
    let mut kept = 0;
    while let Some(c) = chars.next() {
        if kept >= max {
            break;
        }
        let c = match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    continue;
                }
                '\n'
            }
            '\n' | '\t' => c,
            c if c.is_control() || invisible(c) => continue,
            c => c,
        };
        out.push(c);
        kept += 1;
    }
    out
}

/// The message as the conversation may see it (see [`clean_text`]).
pub fn clean(msg: Message) -> Message {
    match msg {
        Message::Text(t) => Message::Text(clean_text(&t, MAX_TEXT_CHARS)),
        Message::Button(id) => Message::Button(clean_text(&id, MAX_BUTTON_CHARS).replace(['\n', '\t'], "")),
        Message::Resume => Message::Resume,
        Message::Remind(due) => Message::Remind(due),
        Message::Desk(d) => Message::Desk(d),
        Message::File(mut f) => {
            // The caption and name are the user's words: cleaned as text.
            f.caption = f.caption.map(|c| clean_text(&c, MAX_TEXT_CHARS));
            f.name = f.name.map(|n| clean_text(&n, MAX_BUTTON_CHARS));
            Message::File(f)
        }
    }
}

impl App {
    /// The answer when the store failed: the message was not saved (the
    /// transaction rolled back), so the user is asked to send it again.
    pub(super) fn unsaved(&self, client_lang: Option<&str>, e: &StoreError) -> Response {
        tracing::error!("the store failed; the message was not saved: {e}");
        crate::ops::count(crate::ops::Counter::DbErrors, 1);
        let lang = client_lang
            .and_then(|l| l.parse::<Lang>().ok())
            .unwrap_or_else(|| Lang::from_client(client_lang));
        Response {
            lang,
            replies: vec![Rendered {
                html: self.renderer.text(lang, "guard.unsaved", ()),
                buttons: Vec::new(),
            }],
            unsaved: true,
            ..Response::default()
        }
    }

    /// Renders a reply; if its template fails (a value it cannot show), the
    /// user gets a polite error naming the case instead of a bare key.
    pub(super) fn render_guarded(&self, lang: Lang, r: &Reply, case: Option<i64>) -> Rendered {
        match self.renderer.render(lang, &r.key, &r.data) {
            Ok(html) => Rendered {
                html,
                buttons: self.buttons(lang, r),
            },
            Err(e) => {
                tracing::error!("reply {} could not be shown in full: {e}", r.key);
                // The rest of the reply, with one line saying a part is
                // missing; only when even that fails, the apology alone.
                if let Ok(partly) = self.renderer.render_partly(lang, &r.key, &r.data) {
                    let missing = self.renderer.text(lang, "guard.partly_shown", ());
                    return Rendered {
                        html: format!("{partly}\n\n{missing}"),
                        buttons: self.buttons(lang, r),
                    };
                }
                let number = case.or_else(|| r.data.get("number").and_then(|n| n.as_i64()));
                Rendered {
                    html: self
                        .renderer
                        .text(lang, "guard.render_failed", json!({ "case": number })),
                    buttons: Vec::new(),
                }
            }
        }
    }

    /// The answer when a case cannot be written out as a document.
    pub(super) fn export_failed(&self, lang: Lang, case: i64, e: &crate::render::RenderError) -> Rendered {
        tracing::error!("case {case} could not be exported: {e}");
        Rendered {
            html: self
                .renderer
                .text(lang, "guard.render_failed", json!({ "case": case })),
            buttons: Vec::new(),
        }
    }

    fn buttons(&self, lang: Lang, r: &Reply) -> Vec<Vec<(String, String)>> {
        r.buttons
            .iter()
            .map(|row| {
                row.iter()
                    .map(|b| (b.id.clone(), plain(&self.renderer.text(lang, &b.label, &b.vars))))
                    .collect()
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_go_and_line_breaks_and_tabs_stay() {
        assert_eq!(clean_text("abc\0def", 100), "abcdef");
        assert_eq!(clean_text("a\r\nb\rc\td\u{7}\u{1b}[31m", 100), "a\nb\nc\td[31m");
        assert_eq!(clean_text("\u{202E}evil\u{FEFF}", 100), "evil");
        assert_eq!(clean_text("中文 ok 👍🏽", 100), "中文 ok 👍🏽");
    }

    #[test]
    fn absurd_lengths_are_cut_at_a_character_boundary() {
        let long = "字".repeat(MAX_TEXT_CHARS * 3);
        let Message::Text(t) = clean(Message::Text(long)) else {
            panic!("text stays text");
        };
        assert_eq!(t.chars().count(), MAX_TEXT_CHARS);
        let Message::Button(b) = clean(Message::Button(format!("menu:new\n{}", "x".repeat(500)))) else {
            panic!("a button stays a button");
        };
        assert!(b.len() <= MAX_BUTTON_CHARS && !b.contains('\n'), "{b}");
    }
}
