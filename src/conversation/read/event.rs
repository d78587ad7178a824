//! The events a person reports on a case, and the talk that is not about
//! it: the words of the dialogue acts name them (`dialogue.rs`), the acts
//! carry them (`act.rs`).

use serde::{Deserialize, Serialize};
use strum::{EnumString, IntoStaticStr};

/// An event on a case, as a person reports it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, EnumString, IntoStaticStr)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Event {
    /// The refund request went to the provider.
    Submitted,
    /// The provider refused.
    Rejected,
    /// The provider refused again, after the appeal.
    AppealRefused,
    /// The money is there (balance, card, wallet).
    Arrived,
    /// The money is not there yet.
    NotArrived,
    /// An amount came that is not the one expected.
    Different,
    /// A formal complaint to the provider.
    Complained,
    /// The resource was deleted or unsubscribed.
    Deleted,
    /// A withdrawal of the balance was asked for.
    WithdrawalRequested,
}

impl Event {
    pub const ALL: [Event; 9] = [
        Event::AppealRefused,
        Event::Rejected,
        Event::Complained,
        Event::WithdrawalRequested,
        Event::NotArrived,
        Event::Different,
        Event::Arrived,
        Event::Submitted,
        Event::Deleted,
    ];

    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// Talk that is not about the case.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, EnumString, IntoStaticStr)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Social {
    Thanks,
    Greeting,
    Ok,
    /// Annoyed, with nothing new to take.
    Frustrated,
    /// "You got it wrong", with nothing new to take.
    BotWrong,
    /// "这里可以问退款的事吗": whether this is the place to ask.
    CanAsk,
    /// "我先走了 晚点再来", "bye": leaving for now.
    Bye,
}
