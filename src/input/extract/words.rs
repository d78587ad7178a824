//! The words that give values their roles, read from
//! `templates/<lang>/strings/extract.toml`. Both languages' words are always
//! used together: a Chinese chat may write "paid", an English one "实付".

use std::collections::{BTreeMap, HashMap};
use std::sync::LazyLock;

use regex::Regex;

use crate::policy::Billing;

use super::facts::ReasonKind;

const ZH: &str = include_str!("../../../templates/zh-CN/strings/extract.toml");
const EN: &str = include_str!("../../../templates/en/strings/extract.toml");

/// What a word says about the values near it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Tag {
    Billing(Billing),
    Date(DateRole),
    Money(MoneyRole),
    Reason(ReasonKind),
    /// Contains a role word but means something else ("到账", "for the").
    Neutral,
    /// "没用券", "no coupon": no voucher at all.
    NoVoucher,
    /// "没有赠金", "no gift balance".
    NoGift,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum DateRole {
    Start,
    End,
    Delete,
    Submit,
    Withdraw,
    /// Support's answer ("客服回复", "support replied").
    Answered,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum MoneyRole {
    Paid,
    List,
    Voucher,
    Gift,
    Monthly,
    /// A charge beside the order ("¥12 for traffic beyond the plan",
    /// "流量费12块"): named, so no amount of the order and not unclear.
    Charge,
}

fn tag(key: &str) -> Option<Tag> {
    let key = key.strip_prefix("extract.")?;
    Some(match key {
        "billing.hourly" => Tag::Billing(Billing::Hourly),
        "billing.daily" => Tag::Billing(Billing::Daily),
        "billing.monthly" => Tag::Billing(Billing::Monthly),
        "billing.yearly" => Tag::Billing(Billing::Yearly),
        "billing.trial" => Tag::Billing(Billing::Trial),
        "date.start" => Tag::Date(DateRole::Start),
        "date.end" => Tag::Date(DateRole::End),
        "date.delete" => Tag::Date(DateRole::Delete),
        "date.submit" => Tag::Date(DateRole::Submit),
        "date.withdraw" => Tag::Date(DateRole::Withdraw),
        "date.answered" => Tag::Date(DateRole::Answered),
        "money.paid" => Tag::Money(MoneyRole::Paid),
        "money.list" => Tag::Money(MoneyRole::List),
        "money.voucher" => Tag::Money(MoneyRole::Voucher),
        "money.gift" => Tag::Money(MoneyRole::Gift),
        "money.monthly" => Tag::Money(MoneyRole::Monthly),
        "money.charge" => Tag::Money(MoneyRole::Charge),
        "reason.business_change" => Tag::Reason(ReasonKind::BusinessChange),
        "reason.performance" => Tag::Reason(ReasonKind::Performance),
        "reason.not_as_described" => Tag::Reason(ReasonKind::NotAsDescribed),
        "reason.bought_by_mistake" => Tag::Reason(ReasonKind::BoughtByMistake),
        "neutral" => Tag::Neutral,
        "none.voucher" => Tag::NoVoucher,
        "none.gift" => Tag::NoGift,
        _ => return None,
    })
}

/// Every `key = "a|b|c"` of both files, lowercased, keyed by file key.
fn lists() -> BTreeMap<String, Vec<String>> {
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for file in [ZH, EN] {
        // The files are part of the build and covered by the tests.
        let table: BTreeMap<String, String> = toml::from_str(file).unwrap_or_default();
        for (key, value) in table {
            let words = value
                .split('|')
                .map(|w| w.trim().to_lowercase())
                .filter(|w| !w.is_empty());
            out.entry(key).or_default().extend(words);
        }
    }
    out
}

pub(super) struct Vocabulary {
    tags: HashMap<String, Tag>,
    /// Every tagged word, longest first, English words on word boundaries.
    pattern: Regex,
    /// Words after a number that make it a count, not money ("2台", "8g").
    units: Regex,
    /// Words before a number that make it a count ("第2", "case 3").
    counts: Regex,
    /// The money on its way ("到账", "提现", "refund"): "太慢" after them
    /// is the refund's pace, not the server's performance.
    money_flow: Vec<String>,
    /// Words of a plan ("今天就去…提交", "I'll file it tomorrow"): a day
    /// in their clause is no request, withdrawal or answer that happened.
    intends: Vec<String>,
    /// Words of a deletion still to come ("想今天就删了", "I'd like to delete
    /// it today"): a deletion today that has not happened.
    plans: Vec<String>,
    /// Words of a deletion done ("删了", "已删除", "deleted"): today's is past.
    done: Vec<String>,
    /// Slips of the input method ("工但" for 工单, "退宽" for 退款): the
    /// word typed and the word meant.
    typos: Vec<(String, String)>,
}

impl Vocabulary {
    /// Whether `before` (the clause up to a word) speaks of money moving.
    pub(super) fn about_money(&self, before: &str) -> bool {
        let clause = before
            .rsplit(['，', ',', '。', '.', '；', ';', '！', '!', '？', '?'])
            .next()
            .unwrap_or(before);
        let near = crate::input::last_chars(clause, 24).to_lowercase();
        self.money_flow.iter().any(|w| near.contains(w.as_str()))
    }
}

/// `word` as a regex alternative: ASCII word boundaries where it starts or
/// ends with an ASCII letter or digit, so "paid" is not found in "unpaid".
fn alternative(word: &str) -> String {
    let edge = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    let mut alt = String::new();
    if edge(word.chars().next()) {
        alt.push_str(r"(?-u:\b)");
    }
    alt.push_str(&regex::escape(word));
    if edge(word.chars().last()) {
        alt.push_str(r"(?-u:\b)");
    }
    alt
}

fn longest_first(words: &mut [String]) {
    words.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
}

fn build() -> Vocabulary {
    let lists = lists();
    let mut tags = HashMap::new();
    for (key, words) in &lists {
        let Some(t) = tag(key) else { continue };
        for w in words {
            tags.entry(w.clone()).or_insert(t);
        }
    }
    let mut words: Vec<String> = tags.keys().cloned().collect();
    longest_first(&mut words);
    let alts: Vec<String> = words.iter().map(|w| alternative(w)).collect();
    let mut units = lists.get("extract.units").cloned().unwrap_or_default();
    longest_first(&mut units);
    // A unit follows its number directly ("8g"): a boundary after it only.
    let unit_alts: Vec<String> = units
        .iter()
        .map(|w| {
            let end = w.chars().last().is_some_and(|c| c.is_ascii_alphanumeric());
            format!("{}{}", regex::escape(w), if end { r"(?-u:\b)" } else { "" })
        })
        .collect();
    let mut counts = lists.get("extract.counts").cloned().unwrap_or_default();
    longest_first(&mut counts);
    let count_alts: Vec<String> = counts
        .iter()
        .map(|w| {
            let start = w.chars().next().is_some_and(|c| c.is_ascii_alphanumeric());
            format!("{}{}", if start { r"(?-u:\b)" } else { "" }, regex::escape(w))
        })
        .collect();
    let compile = |p: String| {
        // Built from the word files, which the tests load; escaped words.
        Regex::new(&p).unwrap_or_else(|e| panic!("extract.toml makes a bad pattern: {e}"))
    };
    Vocabulary {
        tags,
        pattern: compile(alts.join("|")),
        units: compile(format!(r"^\s*(?:{})", unit_alts.join("|"))),
        counts: compile(format!(r"(?:{})\s*$", count_alts.join("|"))),
        money_flow: lists.get("extract.money_flow").cloned().unwrap_or_default(),
        intends: lists.get("extract.intends").cloned().unwrap_or_default(),
        plans: lists.get("extract.plans").cloned().unwrap_or_default(),
        done: lists.get("extract.done").cloned().unwrap_or_default(),
        typos: lists
            .get("extract.typos")
            .into_iter()
            .flatten()
            .filter_map(|w| w.split_once('>').map(|(a, b)| (a.to_owned(), b.to_owned())))
            .collect(),
    }
}

pub(super) static VOCABULARY: LazyLock<Vocabulary> = LazyLock::new(build);

/// A role word found in the text.
#[derive(Debug, Clone)]
pub(super) struct Word {
    pub(super) tag: Tag,
    pub(super) at: std::ops::Range<usize>,
}

impl Vocabulary {
    /// Every tagged word in `s` (the masked text), left to right.
    pub(super) fn find(&self, s: &str) -> Vec<Word> {
        self.pattern
            .find_iter(s)
            .filter_map(|m| {
                let tag = *self.tags.get(m.as_str())?;
                Some(Word { tag, at: m.range() })
            })
            .collect()
    }

    /// The text with the input method's slips put right ("工但" → "工单").
    pub(super) fn fix_typos<'s>(&self, text: &'s str) -> std::borrow::Cow<'s, str> {
        let mut out = std::borrow::Cow::Borrowed(text);
        for (typed, meant) in &self.typos {
            if out.contains(typed.as_str()) {
                out = std::borrow::Cow::Owned(out.replace(typed.as_str(), meant));
            }
        }
        out
    }

    /// Whether the clause around `at` speaks of a plan, not of what happened.
    pub(super) fn intended(&self, s: &str, at: &std::ops::Range<usize>) -> bool {
        Self::in_clause(&self.intends, s, at)
    }

    /// Whether the clause around `at` speaks of a deletion still to come;
    /// `today`: a bare today ("就今天删 现在") is one unless said done.
    pub(super) fn planned(&self, s: &str, at: &std::ops::Range<usize>, today: bool) -> bool {
        Self::in_clause(&self.plans, s, at) || today && !Self::in_clause(&self.done, s, at)
    }

    fn in_clause(words: &[String], s: &str, at: &std::ops::Range<usize>) -> bool {
        let ends = ['，', ',', '。', '.', '；', ';', '！', '!', '？', '?'];
        let from = s[..at.start]
            .rfind(ends)
            .map_or(0, |k| k + s[k..].chars().next().map_or(1, char::len_utf8));
        let to = s[at.end..].find(ends).map_or(s.len(), |k| at.end + k);
        let clause = s[from..to].to_lowercase();
        words.iter().any(|w| clause.contains(w.as_str()))
    }

    /// Whether `after` (the text right after a number) starts with a unit.
    pub(super) fn starts_with_unit(&self, after: &str) -> bool {
        self.units.is_match(after)
    }

    /// Whether `before` (the text right before a number) ends with a word
    /// that makes it a count or a number in a list.
    pub(super) fn ends_with_count(&self, before: &str) -> bool {
        self.counts.is_match(before)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_files_have_the_same_keys_and_every_key_means_something() {
        let zh: BTreeMap<String, String> = toml::from_str(ZH).expect("zh-CN extract.toml");
        let en: BTreeMap<String, String> = toml::from_str(EN).expect("en extract.toml");
        assert_eq!(zh.keys().collect::<Vec<_>>(), en.keys().collect::<Vec<_>>());
        for key in zh.keys() {
            let known = tag(key).is_some()
                || [
                    "extract.units",
                    "extract.counts",
                    "extract.money_flow",
                    "extract.intends",
                    "extract.plans",
                    "extract.done",
                    "extract.typos",
                ]
                .contains(&key.as_str());
            assert!(known, "unknown key {key}");
        }
    }

    #[test]
    fn a_longer_word_wins_and_english_words_need_word_boundaries() {
        let found = VOCABULARY.find("月单价100 unpaid paid");
        let tags: Vec<Tag> = found.iter().map(|w| w.tag).collect();
        assert_eq!(
            tags,
            vec![Tag::Money(MoneyRole::Monthly), Tag::Money(MoneyRole::Paid)]
        );
    }
}
