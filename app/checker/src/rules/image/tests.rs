use super::RULES;
use crate::check;
use crate::rules::testing::{self, fixed};

fn ours(source: &str) -> Vec<crate::Diagnostic> {
    testing::diagnostics_of(source, RULES)
}

fn assert_fixes_hold(source: &str) {
    testing::assert_fixes_hold(source, RULES);
}

const HEAD: &str = "import modal\napp = modal.App()\n";

#[test]
fn broken_or_odd_code_does_not_panic() {
    let sources = [
        "import modal\nimage = modal.Image.debian_slim(python_version=",
        "import modal\nimage = modal.Image.debian_slim(python_version=3.",
        "import modal\nimage = modal.Image.debian_slim(python_version=99999999999999999999999999999.5)",
        "import modal\nimage = modal.Image.debian_slim(python_version=\"3.\u{00e9}\")",
        "import modal\nimage = modal.Image.debian_slim(python_version=\"3.1\u{0663}\")",
        "import modal\nimage = modal.Image.from_registry(add_python=\"\")",
        "import modal\nimage = modal.Image.debian_slim().pip_install(\"-\", [\"--\"], [], *[])",
        "import modal\nimage = modal.Image.debian_slim().add_local_file(\"a\")",
        "import modal\nimage = modal.Image.debian_slim().add_local_dir(*[\"a\", \"b\"])",
        "import modal\nimage = modal.Image.debian_slim().env({\"A\": 1, 2: 3, **{}})",
        "import modal\nimage = modal.Image.debian_slim().env({\"A\": -+-1.5e9, \"B\": ~1, \"C\": not 1})",
        "import modal\nimage = modal.Image.debian_slim().run_function(lambda",
        "import modal\nimage = modal.Image.debian_slim().add_local_dir(\"a\", \"/a\").pip_install(",
        "import modal\nimage = modal.Image.debian_slim().add_local_dir(\n",
        "import modal\nimage = modal.Image.debian_slim().add_local_python_source().run_commands()",
        "import modal\nimage = image = modal.Image.debian_slim().add_local_dir('a', '/a')\n(image := image).pip_install('x')",
        "import modal\nfrom x import *\nimage = modal.Image.debian_slim().add_local_dir('a', '/a')\ndel image\nimage.pip_install()",
        "import modal\napp = modal.App(image=)\n@app.function()\n@modal.fastapi_endpoint()\ndef f(): ...",
        "import modal\napp = modal.App()\n@app.cls()\nclass C:\n    @modal.fastapi_endpoint(\n",
        "import modal\napp = modal.App()\n@app.function(image=modal.Image.debian_slim()\n@modal.asgi_app()\ndef f():\n    from fastapi import",
        "import modal\nmatch x:\n    case {**image}:\n        image = modal.Image.debian_slim().add_local_dir('a', '/a')\n",
        "import modal\ntry:\n    pass\nexcept E as image:\n    image.pip_install()\n",
    ];
    for source in sources {
        assert_fixes_hold(source);
    }
}

#[test]
fn long_chains_and_deep_nesting_stay_quick() {
    let mut chain = String::from("import modal\nimage = modal.Image.debian_slim()");
    // As long as `limits::MAX_CHAIN` lets through (each call is a dot and a bracket).
    for _ in 0..140 {
        chain.push_str(".add_local_dir('a', '/a')");
    }
    chain.push_str(".pip_install('x')\n");
    assert_eq!(ours(&chain).len(), 140);
    let mut nested = String::from("import modal\nimage = modal.Image.debian_slim().add_local_dir('a', '/a')\n");
    for depth in 0..200 {
        nested.push_str(&format!("{}if x:\n", "    ".repeat(depth)));
    }
    nested.push_str(&format!("{}image = image.pip_install('x')\n", "    ".repeat(200)));
    assert_eq!(ours(&nested).len(), 1);
}

