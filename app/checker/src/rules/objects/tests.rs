use super::RULES;
use crate::check;
use crate::rules::testing;

const PREAMBLE: &str = "import modal\n\napp = modal.App()\n\n\n";

fn messages(source: &str, rule: &str) -> Vec<String> {
    check(&format!("{PREAMBLE}{source}")).into_iter().filter(|d| d.rule == rule).map(|d| d.message).collect()
}

fn fixed(source: &str, rule: &str) -> String {
    let fixed = testing::fixed(&format!("{PREAMBLE}{source}"), rule);
    fixed.strip_prefix(PREAMBLE).unwrap_or(&fixed).to_string()
}

#[test]
fn broken_or_odd_code_does_not_panic() {
    let mut sources = testing::bad_fixtures(RULES);
    sources.extend(
        [
            "import modal\napp = modal.App()\n@app.function(cpu=(4, 2), memory=(2048,",
            "import modal\napp = modal.App()\n@app.function(cpu=(1e999, -1e999), memory=(10**99, 1), max_inputs=10**99)\ndef f(): ...",
            "import modal\napp = modal.App()\n@app.function(cpu=(), memory=(*a,), volumes={**v, '': x, '/..': x, '//': y})\ndef f(): ...",
            "import modal\nmodal.Period(hours=1e308, minutes=-0.5, days=1e-320, seconds=\"x\")",
            "import modal\nmodal.Period(hours=",
            "import modal\nsb = modal.Sandbox.create()\np = sb.exec(\nprint(p.stdout",
            "p = sandbox.exec('x')\nprint(f'{p.stdout!r:>{p.stderr}}')\np.stdout == p.stdout",
            "x = f.spawn_map.aio(\nawait x",
            "import modal\nmodal.Function.lookup(\nmodal.Volume.delete",
            "import modal\napp = modal.App()\n@app.function(volumes={'/data': v})\ndef f(): ...\n@app.local_entrypoint()\ndef main():\n    open(f'/data{x}'\n",
            "import modal\napp = modal.App()\n@app.cls()\nclass C:\n    @modal.method()\n    def m(self): ...\n    def n(*, self=1):\n        self.m(",
            "import modal\napp = modal.App()\n@app.cls()\nclass C:\n    @modal.method()\n    def m(): ...\n    def n():\n        m()",
        ]
        .map(String::from),
    );
    for source in &sources {
        testing::assert_survives_typing(source, RULES);
    }
}

#[test]
fn max_inputs_one_becomes_single_use_containers() {
    assert_eq!(
        fixed("@app.function(max_inputs=1, timeout=60)\ndef f(): ...\n", "MDL030"),
        "@app.function(single_use_containers=True, timeout=60)\ndef f(): ...\n"
    );
    // Already given: the warning stays, without a fix that would repeat the keyword.
    let source = format!("{PREAMBLE}@app.function(max_inputs=1, single_use_containers=True)\ndef f(): ...\n");
    let diagnostics: Vec<_> = check(&source).into_iter().filter(|d| d.rule == "MDL030").collect();
    assert!(diagnostics.len() == 1 && diagnostics[0].fix.is_none(), "{diagnostics:#?}");
    // Values other than 1 raise: MDL031, not this warning.
    for value in ["2", "0", "-1", "1.0", "\"1\"", "False"] {
        let source = format!("@app.function(max_inputs={value})\ndef f(): ...\n");
        assert!(messages(&source, "MDL030").is_empty(), "{value}");
        assert_eq!(messages(&source, "MDL031").len(), 1, "{value}");
    }
    assert!(messages("@app.function(max_inputs=None)\ndef f(): ...\n", "MDL031").is_empty());
    assert!(messages("@app.function()\n@modal.concurrent(max_inputs=8)\ndef f(): ...\n", "MDL030").is_empty());
}

#[test]
fn cpu_limits_compare_thousandths_of_a_core() {
    let found = |value: &str| messages(&format!("@app.function(cpu={value})\ndef f(): ...\n"), "MDL031");
    assert!(found("(0.0001, 0.0002)").is_empty());
    assert!(found("(0.5, 0.5)").is_empty());
    assert_eq!(found("(0.5, 0.4999)").len(), 1);
    assert!(found("(0, 2)")[0].contains("request"));
    assert!(found("(2, 0.0)")[0].contains("limit"));
    assert!(found("(1,)")[0].contains("IndexError"));
    assert!(found("(1, 2, 3)").is_empty());
    assert!(found("[4, 2]").is_empty());
    assert_eq!(messages("sb = modal.Sandbox.create(app=app, memory=(512, 256))\n", "MDL031").len(), 1);
}

