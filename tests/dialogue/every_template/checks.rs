//! What must never show on a chat screen: internal text.

use crate::common::Chat;
use refund_assistant::render::Lang;
use std::collections::BTreeSet;

/// What must never reach a chat screen.
pub struct Checks {
    keys: BTreeSet<String>,
    versions: Vec<String>,
    joined: regex::Regex,
    heading: regex::Regex,
}

impl Checks {
    pub fn new(c: &Chat) -> Checks {
        let mut keys = c.renderer.keys(Lang::ZhCn);
        keys.extend(c.renderer.keys(Lang::En));
        keys.retain(|k| k.contains('.'));
        let mut versions = Vec::new();
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/policies");
        for e in std::fs::read_dir(dir).expect("policies").flatten() {
            let text = std::fs::read_to_string(e.path()).unwrap_or_default();
            if let Ok(t) = toml::from_str::<toml::Table>(&text)
                && let Some(v) = t.get("version").and_then(|v| v.as_str())
            {
                versions.push(v.to_owned());
            }
        }
        assert!(versions.len() >= 4, "rule versions read: {versions:?}");
        Checks {
            keys,
            versions,
            joined: regex::Regex::new(r"[^\s|]\|[^\s|]").expect("regex"),
            heading: regex::Regex::new(r"^<b>[^\d¥$<]{1,40}</b>$").expect("regex"),
        }
    }

    pub fn internal(&self, html: &str, text: &str) -> Vec<String> {
        let mut found = Vec::new();
        for mark in ["{{", "}}", "{%", "%}", "null", "undefined"] {
            if text.contains(mark) {
                found.push(format!("`{mark}`"));
            }
        }
        for (i, _) in text.match_indices("None") {
            let after = &text[i + 4..];
            let word = |c: char| c.is_alphanumeric() || c == '_';
            let before_ok = text[..i].chars().next_back().is_none_or(|c| !word(c));
            // "None apply", "None of these": words; a bare None is a value.
            let words_on = after
                .strip_prefix(' ')
                .is_some_and(|a| a.starts_with(char::is_alphabetic));
            if before_ok && !after.starts_with(word) && !words_on {
                found.push("`None`".to_owned());
            }
        }
        if let Some(m) = self.joined.find(text) {
            found.push(format!(
                "a `|`-joined list near {:?}",
                &text[m.start().saturating_sub(20)..m.end()]
            ));
        }
        for token in text.split(|c: char| !(c.is_ascii_alphanumeric() || "._-/".contains(c))) {
            let token = token.trim_matches('.');
            if self.keys.contains(token) {
                found.push(format!("the key `{token}`"));
            }
        }
        for v in &self.versions {
            if text.contains(v.as_str()) {
                found.push(format!("the rule version `{v}`"));
            }
        }
        found.extend(self.empty_heading(html));
        found
    }

    /// A heading with nothing under it: a bold line of the HTML with no
    /// figure in it, followed by nothing or by another heading.
    fn empty_heading(&self, html: &str) -> Option<String> {
        let lines: Vec<&str> = html.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
        let bold = |l: &str| {
            l.starts_with("<b>")
                && l.ends_with("</b>")
                && l.matches("<b>").count() == 1
                && self.heading.is_match(l)
        };
        for (i, l) in lines.iter().enumerate() {
            let next = lines.get(i + 1).copied();
            if bold(l) && next.is_none_or(bold) {
                return Some(format!("the empty heading {l:?}"));
            }
        }
        None
    }
}
