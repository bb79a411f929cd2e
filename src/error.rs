//! Typed errors of the core. At a door they become `{code, message}`: the
//! message is Chinese and shown to the clerk as it is; the UI branches only on
//! the code.

use serde::Serialize;

/// Every error the core returns.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The clerk's input breaks a rule; the message says which and what to do.
    #[error("{0}")]
    Invalid(String),
    /// Something named does not exist (an item number, a department ...).
    #[error("{0}")]
    NotFound(String),
    /// The write conflicts with what is stored (a duplicate number, a closed item ...).
    #[error("{0}")]
    Conflict(String),
    /// A file could not be read as what it should be (a sheet, a database ...).
    #[error("{0}")]
    BadFile(String),
    /// SQLite failed.
    #[error("数据库操作失败：{0}")]
    Db(#[from] rusqlite::Error),
    /// The file system failed.
    #[error("文件读写失败：{0}")]
    Io(#[from] std::io::Error),
}

impl Error {
    /// A stable code the UI and scripts may branch on.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Invalid(_) => "invalid",
            Error::NotFound(_) => "not_found",
            Error::Conflict(_) => "conflict",
            Error::BadFile(_) => "bad_file",
            Error::Db(_) => "database",
            Error::Io(_) => "io",
        }
    }

    /// The form that crosses a door (IPC, `--json`).
    pub fn to_json(&self) -> ErrorJson {
        ErrorJson {
            code: self.code().to_string(),
            message: self.to_string(),
        }
    }
}

/// An error as the UI and `--json` see it.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct ErrorJson {
    /// The error's kind: `invalid`, `not_found`, `conflict`, ... (see `Error::code`).
    pub code: String,
    /// What went wrong, in Chinese, for the clerk.
    pub message: String,
}

/// Shorthand for the core's results.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// `Error::Invalid` from anything printable.
pub fn invalid(msg: impl Into<String>) -> Error {
    Error::Invalid(msg.into())
}
