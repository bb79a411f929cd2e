//! Black-box tests: duban rounds.
