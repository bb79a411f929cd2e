//! `duban` subcommands of this group (placeholder until the room lands).

use clap::Subcommand;

use crate::{Door, Outcome};

#[derive(Subcommand)]
pub enum WorkdaysCommand {}

pub fn run(_door: &Door, c: WorkdaysCommand) -> Outcome {
    match c {}
}
