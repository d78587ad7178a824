//! A button said in other words, inside a sentence: "都没有 我是号主" is
//! "none of these, I own the account", "没用过 第一次退" is "the five-day
//! refund is still mine". Phrases under `said.<button id>` (`:` as `.`) in
//! `templates/<lang>/strings/aliases.toml`, both languages always.
//!
//! Every phrase of every button on screen is looked for; a phrase inside a
//! longer one that was found too does not count ("定制" inside "没有定制"),
//! and the text picks a button only when all that is left points to it.

use crate::conversation::base::buttons::Id;
use crate::conversation::read::clauses::hits;
use crate::conversation::read::words::list;
use crate::render::Renderer;
use strum::VariantArray;

/// The ladder's buttons (`lad:<case>:<action>`), whose phrases are the
/// same for every case: `said.lad.<action>`.
const LADDER: [&str; 7] = [
    "complaint_text",
    "complained",
    "unsatisfied",
    "letter:miit",
    "letter:samr",
    "personal",
    "company",
];

/// How a case's balance was topped up (`topup:<case>:<channel>`), whose
/// phrases are the same for every case: `said.topup.<channel>`.
const TOPUP: [&str; 3] = ["alipay", "wechat", "bank"];

/// A button id as its phrases are kept: the case number of a ladder or a
/// top-up button as `*`.
fn generic(id: &str) -> String {
    for prefix in ["lad", "topup"] {
        if let Some((_, rest)) = id
            .strip_prefix(prefix)
            .and_then(|r| r.strip_prefix(':'))
            .and_then(|rest| rest.split_once(':'))
        {
            return format!("{prefix}:*:{rest}");
        }
    }
    id.to_owned()
}

pub struct Choices {
    phrases: Vec<(String, Vec<String>)>,
}

impl Choices {
    pub fn load(r: &Renderer) -> Choices {
        let phrases = Id::VARIANTS
            .iter()
            .map(|id| {
                let id = id.as_str();
                (id.to_owned(), list(r, &format!("said.{}", id.replace(':', "."))))
            })
            .chain(LADDER.iter().map(|action| {
                let key = format!("said.lad.{}", action.replace(':', "."));
                (format!("lad:*:{action}"), list(r, &key))
            }))
            .chain(
                TOPUP
                    .iter()
                    .map(|ch| (format!("topup:*:{ch}"), list(r, &format!("said.topup.{ch}")))),
            )
            .filter(|(_, p)| !p.is_empty())
            .collect();
        Choices { phrases }
    }

    /// The one button of `on_screen` the folded text names, if any.
    pub fn pick(&self, on_screen: &[String], folded: &str) -> Option<String> {
        let mut found: Vec<(usize, usize, &str)> = Vec::new();
        for shown in on_screen {
            let key = generic(shown);
            for (_, phrases) in self.phrases.iter().filter(|(id, _)| *id == key) {
                for p in phrases {
                    for at in hits(folded, p) {
                        found.push((at, at + p.len(), shown.as_str()));
                    }
                }
            }
        }
        // A hit inside a longer hit does not count.
        let kept: Vec<&str> = found
            .iter()
            .filter(|(a, b, _)| {
                !found
                    .iter()
                    .any(|(c, d, _)| c <= a && b <= d && (d - c) > (b - a))
            })
            .map(|(_, _, id)| *id)
            .collect();
        // A button that narrows another ("account:none_admin" of
        // "account:none") takes its hits: "都没有，我是管理员".
        let narrowed: Vec<&str> = kept
            .iter()
            .copied()
            .filter(|id| {
                !kept
                    .iter()
                    .any(|o| o.len() > id.len() && o.starts_with(&format!("{id}_")))
            })
            .collect();
        let first = *narrowed.first()?;
        narrowed.iter().all(|id| *id == first).then(|| first.to_owned())
    }
}
