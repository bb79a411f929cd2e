//! Writes the UI's TypeScript bindings into the folder given as argument
//! (scripts/generate-bindings.sh: `ui/src/api/generated`; scripts/test.sh: a
//! temporary folder it compares with the committed one). Built with the
//! app's features, it reuses the app's build.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(dir) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: duban-bindings <folder>");
        return ExitCode::from(2);
    };
    match duban_desktop::bindings::generate(&dir) {
        Ok(_) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("duban-bindings: {e}");
            ExitCode::FAILURE
        }
    }
}
