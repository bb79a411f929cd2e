//! `duban` subcommands of this group (placeholder until the room lands).

use clap::Subcommand;

use crate::{Door, Outcome};

#[derive(Subcommand)]
pub enum RoundCommand {}

pub fn run(_door: &Door, c: RoundCommand) -> Outcome {
    match c {}
}
