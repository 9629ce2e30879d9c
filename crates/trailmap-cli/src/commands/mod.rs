//! One module per subcommand.

pub mod learner;
pub mod schema;
pub mod validate;
