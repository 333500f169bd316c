//! The editor's engine on documents in an in-memory workspace: what a user sees in hover,
//! completion, signature help, diagnostics and fixes.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use atlas_checker::{Import, Options};
use atlas_ide::{Api, CompletionKind, Host, ModuleText, Workspace, noqa_edit};
use atlas_reference::{Reference, Summaries};

/// Files in memory; every rule but those in `ignored` is reported.
#[derive(Default)]
struct Memory {
    files: HashMap<PathBuf, String>,
    ignored: Vec<&'static str>,
    options: Options,
}

impl Host for Memory {
    fn options(&self) -> &Options {
        &self.options
    }
    fn reports(&self, rule: &str, _: &Path) -> bool {
        !self.ignored.contains(&rule)
    }
    fn module_file(&self, importer: &Path, import: &Import) -> Option<PathBuf> {
        let file = importer.parent()?.join(format!("{}.py", import.path.trim_start_matches('.')));
        self.files.contains_key(&file).then_some(file)
    }
    fn read(&self, path: &Path) -> Result<ModuleText, String> {
        self.files.get(path).map(|text| ModuleText::Text(text.clone())).ok_or_else(|| "no such file".into())
    }
}

fn api() -> Api {
    let reference = Reference::parse(include_str!("../../../content/data/modal-reference.json")).unwrap();
    let summaries = Summaries::parse(include_str!("../../../content/data/modal-reference-summaries.toml")).unwrap();
    Api::new(reference, summaries, "https://atlas.example/")
}

const WARM: &str = "import modal\n\napp = modal.App(\"a\")\n\n\n@app.function(keep_warm=1)\ndef f():\n    return 1\n";

fn workspace(files: &[(&str, &str)]) -> Workspace<Memory> {
    let files = files.iter().map(|(path, text)| (PathBuf::from(path), text.to_string())).collect();
    Workspace::new(Memory { files, ..Memory::default() })
}

fn rules(workspace: &mut Workspace<Memory>, path: &str) -> Vec<String> {
    workspace.checked(Path::new(path)).unwrap().diagnostics().into_iter().map(|d| d.rule).collect()
}

#[test]
fn an_open_document_is_checked_with_the_modules_it_imports() {
    let common = "import modal\n\napp = modal.App(\"shared\")\n";
    let jobs = "from .common import app\n\n\n@app.function(keep_warm=1)\ndef job():\n    return 1\n";
    let mut workspace = workspace(&[("/p/common.py", common)]);
    workspace.open("/p/jobs.py".into(), jobs.into());
    assert_eq!(rules(&mut workspace, "/p/jobs.py"), ["MDL001"], "the app comes from common.py, read from disk");

    // An open module's text wins over the file on disk: here it defines no Modal app.
    workspace.open("/p/common.py".into(), "app = object()\n".into());
    assert!(rules(&mut workspace, "/p/jobs.py").is_empty());
    // Closed, it is the file on disk again.
    workspace.close(Path::new("/p/common.py"));
    assert_eq!(rules(&mut workspace, "/p/jobs.py"), ["MDL001"]);
}

#[test]
fn settings_and_noqa_comments_silence_problems() {
    let mut workspace = workspace(&[]);
    workspace.open("/p/a.py".into(), WARM.into());
    assert_eq!(rules(&mut workspace, "/p/a.py"), ["MDL001"]);

    let found = workspace.checked(Path::new("/p/a.py")).unwrap().diagnostics();
    let edit = noqa_edit(WARM, &found[0]);
    let silenced = atlas_checker::apply_edits(WARM, &[edit]);
    assert!(silenced.contains("@app.function(keep_warm=1)  # noqa: MDL001\n"), "{silenced}");
    workspace.open("/p/a.py".into(), silenced);
    assert!(rules(&mut workspace, "/p/a.py").is_empty());

    let mut ignoring = Workspace::new(Memory { ignored: vec!["MDL001"], ..Memory::default() });
    ignoring.open("/p/a.py".into(), WARM.into());
    assert!(rules(&mut ignoring, "/p/a.py").is_empty());
}

#[test]
fn the_target_version_flags_newer_names() {
    let code = "import modal\n\napp = modal.App(\"a\", tags={\"team\": \"x\"})\n";
    let options = Options { target_version: Some("1.1".parse().unwrap()), ..Options::default() };
    let mut old = Workspace::new(Memory { options, ..Memory::default() });
    old.open("/p/a.py".into(), code.into());
    assert_eq!(rules(&mut old, "/p/a.py"), ["MDL039"]);
    let mut current = workspace(&[]);
    current.open("/p/a.py".into(), code.into());
    assert!(rules(&mut current, "/p/a.py").is_empty());
}

