//! The engine's vocabulary: what comes in (`Input`, commands), what it is
//! given (`Ctx`), and what a step returns (`Outcome`; replies in `reply`).

use crate::case::CaseView;
use crate::conversation::base::reply::{Effect, Reply};
use crate::conversation::base::state::State;
use crate::policy::ProfileId;
use crate::policy::calendar::Calendar;
use crate::reminders::Kind;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// One thing the user did.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub enum Input {
    Text(String),
    Button(String),
    Command(Command),
    /// Not the user: the bot comes back with the reminders due for them.
    Remind(Vec<ReminderView>),
    /// A photo or document the user sent (see `evidence`).
    File(crate::case::Incoming),
    /// Not the user: the operator inbox about the case handed to a person.
    Desk(DeskInput),
}

/// What comes from the operator inbox (see `human`).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub enum DeskInput {
    /// A person wrote this in the case's topic.
    Said(String),
    /// A person sent a photo or file (copied to the chat after this notice),
    /// with its caption.
    Sent(Option<String>),
    /// The person handed the case back to the bot (`/close`).
    Closed,
    /// Nobody replied within the promised time.
    Overdue,
    /// The inbox could not take the case (its topic could not be made).
    Unreachable,
}

/// Commands, available at every step.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub enum Command {
    /// `/start` with an optional deep-link payload such as `case_3`.
    Start(Option<String>),
    Back,
    Cancel,
    Restart,
    Help,
    Cases,
    Case(Option<String>),
    Export(Option<String>),
    DeleteMyData,
    Lang,
    Tips,
    Reminders,
    /// A person instead of the bot.
    Human,
    Unknown(String),
}

/// One command: the name typed after `/`, other names it answers to,
/// whether the Telegram menu lists it, and what it stands for.
pub struct CommandSpec {
    pub name: &'static str,
    pub also: &'static [&'static str],
    pub menu: bool,
    pub make: fn(Option<String>) -> Command,
}

/// Every command, in the order /help and the Telegram menu list them: the
/// parser, /help and the menu all read this table.
pub const COMMANDS: [CommandSpec; 13] = [
    CommandSpec {
        name: "start",
        also: &[],
        menu: true,
        make: Command::Start,
    },
    CommandSpec {
        name: "back",
        also: &[],
        menu: true,
        make: |_| Command::Back,
    },
    CommandSpec {
        name: "cancel",
        also: &[],
        menu: false,
        make: |_| Command::Cancel,
    },
    CommandSpec {
        name: "restart",
        also: &[],
        menu: false,
        make: |_| Command::Restart,
    },
    CommandSpec {
        name: "cases",
        also: &[],
        menu: true,
        make: |_| Command::Cases,
    },
    CommandSpec {
        name: "case",
        also: &[],
        menu: true,
        make: Command::Case,
    },
    CommandSpec {
        name: "export",
        also: &[],
        menu: true,
        make: Command::Export,
    },
    CommandSpec {
        name: "reminders",
        also: &["reminder"],
        menu: true,
        make: |_| Command::Reminders,
    },
    CommandSpec {
        name: "tips",
        also: &[],
        menu: true,
        make: |_| Command::Tips,
    },
    CommandSpec {
        name: "lang",
        also: &["language"],
        menu: false,
        make: |_| Command::Lang,
    },
    CommandSpec {
        name: "human",
        also: &["person", "agent"],
        menu: true,
        make: |_| Command::Human,
    },
    CommandSpec {
        name: "help",
        also: &[],
        menu: true,
        make: |_| Command::Help,
    },
    CommandSpec {
        name: "delete_my_data",
        also: &[],
        menu: true,
        make: |_| Command::DeleteMyData,
    },
];

/// The names of every command, in table order (for /help and errors).
pub fn command_names() -> Vec<&'static str> {
    COMMANDS.iter().map(|c| c.name).collect()
}

impl Input {
    /// Text as typed: a command when it starts with `/`, else free text.
    pub fn from_text(text: &str) -> Input {
        let t = text.trim();
        let Some(rest) = t.strip_prefix('/') else {
            return Input::Text(text.to_owned());
        };
        let (name, arg) = match rest.split_once(char::is_whitespace) {
            Some((n, a)) => (n, Some(a.trim().to_owned()).filter(|a| !a.is_empty())),
            None => (rest, None),
        };
        // `/case@MyBot 3` in groups: drop the bot name.
        let name = name.split('@').next().unwrap_or(name).to_ascii_lowercase();
        let cmd = COMMANDS
            .iter()
            .find(|c| c.name == name || c.also.contains(&name.as_str()))
            .map_or(Command::Unknown(name), |c| (c.make)(arg));
        Input::Command(cmd)
    }
}

/// What the engine needs from outside: the clock, the rules, the calendar and
/// the user's cases (loaded by the adapter).
#[derive(Clone, Copy)]
pub struct Ctx<'a> {
    pub now: DateTime<Utc>,
    pub profile: ProfileId,
    pub calendar: &'a Calendar,
    pub cases: &'a [CaseView],
    /// The words of the intents (loaded once from the templates).
    pub intents: &'a crate::conversation::read::intent::Intents,
    /// The user's reminders still to come, earliest first.
    pub reminders: &'a [ReminderView],
    /// The operator inbox and its promised reply time, when one is set up
    /// (`None`: no person can be reached through the bot).
    pub desk: Option<crate::case::handoff::ReplyWithin>,
}

impl Ctx<'_> {
    pub fn case(&self, number: i64) -> Option<&CaseView> {
        self.cases.iter().find(|c| c.number == number)
    }

    pub fn next_case_number(&self) -> i64 {
        self.cases.iter().map(|c| c.number).max().unwrap_or(0) + 1
    }
}

/// The result of one step.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub state: State,
    pub replies: Vec<Reply>,
    pub effects: Vec<Effect>,
}

/// A reminder as the conversation sees it: due now (for a reminder message)
/// or scheduled (for `/reminders`).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct ReminderView {
    pub id: i64,
    /// The user's case number.
    pub case: i64,
    pub kind: Kind,
    pub seq: u32,
    pub due: DateTime<Utc>,
}
