//! What the user asks for in their own words ("my refund was rejected",
//! "导出案例 2", "back"). The words are data: `intent.<name>` (phrases found
//! anywhere in the message) and `intent.<name>.alone` (words that count only
//! as the whole message, since "back" also occurs in "get my money back") in
//! `templates/<lang>/strings/intents.toml`. Both languages are always
//! understood, with or without a leading slash.
//!
//! Two layers: the phrase lists are the precise one; what they miss goes to
//! the trained model (`model/`), which generalises to paraphrases. A model
//! guess is acted on above `ACT`; between `ASK` and `ACT` the bot asks "did
//! you mean" with the likely intents as buttons; below, nothing is guessed.

use crate::conversation::check::facts::Carried;
use crate::conversation::read::choices::Choices;
use crate::conversation::read::dialogue::Dialogue;
use crate::conversation::read::model::{Guess, Model};
use crate::conversation::read::rejection::Rejection;
pub use crate::conversation::read::words::fold;
use crate::conversation::read::words::list;
use crate::render::{Lang, Renderer};
use regex::Regex;
use std::str::FromStr;
use strum::{EnumString, IntoStaticStr, VariantArray};

/// A model guess at or above this probability is acted on.
pub const ACT: f32 = 0.45;
/// Between this and `ACT`, the bot asks "did you mean" (top three).
pub const ASK: f32 = 0.25;
/// A likely intent offered as "did you mean" has at least this probability.
const OFFER: f32 = 0.12;
/// A keyword hit gives way to the model only when the model is this sure
/// of another intent and gives the keyword's intent almost nothing.
const OVERRULE: f32 = 0.85;
const OVERRULED: f32 = 0.03;

/// The intents, named as in the message fixture.
#[derive(Clone, Copy, Debug, PartialEq, Eq, EnumString, IntoStaticStr, VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum Intent {
    Check,
    Rejected,
    NotArrived,
    DifferentAmount,
    Submitted,
    Tips,
    Cases,
    Case,
    Export,
    DeleteData,
    Back,
    Cancel,
    Restart,
    Help,
    Lang,
    /// A person instead of the bot (`act.request.human`).
    Human,
    /// What can be done next on the case (`act.request.next`).
    Next,
    None,
}

/// An intent and the case number that came with it ("case 3", "导出 #2").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Wish {
    pub intent: Intent,
    pub number: Option<i64>,
    /// Read by the model (no phrase of the lists was found).
    pub guessed: bool,
    /// When no intent is sure enough: the likely ones, best first, to offer
    /// as "did you mean" buttons.
    pub maybe: [Option<Intent>; 3],
}

impl Wish {
    /// A sure intent (a phrase of the lists, a button, a command).
    pub fn sure(intent: Intent, number: Option<i64>) -> Wish {
        Wish {
            intent,
            number,
            guessed: false,
            maybe: [None; 3],
        }
    }

    /// The intents worth offering, best first.
    pub fn offers(&self) -> impl Iterator<Item = Intent> + '_ {
        self.maybe.iter().flatten().copied()
    }
}

impl Intent {
    /// The model's class for this intent (a case and the case list are one).
    /// A follow-up of a refund asked for already.
    pub fn is_follow_up(self) -> bool {
        matches!(
            self,
            Intent::Rejected | Intent::NotArrived | Intent::DifferentAmount | Intent::Submitted
        )
    }

    pub fn class(self) -> &'static str {
        match self {
            Intent::Case => "cases",
            i => i.into(),
        }
    }
}

/// The order in which intents are tried: the most specific first, so "my
/// refund was rejected" is a rejection and not a new check.
const ORDER: [Intent; 15] = [
    Intent::DeleteData,
    Intent::Export,
    Intent::Rejected,
    Intent::NotArrived,
    Intent::DifferentAmount,
    Intent::Submitted,
    Intent::Case,
    Intent::Cases,
    Intent::Tips,
    Intent::Lang,
    Intent::Restart,
    Intent::Cancel,
    Intent::Back,
    Intent::Help,
    Intent::Check,
];

struct Words {
    intent: Intent,
    anywhere: Vec<String>,
    alone: Vec<String>,
    /// Phrases that name the intent to refuse it (`intent.<name>.not`).
    not: Vec<String>,
}

/// The keyword table, loaded once from the templates of both languages.
pub struct Intents {
    words: Vec<Words>,
    /// A case number written after a case word: "case 3", "案例#2", "第3个案例".
    number: Regex,
    /// What a rejection message says of the reason.
    pub rejection: Rejection,
    /// The words of the dialogue acts (`read/reader.rs`).
    pub(crate) dialogue: Dialogue,
    /// Buttons said in other words.
    pub(crate) choices: Choices,
    /// Questions answered (`knowledge/`).
    pub knowledge: crate::conversation::knowledge::Knowledge,
}

