//! Black-box tests: duban basics.
