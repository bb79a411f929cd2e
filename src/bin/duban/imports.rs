//! `duban` subcommands of this group (placeholder until the room lands).

use clap::Subcommand;

use crate::{Door, Outcome};

#[derive(Subcommand)]
pub enum ImportCommand {}

pub fn run(_door: &Door, c: ImportCommand) -> Outcome {
    match c {}
}

#[derive(Subcommand)]
pub enum ExportCommand {}
#[derive(Subcommand)]
pub enum TemplateCommand {}

pub fn import(door: &Door, c: ImportCommand) -> Outcome {
    run(door, c)
}
pub fn export(_door: &Door, c: ExportCommand) -> Outcome {
    match c {}
}
pub fn template(_door: &Door, c: TemplateCommand) -> Outcome {
    match c {}
}
