//! What a question can be about: one answer template per topic
//! (`templates/<lang>/messages/kb.<topic>.j2`), one button label
//! (`btn.kb.<topic>`), and the paraphrases that name it
//! (`intents/knowledge/<lang>.tsv`).

use std::str::FromStr;
use strum::{EnumString, IntoStaticStr, VariantArray};

/// A question the knowledge base answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, EnumString, IntoStaticStr, VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum Topic {
    /// What an instance ID is and where each console shows it.
    InstanceId,
    /// What the console (控制台) is and how to get there.
    Console,
    /// 按月 / 按年 / 按量 / 按日 / 按小时, and how to tell which one.
    BillingKinds,
    /// Customised services (定制).
    Customised,
    /// Usage beyond the plan (traffic, bandwidth): whether it is taken off.
    Overage,
    /// Gift balance (赠金) and vouchers (代金券): what each is.
    GiftVsVoucher,
    /// Whether the part paid with vouchers comes back.
    Vouchers,
    /// The × 1.5 / × 1.25 / monthly price in the formula, and why.
    Coefficient,
    /// How the refund is computed.
    Formula,
    /// The five-day no-reason refund.
    FiveDay,
    /// Where refunded money goes (balance or original channel).
    WhereMoneyGoes,
    /// Getting it to Alipay, WeChat or a bank card, and how long each takes.
    Withdrawal,
    /// Invoices and refunds.
    Invoices,
    /// Where a letter (the request, the appeal) goes.
    WhereToSend,
    /// Where in the console to delete or unsubscribe.
    WhereToDelete,
    /// Whether to delete again (recycle bin, release).
    DeleteAgain,
    /// How long review and arrival take.
    Timing,
    /// MIIT's 12300 telecom complaint, and whether this case may go there.
    Miit,
    /// 12315, the market regulator.
    Samr,
    /// Court and small claims.
    Court,
    /// Arrears (欠费).
    Arrears,
    /// Violations (违规).
    Violations,
    /// Who may apply (owner, admin, finance member).
    WhoMayApply,
    /// What evidence helps.
    Evidence,
    /// Huawei's handling fee, and fees elsewhere.
    HandlingFee,
    /// Promotional orders and the list price.
    Promotion,
    /// Whether a yearly order is refunded at all.
    Yearly,
    /// What is not refunded at all.
    NotRefundable,
    /// An objection to the amount or the bill, and its deadline.
    BillObjection,
    /// What the monthly price (月单价) is and where to find it.
    MonthlyPrice,
    /// Whether an amount (the estimate, what came back) is right.
    CheckAmount,
    /// Where the console shows what was actually refunded.
    WhereToSee,
    /// Whether a deleted or unsubscribed server still needs a request.
    ApplyAfterDelete,
    /// What the chances of an appeal are (no figure: what decides it).
    Chances,
    /// What "the provider's formal complaint channel" is, and where.
    FormalComplaint,
    /// Why the estimate is this figure (or changed to it): its lines.
    WhyFigure,
    /// Whether deleting is still worth it, money-wise.
    ShouldDelete,
    /// Whether to delete now or wait while an appeal is pending.
    DeleteInAppeal,
    /// What "退订" (unsubscribing) means, and how it differs from deleting.
    Unsubscribe,
    /// What is left after deleting: the data, a website on the server.
    AfterDelete,
    /// How to keep a copy of the data before deleting (download, snapshot, image).
    Backup,
    /// How to stop the charges: delete, not only shut down.
    StopCharges,
    /// Tencent's Lighthouse and CVM: two products, two sets of rules.
    Lighthouse,
    /// What day and time the bot counts as now.
    Today,
    /// Whether a refund gives back a new-user offer (not in the published rules).
    NewUserOffer,
    /// Whether asking support for a breakdown can take back money that came.
    RecheckRisk,
    /// What the bot cannot do.
    BotLimits,
    /// What the bot keeps and how to erase it.
    Privacy,
}

impl Topic {
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    pub fn parse(s: &str) -> Option<Topic> {
        Topic::from_str(s).ok()
    }

    /// The answer's template key.
    pub fn key(self) -> String {
        format!("kb.{}", self.as_str())
    }

    /// The id of a "did you mean" button for this topic.
    pub fn button_id(self) -> String {
        format!("{BUTTON}{}", self.as_str())
    }

    /// Two topics so close that a question between them is best answered
    /// by both (short answers that read as one) rather than a choice: where
    /// the money goes and how to get it out; what a voucher is and whether
    /// it comes back; the deadline of the five days and how long things take;
    /// where a letter goes and the deadline of an objection to the amount, or
    /// whether the amount is right; the five days and the fee they spare.
    pub fn neighbours(self, other: Topic) -> bool {
        use Topic as T;
        const PAIRS: [(Topic, Topic); 6] = [
            (T::WhereMoneyGoes, T::Withdrawal),
            (T::GiftVsVoucher, T::Vouchers),
            (T::FiveDay, T::Timing),
            (T::WhereToSend, T::BillObjection),
            (T::CheckAmount, T::WhereToSend),
            (T::FiveDay, T::HandlingFee),
        ];
        PAIRS
            .iter()
            .any(|&(a, b)| (a, b) == (self, other) || (b, a) == (self, other))
    }

    /// The topic the question on screen is about, if one: between two likely
    /// topics, a question asked there is about it ("where in the console is
    /// the instance ID?" at the instance ID question).
    pub fn of_screen(at: crate::conversation::base::state::Position) -> Option<Topic> {
        use crate::conversation::base::state::Position as P;
        Some(match at {
            P::Instance | P::FollowInstance => Topic::InstanceId,
            P::Billing => Topic::BillingKinds,
            P::Customised | P::Customisation => Topic::Customised,
            P::Arrears => Topic::Arrears,
            P::Violation => Topic::Violations,
            P::Applicant => Topic::WhoMayApply,
            P::Voucher => Topic::Vouchers,
            P::Gift => Topic::GiftVsVoucher,
            P::MonthlyPrice => Topic::MonthlyPrice,
            P::ListPrice => Topic::Promotion,
            P::FirstRefund => Topic::FiveDay,
            _ => return None,
        })
    }

    /// The topic a "did you mean" button stands for.
    pub fn from_button(id: &str) -> Option<Topic> {
        id.strip_prefix(BUTTON).and_then(Topic::parse)
    }
}

/// The prefix of the "did you mean" buttons' ids.
pub const BUTTON: &str = "kb:";
