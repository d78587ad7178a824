//! The `quote` command's arguments, as clap parses them: every value is
//! text here; `flags` and `provider_flags` turn them into case facts.

use clap::Args;

#[derive(Args, Debug, Default)]
pub struct QuoteArgs {
    /// hourly | daily | monthly | yearly | trial
    #[arg(long)]
    pub billing: Option<String>,
    /// Amount paid in cash and gift balance, vouchers excluded (e.g. 800)
    #[arg(long, allow_hyphen_values = true)]
    pub paid: Option<String>,
    /// Start of the order: 2026-03-01, "2026-03-01 14:00" or RFC 3339
    #[arg(long, allow_hyphen_values = true)]
    pub start: Option<String>,
    /// End of the order (same forms as --start)
    #[arg(long, allow_hyphen_values = true)]
    pub end: Option<String>,
    /// Length of the order instead of --end: "1 month", "3个月", "1 year"
    #[arg(long, allow_hyphen_values = true)]
    pub period: Option<String>,
    /// When the resource is deleted (default: now); also --deleted
    #[arg(long, visible_alias = "deleted", alias = "delete", allow_hyphen_values = true)]
    pub at: Option<String>,
    /// ucloud (default) | ucloud-2026 | article | tencent | huawei | aliyun
    #[arg(long)]
    pub policy: Option<String>,
    /// A product with rules of its own: ulhost | cross-border | lighthouse | lighthouse-disk
    /// (taken from the instance ID where its prefix says, e.g. lhins-)
    #[arg(long)]
    pub product: Option<String>,
    /// Part paid with vouchers (not refunded)
    #[arg(long, allow_hyphen_values = true)]
    pub voucher: Option<String>,
    /// Part of --paid that came from the gift balance
    #[arg(long, allow_hyphen_values = true)]
    pub gift: Option<String>,
    /// List price of a promotional order
    #[arg(long, allow_hyphen_values = true)]
    pub list_price: Option<String>,
    /// Monthly list price of a yearly order (estimated when absent)
    #[arg(long, allow_hyphen_values = true)]
    pub monthly_price: Option<String>,
    /// Instance ID, e.g. uhost-1a2b3c4d
    #[arg(long)]
    pub instance: Option<String>,
    /// Quota of the plan, for usage beyond it (e.g. 100)
    #[arg(long, allow_hyphen_values = true)]
    pub quota: Option<String>,
    /// Usage in the period (e.g. 120)
    #[arg(long, allow_hyphen_values = true)]
    pub usage: Option<String>,
    /// Unit price of usage beyond the plan (e.g. 0.8)
    #[arg(long, allow_hyphen_values = true)]
    pub unit_price: Option<String>,
    /// Unit of the usage (e.g. GB)
    #[arg(long)]
    pub unit: Option<String>,
    /// Value-added service NAME:PRICE[:USED_SHARE|:kept], repeatable
    #[arg(long = "vas")]
    pub vas: Vec<String>,
    /// Customisation costs (kept by the provider)
    #[arg(long, allow_hyphen_values = true)]
    pub customisation: Option<String>,
    /// Arrears on the account: no | yes | unsure
    #[arg(long)]
    pub arrears: Option<String>,
    /// Violation on the account: no | yes | unsure
    #[arg(long)]
    pub violation: Option<String>,
    /// The resource has customised services or configuration
    #[arg(long)]
    pub customised: bool,
    /// Bought as a package or usage pack
    #[arg(long)]
    pub package: bool,
    /// owner | admin | finance | other
    #[arg(long)]
    pub applicant: Option<String>,
    /// The refund is asked from support rather than by deleting the resource
    #[arg(long)]
    pub requested: bool,
    /// Ground of clause 14: service-quality | cannot-provide | secret-leak | written-notice
    #[arg(long)]
    pub ground: Option<String>,
    /// A JSON case file (see README)
    #[arg(long)]
    pub input: Option<String>,
    /// Print JSON instead of the readable breakdown
    #[arg(long)]
    pub json: bool,
    /// zh-CN (default) | en
    #[arg(long)]
    pub lang: Option<String>,
    /// Is the five-day no-reason refund still yours (tencent, huawei, aliyun): yes | no | unsure
    #[arg(long)]
    pub first_refund: Option<String>,
    /// Today's pay-as-you-go price per hour (tencent), e.g. 0.42
    #[arg(long, allow_hyphen_values = true)]
    pub hourly_price: Option<String>,
    /// The pay-as-you-go price after HOURS hours (tencent), e.g. 96:0.21
    #[arg(long, allow_hyphen_values = true)]
    pub hourly_tier: Option<String>,
    /// The discount step for the whole months used (tencent), e.g. 0.88 or 88%
    #[arg(long, allow_hyphen_values = true)]
    pub used_discount: Option<String>,
    /// A paid renewal not yet started (tencent), repeatable, e.g. 507.96
    #[arg(long = "renewal", allow_hyphen_values = true)]
    pub renewals: Vec<String>,
    /// Today's pay-as-you-go bandwidth price per hour (tencent, bandwidth billing), e.g. 0.063
    #[arg(long, allow_hyphen_values = true)]
    pub bandwidth_price: Option<String>,
    /// The handling fee on the refund order (huawei: 费用中心 → 订单管理 → 退订与退换货 → 详情), e.g. 12.50
    #[arg(long, allow_hyphen_values = true)]
    pub fee: Option<String>,
    /// The refund the unsubscribe page shows before confirming (huawei), e.g. 850.00
    #[arg(long, allow_hyphen_values = true)]
    pub shown_refund: Option<String>,
}
