//! Which topic a question is about: BM25 retrieval (the `bm25` crate) over
//! the paraphrases of `intents/knowledge/<lang>.tsv`. Each topic is one
//! document, all its paraphrases together (both languages), so a question
//! that mixes the words of several paraphrases still finds its topic, and a
//! word that many topics use weighs little. The sentences labelled `none`
//! (statements and reports that name no question) are a document too, so
//! "钱到账了" finds its like there and not a topic. The two best documents
//! decide: sure, "did you mean" between them, or nothing.
//!
//! Built once (`Knowledge::load`, about 80 ms), pure after; a lookup costs
//! about 0.15 ms (`benches/knowledge.rs`, measured on a busy two-core
//! machine with only this crate optimised).

use super::about::Channel;
use super::tokens::Terms;
use super::topic::Topic;
use crate::conversation::read::words::{fold, list};
use crate::policy::Provider;
use crate::render::Renderer;
use bm25::{Embedder, EmbedderBuilder, Embedding, Scorer};
use std::collections::HashSet;

/// The paraphrases, compiled in.
const DATA: [&str; 2] = [
    include_str!("../../../intents/knowledge/zh-CN.tsv"),
    include_str!("../../../intents/knowledge/en.tsv"),
];

/// Questions answered only when asked word for word (after [`bare`]): kept
/// out of the ranking, where a new paraphrase moves other questions' topics.
const EXACT: [&str; 2] = [
    include_str!("../../../intents/knowledge/zh-CN.exact.tsv"),
    include_str!("../../../intents/knowledge/en.exact.tsv"),
];

/// Below this BM25 score the best topic shares too little with the
/// question: nothing is guessed (about the lowest twentieth of the scores
/// its own paraphrases get).
pub const MIN_SCORE: f32 = 4.0;
/// The best topic is sure when it scores at least this many times the
/// second; closer, "did you mean". Tuned by leave-one-out over the
/// paraphrases (`tests/knowledge/matching.rs`): at 1.7 about one sure
/// answer in eight is wrong, at 1.3 one in four.
pub const MARGIN: f32 = 1.7;

/// BM25's term-frequency saturation and length normalisation (k1 2.0 came
/// out a point better than the usual 1.2 by leave-one-out; b as usual).
pub const K1: f32 = 2.0;
pub const B: f32 = 0.75;

/// What a question is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lookup {
    Sure(Topic),
    /// Not sure: the two likeliest, best first ("did you mean").
    Unsure(Topic, Topic),
    Nothing,
}

/// A line of the data: a topic, or `None` for a sentence that asks nothing.
pub type Label = Option<Topic>;

/// A paraphrase file's lines: (label, sentence), or the first bad line.
pub fn parse(text: &str) -> Result<Vec<(Label, &str)>, String> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((label, sentence)) = line.split_once('\t') else {
            return Err(format!("line {}: no tab", n + 1));
        };
        let label = match label.trim() {
            "none" => None,
            t => Some(Topic::parse(t).ok_or_else(|| format!("line {}: unknown topic {t}", n + 1))?),
        };
        out.push((label, sentence.trim()));
    }
    Ok(out)
}

/// The labels ranked for one question, best first, with their scores.
#[derive(Clone, Debug, PartialEq)]
pub struct Ranked(pub Vec<(Label, f32)>);

impl Ranked {
    /// The decision: a `none` best is nothing; a weak best is nothing; a
    /// best well ahead of the next topic is sure; else "did you mean".
    pub fn lookup(&self) -> Lookup {
        let Some(&(best, s1)) = self.0.first() else {
            return Lookup::Nothing;
        };
        let Some(top) = best.filter(|_| s1 >= MIN_SCORE) else {
            return Lookup::Nothing;
        };
        let second = self.0.get(1).map_or(0.0, |(_, s)| *s);
        if s1 >= MARGIN * second {
            return Lookup::Sure(top);
        }
        match self.0.iter().skip(1).find_map(|(l, _)| *l) {
            Some(other) => Lookup::Unsure(top, other),
            None => Lookup::Sure(top),
        }
    }
}

