//! Black-box tests: duban calendar.
