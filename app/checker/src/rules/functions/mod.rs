//! Rules about what a decorated function or method may look like: web, batched, scheduled,
//! snapshotted and retried functions, and how a class calls its own methods.

use super::Rule;

mod definitions;
mod imports;
mod mdl015_decorator_conflict;
mod mdl016_web_function_shape;
mod mdl017_web_server_blocks;
mod mdl018_batched;
mod mdl019_snap_without_snapshot;
mod mdl020_retries_refused;
mod mdl021_schedule;

pub const RULES: &[&Rule] = &[
    &mdl015_decorator_conflict::RULE,
    &mdl016_web_function_shape::RULE,
    &mdl017_web_server_blocks::RULE,
    &mdl018_batched::RULE,
    &mdl019_snap_without_snapshot::RULE,
    &mdl020_retries_refused::RULE,
    &mdl021_schedule::RULE,
];

#[cfg(test)]
mod tests {
    use super::RULES;
    use crate::rules::testing;
    use crate::{Diagnostic, apply_fix, check};

    const HEAD: &str = "import modal\napp = modal.App()\n";

    fn ours(source: &str) -> Vec<Diagnostic> {
        testing::diagnostics_of(source, RULES)
    }

    fn rules_of(source: &str) -> Vec<String> {
        ours(source).into_iter().map(|d| d.rule).collect()
    }

    #[test]
    fn broken_or_odd_code_does_not_panic() {
        let sources = [
            "@app.function(schedule=\"0 8 * * *\"",
            "@app.function(schedule=\"0 8 * * *\")\ndef",
            "@app.function(schedule=\"\")\ndef f(a, /, b=1, *c, d, **e): ...",
            "@app.function(retries=99999999999999999999999999)\n@modal.web_server(\n",
            "@app.function()\n@modal.web_server(port=-99999999999999999999999999, startup_timeout=-1e999)\nasync def f(\n",
            "@app.function()\n@modal.web_server(8000)\ndef f():\n    import subprocess as s, os.path\n    s.run(\n",
            "@app.function()\n@modal.web_server(8000)\ndef f():\n    from subprocess import *\n    run([])\n",
            "@app.function()\n@modal.batched(max_batch_size=1e999, wait_ms=-0.0)\ndef f(x=lambda: (yield)): ...",
            "@app.cls()\nclass C:\n    @modal.batched(max_batch_size=2, wait_ms=1)\n    @modal.batched(",
            "@app.cls(\nclass C:\n    @modal.enter(snap=True)\n    def f(self): ...",
            "@app.cls(**{})\nclass C:\n    @modal.enter(snap=True)\n    @modal.exit()\n    @modal.method()\n    def f(self): ...",
            "@app.function()\n@modal.asgi_app()\n@modal.wsgi_app()\n@modal.fastapi_endpoint()\ndef f(*, x): yield",
            "class C:\n  class D:\n    @modal.web_server()\n    def f(sélf): os.system('x')",
        ];
        for source in sources {
            testing::assert_survives_typing(&format!("{HEAD}{source}"), RULES);
        }
        let deep = format!("{HEAD}@app.function(schedule={}1{})\ndef f(): ...\n", "(".repeat(90), ")".repeat(90));
        assert!(rules_of(&deep).contains(&"MDL021".to_string()));
    }

    #[test]
    fn conflicts_are_reported_once_where_the_client_raises() {
        let source = format!(
            "{HEAD}@app.cls()\nclass C:\n    @modal.enter()\n    @modal.method()\n    @modal.fastapi_endpoint()\n    \
             def f(self): ...\n"
        );
        let found = ours(&source);
        assert_eq!(found.len(), 1, "{found:#?}");
        // Applied bottom-up: `method` meets `fastapi_endpoint` first.
        assert_eq!(found[0].start.line, 6);
        assert!(found[0].message.contains("Callable decorators cannot be combined"), "{}", found[0].message);
    }

    #[test]
    fn mdl008_and_mdl015_split_plain_functions_between_them() {
        let both = format!("{HEAD}@app.function()\n@modal.enter()\n@modal.method()\ndef f(): ...\n");
        let ids: Vec<String> = check(&both).into_iter().map(|d| d.rule).collect();
        assert_eq!(ids, ["MDL015"]);
        let alone = format!("{HEAD}@app.function()\n@modal.enter()\ndef f(): ...\n");
        let ids: Vec<String> = check(&alone).into_iter().map(|d| d.rule).collect();
        assert_eq!(ids, ["MDL008"]);
    }