/// The index and the word lists, loaded once.
pub struct Knowledge {
    embedder: Embedder<u32, Terms>,
    /// One document per label, keyed by its place in `labels`.
    scorer: Scorer<u32, u32>,
    labels: Vec<Label>,
    /// Every paraphrase with its label, in the order of the files.
    sentences: Vec<(Label, &'static str)>,
    providers: Vec<(Provider, Vec<String>)>,
    /// Products with rules of their own, by the words naming them.
    products: Vec<(crate::policy::ProfileId, Vec<String>)>,
    channels: Vec<(Channel, Vec<String>)>,
    /// Each topic's paraphrases as [`bare`] makes them.
    exact: std::collections::HashMap<String, Topic>,
}

/// A sentence folded, without the marks that end it.
fn bare(t: &str) -> String {
    // "请问删除是什么意思呀？" is "删除是什么意思": the courtesy before, the particle after.
    // ("请问“欠费”是什么意思": the word in quotes is the word.)
    let t: String = fold(t)
        .chars()
        .filter(|c| !matches!(c, '“' | '”' | '"' | '「' | '」' | '‘' | '’' | '\''))
        .collect();
    let t = t.trim_end_matches(['?', '？', '!', '！', '.', '。', ' ', '呀', '啊', '呢', '哈']);
    let t = ["请问", "想问一下", "问一下", "请教一下"]
        .iter()
        .find_map(|w| t.strip_prefix(w))
        .unwrap_or(t);
    t.trim_start_matches(['，', ',', ' ']).to_owned()
}

impl Knowledge {
    /// The index of the compiled-in paraphrases, and the words naming a
    /// provider or a payment channel (`kb.words.*` in the templates).
    pub fn load(r: &Renderer) -> Knowledge {
        Knowledge::tuned(r, K1, B)
    }

