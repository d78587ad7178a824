//! The knowledge base (`conversation::knowledge`): every answer renders for
//! every provider and language; the case-aware answers on a few case shapes
//! with a fixed "now"; the matcher's leave-one-out accuracy on its own
//! paraphrases, the questions of issue 26, and near misses that ask nothing.
//! The tests live in `tests/dialogue/knowledge/`, by area.

mod answers;
mod aware;
mod matching;
pub(crate) mod support;
