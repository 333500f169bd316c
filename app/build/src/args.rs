//! `--name value` options, looked up by the command that needs them.

use std::collections::HashMap;

pub struct Args {
    options: HashMap<String, String>,
    positional: Vec<String>,
}

impl Args {
    pub fn parse(mut argv: impl Iterator<Item = String>) -> Result<Args, String> {
        let mut options = HashMap::new();
        let mut positional = Vec::new();
        while let Some(arg) = argv.next() {
            let Some(name) = arg.strip_prefix("--") else {
                positional.push(arg);
                continue;
            };
            let value = argv.next().ok_or_else(|| format!("option {} expects a value", atlas_input::quote(&arg)))?;
            options.insert(name.to_string(), value);
        }
        Ok(Args { options, positional })
    }

    /// The option's value, else the environment variable's, else `default`.
    pub fn get(&mut self, name: &str, env: Option<&str>, default: &str) -> String {
        self.options
            .remove(name)
            .or_else(|| env.and_then(|var| std::env::var(var).ok()))
            .unwrap_or_else(|| default.to_string())
    }

    /// Fails on options or arguments the command did not ask for, so a typo is not ignored.
    pub fn finish(self) -> Result<(), String> {
        if let Some(name) = self.options.keys().next() {
            return Err(format!("unknown option {}", atlas_input::quote(&format!("--{name}"))));
        }
        match self.positional.first() {
            Some(arg) => {
                Err(format!("unexpected argument {}: options are written `--name value`", atlas_input::quote(arg)))
            }
            None => Ok(()),
        }
    }
}
