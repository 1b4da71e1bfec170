//! The minijinja environment that every set of embedded templates (CloudFormation,
//! manifest scaffolds) starts from.

use minijinja::{AutoEscape, Environment, UndefinedBehavior};

/// An environment holding `sources` (name, text). Values are quoted by the templates
/// themselves (`tojson`), so nothing is auto-escaped; an undefined value is an error.
/// A template that fails to parse is left out, so rendering it reports "template not
/// found" instead of panicking; the unit tests render every template.
pub fn environment(sources: &[(&'static str, &'static str)]) -> Environment<'static> {
    let mut env = Environment::new();
    env.set_trim_blocks(true);
    env.set_lstrip_blocks(true);
    env.set_keep_trailing_newline(true);
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_auto_escape_callback(|_| AutoEscape::None);
    for (name, source) in sources {
        let _ = env.add_template(name, source);
    }
    env
}

/// Renders template `name` of `env` (embedded from `templates/<folder>/`) with `ctx`; a
/// failure is tug's bug, reported as such.
pub fn render(
    env: &Environment<'static>,
    folder: &str,
    name: &str,
    ctx: minijinja::Value,
) -> crate::error::Result<String> {
    env.get_template(name)
        .and_then(|t| t.render(ctx))
        .map_err(|e| {
            crate::error::Error::user(format!(
                "internal template error in templates/{folder}/{name}: {e}; this is a bug in tug, please report it"
            ))
        })
}
