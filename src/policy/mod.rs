//! Refund rules, money, dates, the working-day calendar and timelines. Pure: no I/O.
//!
//! Layers, each importing only those below it: the data (`case`, `profile`,
//! `provider`, `quote`, `calendar`, `timeline`); `shared`, what every
//! provider's rules use; the providers side by side (`ucloud`, `tencent`,
//! `huawei`, `aliyun`) and the products with rules of their own (`ulhost`,
//! `cross_border`, `lighthouse`), each a [`shared::RuleFamily`]; `dispatch`, which
//! picks the family for a profile; `needs` and the assessment here.

pub mod aliyun;
pub mod calendar;
pub mod case;
pub mod cloud_timeline;
pub mod cross_border;
pub mod dispatch;
pub mod escalation;
pub mod huawei;
pub mod lighthouse;
pub mod needs;
pub mod profile;
pub mod provider;
pub mod quote;
pub mod shared;
pub mod tencent;
pub mod timeline;
pub mod ucloud;
pub mod ulhost;

pub use case::{
    AccountFacts, Applicant, Billing, CaseFacts, Ground, Order, OrderKind, Overage, RequestKind, Tri,
    ValueAdded,
};
pub use dispatch::{quote, quote_with};
pub use profile::{Profile, ProfileId};
pub use provider::{HourlyTier, Provider, ProviderFacts};
pub use quote::{Finding, FindingCode, Line, Quote, Severity, cents};
pub use shared::{Need, Needed, QuoteError, RuleFamily};

use calendar::Calendar;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use timeline::Timeline;

/// A quote with its timeline: everything the user is told about one case.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Assessment {
    pub quote: Quote,
    pub timeline: Timeline,
    /// The other clouds' published timing (absent for UCloud).
    #[serde(default)]
    pub cloud: Option<cloud_timeline::CloudTimeline>,
}

/// Quote a case and lay out its timeline: the refund reaches the balance when
/// the resource is deleted (`facts.at`); windows count from `submitted` (when
/// the refund is asked for, or the money withdrawn).
pub fn assess(
    facts: &CaseFacts,
    profile: &Profile,
    cal: &Calendar,
    submitted: DateTime<Utc>,
) -> Result<Assessment, QuoteError> {
    assess_with(facts, &ProviderFacts::default(), profile, cal, submitted)
}

/// [`assess`] with the inputs the other clouds' rules need.
pub fn assess_with(
    facts: &CaseFacts,
    pf: &ProviderFacts,
    profile: &Profile,
    cal: &Calendar,
    submitted: DateTime<Utc>,
) -> Result<Assessment, QuoteError> {
    let mut quote = dispatch::quote_with(facts, pf, profile)?;
    let requested = facts.account.request == RequestKind::Requested;
    let complex = quote.has(FindingCode::LongerReview);
    let timeline = timeline::timeline(cal, profile, facts.at, submitted, requested, complex);
    if !timeline.fallback_years.is_empty() {
        let years: Vec<String> = timeline.fallback_years.iter().map(|y| y.to_string()).collect();
        // "submitting in January": the Spring Festival the schedule will be built around.
        let spring: Vec<String> = timeline
            .fallback_years
            .iter()
            .filter_map(|y| cal.spring_festival(*y))
            .map(|d| d.to_string())
            .collect();
        let mut finding =
            Finding::new(FindingCode::CalendarFallback, Severity::Info).var("years", years.join(", "));
        if let Some(day) = spring.first() {
            finding = finding.var("spring_festival", day.clone());
        }
        quote.findings.push(finding);
    }
    let cloud = cloud_timeline::cloud_timeline(cal, profile, facts.at, submitted);
    Ok(Assessment {
        quote,
        timeline,
        cloud,
    })
}