impl Intents {
    pub fn load(r: &Renderer) -> Intents {
        let words = ORDER
            .iter()
            .map(|i| {
                let name: &'static str = i.into();
                Words {
                    intent: *i,
                    // `.asked`: questions that mean the intent here, but
                    // are never read as a report of its event (`dialogue`).
                    anywhere: [
                        list(r, &format!("intent.{name}")),
                        list(r, &format!("intent.{name}.asked")),
                    ]
                    .concat(),
                    alone: list(r, &format!("intent.{name}.alone")),
                    not: list(r, &format!("intent.{name}.not")),
                }
            })
            .collect();
        let number = Regex::new(r"(?:#|case|no\.|number|案例|案子|编号|第)\s*#?\s*(\d{1,6})")
            .expect("a valid pattern");
        Intents {
            words,
            number,
            rejection: Rejection::load(r),
            dialogue: Dialogue::load(r),
            choices: Choices::load(r),
            knowledge: crate::conversation::knowledge::Knowledge::load(r),
        }
    }

    /// What the text asks for (`Intent::None` when nothing is recognised,
    /// with the likely intents in `maybe` when the model has an idea).
    /// `facts`: what the text carries of a check. With facts placed (an
    /// instance ID, a purchase date, the amount paid) only the phrase lists
    /// decide and the model's guesses are only offered: a message that
    /// carries facts is never lost to a guess. With only amounts or dates
    /// whose role is not said (kept and offered at their question either
    /// way), a confident guess of a follow-up still acts: "只退了312块" is
    /// about the amount received.
    pub fn classify(&self, text: &str, facts: Carried) -> Wish {
        let t = fold(text);
        let number = self
            .number
            .captures(&t)
            .and_then(|c| c[1].parse::<i64>().ok())
            .filter(|n| *n > 0);
        let bare = t.trim_start_matches('#').parse::<i64>().ok();
        let keyword = self.keyword(&t);
        if facts != Carried::Nothing {
            let guess = Model::get().guess(text);
            return match (keyword, model_intent(&guess)) {
                (Some(k), _) => self.numbered(k, number, bare, false),
                (None, Some((m, p))) if facts == Carried::Unplaced && p >= ACT && m.is_follow_up() => {
                    self.numbered(m, number, bare, true)
                }
                // The model's idea is only offered, beside the facts taken.
                (None, _) => Wish {
                    maybe: offers(&guess),
                    ..Wish::sure(Intent::None, number)
                },
            };
        }
        let guess = Model::get().guess(text);
        let (intent, guessed) = match keyword {
            Some(k) => match model_intent(&guess) {
                Some((m, p))
                    if m.class() != k.class() && p >= OVERRULE && guess.of(k.class()) < OVERRULED =>
                {
                    (m, true)
                }
                _ => (k, false),
            },
            None => match model_intent(&guess) {
                Some((m, p)) if p >= ACT => (m, true),
                _ => {
                    return Wish {
                        maybe: offers(&guess),
                        ..Wish::sure(Intent::None, number)
                    };
                }
            },
        };
        self.numbered(intent, number, bare, guessed)
    }

    /// A message read on its own as the conversation reads it: its facts
    /// first, then what it asks for.
    pub fn read(&self, text: &str, now: chrono::DateTime<chrono::Utc>) -> Wish {
        self.classify(text, Self::carried(text, now))
    }

    /// What a message carries of a check, as the conversation reads it.
    pub fn carried(text: &str, now: chrono::DateTime<chrono::Utc>) -> Carried {
        crate::conversation::check::facts::carried(&crate::input::extract(text, Lang::ZhCn, now))
    }

    fn numbered(&self, intent: Intent, number: Option<i64>, bare: Option<i64>, guessed: bool) -> Wish {
        let wish = match intent {
            // "case" alone or "my cases" is the list; with a number, that case.
            Intent::Case | Intent::Cases => match number.or(bare) {
                Some(n) => Wish::sure(Intent::Case, Some(n)),
                None => Wish::sure(Intent::Cases, None),
            },
            intent => Wish::sure(intent, number),
        };
        Wish { guessed, ..wish }
    }

