//! The bytes of evidence files on disk: one folder per user (`0700`), each
//! file named by the SHA-256 of its content (`0600`), written to a temporary
//! name first and renamed, so a file under a hash is always whole. By default
//! the folder is the data folder's `evidence/` for SQLite, the default data
//! folder's for PostgreSQL.

use super::db::Options;
use super::types::UserKey;
use sha2::{Digest, Sha256};
use std::collections::HashSet;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use tokio::io::AsyncWriteExt;

/// The SHA-256 of `bytes`, as 64 lowercase hex digits.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// The folder evidence is kept in for the database at `url`.
pub(crate) fn default_dir(url: &str) -> PathBuf {
    data_dir(url).join("evidence")
}

/// The folder `/export` documents go to by default for the database at
/// `url`: beside the SQLite file, else in the default data folder.
pub fn default_export_dir(url: &str) -> PathBuf {
    data_dir(url).join("exports")
}

/// The folder of the SQLite file at `url`, else the default data folder.
fn data_dir(url: &str) -> PathBuf {
    let sqlite_dir = match Options::parse(url) {
        Ok(Options::Sqlite {
            options,
            memory: false,
            ..
        }) => options.get_filename().parent().map(PathBuf::from),
        _ => None,
    };
    sqlite_dir.unwrap_or_else(|| {
        let default = super::location::default_sqlite_path(
            std::env::var_os("XDG_DATA_HOME").map(PathBuf::from),
            std::env::var_os("HOME").map(PathBuf::from),
        );
        default.parent().map(PathBuf::from).unwrap_or_default()
    })
}

/// Where evidence files are kept.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EvidenceDir {
    root: PathBuf,
}

impl EvidenceDir {
    pub fn new(root: impl Into<PathBuf>) -> EvidenceDir {
        EvidenceDir { root: root.into() }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The folder of one user's files.
    pub fn user_dir(&self, user: &UserKey) -> PathBuf {
        let transport: String = user
            .transport
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        self.root.join(format!("{transport}-{}", user.external_id))
    }

    /// Where a file with hash `sha256` of `user` is kept.
    pub fn path_of(&self, user: &UserKey, sha256: &str) -> PathBuf {
        self.user_dir(user).join(sha256)
    }

    /// Keeps `bytes` for `user`; returns their hash. The same content kept
    /// twice is one file.
    pub fn put(&self, user: &UserKey, bytes: &[u8]) -> io::Result<String> {
        let hash = sha256_hex(bytes);
        let dir = self.user_dir(user);
        super::file::create_dir(&self.root)?;
        super::file::create_dir(&dir)?;
        let path = dir.join(&hash);
        if path.exists() {
            return Ok(hash);
        }
        let tmp = dir.join(format!(".{hash}.part"));
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut file = options.open(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&tmp, &path)?;
        Ok(hash)
    }

    /// Starts receiving a file for `user`: its bytes go to a temporary file
    /// in the user's folder as they come, hashed on the way; [`Part::keep`]
    /// puts it under its hash, and a part dropped unkept leaves nothing.
    pub async fn begin(&self, user: &UserKey) -> io::Result<Part> {
        static NEXT: AtomicU64 = AtomicU64::new(0);
        let dir = self.user_dir(user);
        super::file::create_dir(&self.root)?;
        super::file::create_dir(&dir)?;
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let tmp = dir.join(format!(".incoming-{}-{n}.part", std::process::id()));
        let mut options = tokio::fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        options.mode(0o600);
        let file = options.open(&tmp).await?;
        Ok(Part {
            file: Some(file),
            tmp,
            dir,
            hasher: Sha256::new(),
            len: 0,
            head: Vec::new(),
        })
    }

    /// Every file of `user` is removed, with the folder.
    pub fn remove_user(&self, user: &UserKey) -> io::Result<()> {
        match std::fs::remove_dir_all(self.user_dir(user)) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }

    /// Removes the files of `user` whose hash is not in `keep`; returns how many.
    pub fn keep_only(&self, user: &UserKey, keep: &HashSet<String>) -> io::Result<usize> {
        let entries = match std::fs::read_dir(self.user_dir(user)) {
            Ok(e) => e,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(0),
            Err(e) => return Err(e),
        };
        let mut removed = 0;
        for entry in entries {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if !keep.contains(&name) {
                std::fs::remove_file(entry.path())?;
                removed += 1;
            }
        }
        Ok(removed)
    }
}

/// A file being received (see [`EvidenceDir::begin`]).
pub struct Part {
    file: Option<tokio::fs::File>,
    tmp: PathBuf,
    dir: PathBuf,
    hasher: Sha256,
    len: u64,
    head: Vec<u8>,
}

impl Part {
    /// Appends `bytes`.
    pub async fn write(&mut self, bytes: &[u8]) -> io::Result<()> {
        let Some(file) = self.file.as_mut() else {
            return Err(io::Error::other("the part is closed"));
        };
        file.write_all(bytes).await?;
        self.hasher.update(bytes);
        self.len += bytes.len() as u64;
        let room = crate::case::file_type::HEAD.saturating_sub(self.head.len());
        self.head.extend_from_slice(&bytes[..room.min(bytes.len())]);
        Ok(())
    }

