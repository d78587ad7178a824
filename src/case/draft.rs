//! Everything the user has answered for one refund check (the draft), and
//! the facts the policy engine reads from it.

use crate::input::{InstanceId, PeriodLen};
use crate::policy::{
    AccountFacts, Applicant, Billing, CaseFacts, Ground, Need, Order, OrderKind, Overage, ProfileId,
    Provider, ProviderFacts, RequestKind, Tri, ValueAdded,
};
use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Why the user wants the refund (buttons, or their own words).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(rename_all = "snake_case", tag = "kind", content = "text")]
pub enum Reason {
    BusinessChange,
    Performance,
    NotAsDescribed,
    BoughtByMistake,
    Other(String),
}

/// Everything the user has answered for one refund check.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
#[serde(default)]
pub struct Draft {
    pub billing: Option<Billing>,
    /// The user chose to answer the account items one by one.
    pub account_items: bool,
    pub arrears: Option<Tri>,
    pub violation: Option<Tri>,
    pub customised: Option<bool>,
    pub applicant: Option<Applicant>,
    pub request: Option<RequestKind>,
    /// `Some(None)`: asked, none of the four grounds applies.
    #[serde(with = "answered")]
    pub ground: Option<Option<Ground>>,
    pub instance: Option<InstanceId>,
    /// Bought as a package or usage pack (asked for package-type products).
    pub package: Option<bool>,
    pub start: Option<DateTime<Utc>>,
    pub end: Option<DateTime<Utc>>,
    pub period: Option<PeriodLen>,
    #[serde(with = "rust_decimal::serde::str_option")]
    pub paid: Option<Decimal>,
    /// `Some(None)`: asked, not a promotional order.
    #[serde(with = "answered")]
    pub list_price: Option<Option<Decimal>>,
    #[serde(with = "rust_decimal::serde::str_option")]
    pub voucher: Option<Decimal>,
    #[serde(with = "rust_decimal::serde::str_option")]
    pub gift: Option<Decimal>,
    /// `Some(None)`: asked, not known (estimated).
    #[serde(with = "answered")]
    pub monthly_price: Option<Option<Decimal>>,
    /// `Some(None)`: asked, none.
    #[serde(with = "answered")]
    pub overage: Option<Option<Overage>>,
    pub value_added: Vec<ValueAdded>,
    /// Asked and finished adding value-added services.
    pub value_added_done: bool,
    #[serde(with = "rust_decimal::serde::str_option")]
    pub customisation: Option<Decimal>,
    pub delete_at: Option<DateTime<Utc>>,
    /// Not deleted when asked ("现在", "还没删", a day to come): `delete_at`
    /// is the moment the estimate assumes, not a deletion that happened.
    pub not_deleted: bool,
    pub reason: Option<Reason>,
    /// The cloud as the user chose it (else read from the instance ID).
    pub provider: Option<Provider>,
    /// A product with rules of its own as the user chose it (Lighthouse,
    /// ULHost), when the ID does not say it.
    pub product: Option<ProfileId>,
    /// The person could not find the instance ID and named the cloud
    /// instead: the check goes on without it.
    pub no_instance: bool,
    /// The other clouds' inputs beyond the order (today's prices, ...).
    pub cloud: ProviderFacts,
    /// Inputs asked and answered "none" or "don't know": not asked again.
    pub declined: Vec<Need>,
}

/// Products UCloud sells as packages or one-off usage packs (source A).
pub const PACKAGE_PRODUCTS: [&str; 5] = ["ucdn", "ufile", "uads", "usms", "uddos"];

impl Draft {
    /// The refund is asked of support (a request, or a request made before
    /// the server was deleted), not the balance refund a deletion makes.
    pub fn asked_of_support(&self) -> bool {
        self.request == Some(crate::policy::RequestKind::Requested) || self.not_deleted
    }

    /// The instance belongs to a product that is sold as packages.
    pub fn is_package_product(&self) -> bool {
        self.instance
            .as_ref()
            .is_some_and(|i| PACKAGE_PRODUCTS.contains(&i.prefix()))
    }

    /// The cloud of the check: chosen, else named by the instance ID.
    pub fn provider(&self) -> Option<Provider> {
        self.provider.or_else(|| self.id_provider())
    }

    /// The cloud the instance ID names (UCloud's package products too).
    pub fn id_provider(&self) -> Option<Provider> {
        let id = self.instance.as_ref()?;
        id.provider()
            .or_else(|| self.is_package_product().then_some(Provider::Ucloud))
    }

    /// A check under Tencent's, Huawei's or Alibaba's rules.
    pub fn is_cloud(&self) -> bool {
        self.provider().is_some_and(|p| p != Provider::Ucloud)
    }

    /// The rules that apply: the provider's own, or `ucloud` (the app's
    /// UCloud profile) for UCloud and while the provider is not known.
    pub fn profile(&self, ucloud: ProfileId) -> ProfileId {
        // A product with rules of its own, named by the ID's prefix
        // (Lighthouse `lhins-`, ULHost `ulhost-`), of the same provider.
        let product = self
            .instance
            .as_ref()
            .and_then(|i| ProfileId::for_prefix(i.prefix()))
            .or(self.product)
            .filter(|p| Some(crate::policy::Profile::load(*p).provider) == self.provider());
        match (product, self.provider()) {
            (Some(p), _) => p,
            (None, Some(p)) if p != Provider::Ucloud => ProfileId::for_provider(p),
            _ => ucloud,
        }
    }

    /// The case facts for the policy engine, once every needed answer is in.
    pub fn facts(&self) -> Option<CaseFacts> {
        Some(CaseFacts {
            billing: self.billing?,
            product: None,
            instance_id: self.instance.as_ref().map(|i| i.as_str().to_owned()),
            orders: vec![Order {
                kind: OrderKind::New,
                start: self.start?,
                end: self.end?,
                paid: self.paid?,
                list_price: self.list_price.flatten(),
            }],
            at: self.delete_at?,
            voucher: self.voucher.unwrap_or_default(),
            gift: self.gift.unwrap_or_default(),
            monthly_price: self
                .monthly_price
                .flatten()
                .filter(|_| self.billing == Some(Billing::Yearly) || self.is_cloud()),
            overage: self.overage.clone().flatten(),
            value_added: self.value_added.clone(),
            customisation_cost: match self.customised {
                Some(true) => self.customisation.unwrap_or_default(),
                _ => Decimal::ZERO,
            },
            account: AccountFacts {
                arrears: self.arrears.unwrap_or_default(),
                violation: self.violation.unwrap_or_default(),
                customised: self.customised.unwrap_or_default(),
                applicant: self.applicant.unwrap_or_default(),
                request: self.request.unwrap_or_default(),
                ground: match self.request {
                    Some(RequestKind::Requested) => self.ground.flatten(),
                    _ => None,
                },
                package: self.package.unwrap_or(false) && self.is_package_product(),
            },
        })
    }
}

/// An answer that may be "none": `null` when not asked yet, `{"value": null}`
/// when asked and answered "none", `{"value": x}` otherwise, so the difference
/// survives storage.
mod answered {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    #[derive(Serialize, Deserialize)]
    struct Answered<T> {
        value: Option<T>,
    }

    pub fn serialize<S: Serializer, T: Serialize + Clone>(
        v: &Option<Option<T>>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        v.as_ref()
            .map(|inner| Answered { value: inner.clone() })
            .serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
        d: D,
    ) -> Result<Option<Option<T>>, D::Error> {
        Ok(Option::<Answered<T>>::deserialize(d)?.map(|a| a.value))
    }
}
