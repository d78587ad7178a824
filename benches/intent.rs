//! CPU cost of reading one free-text message: the facts extractor and the
//! intent reading (phrase lists, then the trained model), over every
//! held-out sentence of `tests/fixtures/intents_heldout/`, many rounds.
//! Prints the mean per message and the model alone. Run with
//! `cargo bench --bench intent`.

use refund_assistant::conversation::read::model::Model;
use refund_assistant::conversation::{Carried, Intents};
use refund_assistant::render::Renderer;
use std::hint::black_box;
use std::time::Instant;

fn sentences() -> Vec<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/intents_heldout");
    let mut out = Vec::new();
    for lang in ["zh-CN", "en"] {
        let text = std::fs::read_to_string(format!("{dir}/{lang}.tsv")).expect("held-out file");
        out.extend(
            text.lines()
                .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
                .filter_map(|l| l.split_once('\t').map(|(_, m)| m.to_owned())),
        );
    }
    out
}

/// Mean CPU-bound time per call of `f` over all sentences, in microseconds.
fn per_message(rounds: usize, texts: &[String], mut f: impl FnMut(&str)) -> f64 {
    for t in texts {
        f(t); // warm up (the model is read on first use)
    }
    let start = Instant::now();
    for _ in 0..rounds {
        for t in texts {
            f(t);
        }
    }
    start.elapsed().as_secs_f64() * 1e6 / (rounds * texts.len()) as f64
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let rounds = if quick { 5 } else { 50 };
    let texts = sentences();
    let intents = Intents::load(&Renderer::new().expect("templates"));
    let now = chrono::Utc::now();
    let model = Model::get();
    let model_us = per_message(rounds, &texts, |t| {
        black_box(model.guess(black_box(t)));
    });
    let classify_us = per_message(rounds, &texts, |t| {
        black_box(intents.classify(black_box(t), Carried::Nothing));
    });
    let read_us = per_message(rounds, &texts, |t| {
        black_box(intents.read(black_box(t), now));
    });
    println!(
        "{} messages × {rounds} rounds, {} features, {} classes",
        texts.len(),
        model.feature_count(),
        model.classes().len()
    );
    println!("| per free-text message | µs |");
    println!("|---|---:|");
    println!("| the model alone (features + weights + softmax) | {model_us:.1} |");
    println!("| intent reading (phrase lists, then the model) | {classify_us:.1} |");
    println!("| facts extracted, then the intent read as the conversation does | {read_us:.1} |");
}
