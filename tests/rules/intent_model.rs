//! The intent model against sentences it never saw (`tests/fixtures/
//! intents_heldout/`, written apart from the training data in `intents/
//! train/`): accuracy per intent and per language is printed and held to
//! a floor. Then: the model knows its own training examples, and reading a
//! message never panics and always gives the same answer.

use proptest::prelude::*;
use refund_assistant::conversation::read::model::Model;
use refund_assistant::conversation::read::model::features::fold;
use refund_assistant::conversation::{Carried, Intent, Intents};
use refund_assistant::render::Renderer;
use std::collections::BTreeMap;

fn read(dir: &str) -> Vec<(String, String, String)> {
    let root = format!("{}/{dir}", env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    // Every file of the folder: its language is the start of its name
    // ("zh-CN-more.tsv" is Chinese).
    let mut files: Vec<_> = std::fs::read_dir(&root)
        .expect("data folder")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "tsv"))
        .collect();
    files.sort();
    for file in files {
        let name = file
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_owned();
        let lang = if name.starts_with("zh-CN") { "zh-CN" } else { "en" };
        let text = std::fs::read_to_string(&file).expect("data file");
        for line in text
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        {
            let (label, message) = line.split_once('\t').expect("label<TAB>message");
            out.push((
                lang.to_owned(),
                label.trim().to_owned(),
                message.trim().to_owned(),
            ));
        }
    }
    out
}

/// The class the conversation acts on from the menu: the sure intent; else,
/// when the text carries facts of a check, "check" (the conversation opens
/// a check with them); else "none" (a "did you mean" counts as not
/// understood).
fn understood(intents: &Intents, text: &str) -> String {
    let now = chrono::Utc::now();
    let w = intents.read(text, now);
    if w.intent == Intent::None && Intents::carried(text, now) == Carried::Placed {
        return "check".to_owned();
    }
    w.intent.class().to_owned()
}

#[derive(Default)]
struct Tally {
    hit: usize,
    all: usize,
}

impl Tally {
    fn rate(&self) -> f64 {
        self.hit as f64 / self.all.max(1) as f64
    }
}

#[test]
fn held_out_sentences_are_understood_per_intent_and_language() {
    let intents = Intents::load(&Renderer::new().expect("templates"));
    let model = Model::get();
    let held = read("tests/fixtures/intents_heldout");
    // Apart as the model reads them: no held-out sentence folds to a
    // training one (case, width, punctuation and digits aside).
    let train: std::collections::HashSet<String> = read("intents/train")
        .into_iter()
        .map(|(_, _, m)| fold(&m))
        .collect();
    let leaked: Vec<&str> = held
        .iter()
        .filter(|(_, _, m)| train.contains(&fold(m)))
        .map(|(_, _, m)| m.as_str())
        .collect();
    assert!(
        leaked.is_empty(),
        "held-out sentences also in training: {leaked:?}"
    );

    let mut by_intent: BTreeMap<(String, String), Tally> = BTreeMap::new();
    let mut by_lang: BTreeMap<String, Tally> = BTreeMap::new();
    let mut model_only: BTreeMap<String, Tally> = BTreeMap::new();
    let mut misses = Vec::new();
    for (lang, label, message) in &held {
        let got = understood(&intents, message);
        let ok = got == *label;
        for t in [
            by_intent.entry((label.clone(), lang.clone())).or_default(),
            by_lang.entry(lang.clone()).or_default(),
        ] {
            t.all += 1;
            t.hit += ok as usize;
        }
        let m = model_only.entry(lang.clone()).or_default();
        m.all += 1;
        m.hit += (model.guess(message).best().0 == label) as usize;
        if !ok {
            misses.push(format!("{lang} {label:>16} → {got:<16} {message}"));
        }
    }
    println!("held-out accuracy (phrase lists, then the model), per intent:");
    println!("{:>18} {:>8} {:>8}", "intent", "zh-CN", "en");
    let labels: Vec<String> = by_intent
        .keys()
        .map(|(l, _)| l.clone())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    for l in &labels {
        let zh = &by_intent[&(l.clone(), "zh-CN".to_owned())];
        let en = &by_intent[&(l.clone(), "en".to_owned())];
        println!("{l:>18} {:>7.0}% {:>7.0}%", zh.rate() * 100.0, en.rate() * 100.0);
    }
    let all = Tally {
        hit: by_lang.values().map(|t| t.hit).sum(),
        all: by_lang.values().map(|t| t.all).sum(),
    };
    for (lang, t) in &by_lang {
        println!(
            "{lang}: {}/{} = {:.1}% (the model alone: {:.1}%)",
            t.hit,
            t.all,
            t.rate() * 100.0,
            model_only[lang].rate() * 100.0
        );
    }
    println!("overall: {}/{} = {:.1}%", all.hit, all.all, all.rate() * 100.0);
    println!("misses:\n{}", misses.join("\n"));
    assert!(
        all.rate() >= 0.90,
        "overall held-out accuracy {:.1}% < 90%",
        all.rate() * 100.0
    );
    for ((label, lang), t) in &by_intent {
        assert!(t.all >= 15, "{label} {lang}: only {} held-out sentences", t.all);
    }
    for l in &labels {
        let hit: usize = by_intent
            .iter()
            .filter(|((x, _), _)| x == l)
            .map(|(_, t)| t.hit)
            .sum();
        let n: usize = by_intent
            .iter()
            .filter(|((x, _), _)| x == l)
            .map(|(_, t)| t.all)
            .sum();
        let rate = hit as f64 / n as f64;
        assert!(rate >= 0.75, "{l}: held-out accuracy {:.0}% < 75%", rate * 100.0);
    }
}

#[test]
fn every_training_example_is_read_as_its_own_intent() {
    let model = Model::get();
    let train = read("intents/train");
    let mut counts: BTreeMap<(String, String), usize> = BTreeMap::new();
    let wrong: Vec<String> = train
        .iter()
        .inspect(|(lang, label, _)| *counts.entry((label.clone(), lang.clone())).or_default() += 1)
        .filter(|(_, label, m)| model.guess(m).best().0 != label)
        .map(|(lang, label, m)| format!("{lang} {label}: {m} → {:?}", model.guess(m).best()))
        .collect();
    assert!(
        wrong.is_empty(),
        "{} of {}:\n{}",
        wrong.len(),
        train.len(),
        wrong.join("\n")
    );
    for (k, n) in &counts {
        assert!(*n >= 40, "{k:?}: {n} training examples, at least 40 wanted");
    }
    // Every class of the model is an intent of the conversation.
    for c in model.classes() {
        assert!(c.parse::<Intent>().is_ok(), "{c} is not an intent");
    }
}

proptest! {
    #[test]
    fn reading_any_text_never_panics_and_gives_the_same_answer(text in "\\PC{0,80}") {
        let model = Model::get();
        let a = model.guess(&text);
        let b = model.guess(&text);
        prop_assert_eq!(&a, &b);
        let total: f32 = a.ranked.iter().map(|(_, p)| *p).sum();
        prop_assert!((total - 1.0).abs() < 1e-3, "probabilities sum to {}", total);
    }
}
