//! Black-box tests: duban imports.
