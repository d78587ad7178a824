//! The evidence files beside the database: the store's folder for them
//! (`--evidence-dir` replaces it), and erasing them with the rows that refer
//! to them (`/delete_my_data`, retention).

use std::collections::HashSet;
use std::path::PathBuf;

use super::db::on_conn;
use super::error::StoreError;
use super::evidence_dir::EvidenceDir;
use super::handle::Store;
use super::types::UserKey;

/// Every case of one user, by its key.
const USER_CASE_INPUTS: &str = "\
SELECT c.inputs FROM cases c JOIN users u ON u.id = c.user_id WHERE u.transport = $1 AND u.external_id = $2";

/// The hashes of the evidence files a case's stored inputs refer to.
pub(crate) fn hashes_in(inputs: &serde_json::Value, into: &mut HashSet<String>) {
    let files = inputs.get("evidence").and_then(|e| e.as_array());
    for f in files.into_iter().flatten() {
        if let Some(h) = f.get("sha256").and_then(|h| h.as_str()) {
            into.insert(h.to_owned());
        }
    }
}

impl Store {
    /// Where evidence files are kept.
    pub fn evidence(&self) -> &EvidenceDir {
        &self.evidence
    }

    /// Keeps evidence files in `dir` instead (`--evidence-dir`).
    pub fn with_evidence_dir(mut self, dir: impl Into<PathBuf>) -> Store {
        self.evidence = std::sync::Arc::new(EvidenceDir::new(dir));
        self
    }

    /// Removes the files of `user` that none of their cases refers to any
    /// more (after cases were erased).
    pub(crate) async fn prune_evidence(&self, user: &UserKey) -> Result<usize, StoreError> {
        let mut tx = self.pool.begin_read().await?;
        let rows: Vec<(String,)> = on_conn!(&mut tx, c => sqlx::query_as(USER_CASE_INPUTS)
            .bind(&user.transport)
            .bind(user.external_id)
            .fetch_all(&mut *c)
            .await?);
        tx.rollback().await?;
        let mut keep = HashSet::new();
        for (text,) in rows {
            if let Ok(v) = serde_json::from_str(&text) {
                hashes_in(&v, &mut keep);
            }
        }
        self.evidence
            .keep_only(user, &keep)
            .map_err(|e| StoreError::Database(sqlx::Error::Io(e)))
    }
}
