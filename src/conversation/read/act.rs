//! What a person is doing with a message: the dialogue acts. Everything
//! that acts on a message takes one of these, never the raw text's guess:
//! the flows take answers and corrections, the knowledge base takes
//! questions, the case takes reports.

pub use crate::conversation::read::event::{Event, Social};
use crate::conversation::read::intent::Intent;

/// What a message does.
#[derive(Clone, Debug, PartialEq)]
pub enum Act {
    /// An answer to the question on screen, in the person's words.
    Answer,
    /// A button of the screen, said in other words ("都没有 我是号主").
    Choice(String),
    /// A correction of something already told: the facts it names replace
    /// the old ones, and the bot says so.
    Correction,
    /// A question. `asked` is the part that asks; `rest` what else the
    /// message says (an answer to the screen, taken first), if anything.
    Question {
        asked: String,
        rest: Option<String>,
    },
    /// An event reported on the case.
    Report(Event),
    /// An event said not to have happened ("没被拒啊 我还没申请呢").
    Denial(Event),
    /// Something the bot should do (a check, the cases, export, a person…).
    Request(Intent),
    Social(Social),
    /// Nothing read with confidence.
    Unclear,
}

impl Act {
    /// The act's name, for tests and logs.
    pub fn name(&self) -> &'static str {
        match self {
            Act::Answer | Act::Choice(_) => "answer",
            Act::Correction => "correction",
            Act::Question { rest: None, .. } => "question",
            Act::Question { rest: Some(_), .. } => "both",
            Act::Report(_) => "report",
            // "What can I do now?" is a question about what comes next.
            Act::Request(Intent::Next) => "question",
            Act::Denial(_) => "denial",
            Act::Request(_) => "request",
            Act::Social(_) => "social",
            Act::Unclear => "unclear",
        }
    }
}