#[test]
fn fix_all_applies_the_safe_fixes_only() {
    let code = format!("{WARM}\nd = modal.Dict.from_name(\"d\")\nd.put(\"k\", 1, ttl=60)\n");
    let mut workspace = workspace(&[]);
    workspace.open("/p/a.py".into(), code.clone());
    let before = rules(&mut workspace, "/p/a.py");
    assert!(before.contains(&"MDL001".into()) && before.contains(&"MDL014".into()), "{before:?}");
    let (fixed, applied) = workspace.checked(Path::new("/p/a.py")).unwrap().fix_all().unwrap();
    assert_eq!(applied, 1);
    assert!(fixed.contains("@app.function(min_containers=1)"), "{fixed}");
    assert!(fixed.contains("ttl=60"), "the unsafe fix waits: {fixed}");
    // The open document itself is unchanged until the editor applies the edit.
    assert_eq!(workspace.text(Path::new("/p/a.py")).unwrap(), code);
    workspace.open("/p/a.py".into(), fixed);
    let after = rules(&mut workspace, "/p/a.py");
    assert!(!after.contains(&"MDL001".into()) && after.contains(&"MDL014".into()), "{after:?}");
    assert!(workspace.checked(Path::new("/p/a.py")).unwrap().fix_all().is_none());
}

#[test]
fn a_document_never_opened_is_an_error_that_says_so() {
    let mut workspace = workspace(&[]);
    let Err(error) = workspace.checked(Path::new("/p/never.py")) else { panic!("checked") };
    assert!(error.to_string().contains("/p/never.py is not open"), "{error}");
}

/// The outline of `code`, and the offset of the first `|` in it (removed).
fn at_cursor(code: &str) -> (String, atlas_checker::Outline, usize) {
    let offset = code.find('|').expect("a cursor");
    let source = code.replacen('|', "", 1);
    let mut workspace = workspace(&[]);
    workspace.open("/p/a.py".into(), source.clone());
    let outline = workspace.checked(Path::new("/p/a.py")).unwrap().outline();
    (source, outline, offset)
}

fn hover(code: &str) -> String {
    let (source, outline, offset) = at_cursor(code);
    api().hover(&source, &outline, offset).map(|hover| hover.text).unwrap_or_default()
}

#[test]
fn hover_shows_the_signature_summary_history_and_link() {
    let text = hover("import modal\nv = modal.Volume.from_na|me(\"data\")\n");
    assert!(text.contains("Volume.from_name(name: str"), "{text}");
    assert!(text.contains("Since modal 1."), "{text}");
    assert!(text.contains("(https://atlas.example/api-storage/#volume-from_name)"), "{text}");

    let class = hover("import modal\nv = modal.Vol|ume.from_name(\"data\")\n");
    assert!(class.contains("#volume)"), "the part under the cursor: {class}");

    let method = hover("import modal\nv = modal.Volume.from_name(\"data\")\nv.com|mit()\n");
    assert!(method.contains("Volume.commit("), "a method on a variable holding a Volume: {method}");

    let held = "import modal\nclass W:\n    def run(self):\n        self.jobs.pu|t(1)\n    def open(self):\n        self.jobs = modal.Queue.from_name(\"j\")\n";
    let attribute = hover(held);
    assert!(attribute.contains("Queue.put("), "a method on an attribute holding a Queue: {attribute}");

    let annotated = hover("import modal\ndef f():\n    cache: modal.Di|ct = modal.Dict.from_name(\"c\")\n");
    assert!(annotated.contains("#dict)"), "a name in a local's annotation, which Python never evaluates: {annotated}");

    let remote = hover(&format!("{WARM}\nf.rem|ote()\n"));
    assert!(remote.contains("Function.remote("), "{remote}");

    let decorator = hover("import modal\napp = modal.App()\n@app.func|tion()\ndef f():\n    pass\n");
    assert!(decorator.contains("App.function(") && decorator.contains("gpu"), "{decorator}");
}

#[test]
fn hover_on_a_keyword_shows_its_type_default_and_deprecation() {
    let gpu = hover("import modal\napp = modal.App()\n@app.function(g|pu=\"A10\")\ndef f():\n    pass\n");
    assert!(gpu.contains("gpu: ") && gpu.contains("= None"), "{gpu}");
    assert!(gpu.contains("Keyword of `App.function`"), "{gpu}");

    let renamed = hover("import modal\napp = modal.App()\n@app.function(keep_w|arm=1)\ndef f():\n    pass\n");
    assert!(renamed.contains("keep_warm") && renamed.contains("Deprecated"), "{renamed}");
}

#[test]
fn nothing_to_say_outside_modal() {
    assert_eq!(hover("import os\nos.pa|th.join('a')\n"), "");
    assert_eq!(hover("x = 1|\n"), "");
}