#[test]
fn mount_paths_are_judged_as_the_client_normalizes_them() {
    let found = |key: &str| messages(&format!("@app.function(volumes={{{key:?}: v}})\ndef f(): ...\n"), "MDL032");
    for refused in ["data", "./data", "", "/", "/root", "/tmp", "/tmp/", "/./tmp", "/data/../x", "//tmp/.."] {
        assert_eq!(found(refused).len(), 1, "{refused}");
    }
    for allowed in ["/data", "/data/", "/root/.cache", "/tmp/x", "/a//b", "/a/./b", "//data"] {
        assert!(found(allowed).is_empty(), "{allowed}");
    }
    assert!(found("data")[0].contains("\"/data\""));
}

#[test]
fn one_volume_at_two_paths() {
    let count = |volumes: &str| messages(&format!("@app.function(volumes={volumes})\ndef f(): ...\n"), "MDL032").len();
    assert_eq!(count("{\"/a\": v, \"/b\": v.with_mount_options(read_only=True)}"), 1);
    assert_eq!(count("{\"/a\": modal.Volume.from_name(\"x\"), \"/b\": modal.Volume.from_name(\"x\")}"), 1);
    assert_eq!(count("{\"/a\": modal.Volume.from_name(\"x\"), \"/b\": modal.Volume.from_name(\"y\")}"), 0);
    assert_eq!(
        count(
            "{\"/a\": modal.Volume.from_name(\"x\"), \"/b\": modal.Volume.from_name(\"x\", environment_name=\"dev\")}"
        ),
        0
    );
    assert_eq!(count("{\"/a\": v, \"/b\": w}"), 0);
    let buckets = "bucket = modal.CloudBucketMount(\"b\")\n@app.function(volumes={\"/a\": bucket, \"/b\": bucket})\ndef f(): ...\n";
    assert!(messages(buckets, "MDL032").is_empty());
}

#[test]
fn period_fixes_move_fractions_to_a_smaller_unit() {
    assert_eq!(fixed("p = modal.Period(hours=1.5)\n", "MDL033"), "p = modal.Period(minutes=90)\n");
    assert_eq!(fixed("p = modal.Period(days=2.0)\n", "MDL033"), "p = modal.Period(days=2)\n");
    assert_eq!(fixed("p = modal.Period(minutes=0.5)\n", "MDL033"), "p = modal.Period(seconds=30)\n");
    let no_fix = |source: &str| {
        let source = format!("{PREAMBLE}{source}");
        let diagnostics: Vec<_> = check(&source).into_iter().filter(|d| d.rule == "MDL033").collect();
        assert_eq!(diagnostics.len(), 1, "{source}");
        assert!(diagnostics[0].fix.is_none(), "{source}");
    };
    no_fix("p = modal.Period(hours=1.5, minutes=10)\n");
    no_fix("p = modal.Period(hours=1.33)\n");
    no_fix("p = modal.Period(months=1.5)\n");
    no_fix("p = modal.Period(hours=True)\n");
    for fine in ["seconds=1.5", "seconds=True", "hours=None", "hours=n", "days=-1", "seconds=math.pi"] {
        assert!(messages(&format!("p = modal.Period({fine})\n"), "MDL033").is_empty(), "{fine}");
    }
}

#[test]
fn sandbox_streams_in_text_positions() {
    let head = "sb = modal.Sandbox.create(app=app)\np = sb.exec(\"ls\")\n";
    let count = |line: &str| messages(&format!("{head}{line}\n"), "MDL034").len();
    for misuse in [
        "print(p.stdout)",
        "print(p.stderr, file=sys.stderr)",
        "text = str(p.stdout)",
        "log(f\"output: {p.stdout}\")",
        "ok = p.stdout == \"done\\n\"",
        "lines = p.stdout.splitlines()",
        "sys.stdout.write(p.stdout)",
        "print(sb.stdout)",
        "print(modal.Sandbox.from_name(\"app\", \"box\").exec(\"ls\").stdout)",
    ] {
        assert_eq!(count(misuse), 1, "{misuse}");
    }
    for fine in [
        "print(p.stdout.read())",
        "for line in p.stdout:\n    print(line)",
        "reader = p.stdout",
        "consume(p.stdout)",
        "print(other.stdout)",
        "print(subprocess.run([\"ls\"], capture_output=True).stdout)",
        "p = 1\nprint(p.stdout)",
    ] {
        assert_eq!(count(fine), 0, "{fine}");
    }
    assert_eq!(fixed(&format!("{head}print(p.stdout)\n"), "MDL034"), format!("{head}print(p.stdout.read())\n"));
}

#[test]
fn sandbox_fragments_follow_free_names() {
    let fragment = "result = sandbox.exec(\"python\", \"-c\", \"print(1)\")\nprint(result.stdout)\n";
    assert_eq!(messages(fragment, "MDL034").len(), 1);
    // Defined in the snippet as something else, or bound to something else too: not followed.
    assert!(messages(&format!("sandbox = Box()\n{fragment}"), "MDL034").is_empty());
    assert!(messages(&format!("{fragment}result = run()\nprint(result.stdout)\n"), "MDL034").is_empty());
    // A free name that does not read as a Sandbox.
    assert!(messages("r = conn.exec(\"ls\")\nprint(r.stdout)\n", "MDL034").is_empty());
}

