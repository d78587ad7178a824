//! A message in clauses, and what each clause is: a question or a statement, hedged or not,
//! negating an event or not. Words from `templates/<lang>/strings/dialogue.toml` (`act.*`).

use crate::conversation::read::words::list;
use crate::render::Renderer;

/// The word lists of the dialogue acts.
pub struct Words {
    question_words: Vec<String>,
    /// "没用什么代金券", "没啥": a question word that asks nothing after a
    /// negation ("didn't use any").
    none_of: Vec<String>,
    question_start: Vec<String>,
    question_end: Vec<String>,
    /// Particles that end a question inside a message, before a space
    /// ("代金券那个呢 你还没说").
    question_end_part: Vec<String>,
    /// "代金券那个呢": what about it (not after a negation: "我还没申请呢").
    question_what_about: Vec<String>,
    /// "我是问手续费": what the message is about is a question, whatever
    /// event its other words name ("还没退呢 我是问手续费").
    pub asking_about: Vec<String>,
    /// "能退多少", "how much": the figure asked for (the check), not a rule.
    pub how_much: Vec<String>,
    /// "代金券", "invoice": a part of the order a yes/no question may be
    /// about ("代金券能退吗" asks about vouchers, not for the check).
    pub subject: Vec<String>,
    /// "为什么定制的不退": why a rule says no, which reports no refusal
    /// unless the clause says it happened to the person (`refused_me`).
    why: Vec<String>,
    refused_me: Vec<String>,
    unsure: Vec<String>,
    /// "可能被拒", "what if they refuse": an event supposed, not reported.
    maybe: Vec<String>,
    negation: Vec<String>,
    pub correction: Vec<String>,
    /// Correction words that stay a correction in a question ("应该是",
    /// "should be"): "paid should be 1180 not 1380??".
    pub correction_strong: Vec<String>,
    pub thanks: Vec<String>,
    pub ok: Vec<String>,
    pub greeting: Vec<String>,
    /// "我先走了", "talk later": leaving for now.
    pub bye: Vec<String>,
    pub frustrated: Vec<String>,
    pub wrong: Vec<String>,
    pub human: Vec<String>,
    pub next: Vec<String>,
    /// "Got it": on a case waiting for its money, that it came.
    pub got: Vec<String>,
}

impl Words {
    pub fn load(r: &Renderer) -> Words {
        Words {
            question_words: list(r, "act.question.words"),
            none_of: list(r, "act.question.none_of"),
            question_start: list(r, "act.question.start"),
            question_end: list(r, "act.question.end"),
            question_end_part: list(r, "act.question.end_part"),
            question_what_about: list(r, "act.question.what_about"),
            asking_about: list(r, "act.question.asking_about"),
            how_much: list(r, "act.question.how_much"),
            subject: list(r, "act.question.subject"),
            why: list(r, "act.question.why"),
            refused_me: list(r, "act.event.rejected.mine"),
            unsure: list(r, "act.unsure"),
            maybe: list(r, "act.maybe"),
            negation: list(r, "act.negation"),
            correction: list(r, "act.correction"),
            correction_strong: list(r, "act.correction.strong"),
            thanks: list(r, "act.social.thanks"),
            ok: list(r, "act.social.ok"),
            greeting: list(r, "act.social.greeting"),
            bye: list(r, "act.social.bye"),
            frustrated: list(r, "act.social.frustrated"),
            wrong: list(r, "act.social.wrong"),
            human: list(r, "act.request.human"),
            next: list(r, "act.request.next"),
            got: list(r, "act.got"),
        }
    }

