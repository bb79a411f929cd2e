//! Black-box tests of the `duban` command line: run the built binary against a
//! temporary database and read its stdout, stderr and exit code.

//! One module per command file of `src/bin/duban/` (basics: init, org,
//! backup, restore, verify, demo).

mod assess;
mod backups;
mod basics;
mod bulletin;
mod clerk_answers;
mod corrections;
mod daily;
mod hostile;
mod hostile_files;
mod import;
mod lists;
mod logs;
mod opinion;
mod org;
mod outgoing;
mod rectification;
mod rectification_sheets;
mod reminders;
mod round;
mod safety;
mod shown;
mod support;
mod workdays;
