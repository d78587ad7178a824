//! The SQLite file on disk: only its owner may read it. The folder is created
//! `0700` and the file `0600` before SQLite opens it; SQLite gives the `-wal`
//! and `-shm` files it creates the database file's mode. Files left wider by
//! an earlier version are narrowed when the database is opened.

use std::io;
use std::path::Path;

/// Mode of the database folder when this program creates it.
#[cfg(unix)]
const DIR_MODE: u32 = 0o700;
/// Mode of the database file and its `-wal` and `-shm` companions.
#[cfg(unix)]
const FILE_MODE: u32 = 0o600;

/// Creates the missing folders of `path` (owner only), creates the file
/// (owner only) when `create` is set and it does not exist yet, and narrows
/// the file and its companions to the owner if they are wider.
pub(crate) fn prepare(path: &Path, create: bool) -> io::Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        create_dir(dir)?;
        warn_if_open(dir);
    }
    if create {
        create_file(path)?;
    }
    for companion in ["", "-wal", "-shm"] {
        let mut name = path.as_os_str().to_owned();
        name.push(companion);
        narrow(Path::new(&name))?;
    }
    Ok(())
}

/// Creates `dir` and its missing parents, each readable only by the owner;
/// folders that exist already keep their mode.
pub(crate) fn create_dir(dir: &Path) -> io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, DIR_MODE);
    builder.create(dir)
}

/// Warns when other users may write to the folder the database is in: they
/// could delete or replace its files (a `-wal` put there first would be read
/// as ours). A folder the user chose is not narrowed (it may be shared, like
/// `/tmp`); the default folder is ours, and narrowed where it is made.
fn warn_if_open(dir: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if let Ok(meta) = std::fs::metadata(dir) {
            let mode = meta.permissions().mode() & 0o7777;
            if mode & 0o022 != 0 {
                tracing::warn!(
                    "the database folder {} can be written by other users (mode {mode:04o}): they could delete or replace the database; use a folder only you can write to (chmod 700)",
                    dir.display()
                );
            }
        }
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// Narrows a folder this program owns (the default data folder) to the owner.
pub(crate) fn narrow_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir)?.permissions().mode();
        if mode & 0o077 != 0 {
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(DIR_MODE))?;
        }
    }
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

fn create_file(path: &Path) -> io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, FILE_MODE);
    match options.open(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(e),
    }
}

fn narrow(path: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = match std::fs::metadata(path) {
            Ok(m) => m.permissions().mode(),
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
            Err(e) => return Err(e),
        };
        if mode & 0o077 != 0 {
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode & 0o700))?;
        }
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}
