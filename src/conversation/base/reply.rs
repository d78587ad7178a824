//! What a step produces: replies (a template key, its data, button rows),
//! effects for the adapter, and the collector a step fills.

use crate::case::{CaseData, CaseStatus, ContactView};
use crate::render::Lang;
use serde::{Deserialize, Serialize};
use serde_json::Value;

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
    pub fn new(id: crate::conversation::base::buttons::Id) -> Button {
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
    /// Hand case `number` (0: no case yet) to a person in the operator inbox.
    HandOff { number: i64 },
    /// The user went back to the bot from the person answering case `number`.
    HandBack { number: i64 },
    /// What the user just sent goes to the person answering case `number`.
    Relay { number: i64 },
    /// The user agreed that the person sees their details unmasked.
    Unmask { number: i64 },
    /// Case `number` is shown, its new estimate (`estimate`) or its view:
    /// its picture may go with it.
    Picture { number: i64, estimate: bool },
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
