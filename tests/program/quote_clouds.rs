//! Huawei Cloud and Alibaba Cloud through the `quote` command (Huawei's
//! published examples to the cent; Alibaba's answer without a figure), the
//! provider picked from the instance ID, the new flags' errors and the texts.
//! The tests live in `tests/program/quote_clouds/`, by area.

use crate::clouds;

#[path = "quote_clouds/alibaba.rs"]
mod alibaba;
#[path = "quote_clouds/huawei.rs"]
mod huawei;
#[path = "quote_clouds/texts.rs"]
mod texts;

use clouds::{codes, json, refund, run, text};
use serde_json::Value;
