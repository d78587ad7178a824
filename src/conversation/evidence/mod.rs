//! Files sent as evidence: attached to a case, described, listed (`files`).

pub(crate) mod files;
