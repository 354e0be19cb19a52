//! The page (see below).
