//! Where a case stands, and why support said no.

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

    /// Whether the case still waits for something the bot may remind of.
    pub fn remindable(self) -> bool {
        !matches!(self, CaseStatus::Closed | CaseStatus::Refunded)
    }
}

/// The reason support gave for a rejection.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum RejectReason {
    /// The product was bought in a promotion whose own rules exclude refunds.
    Promotion,
    NotEligible,
    UsageAbnormal,
    Customised,
    Other,
}

impl RejectReason {
    /// In the order support's words are read: a promotion first ("活动机型不支持退款"
    /// is about the promotion, not eligibility in general).
    pub const ALL: [RejectReason; 5] = [
        RejectReason::Promotion,
        RejectReason::NotEligible,
        RejectReason::UsageAbnormal,
        RejectReason::Customised,
        RejectReason::Other,
    ];

    /// In the order they are offered as buttons.
    pub const OFFERED: [RejectReason; 5] = [
        RejectReason::NotEligible,
        RejectReason::UsageAbnormal,
        RejectReason::Customised,
        RejectReason::Promotion,
        RejectReason::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RejectReason::Promotion => "promotion",
            RejectReason::NotEligible => "not_eligible",
            RejectReason::UsageAbnormal => "usage_abnormal",
            RejectReason::Customised => "customised",
            RejectReason::Other => "other",
        }
    }
}
