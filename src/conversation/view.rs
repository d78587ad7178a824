//! Cases as the conversation sees them (loaded by the adapter into `Ctx`).

use super::state::Draft;
use crate::policy::{Assessment, ProfileId};
use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Where a case stands.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum CaseStatus {
    Draft,
    Quoted,
    Submitted,
    Approved,
    Rejected,
    Refunded,
    Closed,
    /// A formal complaint to the provider (an event only: the case keeps its status).
    Complained,
    /// Taken to the MIIT centre or 12315 (an event only, the body in its note).
    Escalated,
}

impl CaseStatus {
    pub const ALL: [CaseStatus; 9] = [
        CaseStatus::Draft,
        CaseStatus::Quoted,
        CaseStatus::Submitted,
        CaseStatus::Approved,
        CaseStatus::Rejected,
        CaseStatus::Refunded,
        CaseStatus::Closed,
        CaseStatus::Complained,
        CaseStatus::Escalated,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CaseStatus::Draft => "draft",
            CaseStatus::Quoted => "quoted",
            CaseStatus::Submitted => "submitted",
            CaseStatus::Approved => "approved",
            CaseStatus::Rejected => "rejected",
            CaseStatus::Refunded => "refunded",
            CaseStatus::Closed => "closed",
            CaseStatus::Complained => "complained",
            CaseStatus::Escalated => "escalated",
        }
    }

    pub fn parse(s: &str) -> Option<CaseStatus> {
        CaseStatus::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// The reason support gave for a rejection.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum RejectReason {
    NotEligible,
    UsageAbnormal,
    Customised,
    Other,
}

impl RejectReason {
    pub const ALL: [RejectReason; 4] = [
        RejectReason::NotEligible,
        RejectReason::UsageAbnormal,
        RejectReason::Customised,
        RejectReason::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RejectReason::NotEligible => "not_eligible",
            RejectReason::UsageAbnormal => "usage_abnormal",
            RejectReason::Customised => "customised",
            RejectReason::Other => "other",
        }
    }
}

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
    /// The files kept as evidence (`evidence`), in the order they arrived.
    pub evidence: Vec<crate::evidence::EvidenceFile>,
    /// Where the case stands on the escalation ladder (`escalation`).
    pub escalation: crate::escalation::Ladder,
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