#[test]
fn spawn_map_results() {
    let head = "@app.function()\ndef f(x):\n    return x\n\n\n";
    let count = |body: &str| messages(&format!("{head}{body}\n"), "MDL035").len();
    for misuse in [
        "c = f.spawn_map([1, 2])\nc.get()",
        "print(f.spawn_map([1, 2]))",
        "f.spawn_map([1, 2]).get()",
        "async def g():\n    c = await f.spawn_map.aio([1])\n    return c",
        "modal.Function.from_name(\"a\", \"f\").spawn_map([1]).get()",
        "c = process_item.spawn_map(items)\nresults = c.get()",
    ] {
        assert_eq!(count(misuse), 1, "{misuse}");
    }
    for fine in [
        "f.spawn_map([1, 2])",
        "c = f.spawn_map([1, 2])",
        "c = f.spawn_map([1, 2])\nc = f.spawn(1)\nc.get()",
        "async def g():\n    await f.spawn_map.aio([1])",
        "pool = Pool()\nc = pool.spawn_map(items)\nc.get()",
        "def run(fn):\n    return fn.spawn_map([1])",
    ] {
        assert_eq!(count(fine), 0, "{fine}");
    }
}

#[test]
fn lookup_fixes_only_when_the_arguments_carry_over() {
    assert_eq!(
        fixed("f = modal.Function.lookup(\"app\", \"f\")\n", "MDL036"),
        "f = modal.Function.from_name(\"app\", \"f\")\n"
    );
    assert_eq!(fixed("modal.Queue.delete(\"jobs\")\n", "MDL036"), "modal.Queue.objects.delete(\"jobs\")\n");
    let source = format!("{PREAMBLE}s = modal.Secret.lookup(\"s\", namespace=1)\n");
    let diagnostics: Vec<_> = check(&source).into_iter().filter(|d| d.rule == "MDL036").collect();
    assert!(diagnostics.len() == 1 && diagnostics[0].fix.is_none(), "{diagnostics:#?}");
    assert!(messages("a = modal.App.lookup(\"x\", create_if_missing=True)\n", "MDL036").is_empty());
    assert!(messages("n = modal.NetworkFileSystem.delete(\"x\")\n", "MDL036").is_empty());
}

#[test]
fn local_paths_under_a_mount() {
    let head = "vol = modal.Volume.from_name(\"v\")\n\n\n@app.function(volumes={\"/data/\": vol})\ndef f():\n    ...\n\n\n\
                @app.local_entrypoint()\ndef main():\n";
    let count = |line: &str| messages(&format!("{head}    {line}\n"), "MDL037").len();
    for misuse in
        ["open(\"/data/x.txt\")", "os.listdir(\"/data\")", "Path(f\"/data/{name}\")", "os.path.exists(\"/data/a\")"]
    {
        assert_eq!(count(misuse), 1, "{misuse}");
    }
    for fine in [
        "open(\"/database.txt\")",
        "open(f\"/data{suffix}\")",
        "f.remote(\"/data/x.txt\")",
        "vol.listdir(\"/data\")",
        "open(\"data/x.txt\")",
    ] {
        assert_eq!(count(fine), 0, "{fine}");
    }
    let suggested = |line: &str| messages(&format!("{head}    {line}\n"), "MDL037").join("");
    assert!(suggested("open(\"/data/in/a.txt\")").contains("`vol.read_file(\"/in/a.txt\")`"));
    assert!(suggested("os.listdir(\"/data/in/\")").contains("`vol.listdir(\"/in\")`"));
    assert!(suggested("glob.glob(\"/data/in/*.txt\")").contains("`vol.listdir(\"/in\")`"));
    assert!(suggested("os.listdir(f\"/data/{day}\")").contains("`vol.listdir(\"/…\")`"));
    assert!(suggested("open(f\"/data/out/{name}\")").contains("\"/data/out/…\" is under \"/data\""));
}

#[test]
fn method_calls_get_local() {
    let source = "@app.cls()\nclass C:\n    @modal.method()\n    def run(self, x):\n        return x\n\n    \
                  @modal.method()\n    def twice(me, x):\n        return me.run(me.run(x))\n";
    assert_eq!(messages(source, "MDL038").len(), 2);
    let one = "@app.cls()\nclass C:\n    @modal.method()\n    def run(self, x):\n        return x\n\n    \
               def helper(self):\n        return self.run(1)\n";
    assert!(fixed(one, "MDL038").ends_with("return self.run.local(1)\n"));
    let plain =
        "class C:\n    @modal.method()\n    def run(self):\n        ...\n\n    def go(self):\n        self.run()\n";
    assert!(messages(plain, "MDL038").is_empty());
}
