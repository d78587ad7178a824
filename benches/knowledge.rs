//! CPU cost of one knowledge lookup (BM25 over the paraphrases, the two best
//! topics compared): every paraphrase of `intents/knowledge/` and every
//! held-out sentence of `tests/fixtures/intents_heldout/` looked up, many
//! rounds. Also the one-off cost of building the index. Run with
//! `cargo bench --bench knowledge` (`-- --quick` for a short run).

use refund_assistant::conversation::knowledge::Knowledge;
use refund_assistant::render::Renderer;
use std::hint::black_box;
use std::time::Instant;

fn heldout() -> Vec<String> {
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

/// Mean time per call of `f` over all sentences, in microseconds.
fn per_call(rounds: usize, texts: &[String], mut f: impl FnMut(&str)) -> f64 {
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
    let rounds = if quick { 3 } else { 30 };
    let r = Renderer::new().expect("templates");
    let start = Instant::now();
    let k = Knowledge::load(&r);
    let build_ms = start.elapsed().as_secs_f64() * 1e3;
    let own: Vec<String> = k.paraphrases().iter().map(|(_, t)| (*t).to_owned()).collect();
    let other = heldout();
    let own_us = per_call(rounds, &own, |t| {
        black_box(k.lookup(black_box(t)));
    });
    let other_us = per_call(rounds, &other, |t| {
        black_box(k.lookup(black_box(t)));
    });
    println!(
        "{} paraphrases indexed in {build_ms:.1} ms; {rounds} rounds",
        own.len()
    );
    println!("| one lookup | µs |");
    println!("|---|---:|");
    println!("| its own paraphrases ({}) | {own_us:.1} |", own.len());
    println!(
        "| the intent held-out sentences ({}) | {other_us:.1} |",
        other.len()
    );
}
