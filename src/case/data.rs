//! A stored case as every layer sees it: its status, what it keeps (the
//! answers, the quote, what happened after), its events and contacts.

use super::draft::Draft;
use super::evidence::EvidenceFile;
use super::status::{CaseStatus, RejectReason};
use super::tone::Tone;
use super::topup::Channel;
use crate::policy::escalation::Ladder;
use crate::policy::{Assessment, ProfileId};
use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// What a case keeps besides its status: the answers, the quote and what
/// happened after it.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
#[serde(default)]
pub struct CaseData {
    pub draft: Draft,
    pub policy: ProfileId,
    pub assessment: Option<Assessment>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub rejection: Option<RejectReason>,
    #[serde(with = "rust_decimal::serde::str_option")]
    pub received: Option<Decimal>,
    /// What support said, in the user's words, kept as written.
    pub support_said: Option<String>,
    /// `support_said` came unquoted ("they said no refund bc new-user
    /// discount"): the person's account of it, which a letter reports in
    /// its own words rather than quoting as support's.
    pub support_paraphrased: bool,
    /// The files kept as evidence (`evidence`), in the order they arrived.
    pub evidence: Vec<EvidenceFile>,
    /// Where the case stands on the escalation ladder (`escalation`).
    pub escalation: Ladder,
    /// The day a withdrawal from the provider's balance was requested.
    pub withdrawal_at: Option<DateTime<Utc>>,
    /// That withdrawal was asked for through a ticket: an offline one,
    /// whatever the top-up ("On Nov 20 I submitted a ticket to withdraw").
    pub withdrawal_offline: bool,
    /// How much was asked to be withdrawn, when the person said.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub withdrawn: Option<Decimal>,
    /// How the balance was topped up, when the person said.
    pub topup: Option<Channel>,
    /// The day of that top-up, when the person said it ("I topped up by Alipay, on 2026-10-01").
    pub topup_at: Option<DateTime<Utc>>,
    /// The tone the person asked for the case's letters.
    pub tone: Option<Tone>,
    /// The day support refused, when the person said it ("12月2号客服回复");
    /// else the day the refusal was recorded counts.
    pub rejected_at: Option<DateTime<Utc>>,
    /// The provider's ticket number for this refund, as the person wrote it.
    pub ticket: Option<String>,
    /// What the person asked to have said in the case's letters, in their
    /// own words ("唯一的附加项是标准数据盘，不属于定制配置").
    pub note: Option<String>,
    /// The person says a promotion's no-refund rule was never shown at purchase.
    pub not_shown: bool,
    /// The day support approved the refund, when the person said it
    /// ("approved … on dec 1", "11月25号审核通过了").
    pub approved_at: Option<DateTime<Utc>>,
    /// What the server was used for, in the person's words, on a case
    /// refused for abnormal use ("I was only training a ML model").
    pub usage_told: Option<String>,
    /// The appeal asks for the refund counted as of the first request
    /// (the server ran on only because the request was refused).
    pub count_from_request: bool,
    /// The amount support approved, when the person said it.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub approved: Option<Decimal>,
}

impl CaseData {
    /// The date the user should look at next (an answer or the money).
    pub fn next_date(&self) -> Option<NaiveDate> {
        let a = self.assessment.as_ref()?;
        match (&a.timeline.review, self.submitted_at) {
            (Some(r), _) => Some(r.latest),
            (None, _) => Some(a.timeline.offline.latest),
        }
    }
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct EventView {
    pub status: CaseStatus,
    pub at: DateTime<Utc>,
    pub note: Option<String>,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct ContactView {
    pub at: DateTime<Utc>,
    pub agent: String,
    pub said: String,
}

/// One of the user's cases.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct CaseView {
    pub number: i64,
    pub status: CaseStatus,
    pub data: CaseData,
    pub events: Vec<EventView>,
    pub contacts: Vec<ContactView>,
    pub created_at: DateTime<Utc>,
}