    /// The first intent of the phrase lists found in the folded text.
    /// The first intent listed whose phrase the text says; a phrase inside
    /// a longer one found too does not count ("不能退" of a refusal inside
    /// "能不能退" of the check).
    fn keyword(&self, t: &str) -> Option<Intent> {
        let mut hits: Vec<(usize, usize, usize)> = Vec::new();
        for (i, w) in self.words.iter().enumerate() {
            if w.alone.iter().any(|a| a == t) {
                hits.push((0, t.len(), i));
                continue;
            }
            // "不需要再算了" names the check only to refuse it.
            let mut said = std::borrow::Cow::Borrowed(t);
            for n in &w.not {
                if crate::input::find_iter(&said, n).next().is_some() {
                    said = said.replace(n.as_str(), &" ".repeat(n.len())).into();
                }
            }
            for a in w.anywhere.iter().filter(|a| !a.is_empty()) {
                hits.extend(crate::input::find_iter(&said, a).map(|at| (at, at + a.len(), i)));
            }
        }
        let inside = |(a, b, _): &(usize, usize, usize)| {
            hits.iter().any(|(c, d, _)| c <= a && b <= d && (d - c) > (b - a))
        };
        hits.iter()
            .filter(|h| !inside(h))
            .map(|(_, _, i)| *i)
            .min()
            .map(|i| self.words[i].intent)
    }

    /// Only the intents said as the whole message (navigation words).
    pub fn alone(&self, text: &str) -> Option<Intent> {
        let t = fold(text);
        self.words.iter().find(|w| w.alone.contains(&t)).map(|w| w.intent)
    }
}

/// The model's best intent, unless it is "none".
fn model_intent(g: &Guess) -> Option<(Intent, f32)> {
    let (class, p) = g.best();
    Intent::from_str(class)
        .ok()
        .filter(|i| *i != Intent::None)
        .map(|i| (i, p))
}

/// "Did you mean": the likely intents when the best is between `ASK` and
/// `ACT` (or "none" leads but other intents are close behind).
fn offers(g: &Guess) -> [Option<Intent>; 3] {
    let mut out = [None; 3];
    let likely: Vec<Intent> = g
        .ranked
        .iter()
        .filter(|(c, p)| *c != "none" && *p >= OFFER)
        .filter_map(|(c, _)| Intent::from_str(c).ok())
        .take(3)
        .collect();
    let best = g
        .ranked
        .iter()
        .find(|(c, _)| *c != "none")
        .map_or(0.0, |(_, p)| *p);
    if best >= ASK {
        for (slot, i) in out.iter_mut().zip(likely) {
            *slot = Some(i);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn intents() -> Intents {
        Intents::load(&Renderer::new().expect("templates load"))
    }

    #[test]
    fn the_intents_are_read_in_both_languages_with_or_without_a_slash() {
        let i = intents();
        for (text, want) in [
            ("my refund was rejected, what can I do?", Intent::Rejected),
            ("退款被拒了怎么办", Intent::Rejected),
            ("钱还没到账", Intent::NotArrived),
            ("the refund hasn't arrived yet", Intent::NotArrived),
            ("退的金额不对", Intent::DifferentAmount),
            ("I got less than expected", Intent::DifferentAmount),
            ("我已经提交了申请", Intent::Submitted),
            ("how much will I get back?", Intent::Check),
            ("能退多少钱", Intent::Check),
            ("start a check", Intent::Check),
            ("/back", Intent::Back),
            ("返回", Intent::Back),
            ("get my money back", Intent::Check),
            ("help", Intent::Help),
            ("帮助", Intent::Help),
            ("English", Intent::Lang),
            ("删除我的数据", Intent::DeleteData),
            ("delete my data", Intent::DeleteData),
            ("怎么跟客服沟通", Intent::Tips),
            ("我的案例", Intent::Cases),
            ("取消", Intent::Cancel),
            ("重新开始", Intent::Restart),
            ("今天天气不错", Intent::None),
        ] {
            assert_eq!(i.classify(text, Carried::Nothing).intent, want, "{text}");
        }
    }

    #[test]
    fn a_case_number_comes_with_the_case_and_export_intents() {
        let i = intents();
        assert_eq!(
            i.classify("看看案例 2", Carried::Nothing),
            Wish::sure(Intent::Case, Some(2))
        );
        assert_eq!(
            i.classify("export case #3", Carried::Nothing),
            Wish::sure(Intent::Export, Some(3))
        );
        assert_eq!(i.classify("/case", Carried::Nothing).intent, Intent::Cases);
    }

    #[test]
    fn folding_handles_full_width_forms_and_punctuation() {
        assert_eq!(fold("  ／ＢＡＣＫ！ "), "back");
        assert_eq!(fold("I haven’t got it?"), "i haven't got it");
    }
}
