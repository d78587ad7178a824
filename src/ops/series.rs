//! The series `/metrics` shows: one list, [`Series`], each with its help
//! text, its type and its labels, and every label's values as an enum, so
//! that every label set is known in advance. The Prometheus recorder is
//! installed on first use ([`handle`]); every series of the list is described
//! and set at zero then, label set by label set, so a scrape before the first
//! update already shows them all. Code anywhere records through the helpers
//! of `record`, never with the `metrics` macros itself (`tests/metrics_at_start.rs`
//! checks both).

use std::sync::OnceLock;

use metrics::{Label, Unit};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use strum::{EnumIter, IntoEnumIterator, IntoStaticStr};

/// Every series the program records, by its Prometheus name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, EnumIter, IntoStaticStr)]
pub enum Series {
    /// Updates handled, by `kind` and `outcome`.
    #[strum(serialize = "refund_updates_total")]
    Updates,
    /// Seconds from an update's arrival to its replies being decided and stored.
    #[strum(serialize = "refund_step_duration_seconds")]
    StepSeconds,
    /// Bot API calls, by `method`.
    #[strum(serialize = "refund_bot_api_calls_total")]
    ApiCalls,
    /// Failed Bot API calls, by `method` and `error`.
    #[strum(serialize = "refund_bot_api_errors_total")]
    ApiErrors,
    /// 429 answers from the Bot API, by `method`.
    #[strum(serialize = "refund_bot_api_429_total")]
    ApiRetryAfter,
    #[strum(serialize = "refund_cases_created_total")]
    CasesCreated,
    #[strum(serialize = "refund_quotes_computed_total")]
    Quotes,
    /// Reminders by `state`.
    #[strum(serialize = "refund_reminders_total")]
    Reminders,
    #[strum(serialize = "refund_database_errors_total")]
    DbErrors,
    /// Updates that could not be read (logged by id and size, then skipped).
    #[strum(serialize = "refund_updates_malformed_total")]
    MalformedUpdates,
    /// Cases handed to a person in the operator inbox.
    #[strum(serialize = "refund_handoffs_opened_total")]
    HandoffsOpened,
    /// Hand-offs ended (`/close` by the person, or the user back to the bot).
    #[strum(serialize = "refund_handoffs_closed_total")]
    HandoffsClosed,
    /// Seconds from a hand-off to the person's first reply.
    #[strum(serialize = "refund_handoff_first_reply_seconds")]
    HandoffFirstReply,
    /// Hand-offs open now.
    #[strum(serialize = "refund_handoffs_open")]
    HandoffsOpen,
    /// Case pictures drawn.
    #[strum(serialize = "refund_pictures_drawn_total")]
    PicturesDrawn,
    /// Case pictures not drawn: no spare CPU in time (the text went alone).
    #[strum(serialize = "refund_pictures_shed_total")]
    PicturesShed,
}

/// What kind of series it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Type {
    Counter,
    /// In seconds.
    Histogram,
    /// A value that goes up and down.
    Gauge,
}

impl Type {
    /// As Prometheus's `# TYPE` line names it.
    pub fn name(self) -> &'static str {
        match self {
            Type::Counter => "counter",
            Type::Histogram => "histogram",
            Type::Gauge => "gauge",
        }
    }
}

/// A label of a series.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dim {
    /// [`UpdateKind`].
    Kind,
    /// [`UpdateOutcome`].
    Outcome,
    /// [`ApiMethod`].
    Method,
    /// [`ApiError`].
    Error,
    /// [`ReminderState`].
    State,
}

impl Dim {
    pub fn key(self) -> &'static str {
        match self {
            Dim::Kind => "kind",
            Dim::Outcome => "outcome",
            Dim::Method => "method",
            Dim::Error => "error",
            Dim::State => "state",
        }
    }

    /// Every value the label takes.
    pub fn values(self) -> Vec<&'static str> {
        fn all<E: IntoEnumIterator + Into<&'static str>>() -> Vec<&'static str> {
            E::iter().map(Into::into).collect()
        }
        match self {
            Dim::Kind => all::<UpdateKind>(),
            Dim::Outcome => all::<UpdateOutcome>(),
            Dim::Method => all::<ApiMethod>(),
            Dim::Error => all::<ApiError>(),
            Dim::State => all::<ReminderState>(),
        }
    }
}

