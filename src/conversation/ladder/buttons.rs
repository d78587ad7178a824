//! The ladder's buttons: its actions on a case, and the way back.

use crate::conversation::base::buttons::Id;
use crate::conversation::base::reply::Button;
use serde_json::json;

pub(super) fn btn(n: i64, action: &str, label: &str) -> Button {
    Button::with(
        format!("lad:{n}:{action}"),
        &format!("btn.ladder.{label}"),
        json!({ "n": n }),
    )
}

pub(super) fn case_and_menu(n: i64) -> Vec<Button> {
    vec![
        Button::with(format!("case:{n}"), "btn.ladder.case", json!({ "n": n })),
        Button::new(Id::MenuMain),
    ]
}
