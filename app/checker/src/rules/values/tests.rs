use super::RULES;
use super::gpu::{Count, count, replacement_for_object};
use crate::rules::testing::{self, fixed};

#[test]
fn removing_ttl_leaves_tidy_code() {
    let head = "import modal\nd = modal.Dict.from_name(\"d\")\n";
    for (call, expected) in [
        ("d.put(k, v, ttl=60)", "d.put(k, v)"),
        ("d.put(k, v, ttl=(60))", "d.put(k, v)"),
        ("d.put(k, v, ttl=60, skip_if_exists=True)", "d.put(k, v, skip_if_exists=True)"),
        ("d.put(k, v, ttl=60,)", "d.put(k, v)"),
        ("d.put(ttl=60)", "d.put()"),
        ("d.put(\n    k,\n    v,\n    ttl=60,  # an hour\n)", "d.put(\n    k,\n    v,\n)"),
        ("d.put(\n    k, v,\n    ttl=60\n)", "d.put(\n    k, v,\n)"),
        ("d.put(k, v,  # note,\n      ttl=60)", "d.put(k, v,  # note,\n      )"),
    ] {
        assert_eq!(fixed(&format!("{head}{call}\n"), "MDL014"), format!("{head}{expected}\n"), "{call}");
    }
}

#[test]
fn stub_fix_renames_the_attribute_only() {
    let source = "import modal as m\nstub = m.Stub(\"x\")\n";
    assert_eq!(fixed(source, "MDL012"), "import modal as m\nstub = m.App(\"x\")\n");
}

#[test]
fn gpu_counts_are_read_as_python_int_reads_them() {
    let value = |text: &str| match count(text) {
        Count::Value(value) => Some(value),
        _ => None,
    };
    assert_eq!(value(" 2 "), Some(2));
    assert_eq!(value("+3"), Some(3));
    assert_eq!(value("1_0"), Some(10));
    assert_eq!(value("-1"), Some(-1));
    for not_an_int in ["", "x", "1.5", "_1", "1_", "1__0", "2 GPUs", "+-1"] {
        assert!(matches!(count(not_an_int), Count::NotAnInt), "{not_an_int:?}");
    }
    assert!(matches!(count("99999999999999999999999"), Count::Unknown));
}

#[test]
fn old_gpu_objects_map_to_strings() {
    let call = |source: &str| {
        let parsed = ruff_python_parser::parse_expression(source).expect("an expression");
        match parsed.expr() {
            ruff_python_ast::Expr::Call(call) => replacement_for_object("A100", Some(call)),
            _ => None,
        }
    };
    assert_eq!(call("A100()").as_deref(), Some("A100"));
    assert_eq!(call("A100(size=\"80GB\", count=2)").as_deref(), Some("A100-80GB:2"));
    assert_eq!(call("A100(memory=40)").as_deref(), Some("A100-40GB"));
    assert_eq!(call("A100(count=n)"), None);
    assert_eq!(replacement_for_object("A10G", None).as_deref(), Some("A10"));
    assert_eq!(replacement_for_object("Any", None), None);
}

#[test]
fn messages_for_gpu_strings() {
    let source = "import modal\napp = modal.App()\n\
                  @app.function(gpu=[\"H100:\", \"H100:-1\", \"h100!:8\", \"b200+\", \"A100 80GB\", \"\"])\ndef f():\n    pass\n";
    let mut diagnostics = testing::diagnostics_of(source, RULES);
    diagnostics.sort_by_key(|d| d.start.offset);
    let found: Vec<_> = diagnostics.into_iter().map(|d| (d.rule, d.message)).collect();
    assert_eq!(found.len(), 3, "{found:#?}");
    assert!(found[0].0 == "MDL011" && found[0].1.contains("`` in \"H100:\""), "{found:#?}");
    assert!(found[1].0 == "MDL013" && found[1].1.contains("got -1"), "{found:#?}");
    assert!(found[2].0 == "MDL013" && found[2].1.contains("did you mean \"A100-80GB\""), "{found:#?}");
}

#[test]
fn broken_code_does_not_panic() {
    let mut sources = testing::bad_fixtures(RULES);
    sources.extend(
        [
            "import modal\nmodal.Retries(max_retries=-",
            "import modal\napp = modal.App()\n@app.function(gpu=",
            "import modal\napp = modal.App()\n@app.function(gpu=\":\", scaledown_window=1e999, min_containers=10**99)",
            "import modal\napp = modal.App()\n@app.function(gpu=\"H100:99999999999999999999\", retries=-99999999999999999999)",
            "import modal\nd = modal.Dict.from_name('d')\nd.put(k, v, ttl=",
            "import modal\nd = modal.Dict.from_name('d')\nd.put(k, v, ttl=1,,)",
            "import modal\nmodal.gpu.",
            "import modal\nmodal.Image.é.conda()",
        ]
        .map(String::from),
    );
    for source in &sources {
        testing::assert_survives_typing(source, RULES);
    }
}
