//! Texts that take no data (button labels, their typed aliases), rendered
//! once as plain text and kept (`Renderer::fixed`). A typed step compares
//! the message with the label of every button on screen in both languages
//! (`app::labels`): that rendered dozens of templates a step, a third of a
//! typed step's own CPU.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

/// One language's fixed texts, by key. Only keys that exist are given to
/// it, so it holds at most one entry per template.
#[derive(Default)]
pub(super) struct Fixed {
    texts: RwLock<HashMap<String, Option<Arc<str>>>>,
}

impl Fixed {
    /// The text kept for `key`, else `make`'s, kept.
    pub(super) fn get_or(&self, key: &str, make: impl FnOnce() -> Option<String>) -> Option<Arc<str>> {
        if let Some(hit) = self.texts.read().ok().and_then(|m| m.get(key).cloned()) {
            return hit;
        }
        let text = make().map(Arc::<str>::from);
        if let Ok(mut m) = self.texts.write() {
            m.insert(key.to_owned(), text.clone());
        }
        text
    }

    #[cfg(test)]
    pub(super) fn len(&self) -> usize {
        self.texts.read().map_or(0, |m| m.len())
    }
}
