//! What a rejection message already says, so it is not asked again: the
//! kind of reason ("用量异常", "doesn't qualify") and support's own words
//! after a marker ("客服说……", "support said …"), kept as written. Word
//! lists in `templates/<lang>/strings/intents.toml` (`reject_words.*`).

use crate::case::RejectReason;
use crate::conversation::read::words::{fold, list};
use crate::render::Renderer;

/// The longest words kept (as for any free text).
const MAX_WORDS: usize = crate::conversation::check::flow::MAX_TEXT;

/// The reasons and markers of both languages.
pub struct Rejection {
    reasons: Vec<(RejectReason, Vec<String>)>,
    markers: Vec<String>,
    /// Where the person's own words start after support's ("但是", "but").
    own: Vec<String>,
    /// "引用《删除资源退费》中“…”的规定": a quote of a document, not of support.
    document: Vec<String>,
}

/// What a message said of a rejection.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Said {
    pub reason: Option<RejectReason>,
    /// Support's words, as the user wrote them.
    pub words: Option<String>,
}

impl Said {
    pub fn is_empty(&self) -> bool {
        self.reason.is_none() && self.words.is_none()
    }
}

impl Rejection {
    pub fn load(r: &Renderer) -> Rejection {
        // The generic reason is read last: "定制类服务不支持退款" is the
        // customised one, though "不支持退款" alone is not being eligible.
        let mut reasons: Vec<(RejectReason, Vec<String>)> = RejectReason::ALL
            .iter()
            .filter(|k| **k != RejectReason::Other)
            .map(|k| (*k, list(r, &format!("reject_words.{}", k.as_str()))))
            .collect();
        reasons.sort_by_key(|(k, _)| *k == RejectReason::NotEligible);
        Rejection {
            reasons,
            markers: list(r, "reject_words.said"),
            own: list(r, "reject_words.own"),
            document: list(r, "reject_words.document"),
        }
    }

    pub fn read(&self, text: &str) -> Said {
        let t = fold(text);
        let reason = self
            .reasons
            .iter()
            .find(|(_, words)| words.iter().any(|w| t.contains(w.as_str())))
            .map(|(k, _)| *k);
        Said {
            reason,
            words: self.words(text),
        }
    }

    /// Whether the first quote of `text` is a document's: a document named
    /// before it, and not support.
    fn quotes_a_document(&self, text: &str) -> bool {
        let Some(at) = text.find(['“', '"', '「', '『']) else {
            return false;
        };
        let before = fold(&text[..at]);
        let has = |words: &[String]| words.iter().any(|w| before.contains(w.as_str()));
        has(&self.document) && !has(&self.markers)
    }

    /// Whether the text quotes something (in quotation marks).
    /// What the quotes after a lead-in hold ("客服12月3号回复的原话是：“…”"),
    /// when the quote comes after one.
    /// The marker must stand right before the quote ("客服原话是：“…”"): "客服原话对了。但第二段“…”还在"
    /// quotes the letter, not support.
    pub fn quoted_after_marker(&self, text: &str) -> Option<String> {
        let lower = text.to_lowercase();
        if lower.len() != text.len() {
            return None;
        }
        const QUOTES: [char; 4] = ['“', '"', '「', '『'];
        let open = text.find(QUOTES)?;
        // The lead-ins from the last: "“我买的时候没看到”是我说的。客服11月25号回的
        // 原话是：您购买的…" quotes the person first, support after the last
        // one; "…“…”。后面“想写个申诉”是我自己说的，不是客服说的" names
        // support last only to deny it.
        let mut ends: Vec<(usize, usize)> = self
            .markers
            .iter()
            .flat_map(|m| lower.match_indices(m.as_str()).map(|(at, _)| (at, at + m.len())))
            .collect();
        ends.sort_by_key(|(_, end)| std::cmp::Reverse(*end));
        for (at, end) in ends {
            if ["不是", "并非", "not "].iter().any(|n| lower[..at].ends_with(n)) {
                continue;
            }
            let rest = &text[end..];
            let said = match rest.find(QUOTES) {
                Some(q) if lead_gap(&rest[..q]) <= 6 => quoted(rest),
                Some(_) => None,
                None if end > open => self.unquoted_words(rest),
                None => None,
            };
            if said.is_some() {
                return said;
            }
        }
        None
    }

    pub fn is_quoted(&self, text: &str) -> bool {
        quoted(text).is_some()
    }

    /// Support's words in a text that answers "what did support say?":
    /// what is in quotes ("客服原话是：“检测到异常流量，不予退款”。这就是在找
    /// 借口" → the quoted part, the person's comment left out), else what
    /// follows a marker, else the whole text.
    pub fn support_words(&self, text: &str) -> String {
        self.quoted_after_marker(text)
            .or_else(|| quoted(text))
            .or_else(|| self.words(text))
            .unwrap_or_else(|| self.before_own(text))
    }

    /// The text after the first marker (what is in quotes there, if it is
    /// quoted), without the punctuation around it.
    fn words(&self, text: &str) -> Option<String> {
        if let Some(q) = quoted(text) {
            return (!self.quotes_a_document(text)).then_some(q);
        }
        let lower = text.to_lowercase();
        // Lower-casing keeps byte positions for the scripts users write here;
        // where it does not, the lower-cased text is quoted.
        let source = if lower.len() == text.len() {
            text
        } else {
            lower.as_str()
        };
        let end = self
            .markers
            .iter()
            .filter_map(|m| lower.rfind(m.as_str()).map(|at| (at, at + m.len())))
            // The longest marker where the last one starts ("客服回复说",
            // not "客服回复" and a stray 说): "他们说我账户有违规记录。原话：
            // 经核查…" gives support's own words after the last.
            .max_by_key(|(at, end)| (*at, *end))
            .map(|(_, end)| end)?;
        self.unquoted_words(source.get(end..)?)
    }

