//! What goes into the one path and what comes out: a user's [`Message`],
//! and the [`Response`] with its [`Rendered`] replies.

use crate::conversation::{self, Reply};
use crate::render::{Lang, plain};

/// What a user sent.
#[derive(Clone, Debug, PartialEq)]
pub enum Message {
    /// Typed text (commands included).
    Text(String),
    /// A pressed button, by id. Transports that keep old keyboards on screen
    /// send `id#turn` (see [`Response::turn`]); a press from another turn is
    /// answered as expired and changes nothing.
    Button(String),
    /// The user came back: show where they are (or welcome a new user).
    Resume,
    /// The bot comes back with these due reminders (not typed by the user).
    Remind(Vec<conversation::ReminderView>),
    /// A photo or document, its bytes already kept (see `evidence`).
    File(crate::case::Incoming),
    /// From the operator inbox about the user's case handed to a person.
    Desk(conversation::DeskInput),
}

/// A reply ready for a transport: Telegram HTML and labelled buttons.
#[derive(Clone, Debug, PartialEq)]
pub struct Rendered {
    pub html: String,
    pub buttons: Vec<Vec<(String, String)>>,
}

impl Rendered {
    pub fn plain(&self) -> String {
        plain(&self.html)
    }
}

/// Everything the adapter has to show or do after one message.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Response {
    pub lang: Lang,
    pub replies: Vec<Rendered>,
    /// A case exported as Markdown: (case number, document).
    pub export: Option<(i64, String)>,
    /// The user's data was erased.
    pub deleted: bool,
    /// The press came from an old keyboard: nothing was done.
    pub expired: bool,
    /// The turn the buttons of these replies belong to.
    pub turn: u64,
    /// The question on screen takes an amount (a bare number is not a button).
    pub takes_amount: bool,
    /// The store could not be reached: nothing was saved, the user is asked
    /// to send the message again (what is on screen still stands).
    pub unsaved: bool,
    /// The replies as the conversation gave them (template keys, data and
    /// button ids), before rendering: for tests and tools.
    pub said: Vec<Reply>,
    /// New refund figures worked out in this step (for the metrics).
    pub quotes_computed: u32,
    /// What the operator inbox has to do after this step.
    pub desk: Vec<DeskWork>,
    /// The case picture to go with the replies (an estimate or a case
    /// view), for the adapter to draw off the message path.
    pub picture: Option<crate::picture::Order>,
}

/// What the operator inbox has to do after a step (the Telegram adapter
/// carries it out; without an inbox, nothing asks for it).
#[derive(Clone, Debug, PartialEq)]
pub enum DeskWork {
    /// Hand case `n` (0: none yet) to a person: the topic, the card.
    Open(i64),
    /// What the user just sent goes to the topic of case `n`.
    Relay(i64),
    /// The user went back to the bot from case `n`'s person.
    Back(i64),
    /// The user agreed that case `n`'s person sees their details unmasked.
    Unmask(i64),
    /// The user's data was erased: these hand-offs' topics go too.
    Erased(Vec<crate::store::HandOff>),
}