#[test]
fn float_versions_are_quoted_as_written() {
    for (written, expected) in [("3.11", "\"3.11\""), ("3.10", "\"3.10\"")] {
        let source = format!("{HEAD}image = modal.Image.debian_slim(python_version={written})\n");
        assert_eq!(
            fixed(&source, "MDL023"),
            format!("{HEAD}image = modal.Image.debian_slim(python_version={expected})\n")
        );
    }
    let ambiguous = format!("{HEAD}image = modal.Image.debian_slim(python_version=3.1)\n");
    let diagnostics: Vec<_> = check(&ambiguous).into_iter().filter(|d| d.rule == "MDL023").collect();
    assert_eq!(diagnostics.len(), 1);
    assert!(diagnostics[0].fix.is_none() && diagnostics[0].message.contains("3.1 from 3.10"));
    let patch = format!("{HEAD}image = modal.Image.from_registry(\"ubuntu\", add_python=\"3.14.2t\")\n");
    assert_eq!(
        fixed(&patch, "MDL023"),
        format!("{HEAD}image = modal.Image.from_registry(\"ubuntu\", add_python=\"3.14t\")\n")
    );
}

#[test]
fn env_values_are_quoted_as_written() {
    for (written, expected) in [("4", "\"4\""), ("-1.5", "\"-1.5\""), ("True", "\"True\"")] {
        let source = format!("{HEAD}image = modal.Image.debian_slim().env({{\"A\": {written}}})\n");
        assert_eq!(
            fixed(&source, "MDL026"),
            format!("{HEAD}image = modal.Image.debian_slim().env({{\"A\": {expected}}})\n")
        );
    }
    for unclear in ["0x10", "1e3", "1_000", "None", "[1]"] {
        let source = format!("{HEAD}image = modal.Image.debian_slim().env({{\"A\": {unclear}}})\n");
        let diagnostics: Vec<_> = check(&source).into_iter().filter(|d| d.rule == "MDL026").collect();
        assert_eq!(diagnostics.len(), 1, "{unclear}");
        assert!(diagnostics[0].fix.is_none(), "{unclear}");
    }
}

#[test]
fn copy_true_goes_where_it_reads_naturally() {
    let image = "image = modal.Image.debian_slim()";
    for (call, expected) in [
        (".add_local_dir('a', '/a')", ".add_local_dir('a', '/a', copy=True)"),
        (".add_local_dir('a', '/a', copy=False)", ".add_local_dir('a', '/a', copy=True)"),
        (".add_local_dir(\n    'a',\n    '/a',\n)", ".add_local_dir(\n    'a',\n    '/a', copy=True,\n)"),
        (
            ".add_local_dir('a',  # note\n    '/a'  # note\n)",
            ".add_local_dir('a',  # note\n    '/a', copy=True  # note\n)",
        ),
        (".add_local_python_source()", ".add_local_python_source(copy=True)"),
        (
            ".add_local_dir(remote_path='/a', local_path='a')",
            ".add_local_dir(remote_path='/a', local_path='a', copy=True)",
        ),
    ] {
        let source = format!("{HEAD}{image}{call}.pip_install('x')\n");
        assert_eq!(fixed(&source, "MDL028"), format!("{HEAD}{image}{expected}.pip_install('x')\n"), "{call}");
    }
}

#[test]
fn names_are_followed_through_straight_line_code_only() {
    let reported = |body: &str| {
        check(&format!("{HEAD}{body}"))
            .into_iter()
            .filter(|d| d.rule == "MDL028")
            .map(|d| d.start.line)
            .collect::<Vec<_>>()
    };
    let base = "image = modal.Image.debian_slim().add_local_dir('a', '/a')\n";
    assert_eq!(reported(&format!("{base}other = image\nother.pip_install('x')\n")), vec![3]);
    assert_eq!(reported(&format!("{base}for x in y:\n    image = image.pip_install('x')\n")), Vec::<usize>::new());
    assert_eq!(
        reported(&format!("{base}while x:\n    image = modal.Image.debian_slim()\nimage.pip_install('x')\n")),
        Vec::<usize>::new()
    );
    assert_eq!(reported(&format!("{base}if x:\n    image.pip_install('x')\n")), vec![3]);
    assert_eq!(reported(&format!("{base}with x as image:\n    image.pip_install('x')\n")), Vec::<usize>::new());
    assert_eq!(
        reported(&format!("{base}try:\n    image = image.env({{}})\nexcept E:\n    image = 1\n")),
        Vec::<usize>::new()
    );
    assert_eq!(
        reported(&format!("{base}app.image = image\nx = [image.pip_install(p) for image in images]\n")),
        Vec::<usize>::new()
    );
    assert_eq!(reported(&format!("{base}import image\nimage.pip_install('x')\n")), Vec::<usize>::new());
}

