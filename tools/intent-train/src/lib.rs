//! Training the bot's intent model, once, by hand, when its data changes:
//! `cargo run -p intent-train` reads `intents/train/*.tsv` and writes the
//! weights the bot compiles in (`src/conversation/read/model/weights/`), with
//! the hash of what they were trained from. The bot's build does no
//! training; its tests check that the weights match the data
//! (`tests/rules/intent_weights.rs`) and that training again gives the same
//! model.
//!
//! The features of a message are the bot's own (`features.rs`, shared as
//! source), so training and applying read a message the same way.

#[path = "../../../src/conversation/read/model/features.rs"]
pub mod features;
mod train;

use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

pub use train::{Trained, examples, train};

/// The repository this crate is in.
pub fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The training data, under the repository.
pub const DATA: &str = "intents/train";
/// The weights, under the repository.
pub const WEIGHTS: &str = "src/conversation/read/model/weights";
/// What the weights' hash is taken over besides the data: the code that
/// reads a message and trains.
const CODE: [&str; 2] = [
    "src/conversation/read/model/features.rs",
    "tools/intent-train/src/train.rs",
];

/// The SHA-256 of everything the weights are trained from: each training
/// file (by name, in name order) and the code that reads and trains, as hex.
pub fn source_hash(root: &Path) -> Result<String, String> {
    let data = root.join(DATA);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&data)
        .map_err(|e| format!("cannot read {}: {e}", data.display()))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "tsv"))
        .collect();
    files.sort();
    files.extend(CODE.iter().map(|c| root.join(c)));
    let mut hash = Sha256::new();
    for f in files {
        let text = std::fs::read(&f).map_err(|e| format!("cannot read {}: {e}", f.display()))?;
        let name = f
            .strip_prefix(root)
            .unwrap_or(&f)
            .to_string_lossy()
            .replace('\\', "/");
        hash.update(name.as_bytes());
        hash.update([0]);
        hash.update(&text);
        hash.update([0]);
    }
    Ok(hash.finalize().iter().map(|b| format!("{b:02x}")).collect())
}

/// Trains from the data under `root`.
pub fn train_from(root: &Path) -> Result<Trained, String> {
    train(&examples(&root.join(DATA))?)
}

/// The three files of a model (class names, feature names, little-endian
/// `f32` weights) and the hash of its sources, as written to `WEIGHTS`.
pub fn files(t: &Trained, source_hash: &str) -> Vec<(&'static str, Vec<u8>)> {
    let weights: Vec<u8> = t.weights.iter().flat_map(|f| f.to_le_bytes()).collect();
    vec![
        ("classes.txt", t.classes.join("\n").into_bytes()),
        ("features.txt", t.features.join("\n").into_bytes()),
        ("weights.bin", weights),
        ("trained_from.sha256", format!("{source_hash}\n").into_bytes()),
    ]
}

impl Trained {
    /// The class this model gives `text` (the bot's `Model::guess`, best
    /// class only): for comparing two trainings sentence by sentence.
    pub fn best_class(&self, text: &str) -> &str {
        let k = self.classes.len();
        let folded = features::fold(text);
        let mut rows = Vec::new();
        features::each_feature(&folded, |f| {
            if let Ok(i) = self.features.binary_search_by(|x| x.as_str().cmp(f)) {
                rows.push(i);
            }
        });
        let bias = self.features.len() * k;
        let mut logits: Vec<f32> = self.weights[bias..bias + k].to_vec();
        if !rows.is_empty() {
            let scale = 1.0 / (rows.len() as f32).sqrt();
            for r in rows {
                for (l, w) in logits.iter_mut().zip(&self.weights[r * k..r * k + k]) {
                    *l += w * scale;
                }
            }
        }
        let best = (0..k).max_by(|a, b| logits[*a].total_cmp(&logits[*b]).then(b.cmp(a)));
        best.map_or("none", |i| self.classes[i].as_str())
    }
}