    /// A reply pasted with no lead-in and no quotes, up to where the
    /// person's own words begin ("活动机型不支持删除退费，我买的时候没看到这规定").
    fn before_own(&self, text: &str) -> String {
        let t = text.trim();
        let low = t.to_lowercase();
        let cut = self
            .own
            .iter()
            .filter_map(|w| find_word(&low, w))
            .filter(|at| low.len() == t.len() && *at > 0)
            .min();
        let Some(cut) = cut else {
            return t.to_owned();
        };
        let said = t[..cut].trim_end_matches(|c: char| !c.is_alphanumeric());
        if said.chars().filter(|c| c.is_alphanumeric()).count() >= 4 {
            said.to_owned()
        } else {
            t.to_owned()
        }
    }

    /// Support's words written after a lead-in without quotes: up to the
    /// sentence's end or where the person's own words begin.
    fn unquoted_words(&self, after: &str) -> Option<String> {
        let said = after.trim_matches(|c: char| !c.is_alphanumeric());
        // Unquoted, support's words end where the person's own begin: the
        // sentence's end, or "but …" ("…was detected on my instance, but my
        // traffic was completely normal. I would like…").
        let low = said.to_lowercase();
        let cut = SENTENCE_ENDS
            .iter()
            .filter_map(|m| low.find(m))
            .chain(self.own.iter().filter_map(|w| find_word(&low, w)))
            .filter(|at| low.len() == said.len() && *at > 0)
            .min()
            .unwrap_or(said.len());
        let said = said[..cut].trim_matches(|c: char| !c.is_alphanumeric());
        // "客服回复的拒绝": the marker's own sentence, no words of support's.
        let words = said.chars().filter(|c| c.is_alphanumeric()).count();
        (words >= 4 && !said.starts_with(['的', '了'])).then(|| said.chars().take(MAX_WORDS).collect())
    }
}

/// How many words stand between a lead-in and the quote after it
/// ("客服原话是：“…”" none; "客服原话不是这样，“…”" too many).
fn lead_gap(between: &str) -> usize {
    // ("the real reply on 11-23 was: “…”": the day and "was" lead in too.)
    let kept: Vec<&str> = between
        .split_whitespace()
        .filter(|w| {
            let w = w.trim_matches(|c: char| "：:，,".contains(c)).to_lowercase();
            !(["on", "was", "were", "is", "are"].contains(&w.as_str())
                || (!w.is_empty() && w.chars().all(|c| c.is_ascii_digit() || "-/.".contains(c))))
        })
        .collect();
    kept.join(" ")
        .trim_matches(|c: char| c.is_whitespace() || "：:，,是的".contains(c))
        .chars()
        .count()
}

/// Where `word` first stands as a word in `text` (an English word not
/// inside another: "but", not "distributed").
fn find_word(text: &str, word: &str) -> Option<usize> {
    let ascii = word.is_ascii();
    text.match_indices(word).map(|(at, _)| at).find(|&at| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        !ascii || !(before.is_some_and(|c| c.is_alphanumeric()) || after.is_some_and(|c| c.is_alphanumeric()))
    })
}

/// Where a sentence ends: support's unquoted words end there at the latest.
const SENTENCE_ENDS: [&str; 8] = ["。", "！", "？", "!", "?", ". ", "；", "; "];

/// Where the quote opened just before `after` closes: quotes inside it
/// are kept ("“订单页只写了“限时特惠”，没说不退”" is one quote), and when
/// they do not balance, the last closing mark ends it.
fn closing(after: &str, open: char, close: char) -> Option<usize> {
    if open == close {
        return after.find(close);
    }
    let (mut depth, mut last) = (1usize, None);
    for (i, c) in after.char_indices() {
        if c == open {
            depth += 1;
        } else if c == close {
            depth -= 1;
            last = Some(i);
            if depth == 0 {
                return Some(i);
            }
        }
    }
    last
}

/// The longest span in quotes (“…”, 「…」, "…", ‘…’), when it holds words.
pub(crate) fn quoted(text: &str) -> Option<String> {
    let pairs = [('“', '”'), ('「', '」'), ('"', '"'), ('‘', '’'), ('『', '』')];
    let mut best: Option<&str> = None;
    for (open, close) in pairs {
        let mut rest = text;
        while let Some(a) = rest.find(open) {
            let after = &rest[a + open.len_utf8()..];
            let Some(b) = closing(after, open, close) else {
                break;
            };
            let inner = after[..b].trim();
            if inner.chars().filter(|c| c.is_alphanumeric()).count() >= 2
                && best.is_none_or(|x| inner.chars().count() > x.chars().count())
            {
                best = Some(inner);
            }
            rest = &after[b + close.len_utf8()..];
        }
    }
    best.map(|q| q.chars().take(MAX_WORDS).collect())
}

#[cfg(test)]
mod tests {
    use super::quoted;

    #[test]
    fn a_quote_inside_a_quote_is_kept_whole() {
        let said = "“购买时订单页面只标注了“限时特惠”，没有任何不支持退款的提示。客服于2026年11月24日答复拒绝退款。”";
        assert_eq!(
            quoted(said).as_deref(),
            Some(
                "购买时订单页面只标注了“限时特惠”，没有任何不支持退款的提示。客服于2026年11月24日答复拒绝退款。"
            )
        );
        assert_eq!(
            quoted("客服说“不予退款”，我说“为什么”").as_deref(),
            Some("不予退款")
        );
    }
}
