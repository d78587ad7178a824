//! The engine's vocabulary: what comes in (`Input`), what goes out (`Reply`
//! with `Button`s, and `Effect`s for the adapter), and what it is given (`Ctx`).

use super::state::State;
use crate::case::{CaseData, CaseStatus, CaseView, ContactView};
use crate::policy::ProfileId;
use crate::policy::calendar::Calendar;
use crate::render::Lang;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// One thing the user did.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub enum Input {
    Text(String),
    Button(String),
    Command(Command),
    /// Not the user: the bot comes back with the reminders due for them.
    Remind(Vec<super::reminders::ReminderView>),
    /// A photo or document the user sent (see `evidence`).
    File(crate::case::Incoming),
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
pub const COMMANDS: [CommandSpec; 12] = [
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

/// A button: a stable id and a label template key with its data.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Button {
    pub id: String,
    pub label: String,
    #[serde(default)]
    pub vars: Value,
}

impl Button {
    /// A fixed button; its label is `btn.<id with ':' replaced by '.'>`.
    pub fn new(id: super::buttons::Id) -> Button {
        Button {
            id: id.as_str().to_owned(),
            label: id.label(),
            vars: Value::Null,
        }
    }

    pub fn with(id: String, label: &str, vars: Value) -> Button {
        Button {
            id,
            label: label.to_owned(),
            vars,
        }
    }
}

/// What the bot says: a template key, its data, and button rows.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Reply {
    pub key: String,
    pub data: Value,
    pub buttons: Vec<Vec<Button>>,
}

impl Reply {
    pub fn new(key: &str, data: Value) -> Reply {
        Reply {
            key: key.to_owned(),
            data,
            buttons: Vec::new(),
        }
    }

    pub fn key(key: &str) -> Reply {
        Reply::new(key, Value::Null)
    }

    pub fn buttons(mut self, rows: Vec<Vec<Button>>) -> Reply {
        self.buttons = rows;
        self
    }

    /// Every button id, in order.
    pub fn button_ids(&self) -> impl Iterator<Item = &str> {
        self.buttons.iter().flatten().map(|b| b.id.as_str())
    }
}

/// What the adapter must do besides sending the replies.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub enum Effect {
    /// Create or update the user's case `number`.
    SaveCase {
        number: i64,
        status: CaseStatus,
        data: Box<CaseData>,
    },
    /// Record a status event on a case.
    Event {
        number: i64,
        status: CaseStatus,
        note: Option<String>,
    },
    /// Record a contact with support.
    Contact { number: i64, contact: ContactView },
    /// Export case `number` as a Markdown document.
    Export { number: i64 },
    /// Erase every row about this user (confirmed).
    DeleteMyData,
    /// The user chose a language.
    SetLang(Lang),
    /// These reminders were shown: mark them sent.
    RemindersSent(Vec<i64>),
    /// No more reminders for case `number`.
    StopReminders { number: i64 },
    /// Stop one scheduled reminder.
    StopReminder { id: i64 },
}

/// What the engine needs from outside: the clock, the rules, the calendar and
/// the user's cases (loaded by the adapter).
pub struct Ctx<'a> {
    pub now: DateTime<Utc>,
    pub profile: ProfileId,
    pub calendar: &'a Calendar,
    pub cases: &'a [CaseView],
    /// The words of the intents (loaded once from the templates).
    pub intents: &'a super::intent::Intents,
    /// The user's reminders still to come, earliest first.
    pub reminders: &'a [super::reminders::ReminderView],
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

/// Collects replies and effects while a step runs.
#[derive(Default)]
pub(crate) struct Out {
    pub replies: Vec<Reply>,
    pub effects: Vec<Effect>,
}

impl Out {
    pub fn say(&mut self, r: Reply) {
        self.replies.push(r);
    }
}