    /// Whether a clause asks something. An English clause asks when it ends
    /// with a question mark or starts with a question word ("where is…",
    /// "does the money…"); a Chinese one with a question mark, a question
    /// word ("什么", "怎么", "能不能"), or a closing particle ("吗", "到账了没").
    /// A hedge turns a question word into a statement ("几点不记得了").
    pub fn asks(&self, clause: &Clause) -> bool {
        if clause.mark {
            return true;
        }
        let own = super::split::unquoted(&clause.folded);
        let t = &own;
        if t.is_empty() || self.hedged(t) {
            return false;
        }
        // "so should I still delete it": a filler word before the question.
        let t = ["so ", "and ", "but ", "then ", "well ", "ok ", "okay "]
            .iter()
            .find_map(|f| t.strip_prefix(f))
            .unwrap_or(t);
        let first = t.split(' ').next().unwrap_or_default();
        if t.is_ascii() {
            // "i bought it at 11:20 pm so is it 11:20 pm on the 9th or
            // midnight or what": a question asked after a statement, or a
            // tag at the end.
            let inside = |w: &String| w.contains(' ') && t.contains(&format!(" {w} "));
            let tag = |e: &String| e.is_ascii() && !e.is_empty() && t.ends_with(&format!(" {e}"));
            return self.question_start.iter().any(|w| w == first)
                || self
                    .question_words
                    .iter()
                    .any(|w| t.starts_with(w.as_str()) || inside(w))
                || self.question_end.iter().any(tag);
        }
        let mut t = std::borrow::Cow::Borrowed(t);
        for w in &self.none_of {
            if t.contains(w.as_str()) {
                t = std::borrow::Cow::Owned(t.replace(w.as_str(), " "));
            }
        }
        let t = t.as_ref();
        if self.question_words.iter().any(|w| t.contains(w.as_str())) {
            return true;
        }
        // "那我还删不删", "到没到": a verb, its negation, the verb again.
        // "不对不对" is "wrong, wrong", not "对不对"; "对不对", "是不是" and
        // the like are read elsewhere (`mask_a_not_a`: a confirmation).
        let cs: Vec<char> = t.chars().collect();
        if cs.windows(3).enumerate().any(|(i, w)| {
            w[0] == w[2]
                && matches!(w[1], '不' | '没')
                && !matches!(
                    w[0],
                    '不' | '没' | '对' | '是' | '能' | '有' | '会' | '要' | '行' | '可'
                )
                && !w[0].is_ascii()
                && (i == 0 || cs[i - 1] != w[1])
        }) {
            return true;
        }
        // "是到微信还是到腾讯云账户啊": one or the other, asked ("还是没到账"
        // alone is "still not").
        if let Some(at) = t.find("还是")
            && t[..at].contains('是')
        {
            return true;
        }
        ends_asking(t, &self.question_end)
            || t.split_whitespace().any(|part| {
                let ends = |list: &[String]| list.iter().any(|e| part.ends_with(e.as_str()));
                let denies = self.negation.iter().any(|n| part.contains(n.as_str()));
                // "那钱呢" asks about the money; "微信付了1088呢" tells a fact,
                // softened: a "what about" is short and names no figure.
                let what_about = ends(&self.question_what_about)
                    && !denies
                    && part.chars().count() <= 8
                    && !part.chars().any(|c| c.is_ascii_digit());
                ends(&self.question_end_part) || what_about
            })
    }

    /// Whether any clause asks.
    pub fn asks_any(&self, clauses: &[Clause]) -> bool {
        clauses.iter().any(|c| self.asks(c))
    }

    /// Whether the message corrects something: a correction word, "不是 X，
    /// 是 Y", or a value denied beside another ("20号删的不是19号",
    /// "october 1st, not the 10th").
    pub fn corrects(&self, folded: &str) -> bool {
        // "这个数对不对" asks; it corrects nothing.
        let plain = mask_a_not_a(folded);
        if contains_any(&plain, &self.correction) {
            return true;
        }
        let not_but =
            plain.starts_with("不是") && ["，是", ",是", " 是", "而是"].iter().any(|w| plain.contains(w));
        let digits = plain.chars().filter(char::is_ascii_digit).count();
        let denied_value = digits > 0
            && (plain
                .match_indices("不是")
                .any(|(at, _)| at > 0 && !plain[..at].ends_with('都'))
                || plain.contains(", not ")
                || plain.contains(" not the ")
                || plain.contains(" not nov")
                || plain.contains(" not oct")
                || between_numbers(&plain, " not "));
        not_but || denied_value
    }

    /// "不记得", "not sure": the clause says what the person does not know.
    pub fn hedged(&self, folded: &str) -> bool {
        contains_any(folded, &self.unsure)
    }

    /// Whether a clause supposes an event rather than reporting it ("可能
    /// 被拒？", "会不会被拒", "what if they reject it").
    /// Whether a clause asks why a rule refuses ("为什么定制的不退？", "why
    /// are promotional instances not refundable?") without saying the
    /// person was refused ("为什么我的申请被拒了").
    pub fn asks_why_rule(&self, clause: &Clause) -> bool {
        self.asks(clause)
            && contains_any(&clause.folded, &self.why)
            && !contains_any(&clause.folded, &self.refused_me)
    }

    /// The clauses of `t` that ask, as written.
    pub fn asking(&self, t: &str) -> Vec<String> {
        split(t)
            .into_iter()
            .filter(|c| self.asks(c))
            .map(|c| c.text)
            .collect()
    }