impl Series {
    pub fn name(self) -> &'static str {
        self.into()
    }

    /// The `# HELP` text.
    pub fn help(self) -> &'static str {
        match self {
            Series::Updates => "Updates handled, by kind and outcome",
            Series::StepSeconds => "Time to handle one update",
            Series::ApiCalls => "Bot API calls by method",
            Series::ApiErrors => "Failed Bot API calls by method and error",
            Series::ApiRetryAfter => "429 answers from the Bot API",
            Series::CasesCreated => "Cases created",
            Series::Quotes => "Refund quotes computed",
            Series::Reminders => "Reminders by state (due, sent, failed, blocked)",
            Series::DbErrors => "Database errors",
            Series::MalformedUpdates => "Updates that could not be read and were skipped",
            Series::HandoffsOpened => "Cases handed to a person",
            Series::HandoffsClosed => "Hand-offs to a person ended",
            Series::HandoffFirstReply => "Time from a hand-off to the person's first reply",
            Series::HandoffsOpen => "Hand-offs to a person open now",
            Series::PicturesDrawn => "Case pictures drawn",
            Series::PicturesShed => "Case pictures not drawn for want of spare CPU (the text went alone)",
        }
    }

    pub fn kind(self) -> Type {
        match self {
            Series::StepSeconds | Series::HandoffFirstReply => Type::Histogram,
            Series::HandoffsOpen => Type::Gauge,
            _ => Type::Counter,
        }
    }

    /// Its labels, in the order they are recorded with.
    pub fn dims(self) -> &'static [Dim] {
        match self {
            Series::Updates => &[Dim::Kind, Dim::Outcome],
            Series::ApiCalls | Series::ApiRetryAfter => &[Dim::Method],
            Series::ApiErrors => &[Dim::Method, Dim::Error],
            Series::Reminders => &[Dim::State],
            Series::StepSeconds
            | Series::CasesCreated
            | Series::Quotes
            | Series::DbErrors
            | Series::MalformedUpdates
            | Series::HandoffsOpened
            | Series::HandoffsClosed
            | Series::HandoffFirstReply
            | Series::HandoffsOpen
            | Series::PicturesDrawn
            | Series::PicturesShed => &[],
        }
    }

    /// Every label set the series can be recorded with: each combination of
    /// its labels' values (one empty set for a series without labels).
    pub fn label_sets(self) -> Vec<Vec<(&'static str, &'static str)>> {
        let mut sets = vec![Vec::new()];
        for dim in self.dims() {
            let values = dim.values();
            sets = sets
                .into_iter()
                .flat_map(|set| {
                    values.iter().map(move |v| {
                        let mut set = set.clone();
                        set.push((dim.key(), *v));
                        set
                    })
                })
                .collect();
        }
        sets
    }
}

/// What an update was.
#[derive(Clone, Copy, Debug, PartialEq, Eq, EnumIter, IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
pub enum UpdateKind {
    Text,
    Command,
    Button,
    File,
}

/// How an update ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, EnumIter, IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
pub enum UpdateOutcome {
    Ok,
    /// The store could not be reached: the user was asked to send it again.
    Unsaved,
    /// Handled before (a redelivery).
    Duplicate,
    /// A press on an old keyboard.
    Expired,
    /// A press on another user's keyboard.
    Refused,
    Error,
}

/// The Bot API methods counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, EnumIter, IntoStaticStr)]
#[strum(serialize_all = "camelCase")]
pub enum ApiMethod {
    SendMessage,
    SendDocument,
    SendPhoto,
}

/// How a Bot API call failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, EnumIter, IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
pub enum ApiError {
    /// 429: Telegram asked to wait.
    RetryAfter,
    Network,
    /// The user blocked the bot or cannot be written to.
    Blocked,
    /// Any other answer of the Bot API.
    Api,
    Other,
}

