//! The intent model's weights are checked in (`src/conversation/read/model/
//! weights/`), trained by `tools/intent-train` from `intents/train/`: they
//! say what they were trained from, and it is the data and code as they
//! are now; and training again gives the same model, so what is checked in
//! is what the data makes. After changing the data: `cargo run -p
//! intent-train`.

use refund_assistant::conversation::read::model::Model;
use std::path::Path;

const REGENERATE: &str = "the training data or code changed: run `cargo run -p intent-train` and commit src/conversation/read/model/weights/";

fn checked_in(name: &str) -> Vec<u8> {
    let path = intent_train::repository().join(intent_train::WEIGHTS).join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn the_weights_were_trained_from_the_data_and_code_as_they_are() {
    let root = intent_train::repository();
    let now = intent_train::source_hash(&root).expect("hash");
    let stored = String::from_utf8(checked_in("trained_from.sha256")).expect("text");
    assert_eq!(stored.trim(), now, "{REGENERATE}");
}

#[test]
fn the_hash_sees_a_change_of_the_data() {
    let dir = tempfile::tempdir().expect("dir");
    let root = dir.path();
    let copy = |rel: &str| {
        let to = root.join(rel);
        std::fs::create_dir_all(to.parent().expect("parent")).expect("dir");
        std::fs::copy(intent_train::repository().join(rel), &to).expect("copy");
    };
    copy("intents/train/en.tsv");
    copy("src/conversation/read/model/features.rs");
    copy("tools/intent-train/src/train.rs");
    let before = intent_train::source_hash(root).expect("hash");
    let data = root.join("intents/train/en.tsv");
    let mut text = std::fs::read_to_string(&data).expect("read");
    text.push_str("cancel\tforget it\n");
    std::fs::write(&data, text).expect("write");
    assert_ne!(intent_train::source_hash(root).expect("hash"), before);
}

#[test]
fn training_again_gives_the_checked_in_model() {
    let root = intent_train::repository();
    let trained = intent_train::train_from(&root).expect("trains");
    let hash = intent_train::source_hash(&root).expect("hash");
    let files = intent_train::files(&trained, &hash);
    for (name, bytes) in &files[..2] {
        assert!(*bytes == checked_in(name), "{name} differs: {REGENERATE}");
    }
    // The weights, to the last bit where the arithmetic is the same; at
    // least the same answer for every sentence the model was trained or
    // tested on where it is not.
    let stored: Vec<f32> = checked_in("weights.bin")
        .chunks_exact(4)
        .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        .collect();
    assert_eq!(stored.len(), trained.weights.len(), "{REGENERATE}");
    if stored != trained.weights {
        let worst = stored
            .iter()
            .zip(&trained.weights)
            .map(|(a, b)| (a - b).abs())
            .fold(0.0f32, f32::max);
        assert!(worst < 1e-4, "weights differ by up to {worst}: {REGENERATE}");
        let model = Model::get();
        for sentence in sentences(&root) {
            assert_eq!(
                model.guess(&sentence).best().0,
                trained.best_class(&sentence),
                "{sentence}"
            );
        }
    }
}

/// Every training and held-out sentence.
fn sentences(root: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for dir in ["intents/train", "tests/fixtures/intents_heldout"] {
        for e in std::fs::read_dir(root.join(dir)).expect("dir").flatten() {
            let text = std::fs::read_to_string(e.path()).unwrap_or_default();
            out.extend(
                text.lines()
                    .filter_map(|l| l.split_once('\t'))
                    .map(|(_, m)| m.trim().to_owned()),
            );
        }
    }
    out
}
