//! `cargo run -p intent-train`: trains the intent model from
//! `intents/train/` and writes its weights to
//! `src/conversation/read/model/weights/` (see the crate's documentation).

use std::process::ExitCode;

fn main() -> ExitCode {
    let root = intent_train::repository();
    let run = || -> Result<usize, String> {
        let hash = intent_train::source_hash(&root)?;
        let trained = intent_train::train_from(&root)?;
        let dir = root.join(intent_train::WEIGHTS);
        std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        for (name, bytes) in intent_train::files(&trained, &hash) {
            std::fs::write(dir.join(name), bytes).map_err(|e| format!("cannot write {name}: {e}"))?;
        }
        Ok(trained.features.len())
    };
    match run() {
        Ok(n) => {
            println!("trained: {n} features, written to {}", intent_train::WEIGHTS);
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("intent-train: {e}");
            ExitCode::FAILURE
        }
    }
}
