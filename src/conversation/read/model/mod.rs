//! The statistical layer of intent understanding: a multinomial logistic
//! regression over character n-grams (`features.rs`), trained from
//! `intents/train/` by `tools/intent-train`, its weights checked in
//! (`weights/`) and compiled into the binary. Applying it is a sum of the
//! weights of the message's features and a softmax: a few microseconds, no
//! allocation beyond the folded text.
//!
//! The keyword lists (`intent.rs`) stay the precise layer; this model
//! catches the paraphrases they miss. `Guess` gives the classes with their
//! probabilities, best first.

pub mod features;

use std::collections::HashMap;
use std::sync::LazyLock;

// Trained by `tools/intent-train` from `intents/train/` and checked in
// (`cargo run -p intent-train` after changing the data; a test fails when
// the weights no longer match the data they say they come from).
static CLASSES: &str = include_str!("weights/classes.txt");
static FEATURES: &str = include_str!("weights/features.txt");
static WEIGHTS: &[u8] = include_bytes!("weights/weights.bin");

/// The model, read once from the compiled-in files.
pub struct Model {
    classes: Vec<&'static str>,
    index: HashMap<&'static str, u32>,
    weights: Vec<f32>,
}

/// The model's answer for one message: every class with its probability,
/// best first (ties in class order, so the answer is deterministic).
#[derive(Debug, Clone, PartialEq)]
pub struct Guess {
    pub ranked: Vec<(&'static str, f32)>,
}

impl Guess {
    /// The most likely class and its probability.
    pub fn best(&self) -> (&'static str, f32) {
        self.ranked.first().copied().unwrap_or(("none", 1.0))
    }

    /// The probability of one class.
    pub fn of(&self, class: &str) -> f32 {
        self.ranked
            .iter()
            .find(|(c, _)| *c == class)
            .map_or(0.0, |(_, p)| *p)
    }
}

static MODEL: LazyLock<Model> = LazyLock::new(Model::compiled);

impl Model {
    /// The model compiled into the binary.
    pub fn get() -> &'static Model {
        &MODEL
    }

    fn compiled() -> Model {
        let classes: Vec<&'static str> = CLASSES.lines().collect();
        let index = FEATURES
            .lines()
            .enumerate()
            .map(|(i, f)| (f, i as u32))
            .collect::<HashMap<_, _>>();
        let weights: Vec<f32> = WEIGHTS
            .chunks_exact(4)
            .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
            .collect();
        // The build script wrote all three from one model.
        debug_assert_eq!(weights.len(), (index.len() + 1) * classes.len());
        Model {
            classes,
            index,
            weights,
        }
    }

    pub fn classes(&self) -> &[&'static str] {
        &self.classes
    }

    /// How many n-gram features the model knows.
    pub fn feature_count(&self) -> usize {
        self.index.len()
    }

    /// The probabilities of every class for `text`.
    pub fn guess(&self, text: &str) -> Guess {
        let k = self.classes.len();
        let folded = features::fold(text);
        let mut rows: Vec<usize> = Vec::new();
        features::each_feature(&folded, |f| {
            if let Some(i) = self.index.get(f) {
                rows.push(*i as usize);
            }
        });
        let bias_at = self.index.len() * k;
        let mut logits: Vec<f32> = self
            .weights
            .get(bias_at..bias_at + k)
            .map(<[f32]>::to_vec)
            .unwrap_or_else(|| vec![0.0; k]);
        if !rows.is_empty() {
            let scale = 1.0 / (rows.len() as f32).sqrt();
            for r in rows {
                if let Some(w) = self.weights.get(r * k..r * k + k) {
                    for (l, w) in logits.iter_mut().zip(w) {
                        *l += w * scale;
                    }
                }
            }
        }
        let top = logits.iter().copied().fold(f32::NEG_INFINITY, f32::max);
        let exp: Vec<f32> = logits.iter().map(|l| (l - top).exp()).collect();
        let sum: f32 = exp.iter().sum();
        let mut ranked: Vec<(&'static str, f32)> = self
            .classes
            .iter()
            .zip(exp)
            .map(|(c, e)| (*c, if sum > 0.0 { e / sum } else { 0.0 }))
            .collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1));
        Guess { ranked }
    }
}
