//! The error that crosses to the UI: `duban::Error` becomes `{code, message}`
//! (the core's [`duban::error::ErrorJson`]). The UI shows `message` (Chinese) and
//! branches only on `code`.

use duban::error::{ErrorCode, ErrorJson};
use serde::Serialize;

/// The error every command returns; serialised as `{code, message}`.
#[derive(Debug, Clone, Serialize)]
#[serde(transparent)]
pub struct UiError(pub ErrorJson);

/// What every command returns.
pub type CmdResult<T> = Result<T, UiError>;

impl UiError {
    /// An error with a code of the shell's own (e.g. [`ErrorCode::DbUnavailable`]).
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        UiError::logged(ErrorJson {
            code: code.as_str().to_string(),
            message: message.into(),
        })
    }

    /// Every error on its way to the UI leaves a line in the support log: the
    /// code at `warn` (inside the span naming the command, see
    /// `AppState::with_store`), the Chinese message, which may quote names or
    /// titles, only at `debug`.
    pub fn logged(e: ErrorJson) -> Self {
        tracing::warn!(code = %e.code, "command failed");
        tracing::debug!(message = %e.message, "command failed");
        UiError(e)
    }
}

impl From<duban::Error> for UiError {
    fn from(e: duban::Error) -> Self {
        UiError::logged(e.to_json())
    }
}

impl std::fmt::Display for UiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0.message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_core_error_crosses_as_code_and_chinese_message() {
        let e: UiError = duban::Error::NotFound("找不到事项“DB2026-0001”。".into()).into();
        let json = serde_json::to_value(&e).unwrap();
        assert_eq!(json["code"], "not_found");
        assert_eq!(json["message"], "找不到事项“DB2026-0001”。");
        assert_eq!(
            json.as_object().unwrap().len(),
            2,
            "only code and message cross: {json}"
        );
    }
}