/// Where a reminder got to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, EnumIter, IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
pub enum ReminderState {
    /// Claimed, to be sent.
    Due,
    Sent,
    Failed,
    /// Not sent: the user blocked the bot.
    Blocked,
}

/// The series without labels that [`count`] adds to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, EnumIter)]
pub enum Counter {
    CasesCreated,
    Quotes,
    DbErrors,
    MalformedUpdates,
    HandoffsOpened,
    HandoffsClosed,
    PicturesDrawn,
    PicturesShed,
}

impl Counter {
    pub fn series(self) -> Series {
        match self {
            Counter::CasesCreated => Series::CasesCreated,
            Counter::Quotes => Series::Quotes,
            Counter::DbErrors => Series::DbErrors,
            Counter::MalformedUpdates => Series::MalformedUpdates,
            Counter::HandoffsOpened => Series::HandoffsOpened,
            Counter::HandoffsClosed => Series::HandoffsClosed,
            Counter::PicturesDrawn => Series::PicturesDrawn,
            Counter::PicturesShed => Series::PicturesShed,
        }
    }
}

/// The step-latency buckets, in seconds: a step is a few milliseconds.
const STEP_BUCKETS: [f64; 12] = [
    0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0,
];

/// The first-reply buckets, in seconds: minutes to a couple of days.
const REPLY_BUCKETS: [f64; 9] = [
    60.0, 300.0, 900.0, 1800.0, 3600.0, 7200.0, 14400.0, 28800.0, 86400.0,
];

static HANDLE: OnceLock<Option<PrometheusHandle>> = OnceLock::new();

/// The process's Prometheus recorder, installed the first time it is asked
/// for, with every series at zero; `None` when another recorder was
/// installed first (then nothing is exported, and recording is a no-op).
pub fn handle() -> Option<&'static PrometheusHandle> {
    HANDLE
        .get_or_init(|| {
            let built = PrometheusBuilder::new()
                .set_buckets_for_metric(
                    Matcher::Full(Series::StepSeconds.name().to_owned()),
                    &STEP_BUCKETS,
                )
                .and_then(|b| {
                    b.set_buckets_for_metric(
                        Matcher::Full(Series::HandoffFirstReply.name().to_owned()),
                        &REPLY_BUCKETS,
                    )
                })
                .and_then(PrometheusBuilder::install_recorder);
            match built {
                Ok(h) => {
                    register_all();
                    Some(h)
                }
                Err(e) => {
                    tracing::warn!("metrics are not exported: {e}");
                    None
                }
            }
        })
        .as_ref()
}

/// Describes every series and registers each of its label sets at zero.
fn register_all() {
    for s in Series::iter() {
        match s.kind() {
            Type::Counter => metrics::describe_counter!(s.name(), s.help()),
            Type::Histogram => metrics::describe_histogram!(s.name(), Unit::Seconds, s.help()),
            Type::Gauge => metrics::describe_gauge!(s.name(), s.help()),
        }
        for set in s.label_sets() {
            let values: Vec<&'static str> = set.iter().map(|(_, v)| *v).collect();
            match s.kind() {
                Type::Counter => add(s, &values, 0),
                // Registered, nothing recorded: its buckets, count and sum at zero.
                Type::Histogram => drop(metrics::histogram!(s.name(), labels(s, &values))),
                Type::Gauge => metrics::gauge!(s.name(), labels(s, &values)).set(0.0),
            }
        }
    }
}

/// The labels of `series` with these values, in the order of its dims.
pub(super) fn labels(series: Series, values: &[&'static str]) -> Vec<Label> {
    debug_assert_eq!(series.dims().len(), values.len(), "{series:?}");
    series
        .dims()
        .iter()
        .zip(values)
        .map(|(dim, value)| Label::new(dim.key(), *value))
        .collect()
}

pub(super) fn add(series: Series, values: &[&'static str], n: u64) {
    metrics::counter!(series.name(), labels(series, values)).increment(n);
}
