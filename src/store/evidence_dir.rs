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

/// The SHA-256 of `bytes`, as 64 lowercase hex digits.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// The folder evidence is kept in for the database at `url`.
pub(crate) fn default_dir(url: &str) -> PathBuf {
    let sqlite_dir = match Options::parse(url) {
        Ok(Options::Sqlite {
            options,
            memory: false,
            ..
        }) => options.get_filename().parent().map(PathBuf::from),
        _ => None,
    };
    let dir = sqlite_dir.unwrap_or_else(|| {
        let default = super::location::default_sqlite_path(
            std::env::var_os("XDG_DATA_HOME").map(PathBuf::from),
            std::env::var_os("HOME").map(PathBuf::from),
        );
        default.parent().map(PathBuf::from).unwrap_or_default()
    });
    dir.join("evidence")
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
}
