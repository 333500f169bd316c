//! Rules about how Modal's decorators are put together: order, placement, combinations.

use super::Rule;

pub(super) mod decorators;
mod mdl006_decorator_order;
mod mdl007_concurrent_misplaced;
pub(super) mod mdl008_lifecycle_on_function;
mod mdl009_class_constructor;
mod source_lines;

pub const RULES: &[&Rule] = &[
    &mdl006_decorator_order::RULE,
    &mdl007_concurrent_misplaced::RULE,
    &mdl008_lifecycle_on_function::RULE,
    &mdl009_class_constructor::RULE,
];

#[cfg(test)]
mod tests {
    use super::RULES;
    use crate::rules::testing;
    use crate::{apply_fix, check};

    fn assert_fixes_hold(source: &str) {
        testing::assert_fixes_hold(source, RULES);
    }

    #[test]
    fn broken_or_odd_code_does_not_panic() {
        let sources = [
            "import modal\napp = modal.App()\n@modal.concurrent(max_inputs=2)\n@app.function(",
            "import modal\napp = modal.App()\n@modal.enter()\n@app.function()",
            "import modal\napp = modal.App()\n@app.cls()\nclass C:\n    @modal.concurrent(\n",
            "import modal\napp = modal.App()\n@\n@app.cls()\nclass",
            "import modal\napp = modal.App()\n@app.function()\n@modal.concurrent(max_inputs=1e999, target_inputs=-(-9999999999999999999999))\ndef f(): ...",
            "import modal\napp = modal.App()\n@app.cls()\nclass C:\n    x: = modal.parameter()\n    y = z = modal.parameter(default=1)\n",
        ];
        for source in sources {
            assert_fixes_hold(source);
        }
    }

    #[test]
    fn fixes_keep_windows_line_endings_and_indentation() {
        let source = "import modal\r\napp = modal.App()\r\n\r\n\r\nif True:\r\n    @app.cls()\r\n    class C:\r\n        @modal.concurrent(max_inputs=4)\r\n        @modal.method()\r\n        def run(self):\r\n            return 1\r\n";
        let diagnostics: Vec<_> = check(source).into_iter().filter(|d| d.rule == "MDL007").collect();
        assert_eq!(diagnostics.len(), 1);
        let fix = diagnostics[0].fix.as_ref().expect("a fix");
        assert!(
            apply_fix(source, fix)
                .contains("    @app.cls()\r\n    @modal.concurrent(max_inputs=4)\r\n    class C:\r\n")
        );
        assert_fixes_hold(source);
    }

    #[test]
    fn stacked_decorators_move_below_the_app_decorator() {
        let source = "import modal\napp = modal.App()\n\n\n@modal.concurrent(max_inputs=5)\n@modal.fastapi_endpoint()\n@app.function()  # web\ndef f():\n    return 1\n";
        let diagnostics: Vec<_> = check(source).into_iter().filter(|d| d.rule == "MDL006").collect();
        assert_eq!(diagnostics.len(), 1);
        let fixed = apply_fix(source, diagnostics[0].fix.as_ref().expect("a fix"));
        assert!(
            fixed.contains("@app.function()  # web\n@modal.concurrent(max_inputs=5)\n@modal.fastapi_endpoint()\ndef f")
        );
    }
}