fn completions(code: &str) -> Vec<atlas_ide::Completion> {
    let (source, outline, offset) = at_cursor(code);
    api().completions(&source, &outline, offset)
}

#[test]
fn keywords_complete_inside_a_modal_call() {
    let items = completions("import modal\napp = modal.App()\n@app.function(gpu=\"T4\", |)\ndef f():\n    pass\n");
    let labels: Vec<&str> = items.iter().map(|item| item.label.as_str()).collect();
    assert!(labels.contains(&"timeout") && labels.contains(&"min_containers"), "{labels:?}");
    assert!(!labels.contains(&"gpu"), "given already: {labels:?}");
    let timeout = items.iter().find(|item| item.label == "timeout").unwrap();
    assert_eq!(timeout.insert, "timeout=");
    assert_eq!(timeout.kind, CompletionKind::Keyword);
    assert!(timeout.detail.as_deref().is_some_and(|detail| detail.contains('=')), "{:?}", timeout.detail);
    let deprecated: Vec<&str> = items.iter().filter(|item| item.deprecated).map(|item| item.label.as_str()).collect();
    assert!(!labels.contains(&"keep_warm"), "removed keywords are not offered: {labels:?}");
    assert!(deprecated.iter().all(|label| labels.contains(label)));

    let typed = completions("import modal\napp = modal.App()\n@app.function(time|)\ndef f():\n    pass\n");
    let timeout = typed.iter().find(|item| item.label == "timeout").expect("offered while typed");
    assert_eq!(timeout.replace.len(), 4, "replaces what was typed");

    let held = completions(
        "import modal\nclass W:\n    q = modal.Queue.from_name(\"j\")\n    def run(self):\n        self.q.put(1, |)\n",
    );
    let labels: Vec<&str> = held.iter().map(|item| item.label.as_str()).collect();
    assert!(labels.contains(&"partition"), "a method on a class attribute holding a Queue: {labels:?}");

    assert!(completions("import os\nos.path.join(|)\n").is_empty(), "not a Modal call");
    assert!(completions("import modal\napp = modal.App()\n@app.function(timeout=3|)\ndef f():\n    pass\n").is_empty());
}

#[test]
fn gpu_names_and_time_zones_complete_inside_their_strings() {
    let gpus = completions("import modal\napp = modal.App()\n@app.function(gpu=\"H|\")\ndef f():\n    pass\n");
    let labels: Vec<&str> = gpus.iter().map(|item| item.label.as_str()).collect();
    assert!(labels.contains(&"H100") && labels.contains(&"A100-80GB"), "{labels:?}");
    assert!(gpus.iter().all(|item| item.kind == CompletionKind::Value));

    let zones = completions("import modal\nmodal.Cron(\"0 6 * * *\", timezone=\"Eu|\")\n");
    assert!(zones.iter().any(|item| item.label == "Europe/Paris"), "{} zones", zones.len());
}

#[test]
fn signature_help_marks_the_argument_being_written() {
    let (source, outline, offset) = at_cursor("import modal\nv = modal.Volume.from_name(\"d\", create_if_missing=|)\n");
    let help = api().signature_help(&source, &outline, offset).expect("a signature");
    assert!(help.label.starts_with("Volume.from_name(name: str"), "{}", help.label);
    let active = &help.label[help.parameters[help.active.expect("an active parameter")].clone()];
    assert!(active.starts_with("create_if_missing"), "{active}");

    let (source, outline, offset) = at_cursor("import modal\nv = modal.Volume.from_name(|)\n");
    let help = api().signature_help(&source, &outline, offset).unwrap();
    assert!(help.label[help.parameters[help.active.unwrap()].clone()].starts_with("name"));
}

#[test]
fn every_offset_of_broken_code_gets_an_answer() {
    let api = api();
    for source in [
        "import modal\napp = modal.App(\"é\")\n@app.function(gpu=\"𝄞\", timeout=\ndef f(:\n",
        "import modal\nmodal.Cron(\"0 6 * * *\", timezone=\"Eu",
        "import modal as m\nv = m.Volume.from_name(\"d\",\n  create_if_missing=é",
    ] {
        let mut workspace = workspace(&[]);
        workspace.open("/p/a.py".into(), source.into());
        let outline = workspace.checked(Path::new("/p/a.py")).unwrap().outline();
        for offset in (0..=source.len()).filter(|&at| source.is_char_boundary(at)) {
            api.hover(source, &outline, offset);
            for item in api.completions(source, &outline, offset) {
                assert!(item.replace.start <= item.replace.end && item.replace.end <= source.len(), "{item:?}");
            }
            api.signature_help(source, &outline, offset);
        }
    }
}
