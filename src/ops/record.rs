//! Recording: the helpers code anywhere records through, each for one
//! series of [`Series`] (the list and the recorder are in `series`).

use std::time::Duration;

use super::series::{
    ApiError, ApiMethod, Counter, ReminderState, Series, UpdateKind, UpdateOutcome, add, handle, labels,
};

/// One update handled.
pub fn update(kind: UpdateKind, outcome: UpdateOutcome, took: Duration) {
    handle();
    add(Series::Updates, &[kind.into(), outcome.into()], 1);
    metrics::histogram!(Series::StepSeconds.name(), labels(Series::StepSeconds, &[]))
        .record(took.as_secs_f64());
}

/// One Bot API call, `error` naming the failure if it failed.
pub fn api_call(method: ApiMethod, error: Option<ApiError>) {
    handle();
    add(Series::ApiCalls, &[method.into()], 1);
    if let Some(error) = error {
        add(Series::ApiErrors, &[method.into(), error.into()], 1);
        if error == ApiError::RetryAfter {
            add(Series::ApiRetryAfter, &[method.into()], 1);
        }
    }
}

/// Counts `n` of a series without labels (cases created, quotes computed,
/// database errors, malformed updates).
pub fn count(counter: Counter, n: u64) {
    handle();
    add(counter.series(), &[], n);
}

/// Counts `n` reminders reaching `state`.
pub fn reminders(state: ReminderState, n: u64) {
    handle();
    add(Series::Reminders, &[state.into()], n);
}

/// The person's first reply on a hand-off came after `took`.
pub fn handoff_first_reply(took: Duration) {
    handle();
    metrics::histogram!(
        Series::HandoffFirstReply.name(),
        labels(Series::HandoffFirstReply, &[])
    )
    .record(took.as_secs_f64());
}

/// Hand-offs open now (as the store counts them).
pub fn handoffs_open(n: u64) {
    handle();
    metrics::gauge!(Series::HandoffsOpen.name(), labels(Series::HandoffsOpen, &[])).set(n as f64);
}
