//! `duban doc …` and `duban item …` (placeholder until the rooms land).

use clap::Subcommand;

use crate::{Door, Outcome};

#[derive(Subcommand)]
pub enum DocCommand {}
#[derive(Subcommand)]
pub enum ItemCommand {}

pub fn doc(_door: &Door, c: DocCommand) -> Outcome {
    match c {}
}
pub fn item(_door: &Door, c: ItemCommand) -> Outcome {
    match c {}
}
