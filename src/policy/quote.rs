//! The result of a quote: figures, breakdown lines and findings. Text is
//! rendered from templates by key; nothing here is display text.

use super::profile::ProfileId;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

/// Round a figure the user sees to the cent, half up. Called once per figure.
pub fn cents(x: Decimal) -> Decimal {
    let mut y = x.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    y.rescale(2);
    // A tiny negative figure rounds to 0.00, never to "-0.00".
    if y.is_zero() {
        y.set_sign_positive(true);
    }
    y
}

/// A total made of figures as they are shown: each part is rounded to the
/// cent when it is added (that is the figure its line shows), and the total
/// is the sum of those, so a breakdown always adds up to what it says.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Shown(Decimal);

impl Shown {
    /// Adds one part, rounded as shown; returns that rounded part.
    pub fn add(&mut self, part: Decimal) -> Decimal {
        let c = cents(part);
        self.0 += c;
        c
    }

    /// The sum of the parts as shown.
    pub fn total(self) -> Decimal {
        cents(self.0)
    }
}

/// Variables for a template.
pub type Vars = BTreeMap<String, Value>;

/// One line of the breakdown: rendered from template `line.<key>`.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Line {
    pub key: String,
    /// The money figure of the line, already rounded, if it has one.
    #[serde(default, with = "rust_decimal::serde::str_option")]
    pub amount: Option<Decimal>,
    #[serde(default)]
    pub vars: Vars,
}

impl Line {
    pub fn new(key: &str, amount: Option<Decimal>) -> Line {
        Line {
            key: key.to_owned(),
            amount,
            vars: Vars::new(),
        }
    }

    pub fn var(mut self, name: &str, value: impl Into<Value>) -> Line {
        self.vars.insert(name.to_owned(), value.into());
        self
    }

    /// A money variable, as a two-decimal string.
    pub fn money(self, name: &str, value: Decimal) -> Line {
        self.var(name, format!("{:.2}", cents(value)))
    }
}

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Blocker,
    Risk,
    Info,
}

/// The stable codes of findings (template keys `finding.<code>.reason` and `.action`).
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum FindingCode {
    ArrearsOutstanding,
    ArrearsUnknown,
    AccountViolation,
    ViolationUnknown,
    PackageProduct,
    PackageUnconfirmed,
    ApplicantPermission,
    NoAgreementGround,
    WrittenNoticePenalty,
    YearlyClauseConflict,
    YearlyOverHalf,
    DailyEarlyRelease,
    /// A daily cloud host released early: not refunded (UCloud, 2026 page).
    DailyHostNotRefunded,
    PromotionalOrder,
    VouchersNotRefunded,
    LongerReview,
    WholePeriodUsed,
    ConsumedExceedsPaid,
    DateOutsideOrder,
    MonthlyPriceEstimated,
    TrialPeriod,
    PennyKept,
    CalendarFallback,
    // The other clouds (Tencent, Huawei, Alibaba).
    FiveDayUnsure,
    FiveDayQuotaScope,
    FiveDayBoundaryUnclear,
    ProviderExclusions,
    CurrentPrices,
    DiscountAssumed,
    HourlyTierExampleOnly,
    UpgradeExampleAsPublished,
    MonthlyPriceNeeded,
    HourlyPriceNeeded,
    NoPublishedFormula,
    HandlingFeeUnpublished,
    UsageCountedInDays,
    /// Pay-as-you-go (not prepaid) billing: nothing to refund.
    NotPrepaid,
    /// Billing the provider never refunds (Huawei trials).
    TrialNotRefundable,
    /// Unsubscribed before it started: everything back (Huawei).
    NotStartedFullRefund,
    /// Huawei's whole hours, rounded down, for this order.
    WholeHours,
    /// The instance ID was read in its canonical (lower-case) form.
    InstanceIdNormalised,
    /// What Alibaba's other pages suggest for a non-full refund: hints, not rules.
    AliyunHints,
    /// Huawei's fee as the user's refund order shows it, checked against the formula.
    FeeFromRefundOrder,
    /// The refund the unsubscribe page shows, and the fee it implies.
    FeeFromShownRefund,
    // The products with rules of their own (ULHost, cross-border, Lighthouse).
    /// The ULHost page is deleted; its last text is applied, its misprint said.
    UlhostPageDeleted,
    /// A cross-border-zone host gets no refund of the remaining period.
    CrossBorderNoRefund,
    /// Lighthouse's self-service refund quotas.
    LighthouseQuota,
    /// How Lighthouse counts its five days is not published.
    LighthouseFiveDayCount,
    /// The order's list price is needed (the used days are charged at it).
    ListPriceNeeded,
}

impl FindingCode {
    pub fn as_str(self) -> String {
        match serde_json::to_value(self) {
            Ok(Value::String(s)) => s,
            _ => String::new(),
        }
    }
}

/// Something that can get the request rejected or delayed, or that the user
/// should know, with the action to take (rendered from templates).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Finding {
    pub code: FindingCode,
    pub severity: Severity,
    #[serde(default)]
    pub vars: Vars,
}

impl Finding {
    pub fn new(code: FindingCode, severity: Severity) -> Finding {
        Finding {
            code,
            severity,
            vars: Vars::new(),
        }
    }

    pub fn var(mut self, name: &str, value: impl Into<Value>) -> Finding {
        self.vars.insert(name.to_owned(), value.into());
        self
    }
}

/// A computed quote.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Quote {
    pub policy: ProfileId,
    pub policy_version: String,
    pub source_url: String,
    /// Cash and gift paid, value-added services included (vouchers excluded).
    #[serde(with = "rust_decimal::serde::str")]
    pub paid: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    pub voucher: Decimal,
    /// What the rule charges for the time used.
    #[serde(with = "rust_decimal::serde::str")]
    pub consumed: Decimal,
    /// Usage beyond the plan, used value-added services, customisation costs.
    #[serde(with = "rust_decimal::serde::str")]
    pub deductions: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    pub refund: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    pub refund_cash: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    pub refund_gift: Decimal,
    pub used_hours: i64,
    pub period_hours: i64,
    pub lines: Vec<Line>,
    pub findings: Vec<Finding>,
}

impl Quote {
    /// What one more hour of use takes off the refund, where the rule
    /// charges time linearly and some was used.
    pub fn per_hour(&self) -> Option<Decimal> {
        (self.used_hours > 0 && self.consumed > Decimal::ZERO)
            .then(|| self.consumed / Decimal::from(self.used_hours))
    }

    /// What an invoice issued for everything paid covers beyond what was
    /// used (UCloud holds that much of the balance back from withdrawal).
    pub fn over_invoiced(&self) -> Decimal {
        (self.paid - self.consumed).max(Decimal::ZERO)
    }

    pub fn has(&self, code: FindingCode) -> bool {
        self.findings.iter().any(|f| f.code == code)
    }

    pub fn blockers(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| f.severity == Severity::Blocker)
    }
}