#[test]
fn fastapi_needs_are_judged_only_on_visible_images() {
    let endpoint = "@app.function(IMAGE)\n@modal.fastapi_endpoint()\ndef f():\n    return 1\n";
    let warned =
        |image: &str| check(&format!("{HEAD}{}", endpoint.replace("IMAGE", image))).iter().any(|d| d.rule == "MDL029");
    assert!(warned(""));
    assert!(warned("image=None"));
    assert!(warned("image=modal.Image.debian_slim().pip_install('torch')"));
    assert!(warned("image=modal.Image.debian_slim().pip_install(['torch'], index_url='https://x')"));
    assert!(!warned("image=modal.Image.debian_slim().pip_install('fastapi')"));
    assert!(!warned("image=modal.Image.debian_slim().pip_install(['FastAPI[standard]==0.115'])"));
    assert!(!warned("image=modal.Image.debian_slim().pip_install('torch', extra_options='-r r.txt')"));
    assert!(!warned("image=modal.Image.debian_slim().uv_pip_install('torch', requirements=['r.txt'])"));
    assert!(!warned("image=modal.Image.debian_slim().pip_install(PACKAGES)"));
    assert!(!warned("image=modal.Image.debian_slim().uv_sync()"));
    assert!(!warned("image=modal.Image.from_dockerfile('Dockerfile')"));
    assert!(!warned("image=modal.Image.from_name('web')"));
    assert!(!warned("image=IMAGE"));
    assert!(!warned("**options"));
}

/// Image code cut and joined at random: nothing may panic, and every fix must hold.
#[test]
fn generated_image_code_does_not_panic() {
    const PIECES: &[&str] = &[
        "import modal\n",
        "from modal import App, Image, Secret, fastapi_endpoint, asgi_app\n",
        "app = modal.App(image=image)\n",
        "app = App()\n",
        "image = modal.Image.debian_slim(",
        "image = Image.micromamba(python_version=3.1",
        "image = image",
        "modal.Image.from_registry('x', add_python=",
        "\"3.12.4\"",
        "3.10",
        ".add_local_dir('a', 'b'",
        ".add_local_file('a', '/b', copy=",
        ".add_local_python_source('m')",
        ".pip_install('torch', '--pre'",
        ".uv_pip_install(['fastapi'",
        ".env({'A': 1, 'B': None, **x",
        ".run_function(lambda: 1",
        ".run_commands('x')",
        ")",
        ")\n",
        "]",
        "}",
        ", ",
        "copy=True",
        "\n",
        "if x:\n    ",
        "for image in y:\n    ",
        "try:\n    pass\nexcept E as image:\n    ",
        "def f(image=modal.Image.debian_slim()):\n    ",
        "class C:\n    ",
        "@app.function(image=image)\n",
        "@app.cls(env={'A': 2})\n",
        "@modal.fastapi_endpoint()\n",
        "@modal.asgi_app()\n",
        "def web():\n    from fastapi import FastAPI\n    return FastAPI()\n",
        "lambda image: image.pip_install('-U')",
        "(image := modal.Image.debian_slim())",
        "del image\n",
        "from x import *\n",
        "'unterminated",
        "\"\"\"",
        "\t",
        "é",
    ];
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for _ in 0..3_000 {
        let count = 1 + (next() % 14) as usize;
        let source: String = (0..count).map(|_| PIECES[(next() % PIECES.len() as u64) as usize]).collect();
        assert_fixes_hold(&source);
    }
}