    pub fn supposes(&self, folded: &str) -> bool {
        contains_any(folded, &self.maybe)
    }

    /// Whether `phrase` (found at byte `at` of the folded clause) is denied
    /// by a negation just before it ("还没申请", "没被拒", "haven't applied").
    pub fn denied(&self, folded: &str, at: usize) -> bool {
        // A negation before a comma is another statement's ("钱没退，客服说
        // …不退": the refusal is not denied).
        let before = folded[..at]
            .rsplit(['，', ',', '。', '；', ';', '！', '!', '？', '?'])
            .next()
            .unwrap_or_default();
        let tail = crate::input::last_chars(before, 4);
        if tail.is_ascii() {
            let words: Vec<&str> = before.split(' ').filter(|w| !w.is_empty()).collect();
            let last = &words[words.len().saturating_sub(3)..];
            return last.iter().any(|w| self.negation.iter().any(|n| n == w));
        }
        self.negation
            .iter()
            .any(|n| !n.is_ascii() && tail.contains(n.as_str()))
    }
}

pub use super::split::{Clause, is_cjk, split};

/// "能不能", "是不是", "有没有": A-not-A questions, as "能否", "是否", "有无" (no negation).
pub fn mask_a_not_a(t: &str) -> String {
    [
        ("能不能", "能否"),
        ("是不是", "是否"),
        ("有没有", "有无"),
        ("可不可以", "可否"),
        ("会不会", "会否"),
        ("要不要", "要否"),
        ("行不行", "行否"),
        ("对不对", "对否"),
    ]
    .iter()
    .fold(t.to_owned(), |t, (a, b)| t.replace(a, b))
}

pub fn contains_any(t: &str, words: &[String]) -> bool {
    words.iter().any(|w| hits(t, w).next().is_some())
}

/// Where `phrase` is found in `t`: anywhere for Chinese, on word boundaries for Latin words.
pub fn hits<'a>(t: &'a str, phrase: &'a str) -> impl Iterator<Item = usize> + 'a {
    let word = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    let latin_start = word(phrase.chars().next());
    let latin_end = word(phrase.chars().last());
    crate::input::find_iter(t, phrase).filter(move |&at| {
        let before = t[..at].chars().next_back();
        let after = t[at + phrase.len()..].chars().next();
        let cut_before = latin_start && word(before);
        let cut_after = latin_end && word(after);
        !phrase.is_empty() && !cut_before && !cut_after
    })
}

/// The whole folded text is made of `words` only, each said once or more
/// ("谢谢谢谢", "ok ok", "got it, thanks"): the longest words are taken out
/// first, and nothing but spaces and punctuation may be left.
pub fn is_only(t: &str, words: &[String]) -> bool {
    let t = t.trim_matches(|c: char| !c.is_alphanumeric() && !is_cjk(Some(c)));
    if t.is_empty() {
        return false;
    }
    let mut sorted: Vec<&String> = words.iter().filter(|w| !w.is_empty()).collect();
    sorted.sort_by_key(|w| std::cmp::Reverse(w.len()));
    let mut rest = t.to_owned();
    for w in sorted {
        rest = rest.replace(w.as_str(), " ");
    }
    rest.chars().all(|c| !c.is_alphanumeric() && !is_cjk(Some(c)))
}

/// A Chinese clause that closes with a question particle: "吗", "嘛", "…了没(有)", "能退不".
fn ends_asking(t: &str, particles: &[String]) -> bool {
    let t = t.trim_end_matches(['啊', '呀', '哈', '呢', '哦', '～', '~']);
    for p in particles {
        match p.as_str() {
            "没" | "没有" if t.ends_with(&format!("了{p}")) => return true,
            "没" | "没有" => {}
            "不" => {
                let mut cs = t.chars().rev();
                let before = t.trim_end_matches('不');
                if cs.next() == Some('不')
                    && t.chars().count() >= 3
                    && (cs.next().is_some_and(|c| "退行能要会对是好去到回给".contains(c))
                        || ["能", "可以", "会", "要"].iter().any(|w| before.contains(w)))
                {
                    return true;
                }
            }
            p if t.ends_with(p) => return true,
            _ => {}
        }
    }
    false
}

/// "320 not 300": `word` with a number right before and right after it.
fn between_numbers(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(at, _)| {
        text[..at].ends_with(|c: char| c.is_ascii_digit())
            && text[at + word.len()..].starts_with(|c: char| c.is_ascii_digit())
    })
}
