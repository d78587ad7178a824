//! Every fixed button id, as one enum: a misspelt id does not compile. The
//! wire form ("billing:monthly") is what Telegram callback data and the
//! console carry (`id#turn`); ids with a number or a question in them
//! (`case:3`, `export:3`, `fix:paid`) are built where they are used.

use strum::{EnumString, IntoStaticStr, VariantArray};

#[derive(Clone, Copy, Debug, PartialEq, Eq, EnumString, IntoStaticStr, VariantArray)]
pub enum Id {
    #[strum(serialize = "account:items")]
    AccountItems,
    #[strum(serialize = "account:none")]
    AccountNone,
    #[strum(serialize = "account:none_admin")]
    AccountNoneAdmin,
    #[strum(serialize = "account:none_finance")]
    AccountNoneFinance,
    #[strum(serialize = "agent:unknown")]
    AgentUnknown,
    #[strum(serialize = "applicant:admin")]
    ApplicantAdmin,
    #[strum(serialize = "applicant:finance")]
    ApplicantFinance,
    #[strum(serialize = "applicant:other")]
    ApplicantOther,
    #[strum(serialize = "applicant:owner")]
    ApplicantOwner,
    #[strum(serialize = "arrears:no")]
    ArrearsNo,
    #[strum(serialize = "arrears:unsure")]
    ArrearsUnsure,
    #[strum(serialize = "arrears:yes")]
    ArrearsYes,
    #[strum(serialize = "billing:daily")]
    BillingDaily,
    #[strum(serialize = "billing:hourly")]
    BillingHourly,
    #[strum(serialize = "billing:monthly")]
    BillingMonthly,
    #[strum(serialize = "billing:trial")]
    BillingTrial,
    #[strum(serialize = "billing:unsure")]
    BillingUnsure,
    #[strum(serialize = "billing:yearly")]
    BillingYearly,
    #[strum(serialize = "custom:none")]
    CustomNone,
    #[strum(serialize = "customised:no")]
    CustomisedNo,
    #[strum(serialize = "customised:yes")]
    CustomisedYes,
    #[strum(serialize = "delete:no")]
    DeleteNo,
    #[strum(serialize = "delete:now")]
    DeleteNow,
    #[strum(serialize = "delete:yes")]
    DeleteYes,
    #[strum(serialize = "end:1d")]
    End1d,
    #[strum(serialize = "end:1m")]
    End1m,
    #[strum(serialize = "end:1y")]
    End1y,
    #[strum(serialize = "end:3m")]
    End3m,
    /// "I can't find the instance ID": where to find it.
    #[strum(serialize = "instance:unknown")]
    InstanceUnknown,
    /// A person instead of the bot.
    #[strum(serialize = "human")]
    Human,
    /// Back to the bot while a person has the case.
    #[strum(serialize = "human:back")]
    HumanBack,
    /// Keep waiting for the person.
    #[strum(serialize = "human:wait")]
    HumanWait,
    /// The person may see my phone number and address unmasked.
    #[strum(serialize = "human:unmask")]
    HumanUnmask,
    #[strum(serialize = "follow:contact")]
    FollowContact,
    #[strum(serialize = "follow:different")]
    FollowDifferent,
    #[strum(serialize = "follow:not_arrived")]
    FollowNotArrived,
    #[strum(serialize = "follow:refunded")]
    FollowRefunded,
    #[strum(serialize = "follow:rejected")]
    FollowRejected,
    /// Support's words quoted again (the letter quoted the wrong words).
    #[strum(serialize = "follow:requote")]
    FollowRequote,
    #[strum(serialize = "follow:submitted")]
    FollowSubmitted,
    #[strum(serialize = "follow:skip")]
    FollowSkip,
    #[strum(serialize = "follow:estimate")]
    FollowEstimate,
    #[strum(serialize = "gift:none")]
    GiftNone,
    #[strum(serialize = "ground:cannot-provide")]
    GroundCannotProvide,
    #[strum(serialize = "ground:none")]
    GroundNone,
    #[strum(serialize = "ground:secret-leak")]
    GroundSecretLeak,
    #[strum(serialize = "ground:service-quality")]
    GroundServiceQuality,
    #[strum(serialize = "ground:written-notice")]
    GroundWrittenNotice,
    /// The letter on show, in a softer or a firmer tone.
    #[strum(serialize = "letter:softer")]
    LetterSofter,
    #[strum(serialize = "letter:firmer")]
    LetterFirmer,
    #[strum(serialize = "lang:en")]
    LangEn,
    #[strum(serialize = "lang:zh-CN")]
    LangZhCN,
    #[strum(serialize = "list:none")]
    ListNone,
    /// The list price is not known ("不知道原价"): counted as not promotional, said so.
    #[strum(serialize = "list:unknown")]
    ListUnknown,
    #[strum(serialize = "menu:cases")]
    MenuCases,
    #[strum(serialize = "menu:continue")]
    MenuContinue,
    #[strum(serialize = "menu:follow")]
    MenuFollow,
    #[strum(serialize = "menu:help")]
    MenuHelp,
    #[strum(serialize = "menu:main")]
    MenuMain,
    #[strum(serialize = "menu:new")]
    MenuNew,
    #[strum(serialize = "menu:tips")]
    MenuTips,
    #[strum(serialize = "monthly:unknown")]
    MonthlyUnknown,
    #[strum(serialize = "nav:back")]
    NavBack,
    #[strum(serialize = "nav:keep")]
    NavKeep,
    #[strum(serialize = "overage:none")]
    OverageNone,
    #[strum(serialize = "package:no")]
    PackageNo,
    #[strum(serialize = "package:yes")]
    PackageYes,
    #[strum(serialize = "remind:approved")]
    RemindApproved,
    #[strum(serialize = "remind:arrived")]
    RemindArrived,
    #[strum(serialize = "remind:no_answer")]
    RemindNoAnswer,
    #[strum(serialize = "remind:not_yet")]
    RemindNotYet,
    #[strum(serialize = "remind:stop")]
    RemindStop,
    #[strum(serialize = "reason:bought_by_mistake")]
    ReasonBoughtByMistake,
    #[strum(serialize = "reason:business_change")]
    ReasonBusinessChange,
    #[strum(serialize = "reason:not_as_described")]
    ReasonNotAsDescribed,
    #[strum(serialize = "reason:other")]
    ReasonOther,
    #[strum(serialize = "reason:performance")]
    ReasonPerformance,
    #[strum(serialize = "reject:customised")]
    RejectCustomised,
    #[strum(serialize = "reject:not_eligible")]
    RejectNotEligible,
    #[strum(serialize = "reject:other")]
    RejectOther,
    #[strum(serialize = "reject:promotion")]
    RejectPromotion,
    #[strum(serialize = "reject:usage_abnormal")]
    RejectUsageAbnormal,
    #[strum(serialize = "request:requested")]
    RequestRequested,
    #[strum(serialize = "request:self-service")]
    RequestSelfService,
    #[strum(serialize = "result:evidence")]
    ResultEvidence,
    #[strum(serialize = "result:refine")]
    ResultRefine,
    #[strum(serialize = "result:request")]
    ResultRequest,
    #[strum(serialize = "result:steps")]
    ResultSteps,
    #[strum(serialize = "result:submitted")]
    ResultSubmitted,
    #[strum(serialize = "vas:done")]
    VasDone,
    #[strum(serialize = "vas:none")]
    VasNone,
    #[strum(serialize = "violation:no")]
    ViolationNo,
    #[strum(serialize = "violation:unsure")]
    ViolationUnsure,
    #[strum(serialize = "violation:yes")]
    ViolationYes,
    #[strum(serialize = "voucher:none")]
    VoucherNone,
    #[strum(serialize = "when:now")]
    WhenNow,
    #[strum(serialize = "provider:ucloud")]
    ProviderUcloud,
    #[strum(serialize = "provider:tencent")]
    ProviderTencent,
    #[strum(serialize = "provider:huawei")]
    ProviderHuawei,
    #[strum(serialize = "provider:aliyun")]
    ProviderAliyun,
    /// A product with rules of its own, when the ID does not say it.
    #[strum(serialize = "product:lighthouse")]
    ProductLighthouse,
    #[strum(serialize = "product:ulhost")]
    ProductUlhost,
    #[strum(serialize = "product:cross-border")]
    ProductCrossBorder,
    #[strum(serialize = "first:yes")]
    FirstYes,
    #[strum(serialize = "first:no")]
    FirstNo,
    #[strum(serialize = "first:unsure")]
    FirstUnsure,
    #[strum(serialize = "hourly:unknown")]
    HourlyUnknown,
    #[strum(serialize = "discount:none")]
    DiscountNone,
    #[strum(serialize = "tier:none")]
    TierNone,
    #[strum(serialize = "bandwidth:none")]
    BandwidthNone,
    #[strum(serialize = "renewals:none")]
    RenewalsNone,
    #[strum(serialize = "refund_fee:none")]
    RefundFeeNone,
}

impl Id {
    /// The wire form, e.g. `billing:monthly`.
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// The label template key: `btn.` and the id with `:` as `.`.
    pub fn label(self) -> String {
        format!("btn.{}", self.as_str().replace(':', "."))
    }

    /// The fixed id a pressed button carries, if it is one.
    pub fn parse(id: &str) -> Option<Id> {
        id.parse().ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::{Lang, Renderer};

    #[test]
    fn every_button_has_a_label_in_both_languages_and_round_trips() {
        let r = Renderer::new().expect("templates");
        for id in Id::VARIANTS {
            assert_eq!(Id::parse(id.as_str()), Some(*id));
            for lang in Lang::ALL {
                let label = r
                    .render(lang, &id.label(), ())
                    .unwrap_or_else(|e| panic!("{}: {e}", id.as_str()));
                assert!(!label.trim().is_empty(), "{}", id.as_str());
            }
            // Telegram callback data: `id#turn` under 64 bytes.
            assert!(id.as_str().len() + 21 < 64, "{}", id.as_str());
        }
    }
}
