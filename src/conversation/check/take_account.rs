//! Taking an answer to the prerequisites: billing, the account items, who
//! applies, how the refund is asked for and on what ground.

use crate::case::Draft;
use crate::conversation::base::answer::{Took, ack, tri};
use crate::conversation::base::reply::Reply;
use crate::conversation::base::state::Position as P;
use crate::policy::{Applicant, Billing, Ground, RequestKind, Tri};
use serde_json::json;
use std::str::FromStr;

pub(crate) fn take(d: &mut Draft, p: P, choice: Option<String>, _text: Option<&str>) -> Result<Took, Took> {
    let needs_button = || Took::Wrong(Reply::key("nav.use_buttons"));
    Ok(match p {
        P::Billing => match choice.as_deref() {
            Some("unsure") => Took::Stay(Reply::key("hint.billing")),
            Some(v) => {
                let b = Billing::from_str(v).map_err(|_| needs_button())?;
                d.billing = Some(b);
                // The factors are UCloud's: said as UCloud's while the cloud
                // is unknown, not said for another cloud.
                Took::Next(Some(Reply::new(
                    &format!("ack.billing.{v}"),
                    serde_json::json!({ "provider": d.provider() }),
                )))
            }
            None => return Err(needs_button()),
        },
        P::Account => match choice.as_deref() {
            Some(none @ ("none" | "none_admin" | "none_finance")) => {
                d.account_items = false;
                d.arrears = Some(Tri::No);
                d.violation = Some(Tri::No);
                d.customised = Some(false);
                d.applicant = Some(match none {
                    "none_admin" => Applicant::Admin,
                    "none_finance" => Applicant::Finance,
                    _ => Applicant::Owner,
                });
                Took::Next(None)
            }
            Some(_) => {
                d.account_items = true;
                Took::Next(None)
            }
            None => return Err(needs_button()),
        },
        P::Arrears | P::Violation => {
            let v = choice.as_deref().and_then(tri).ok_or_else(needs_button)?;
            let name = if p == P::Arrears { "arrears" } else { "violation" };
            if p == P::Arrears {
                d.arrears = Some(v);
            } else {
                d.violation = Some(v);
            }
            match v {
                Tri::No => Took::Next(None),
                _ => ack(&format!("ack.{name}.{}", json!(v).as_str().unwrap_or("yes"))),
            }
        }
        P::Customised => {
            let yes = match choice.as_deref() {
                Some("yes") => true,
                Some("no") => false,
                _ => return Err(needs_button()),
            };
            d.customised = Some(yes);
            if yes {
                ack("ack.customised.yes")
            } else {
                Took::Next(None)
            }
        }
        P::Applicant => {
            let v: Applicant = choice
                .as_deref()
                .and_then(|v| serde_json::from_value(json!(v)).ok())
                .ok_or_else(needs_button)?;
            d.applicant = Some(v);
            match v {
                Applicant::Owner => Took::Next(None),
                Applicant::Other => ack("ack.applicant.other"),
                _ => ack("ack.applicant.member"),
            }
        }
        P::Request => {
            let v: RequestKind = choice
                .as_deref()
                .and_then(|v| serde_json::from_value(json!(v)).ok())
                .ok_or_else(needs_button)?;
            d.request = Some(v);
            ack(&format!(
                "ack.request.{}",
                json!(v).as_str().unwrap_or("requested")
            ))
        }
        P::Ground => match choice.as_deref() {
            Some("none") => {
                d.ground = Some(None);
                ack("ack.ground.none")
            }
            Some(v) => {
                let g = Ground::from_str(v).map_err(|_| needs_button())?;
                d.ground = Some(Some(g));
                if g == Ground::WrittenNotice {
                    ack("ack.ground.written_notice")
                } else {
                    ack("ack.ground.evidence")
                }
            }
            None => return Err(needs_button()),
        },
        _ => return Err(needs_button()),
    })
}
