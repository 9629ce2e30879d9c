//! One module per subcommand.

pub mod convert;
pub mod diff;
pub mod import;
pub mod learner;
pub mod lint;
pub mod progress;
pub mod render;
pub mod schema;
pub mod validate;