    /// [`Knowledge::load`] with other BM25 parameters (for tuning).
    pub fn tuned(r: &Renderer, k1: f32, b: f32) -> Knowledge {
        let sentences: Vec<(Label, &'static str)> = DATA
            .iter()
            .flat_map(|text| match parse(text) {
                Ok(lines) => lines,
                Err(e) => {
                    tracing::error!("knowledge paraphrases: {e}");
                    Vec::new()
                }
            })
            .collect();
        let mut labels: Vec<Label> = Vec::new();
        for (label, _) in &sentences {
            if !labels.contains(label) {
                labels.push(*label);
            }
        }
        let docs: Vec<String> = labels.iter().map(|l| document(&sentences, *l, None)).collect();
        let texts: Vec<&str> = docs.iter().map(String::as_str).collect();
        let embedder = EmbedderBuilder::<u32, Terms>::with_tokenizer_and_fit_to_corpus(Terms, &texts)
            .k1(k1)
            .b(b)
            .build();
        let mut scorer = Scorer::new();
        for (i, text) in texts.iter().enumerate() {
            scorer.upsert(&(i as u32), once_each(embedder.embed(text)));
        }
        let words = |key: String| list(r, &key);
        let only_exact: Vec<(Label, &'static str)> =
            EXACT.iter().flat_map(|t| parse(t).unwrap_or_default()).collect();
        let exact = sentences
            .iter()
            .chain(only_exact.iter())
            .filter_map(|(l, p)| l.map(|t| (bare(p), t)))
            .collect();
        Knowledge {
            exact,
            embedder,
            scorer,
            labels,
            sentences,
            providers: Provider::ALL
                .iter()
                .map(|p| (*p, words(format!("kb.words.provider.{}", p.as_str()))))
                .collect(),
            products: [
                crate::policy::ProfileId::Lighthouse,
                crate::policy::ProfileId::Ulhost,
                crate::policy::ProfileId::CrossBorder,
            ]
            .iter()
            .map(|p| (*p, words(format!("kb.words.product.{}", p.as_str()))))
            .collect(),
            channels: Channel::ALL
                .iter()
                .map(|c| (*c, words(format!("kb.words.channel.{}", c.as_str()))))
                .collect(),
        }
    }

    /// What a question is about.
    /// A question that is one of the paraphrases word for word ("怎么提现",
    /// as the bot itself tells people to ask) is that topic, sure.
    pub fn lookup(&self, text: &str) -> Lookup {
        if let Some(topic) = self.exact.get(&bare(text)) {
            return Lookup::Sure(*topic);
        }
        self.rank(text).lookup()
    }

    /// Every label whose document shares a term with the question, best first.
    pub fn rank(&self, text: &str) -> Ranked {
        let query = self.embedder.embed(text);
        Ranked(
            self.scorer
                .matches(&query)
                .into_iter()
                .filter_map(|m| self.labels.get(m.id as usize).map(|l| (*l, m.score)))
                .collect(),
        )
    }

    /// The provider a question names ("华为云的手续费…"), if exactly one.
    pub fn provider_named(&self, text: &str) -> Option<Provider> {
        one_named(&self.providers, &fold(text))
    }

    /// The cloud a correction names as the right one: "不是优刻得啊 是华为云"
    /// names two, and the one after 不是 / not is the wrong one.
    pub fn provider_meant(&self, text: &str) -> Option<Provider> {
        one_meant(&self.providers, &fold(text))
    }

    /// The product with rules of its own a text names ("腾讯云轻量应用服务器"),
    /// if exactly one.
    pub fn product_named(&self, text: &str) -> Option<crate::policy::ProfileId> {
        // "ins-5tq8w2mz its a cvm not lighthouse": not the one denied.
        one_meant(&self.products, &fold(text))
    }

    /// The product of `provider` a text names ("腾讯云轻量" for Tencent).
    pub fn product_of(&self, text: &str, provider: Provider) -> Option<crate::policy::ProfileId> {
        self.product_named(text)
            .filter(|x| crate::policy::Profile::load(*x).provider == provider)
    }

    /// The payment channel a question names ("钱能退回微信吗"), if exactly one.
    /// Of several, the one named first ("i topped up with alipay… you only
    /// mention tenpay/wechat").
    pub fn channel_named(&self, text: &str) -> Option<Channel> {
        let t = fold(text);
        // "不是支付宝也不是微信": a channel denied is not the one named.
        self.channels
            .iter()
            .filter_map(|(c, words)| {
                words
                    .iter()
                    .filter_map(|w| {
                        t.match_indices(w.as_str())
                            .map(|(at, _)| at)
                            .find(|at| !denied(&t, *at))
                    })
                    .min()
                    .map(|at| (at, *c))
            })
            .min_by_key(|(at, _)| *at)
            .map(|(_, c)| c)
    }

    /// Each paraphrase looked up with itself left out of its topic's
    /// document: its label, its text and what the rest of the data makes of it.
    pub fn leave_one_out(&mut self) -> Vec<(Label, &'static str, Ranked)> {
        let mut out = Vec::with_capacity(self.sentences.len());
        for i in 0..self.sentences.len() {
            let (label, text) = self.sentences[i];
            let Some(id) = self.labels.iter().position(|l| *l == label).map(|p| p as u32) else {
                continue;
            };
            let without = document(&self.sentences, label, Some(i));
            self.scorer.upsert(&id, once_each(self.embedder.embed(&without)));
            out.push((label, text, self.rank(text)));
            let whole = document(&self.sentences, label, None);
            self.scorer.upsert(&id, once_each(self.embedder.embed(&whole)));
        }
        out
    }

    /// Every paraphrase with its label.
    pub fn paraphrases(&self) -> &[(Label, &'static str)] {
        &self.sentences
    }
}

/// A document's embedding with each term once. The embedder lists a term
/// at every occurrence, each with the same weight, and the scorer looks a
/// query term up by a linear search of the document's list: a topic's
/// document (a few hundred terms) is then searched three times faster, with
/// the same scores.
fn once_each(e: Embedding<u32>) -> Embedding<u32> {
    let mut seen = HashSet::new();
    Embedding(e.0.into_iter().filter(|t| seen.insert(t.index)).collect())
}

/// A label's document: its paraphrases a line each, but the one `left_out`.
fn document(sentences: &[(Label, &str)], label: Label, left_out: Option<usize>) -> String {
    sentences
        .iter()
        .enumerate()
        .filter(|(i, (l, _))| *l == label && Some(*i) != left_out)
        .map(|(_, (_, s))| *s)
        .collect::<Vec<_>>()
        .join("\n")
}

/// As [`one_named`], leaving out a name said after 不是 / not ("不是优刻得啊 是华为云").
/// Whether the word at `at` is said not to be so ("不是支付宝", "not alipay").
fn denied(t: &str, at: usize) -> bool {
    let before = t[..at].trim_end();
    ["不是", "并非", "not", "isn't", "wasn't"]
        .iter()
        .any(|w| before.ends_with(w))
}

fn one_meant<T: Copy>(lists: &[(T, Vec<String>)], t: &str) -> Option<T> {
    let mut meant = lists.iter().filter(|(_, words)| {
        words
            .iter()
            .any(|w| t.match_indices(w.as_str()).any(|(at, _)| !denied(t, at)))
    });
    let first = meant.next()?.0;
    meant.next().is_none().then_some(first)
}

fn one_named<T: Copy>(lists: &[(T, Vec<String>)], t: &str) -> Option<T> {
    let mut found = lists
        .iter()
        .filter(|(_, words)| words.iter().any(|w| t.contains(w.as_str())))
        .map(|(x, _)| *x);
    let first = found.next()?;
    found.next().is_none().then_some(first)
}
