//! One module per subcommand.

pub mod convert;
pub mod diff;
pub mod learner;
pub mod lint;
pub mod render;
pub mod schema;
pub mod validate;