    /// How many bytes came so far.
    pub fn len(&self) -> u64 {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The first bytes (up to `case::file_type::HEAD`), to tell the kind of file.
    pub fn head(&self) -> &[u8] {
        &self.head
    }

    /// Keeps the file under the hash of its bytes; returns the hash. The
    /// same content kept twice is one file.
    pub async fn keep(mut self) -> io::Result<String> {
        let Some(mut file) = self.file.take() else {
            return Err(io::Error::other("the part is closed"));
        };
        file.flush().await?;
        file.sync_all().await?;
        drop(file);
        let digest = std::mem::take(&mut self.hasher).finalize();
        let hash: String = digest.iter().map(|b| format!("{b:02x}")).collect();
        let path = self.dir.join(&hash);
        if tokio::fs::try_exists(&path).await.unwrap_or(false) {
            tokio::fs::remove_file(&self.tmp).await?;
        } else {
            tokio::fs::rename(&self.tmp, &path).await?;
        }
        self.tmp = PathBuf::new();
        Ok(hash)
    }
}

impl Drop for Part {
    /// A part not kept is removed (a refused or failed download leaves nothing).
    fn drop(&mut self) {
        drop(self.file.take());
        if self.tmp.as_os_str().is_empty() {
            return;
        }
        if let Err(e) = std::fs::remove_file(&self.tmp)
            && e.kind() != io::ErrorKind::NotFound
        {
            tracing::warn!("cannot remove a partly received file: {e}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_kept_under_its_hash_for_its_owner_only() {
        let dir = tempfile::tempdir().expect("dir");
        let store = EvidenceDir::new(dir.path().join("evidence"));
        let user = UserKey::new("telegram", 7);
        let hash = store.put(&user, b"order page").expect("put");
        assert_eq!(hash, sha256_hex(b"order page"));
        let path = store.path_of(&user, &hash);
        assert_eq!(std::fs::read(&path).expect("read"), b"order page");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |p: &Path| std::fs::metadata(p).map(|m| m.permissions().mode() & 0o777).ok();
            assert_eq!(mode(&path), Some(0o600));
            assert_eq!(mode(&store.user_dir(&user)), Some(0o700));
        }
        let keep = HashSet::new();
        assert_eq!(store.keep_only(&user, &keep).expect("prune"), 1);
        assert!(!path.exists());
        store.remove_user(&user).expect("remove");
        assert!(!store.user_dir(&user).exists());
    }

    #[tokio::test]
    async fn a_part_is_kept_under_its_hash_or_leaves_nothing() {
        let dir = tempfile::tempdir().expect("dir");
        let store = EvidenceDir::new(dir.path().join("evidence"));
        let user = UserKey::new("telegram", 7);
        let mut part = store.begin(&user).await.expect("begin");
        part.write(b"order ").await.expect("write");
        part.write(b"page").await.expect("write");
        assert_eq!((part.len(), part.head()), (10, &b"order page"[..]));
        let hash = part.keep().await.expect("keep");
        assert_eq!(hash, sha256_hex(b"order page"));
        assert_eq!(
            std::fs::read(store.path_of(&user, &hash)).expect("kept"),
            b"order page"
        );
        let mut refused = store.begin(&user).await.expect("begin");
        refused.write(b"<html>").await.expect("write");
        drop(refused);
        let names: Vec<_> = std::fs::read_dir(store.user_dir(&user))
            .expect("folder")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, vec![hash], "nothing but the kept file");
    }
}
