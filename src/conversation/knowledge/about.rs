//! What an answer may know of the person asking: the provider (named in the
//! question, else the case's), the case or the check in progress, the
//! channel the question is about, today, and the working-day calendar.

use crate::case::{CaseView, Draft};
use crate::policy::Provider;
use crate::policy::calendar::Calendar;
use crate::policy::timeline::local_date;
use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;

/// A way money is paid in or taken out (the case keeps the one it was topped up with).
pub use crate::case::Channel;

/// The context of a question.
#[derive(Clone, Copy)]
pub struct About<'a> {
    /// Named in the question; wins over the case's provider.
    pub named: Option<Provider>,
    /// A product with rules of its own named in the question ("轻量应用服务器").
    pub product: Option<crate::policy::ProfileId>,
    /// The check in progress (its answers so far).
    pub draft: Option<&'a Draft>,
    /// The case the question is about, if one is open.
    pub case: Option<&'a CaseView>,
    /// The payment channel the question names ("钱能退回微信吗").
    pub channel: Option<Channel>,
    /// The one amount the question names ("退400对吗？").
    pub mentioned: Option<Decimal>,
    /// The one past day the question names ("topped up on 1 november").
    pub dated: Option<DateTime<Utc>>,
    pub now: DateTime<Utc>,
    pub calendar: &'a Calendar,
}

impl<'a> About<'a> {
    /// Nothing known but today.
    pub fn new(now: DateTime<Utc>, calendar: &'a Calendar) -> About<'a> {
        About {
            named: None,
            product: None,
            draft: None,
            case: None,
            channel: None,
            mentioned: None,
            dated: None,
            now,
            calendar,
        }
    }

    pub fn with_product(self, product: Option<crate::policy::ProfileId>) -> About<'a> {
        About { product, ..self }
    }

    pub fn with_case(self, case: Option<&'a CaseView>) -> About<'a> {
        About { case, ..self }
    }

    pub fn with_draft(self, draft: Option<&'a Draft>) -> About<'a> {
        About { draft, ..self }
    }

    pub fn naming(self, named: Option<Provider>, channel: Option<Channel>) -> About<'a> {
        About {
            named,
            channel,
            ..self
        }
    }

    pub fn mentioning(self, mentioned: Option<Decimal>) -> About<'a> {
        About { mentioned, ..self }
    }

    pub fn dated(self, dated: Option<DateTime<Utc>>) -> About<'a> {
        About { dated, ..self }
    }

    /// The answers of the check: the one in progress, else the case's.
    pub fn answers(&self) -> Option<&'a Draft> {
        self.draft.or(self.case.map(|c| &c.data.draft))
    }

    /// The provider the answer is for: named in the question, else the
    /// check's or the case's; `None` when nothing says.
    pub fn provider(&self) -> Option<Provider> {
        self.named
            .or_else(|| self.answers().and_then(Draft::provider))
            .or_else(|| self.case.and_then(|c| c.data.draft.provider()))
    }

    /// Today in Beijing.
    pub fn today(&self) -> NaiveDate {
        local_date(self.now)
    }
}
