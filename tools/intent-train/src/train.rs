//! Training the intent model: reads `intents/train/*.tsv` (`label<TAB>message` per line, `#`
//! for comments), takes the character n-gram features of each message
//! (`features.rs`), keeps the features seen in at least two messages, and
//! fits a multinomial logistic regression (`linfa-logistic`, L-BFGS, L2
//! penalty) in `f32`, the precision the weights are kept in.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use linfa::Dataset;
use linfa::traits::Fit;
use linfa_logistic::MultiLogisticRegression;
use ndarray::{Array1, Array2};

use super::features;

/// The L2 penalty (the loss is summed over the examples, not averaged).
const ALPHA: f32 = 0.01;
const MAX_ITERATIONS: u64 = 300;
/// A feature must occur in this many training messages to be kept.
const MIN_MESSAGES: usize = 2;

pub struct Trained {
    pub classes: Vec<String>,
    pub features: Vec<String>,
    /// `features.len() * classes.len()` weights, then `classes.len()` intercepts.
    pub weights: Vec<f32>,
}

/// Reads every `.tsv` file of `dir`, in name order.
pub fn examples(dir: &Path) -> Result<Vec<(String, String)>, String> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "tsv"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).map_err(|e| format!("cannot read {}: {e}", f.display()))?;
        for (n, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let Some((label, message)) = line.split_once('\t') else {
                return Err(format!("{}:{}: expected label<TAB>message", f.display(), n + 1));
            };
            out.push((label.trim().to_owned(), message.trim().to_owned()));
        }
    }
    if out.is_empty() {
        return Err(format!("no training examples in {}", dir.display()));
    }
    Ok(out)
}

fn feature_set(message: &str) -> BTreeSet<String> {
    let mut set = BTreeSet::new();
    features::each_feature(&features::fold(message), |f| {
        set.insert(f.to_owned());
    });
    set
}

pub fn train(examples: &[(String, String)]) -> Result<Trained, String> {
    let sets: Vec<BTreeSet<String>> = examples.iter().map(|(_, m)| feature_set(m)).collect();
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for s in &sets {
        for f in s {
            *counts.entry(f.as_str()).or_default() += 1;
        }
    }
    let features: Vec<String> = counts
        .into_iter()
        .filter(|(_, n)| *n >= MIN_MESSAGES)
        .map(|(f, _)| f.to_owned())
        .collect();
    let index: BTreeMap<&str, usize> = features
        .iter()
        .enumerate()
        .map(|(i, f)| (f.as_str(), i))
        .collect();
    let mut x = Array2::<f32>::zeros((examples.len(), features.len()));
    for (row, s) in sets.iter().enumerate() {
        let cols: Vec<usize> = s.iter().filter_map(|f| index.get(f.as_str()).copied()).collect();
        if cols.is_empty() {
            continue;
        }
        let v = 1.0 / (cols.len() as f32).sqrt();
        for c in cols {
            x[[row, c]] = v;
        }
    }
    let y: Array1<String> = examples.iter().map(|(l, _)| l.clone()).collect();
    let model = MultiLogisticRegression::default()
        .alpha(ALPHA)
        .max_iterations(MAX_ITERATIONS)
        .fit(&Dataset::new(x, y))
        .map_err(|e| format!("training failed: {e}"))?;
    let classes: Vec<String> = model.classes().to_vec();
    let params = model.params();
    let mut weights = Vec::with_capacity((features.len() + 1) * classes.len());
    for r in 0..features.len() {
        for c in 0..classes.len() {
            weights.push(params[[r, c]]);
        }
    }
    weights.extend(model.intercept().iter().copied());
    Ok(Trained {
        classes,
        features,
        weights,
    })
}