    #[test]
    fn the_outdated_web_server_example_blocks_and_its_fix_starts_popen() {
        // content/pages/web-endpoints.md and troubleshooting.md, under the imports the pages assume.
        let outdated = "import modal\n\napp = modal.App()\n\n\n@app.function()\n@modal.web_server(port=8000)\n\
                        def custom_server():\n    import subprocess\n    \
                        subprocess.run([\"python\", \"-m\", \"http.server\", \"8000\"])\n";
        let found = ours(outdated);
        assert_eq!(rules_of(outdated), ["MDL017"]);
        let fixed = apply_fix(outdated, found[0].fix.as_ref().expect("a fix"));
        assert!(fixed.contains("subprocess.Popen([\"python\""), "{fixed}");
        assert!(ours(&fixed).is_empty());
    }

    #[test]
    fn blocking_calls_that_are_only_setup_or_detach_are_quiet() {
        for body in [
            "subprocess.run([\"mkdir\", \"-p\", \"/data\"])\n    subprocess.Popen([\"serve\"])",
            "os.system(\"serve --port 8000 &\")",
            "subprocess.run(\"serve &\", shell=True)",
            "subprocess.run([\"comfy\", \"launch\", \"--background\"])",
            "threading.Thread(target=lambda: subprocess.run([\"serve\"])).start()",
            "def inner():\n        subprocess.run([\"serve\"])\n    return inner",
        ] {
            let source = format!(
                "{HEAD}import os\nimport subprocess\nimport threading\n\n@app.function()\n@modal.web_server(8000)\n\
                 def serve():\n    {body}\n"
            );
            assert!(rules_of(&source).is_empty(), "{source}");
        }
        // A name that is not the module, and a call whose result is used (no fix).
        let shadowed = format!(
            "{HEAD}@app.function()\n@modal.web_server(8000)\ndef serve():\n    subprocess = object()\n    \
             subprocess.run([\"serve\"])\n"
        );
        assert!(rules_of(&shadowed).is_empty());
        let used = format!(
            "{HEAD}from subprocess import run as sh\n\n@app.function()\n@modal.web_server(8000)\ndef serve():\n    \
             done = sh([\"serve\"])\n"
        );
        let found = ours(&used);
        assert_eq!(found.len(), 1);
        assert!(found[0].fix.is_none());
    }

    #[test]
    fn snapshot_fix_adds_or_sets_the_keyword() {
        for (decorator, expected) in [
            ("@app.cls()", "@app.cls(enable_memory_snapshot=True)"),
            ("@app.cls(gpu=\"T4\",)", "@app.cls(gpu=\"T4\", enable_memory_snapshot=True,)"),
            ("@app.cls(enable_memory_snapshot=False)", "@app.cls(enable_memory_snapshot=True)"),
        ] {
            let source = format!("{HEAD}{decorator}\nclass C:\n    @modal.enter(snap=True)\n    def f(self): ...\n");
            let found = ours(&source);
            assert_eq!(found.len(), 1, "{source}");
            assert!(apply_fix(&source, found[0].fix.as_ref().expect("a fix")).contains(expected));
        }
    }

    #[test]
    fn a_cron_string_is_wrapped_with_the_name_modal_goes_by() {
        let aliased = "import modal as m\napp = m.App()\n\n@app.function(schedule=\"0 8 * * *\")\ndef f(): ...\n";
        let found = ours(aliased);
        assert_eq!(found.len(), 1);
        assert!(apply_fix(aliased, found[0].fix.as_ref().expect("a fix")).contains("schedule=m.Cron(\"0 8 * * *\")"));
        // No module name for modal, or not a cron expression: no fix.
        let from_import = "from modal import App\napp = App()\n\n@app.function(schedule=\"0 8 * * *\")\ndef f(): ...\n";
        let not_cron = format!("{HEAD}@app.function(schedule=\"every day\")\ndef f(): ...\n");
        for source in [from_import, not_cron.as_str()] {
            let found = ours(source);
            assert_eq!(found.len(), 1, "{source}");
            assert!(found[0].fix.is_none());
        }
    }
}
