//! The conversation state: where the user is and what they have told the bot.
//! Serialisable so it can be stored and resumed after a restart.

use crate::case::Draft;
use crate::render::Lang;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

/// Where the conversation is: the screen shown or the question asked.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Default)]
#[serde(rename_all = "snake_case")]
pub enum Position {
    #[default]
    Menu,
    // Prerequisites.
    Billing,
    /// The four account items in one message.
    Account,
    Arrears,
    Violation,
    Customised,
    Applicant,
    Request,
    Ground,
    // Facts.
    Instance,
    /// The cloud, when the instance ID does not name it.
    Provider,
    Package,
    Start,
    End,
    Paid,
    ListPrice,
    Voucher,
    Gift,
    MonthlyPrice,
    Overage,
    ValueAdded,
    Customisation,
    DeleteAt,
    // What the other clouds' rules need (`Profile::needs`).
    FirstRefund,
    HourlyPrice,
    UsedDiscount,
    HourlyTier,
    BandwidthPrice,
    Renewals,
    /// Huawei: the fee on the refund order (no China fee is computed).
    RefundFee,
    Reason,
    ReasonText,
    // The result and what follows.
    Result,
    Cases,
    CaseView,
    FollowUp,
    SubmittedAt,
    Rejection,
    Received,
    ContactWhen,
    ContactAgent,
    ContactSaid,
    ConfirmDelete,
    // A follow-up opened without an estimate (`fresh.rs`).
    /// What support said: their words, or the kind of reason.
    SupportSaid,
    /// The instance ID, or just the provider.
    FollowInstance,
    /// A detail the escalation ladder asks for (`escalate.rs`).
    LadderField,
    /// The escalation ladder of the case on screen, with its buttons.
    Ladder,
}

/// The field the escalation ladder is asking for, and for which case and letter.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq)]
pub struct LadderAsk {
    pub case: i64,
    pub body: Option<crate::policy::escalation::Body>,
    pub field: crate::policy::escalation::Field,
}

/// What the user is telling about a case after the quote.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
#[serde(default)]
pub struct FollowDraft {
    /// What the follow-up question is for.
    pub intent: Option<Intent>,
    /// The follow-up was opened without an estimate: after each answer the
    /// next question it needs is asked (`fresh.rs`).
    pub fresh: bool,
    /// Questions of such a follow-up the user skipped.
    pub skipped: Vec<Position>,
    pub contact_at: Option<DateTime<Utc>>,
    pub contact_agent: Option<String>,
    /// Support's words are being given again: the refusal is the same one,
    /// not a second.
    pub requote: bool,
    /// The refusal reported is the appeal's ("申诉也被驳回"), whatever day
    /// the first one was recorded.
    #[serde(default)]
    pub appeal_refused: bool,
    /// The day the refusal being reported came, said in its message.
    #[serde(default)]
    pub refused_on: Option<DateTime<Utc>>,
    /// "What should the letter add?" was asked: the next text is the words.
    #[serde(default)]
    pub note_wanted: bool,
    /// "我11月18日已经提过工单了", said with a wrong amount: the day the
    /// person asked support, kept as the request's day when the case has none.
    #[serde(default)]
    pub asked_on: Option<DateTime<Utc>>,
    /// "…删除，当天退回余额412.50元", said with the facts of a check: what
    /// came back, the case's received amount once the estimate is made.
    #[serde(default, with = "rust_decimal::serde::str_option")]
    pub came: Option<rust_decimal::Decimal>,
}

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Intent {
    Submitted,
    NotArrived,
    Rejected,
    Different,
    /// The day a withdrawal from the balance was requested.
    Withdrawal,
}

/// The whole state of one chat.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
#[serde(default)]
pub struct State {
    pub lang: Option<Lang>,
    pub at: Position,
    /// Positions visited in the current flow, for `/back`.
    pub history: Vec<Position>,
    pub draft: Draft,
    /// The case being checked or followed up (the user's own number).
    pub case_no: Option<i64>,
    pub follow: FollowDraft,
    /// The question reached by a "correct this" button: once answered, the
    /// check goes on to what is missing, not through every later question.
    pub fixing: Option<Position>,
    /// A fact told again with another value, asked about at its question
    /// ("which is right?") until that question is answered or left.
    #[serde(default)]
    pub conflict: Option<Conflict>,
    /// Counts the steps taken: a button carries the turn it was shown on, so
    /// a press on an old keyboard can be told apart from a fresh one.
    pub turn: u64,
    /// Amounts and dates said without a role, offered at their question.
    pub offered: Offered,
    /// Every button of the last step's keyboard, in the order shown: the
    /// screen's own, then those shown under them (a "Fix …" button, a topic
    /// offered, a case to pick). A number typed later ("7" for "[7] Fix
    /// purchase date", also after the chat was opened again) is the button
    /// it had there.
    pub keyboard: Vec<String>,
    /// Topics offered together and pressed one after the other ("[8] 钱退到
    /// 哪里 [9] 怎么提现"): the ones already answered are not offered again.
    #[serde(default)]
    pub topics_pressed: Vec<String>,
    /// A digest of the letter the last step sent, so the next step does not
    /// send it again word for word unasked (`repeat.rs`).
    #[serde(default)]
    pub last_letter: Option<u64>,
    /// "Option 3 or ¥3?" just asked (on the turn it was asked): its two
    /// buttons, which a bare number typed next picks between.
    #[serde(default)]
    pub picked: Option<(u64, Vec<String>)>,
    /// A file sent with no case open, until the user says which case it is for.
    pub pending_file: Option<crate::case::Incoming>,
    /// What the escalation ladder is asking (at `Position::LadderField`).
    pub ladder: Option<LadderAsk>,
    /// Messages in a row the bot could not read, or that said it was wrong:
    /// at two, a person is offered.
    pub stuck: u8,
    /// The case (0: none yet) a person is answering in the operator inbox:
    /// while set, what the user types and sends goes to that person and the
    /// bot itself answers only commands.
    pub handed_off: Option<i64>,
    /// The cloud a question named before any check ("腾讯云有五天无理由吗？"),
    /// with the turn: a check started at the next message is that cloud's.
    #[serde(default)]
    pub cloud_named: Option<(u64, crate::policy::Provider)>,
}

/// Amounts and dates said without a role ("800块", "march 5"), as the user
/// wrote them: offered as answers, never used unasked (`offered.rs`).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
#[serde(default)]
pub struct Offered {
    pub amounts: Vec<String>,
    pub dates: Vec<String>,
}

impl State {
    pub fn lang(&self) -> Lang {
        self.lang.unwrap_or_default()
    }

    /// "Which is right?" on show at the question on screen, if asked.
    pub fn conflict_shown(&self) -> Option<&Conflict> {
        self.conflict.as_ref().filter(|c| c.at == self.at)
    }
}

/// One fact whose new value differs from the answer held.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Conflict {
    /// The question that holds the fact.
    pub at: Position,
    /// The held value and the new one, as "understood" lines.
    pub old: Value,
    pub new: Value,
    /// What answers the question with each value.
    pub keep: Pick,
    pub take: Pick,
}

/// An answer to a question: text it parses, or one of its buttons.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Pick {
    Text(String),
    Button(String),
}

impl Pick {
    /// The button that answers the question at `at` with this value.
    pub fn id(&self, at: Position) -> String {
        let field = json!(at).as_str().unwrap_or_default().to_owned();
        match self {
            Pick::Text(t) => format!("conflict:{field}:t:{t}"),
            Pick::Button(b) => format!("conflict:{field}:b:{b}"),
        }
    }
}
