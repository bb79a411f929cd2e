//! 专项通报 (seed §十二; PRODUCT #11).
