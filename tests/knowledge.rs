//! The knowledge base (`conversation::knowledge`): every answer renders for
//! every provider and language; the case-aware answers on a few case shapes
//! with a fixed "now"; the matcher's leave-one-out accuracy on its own
//! paraphrases, the questions of issue 26, and near misses that ask nothing.
//! The tests live in `tests/knowledge/`, by area.

#[path = "knowledge/answers.rs"]
mod answers;
#[path = "knowledge/aware.rs"]
mod aware;
#[path = "knowledge/matching.rs"]
mod matching;
#[path = "knowledge/support.rs"]
mod support;
