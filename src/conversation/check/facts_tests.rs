use crate::case::Draft;
use crate::conversation::base::state::Position as P;
use crate::conversation::check::flow;
use crate::policy::Provider;
use crate::render::{Lang, Renderer};
use serde_json::json;

/// Every question of every provider's check has a "fix" label in both
/// languages (a missing one showed as "[btn.fix]").
#[test]
fn every_question_can_be_fixed_by_a_labelled_button() {
    let r = Renderer::new().expect("templates");
    for provider in [
        Provider::Ucloud,
        Provider::Tencent,
        Provider::Huawei,
        Provider::Aliyun,
    ] {
        let d = Draft {
            provider: Some(provider),
            ..Draft::default()
        };
        // The account question is answered item by item, never fixed whole.
        let all: Vec<P> = flow::main(&d)
            .iter()
            .chain(flow::refine(&d))
            .copied()
            .filter(|p| *p != P::Account)
            .collect();
        for p in all {
            let name = json!(p).as_str().unwrap_or_default().to_owned();
            for lang in Lang::ALL {
                assert!(
                    r.has(lang, &format!("fix.{name}")),
                    "fix.{name} ({lang:?}, {provider:?})"
                );
            }
        }
    }
}
