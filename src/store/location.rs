//! Where the database is: the default location and URL helpers.

use std::path::{Path, PathBuf};

/// The two backends, chosen by the URL scheme.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub(crate) fn of(url: &str) -> Option<Backend> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Some(Backend::Postgres)
        } else if url.starts_with("sqlite:") {
            Some(Backend::Sqlite)
        } else {
            None
        }
    }

    pub(crate) fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }
}

/// `DATABASE_URL` when set (and not empty); otherwise an SQLite file at
/// `$XDG_DATA_HOME/refund-assistant/refund-assistant.db`, else
/// `$HOME/.local/share/refund-assistant/refund-assistant.db`, else
/// `./refund-assistant.db`. The SQLite file's directory is created, readable
/// by the owner only (best effort: if that fails, opening the database reports it).
pub fn default_url() -> String {
    if let Some(url) = std::env::var("DATABASE_URL")
        .ok()
        .filter(|u| !u.trim().is_empty())
    {
        return url;
    }
    let path = default_sqlite_path(
        std::env::var_os("XDG_DATA_HOME").map(PathBuf::from),
        std::env::var_os("HOME").map(PathBuf::from),
    );
    // The default folder is ours alone: created, or narrowed, to the owner.
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
        && let Err(e) = super::file::create_dir(dir).and_then(|()| {
            if dir.ends_with(DIR) {
                super::file::narrow_dir(dir)
            } else {
                Ok(())
            }
        })
    {
        tracing::warn!("cannot prepare {}: {e}", dir.display());
    }
    sqlite_url(&path)
}

/// The default data folder's name.
const DIR: &str = "refund-assistant";

/// The default SQLite file, given `$XDG_DATA_HOME` and `$HOME` (relative values
/// are ignored, as the XDG specification says).
pub(crate) fn default_sqlite_path(xdg_data_home: Option<PathBuf>, home: Option<PathBuf>) -> PathBuf {
    const FILE: &str = "refund-assistant.db";
    if let Some(data) = xdg_data_home.filter(|p| p.is_absolute()) {
        return data.join(DIR).join(FILE);
    }
    if let Some(home) = home.filter(|p| p.is_absolute()) {
        return home.join(".local").join("share").join(DIR).join(FILE);
    }
    PathBuf::from(".").join(FILE)
}

/// The URL of an SQLite file, created with the schema on first start
/// (`?mode=rwc`). `%`, `?` and `#` in the path are percent-encoded.
pub fn sqlite_url(path: &Path) -> String {
    let mut encoded = String::new();
    for c in path.to_string_lossy().chars() {
        match c {
            '%' => encoded.push_str("%25"),
            '?' => encoded.push_str("%3F"),
            '#' => encoded.push_str("%23"),
            c => encoded.push(c),
        }
    }
    format!("sqlite://{encoded}?mode=rwc")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_file_follows_xdg_then_home_then_the_working_directory() {
        let xdg = Some(PathBuf::from("/data"));
        let home = Some(PathBuf::from("/home/u"));
        assert_eq!(
            default_sqlite_path(xdg, home.clone()),
            PathBuf::from("/data/refund-assistant/refund-assistant.db")
        );
        assert_eq!(
            default_sqlite_path(Some(PathBuf::from("relative")), home),
            PathBuf::from("/home/u/.local/share/refund-assistant/refund-assistant.db")
        );
        assert_eq!(
            default_sqlite_path(None, None),
            PathBuf::from("./refund-assistant.db")
        );
    }

    #[test]
    fn odd_characters_in_a_path_survive_the_url() {
        let url = sqlite_url(Path::new("/tmp/a b?c#d%e.db"));
        assert_eq!(url, "sqlite:///tmp/a b%3Fc%23d%25e.db?mode=rwc");
        let options: sqlx::sqlite::SqliteConnectOptions = url.parse().unwrap();
        assert_eq!(options.get_filename(), Path::new("/tmp/a b?c#d%e.db"));
    }

    #[test]
    fn the_scheme_picks_the_backend() {
        assert_eq!(Backend::of("postgres://h/db"), Some(Backend::Postgres));
        assert_eq!(Backend::of("postgresql://h/db"), Some(Backend::Postgres));
        assert_eq!(Backend::of("sqlite:///tmp/x.db"), Some(Backend::Sqlite));
        assert_eq!(Backend::of("mysql://h/db"), None);
    }
}
