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
    #[error("文件读写失败：{}", io_reason(.0))]
    Io(#[from] std::io::Error),
}

/// Why the file system refused, in Chinese for the clerk (the system's own
/// words are English): the common cases by kind, else the system's message
/// after a Chinese lead.
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    let why = match e.kind() {
        K::NotFound => "文件或文件夹不存在",
        K::PermissionDenied => "没有读写权限",
        K::AlreadyExists => "同名文件已存在",
        K::IsADirectory => "这是一个文件夹，不是文件",
        K::NotADirectory => "路径中有一段不是文件夹",
        K::StorageFull => "磁盘空间已满",
        K::ReadOnlyFilesystem => "磁盘或文件夹是只读的",
        K::UnexpectedEof => "文件不完整",
        K::InvalidData => "文件内容无效",
        K::WouldBlock | K::ResourceBusy => "文件正被其他程序使用",
        // Our own refusals (a folder, a file over the limit) are already Chinese.
        K::Other if !e.to_string().is_ascii() => return e.to_string(),
        _ => return format!("系统报告的错误（{e}）"),
    };
    why.to_string()
}

impl Error {
    /// A stable code the UI and scripts may branch on.
    pub fn code(&self) -> &'static str {
        self.error_code().as_str()
    }

    /// The code as its type.
    pub fn error_code(&self) -> ErrorCode {
        match self {
            Error::Invalid(_) => ErrorCode::Invalid,
            Error::NotFound(_) => ErrorCode::NotFound,
            Error::Conflict(_) => ErrorCode::Conflict,
            Error::BadFile(_) => ErrorCode::BadFile,
            Error::Db(_) => ErrorCode::Database,
            Error::Io(_) => ErrorCode::Io,
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

/// Every `code` that crosses a door: the core's errors' and the doors' own.
/// The UI's bindings type `ErrorJson.code` with it (a union of these strings).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// [`Error::Invalid`].
    Invalid,
    /// [`Error::NotFound`].
    NotFound,
    /// [`Error::Conflict`].
    Conflict,
    /// [`Error::BadFile`].
    BadFile,
    /// [`Error::Db`].
    Database,
    /// [`Error::Io`].
    Io,
    /// The desktop app has no open database.
    DbUnavailable,
    /// A door failed in a way the core did not report (a bug).
    Internal,
}

impl ErrorCode {
    /// Every code.
    pub const ALL: [ErrorCode; 8] = [
        ErrorCode::Invalid,
        ErrorCode::NotFound,
        ErrorCode::Conflict,
        ErrorCode::BadFile,
        ErrorCode::Database,
        ErrorCode::Io,
        ErrorCode::DbUnavailable,
        ErrorCode::Internal,
    ];

    /// The code as it crosses (`not_found`).
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::Invalid => "invalid",
            ErrorCode::NotFound => "not_found",
            ErrorCode::Conflict => "conflict",
            ErrorCode::BadFile => "bad_file",
            ErrorCode::Database => "database",
            ErrorCode::Io => "io",
            ErrorCode::DbUnavailable => "db_unavailable",
            ErrorCode::Internal => "internal",
        }
    }
}

/// An error as the UI and `--json` see it.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct ErrorJson {
    /// One of [`ErrorCode`].
    #[ts(as = "ErrorCode")]
    pub code: String,
    /// The Chinese sentence shown to the clerk.
    pub message: String,
}

/// Shorthand for the core's results.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// `Error::Invalid` from anything printable.
pub fn invalid(msg: impl Into<String>) -> Error {
    Error::Invalid(msg.into())
}

#[cfg(test)]
mod tests {
    use super::ErrorCode;

    #[test]
    fn each_code_crosses_as_its_name() {
        for code in ErrorCode::ALL {
            assert_eq!(
                serde_json::to_value(code).unwrap(),
                serde_json::json!(code.as_str())
            );
        }
    }
}
