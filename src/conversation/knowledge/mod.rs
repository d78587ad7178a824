//! Questions answered mid-conversation ("实例ID是什么？", "钱能退回微信吗",
//! "can I go to 12300 yet?"): which topic a question is about (`index`:
//! BM25 over paraphrases, data in `intents/knowledge/`), and the answer as a
//! reply (`answer`: a template `kb.<topic>` per topic, written from the
//! policy and escalation facts, each naming its source), aware of the case
//! where the facts allow (`aware`: the five-day window, the quick
//! withdrawal, the dates due, the 12300 and 12315 routes). Pure: the index is
//! built once, then every call only reads. A question never changes the
//! case: nothing here returns an effect.
//!
//! Layout: `topic`, `tokens` and `about` at the bottom; `index` (the
//! matcher) and `aware` on them; `answer` on top.

mod about;
mod answer;
mod aware;
mod index;
mod tokens;
mod topic;

pub use about::{About, Channel};
pub use answer::{answer, offer, offer_keeping};
pub use aware::{ALIPAY_QUICK_DAYS, YEAR_QUICK_MONTHS};
pub use index::{B, K1, Knowledge, Label, Lookup, MARGIN, MIN_SCORE, Ranked, parse};
pub use tokens::{Terms, terms};
pub use topic::{BUTTON, Topic};
