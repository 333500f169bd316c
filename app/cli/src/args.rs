//! `--name value` options, looked up by the command that needs them.

use std::collections::HashMap;

pub struct Args {
    options: HashMap<String, String>,
}

impl Args {
    pub fn parse(mut argv: impl Iterator<Item = String>) -> Result<Args, String> {
        let mut options = HashMap::new();
        while let Some(arg) = argv.next() {
            let Some(name) = arg.strip_prefix("--") else {
                return Err(format!("unexpected argument `{arg}`: options are written `--name value`"));
            };
            let value = argv.next().ok_or_else(|| format!("option `--{name}` expects a value"))?;
            options.insert(name.to_string(), value);
        }
        Ok(Args { options })
    }

    /// The option's value, else the environment variable's, else `default`.
    pub fn get(&mut self, name: &str, env: Option<&str>, default: &str) -> String {
        self.options
            .remove(name)
            .or_else(|| env.and_then(|var| std::env::var(var).ok()))
            .unwrap_or_else(|| default.to_string())
    }

    /// Fails on options the command did not ask for, so a typo is not silently ignored.
    pub fn finish(self) -> Result<(), String> {
        match self.options.keys().next() {
            Some(name) => Err(format!("unknown option `--{name}`")),
            None => Ok(()),
        }
    }
}
