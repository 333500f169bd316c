//! The MCP server's tools as plain functions over the reference: what each is called, the JSON
//! schema of its arguments, and its answer as text, or a message saying what was wrong and what
//! was expected. No protocol here; `mcp::serve` puts these behind rmcp.

use std::sync::OnceLock;

use atlas_checker::{Severity, apply_fix, check};
use atlas_content::llms::{self, Doc};
use atlas_content::{Book, CodeHtml, ContentFiles, PageLinks, RenderedPage, Site, search_index};
use atlas_cron::report::{self, Request, Schedule};
use atlas_pricing::form::{self, FALLBACKS, GPU, MODE, PLAN, REGION};
use atlas_pricing::{FIELDS, estimate, money};
use atlas_search::{Index, TextStore, excerpt};
use rmcp::schemars::{self, JsonSchema};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value, json};

use atlas_input::{cap_quoted, quote};

const SEARCH_LIMIT: u32 = 20;
const EXCERPT_CHARS: usize = 200;

/// A tool as `tools/list` shows it.
pub struct ToolSpec {
    pub name: &'static str,
    pub description: String,
    pub input_schema: Map<String, Value>,
}

/// Why a call failed.
#[derive(Debug, PartialEq, Eq)]
pub enum CallError {
    /// No tool has this name: a protocol error, not the tool's.
    UnknownTool(String),
    /// The tool refused its arguments or their content: shown to the caller as the tool's answer.
    Tool(String),
}

/// The reference the tools answer from: the book's pages and their Markdown, and the search index
/// (built on first use).
pub struct Atlas {
    site: Site,
    rendered: Vec<RenderedPage>,
    docs: Vec<Doc>,
    search: OnceLock<(Index, TextStore)>,
}

impl Atlas {
    /// The reference as it was when this binary was built.
    pub fn embedded() -> Result<Atlas, String> {
        Atlas::from_files(&ContentFiles::embedded("content".as_ref(), crate::embedded::FILES))
    }

    pub fn from_files(files: &ContentFiles) -> Result<Atlas, String> {
        // Code uncoloured: the tools read the pages' text, and colouring is most of rendering's time.
        let Book { site, rendered, .. } = Book::load(files, "/", CodeHtml::Plain)?;
        // Links as in the published copies, so a link in one page is a `page` for `read_page`.
        let docs = llms::content_docs(&site, PageLinks::Relative)?;
        Ok(Atlas { site, rendered, docs, search: OnceLock::new() })
    }

    /// What the server tells a client about itself.
    pub fn instructions(&self) -> String {
        let client = &self.site.data.client;
        format!(
            "{}: an unofficial reference for Modal, checked against the `{}` Python client {}. Search it with \
             search_docs and read pages with read_page; check Modal code with check_code before suggesting it; \
             cron_next_runs explains a modal.Cron schedule; estimate_cost prices a workload.",
            self.site.config.title, client.package, client.version
        )
    }

    pub fn tools(&self) -> Vec<ToolSpec> {
        let client = &self.site.data.client;
        vec![
            ToolSpec {
                name: "search_docs",
                description: "Search the reference (words, code tokens such as `scaledown_window`, old parameter \
                              names; typos are forgiven). Returns the best sections with the `page` and `section` to \
                              pass to read_page."
                    .into(),
                input_schema: schema::<SearchArgs>(),
            },
            ToolSpec {
                name: "read_page",
                description: "A page of the reference as Markdown, or one section of it. `page` is a slug (`gpus`), \
                              a route (`/gpus/`) or a link from another page (`../gpus/index.md#gpu-fallbacks`)."
                    .into(),
                input_schema: schema::<ReadArgs>(),
            },
            ToolSpec {
                name: "check_code",
                description: format!(
                    "Check Python code that uses Modal against the `{}` client {}: diagnostics with line and column, \
                     rule id (see read_page `rules`), severity and message, and the fixed code where a fix exists, \
                     with its applicability: \"safe\", or {{\"unsafe\": what else the fix changes}} (apply such a \
                     fix only when that change is wanted).",
                    client.package, client.version
                ),
                input_schema: schema::<CheckArgs>(),
            },
            ToolSpec {
                name: "cron_next_runs",
                description: "Explain a modal.Cron schedule (five fields, names, steps, @daily macros) and list its \
                              next runs in a time zone, with clock-change days and the decorator that sets it."
                    .into(),
                input_schema: schema::<CronArgs>(),
            },
            ToolSpec {
                name: "estimate_cost",
                description: format!(
                    "A month's cost of a Modal workload, from the prices of {} (the calculator's fields, bounds and \
                     messages). Omit `gpu` for CPU only. Fields a mode does not use are ignored.",
                    self.site.data.prices.as_of
                ),
                input_schema: self.estimate_schema(),
            },
        ]
    }

    /// Runs tool `name` on `arguments` (a JSON object).
    pub fn call(&self, name: &str, arguments: Value) -> Result<String, CallError> {
        let answer = match name {
            "search_docs" => self.search_docs(parse(name, arguments)?),
            "read_page" => self.read_page(parse(name, arguments)?),
            "check_code" => self.check_code(parse(name, arguments)?),
            "cron_next_runs" => cron_next_runs(parse(name, arguments)?),
            "estimate_cost" => self.estimate_cost(arguments),
            other => return Err(CallError::UnknownTool(other.to_string())),
        };
        answer.map_err(CallError::Tool)
    }

    fn search_docs(&self, args: SearchArgs) -> Result<String, String> {
        let limit = args.limit.unwrap_or(8);
        if !(1..=SEARCH_LIMIT).contains(&limit) {
            return Err(format!("limit: expected a whole number from 1 to {SEARCH_LIMIT}, found {limit}"));
        }
        if args.query.trim().is_empty() {
            return Err("query: expected words to search for, found nothing".into());
        }
        let (index, texts) = self.search.get_or_init(|| search_index::build(&self.site, &self.rendered));
        let hits = index.search(&args.query, limit as usize);
        if hits.is_empty() {
            return Ok(format!("No section matches {}. Try fewer or other words.", quote(&args.query)));
        }
        let mut text = format!("Sections matching {}, best first:\n", quote(&args.query));
        for (rank, hit) in hits.iter().enumerate() {
            let doc = &index.docs[hit.doc];
            let page = &index.pages[doc.page];
            let mut terms = hit.terms.clone();
            terms.sort();
            let passage: String =
                excerpt(&texts.texts[hit.doc], &terms, EXCERPT_CHARS).into_iter().map(|part| part.text).collect();
            let (name, section) = if doc.anchor.is_empty() {
                (page.title.clone(), String::new())
            } else {
                (format!("{} › {}", page.title, doc.heading), format!(", section `{}`", doc.anchor))
            };
            text.push_str(&format!("\n{}. {name} (page `{}`{section})\n   {passage}\n", rank + 1, page.slug));
        }
        Ok(text)
    }

    fn read_page(&self, args: ReadArgs) -> Result<String, String> {
        let (page, anchor_in_page) = match args.page.split_once('#') {
            Some((page, anchor)) => (page, Some(anchor.to_string())),
            None => (args.page.as_str(), None),
        };
        let slug = slug_of(page);
        let Some(doc) = self.docs.iter().find(|doc| doc.slug == slug) else {
            let slugs: Vec<&str> = self.docs.iter().map(|doc| doc.slug.as_str()).collect();
            return Err(format!(
                "page: no page {}; expected a slug, route or link such as `gpus`, `/gpus/` or `gpus/index.md`, \
                 one of: {}",
                quote(&args.page),
                slugs.join(", ")
            ));
        };
        match args.section.or(anchor_in_page).filter(|anchor| !anchor.is_empty()) {
            None => Ok(llms::document(&self.site, doc)),
            Some(anchor) => doc.markdown.section(&anchor).map(str::to_string).ok_or_else(|| {
                let anchors: Vec<&str> = doc.markdown.sections.iter().map(|section| section.anchor.as_str()).collect();
                format!(
                    "section: page `{}` has no section {}; expected one of: {}",
                    doc.slug,
                    quote(&anchor),
                    anchors.join(", ")
                )
            }),
        }
    }

    fn check_code(&self, args: CheckArgs) -> Result<String, String> {
        let found = check(&args.code);
        let count = |severity| found.iter().filter(|d| d.severity == severity).count();
        let diagnostics: Vec<Value> = found
            .iter()
            .map(|d| {
                let mut item = json!({
                    "rule": d.rule,
                    "severity": d.severity,
                    "message": d.message,
                    "line": d.start.line,
                    "column": d.start.column,
                    "end_line": d.end.line,
                    "end_column": d.end.column,
                });
                if let Some(fix) = &d.fix {
                    item["fix"] = json!({
                        "title": fix.title,
                        "applicability": fix.applicability,
                        "fixed_code": apply_fix(&args.code, fix),
                    });
                }
                item
            })
            .collect();
        let client = &self.site.data.client;
        pretty(&json!({
            "checked_against": format!("{} {}", client.package, client.version),
            "errors": count(Severity::Error),
            "warnings": count(Severity::Warning),
            "diagnostics": diagnostics,
        }))
    }

    /// The calculator's fields as a JSON schema: each with its label, bounds and default.
    fn estimate_schema(&self) -> Map<String, Value> {
        let data = &self.site.data;
        let gpus: Vec<&str> = data.gpus.iter().map(|gpu| gpu.id.as_str()).collect();
        let plans: Vec<&str> = data.plans.iter().map(|plan| plan.id.as_str()).collect();
        let mut properties = Map::new();
        properties.insert(
            GPU.into(),
            json!({ "type": "string", "enum": gpus, "description": "GPU type; omit for CPU only" }),
        );
        properties.insert(
            FALLBACKS.into(),
            json!({ "type": "array", "items": { "type": "string", "enum": gpus }, "description": "GPU types to fall back to, in order" }),
        );
        properties.insert(
            REGION.into(),
            json!({ "type": "string", "enum": ["", "broad", "narrow"], "default": "", "description": "region= choice and its price multiplier" }),
        );
        properties.insert(PLAN.into(), json!({ "type": "string", "enum": plans, "default": "starter" }));
        properties.insert(
            MODE.into(),
            json!({ "type": "string", "enum": ["always", "requests", "batch"], "default": "requests",
                    "description": "always: warm containers; requests: bursts of requests; batch: items in parallel" }),
        );
        for spec in FIELDS.iter().filter(|spec| is_cost_field(spec.name)) {
            let kind = if spec.whole { "integer" } else { "number" };
            let default: f64 = spec.default.parse().expect("field defaults are numbers");
            properties.insert(
                spec.name.into(),
                json!({ "type": kind, "minimum": spec.min, "maximum": spec.max, "default": default, "description": spec.label }),
            );
        }
        let schema = json!({ "type": "object", "properties": properties, "additionalProperties": false });
        schema.as_object().cloned().expect("an object")
    }

    fn estimate_cost(&self, arguments: Value) -> Result<String, String> {
        let Value::Object(given) = arguments else {
            return Err("estimate_cost: expected an object of the calculator's fields".into());
        };
        let schema = self.estimate_schema();
        let known = schema["properties"].as_object().expect("properties");
        if let Some(unknown) = given.keys().find(|key| !known.contains_key(*key)) {
            let names: Vec<&str> = known.keys().map(String::as_str).collect();
            return Err(format!("unknown argument {}: expected some of {}", quote(unknown), names.join(", ")));
        }
        let mut texts = Map::new();
        for (name, value) in &given {
            let text = match (name.as_str(), value) {
                (_, Value::String(text)) => text.clone(),
                (_, Value::Number(number)) => number.to_string(),
                (FALLBACKS, Value::Array(ids)) if ids.iter().all(Value::is_string) => {
                    ids.iter().filter_map(Value::as_str).collect::<Vec<_>>().join(",")
                }
                (FALLBACKS, _) => {
                    return Err(format!(
                        "{FALLBACKS}: expected a list of GPU ids, found {}",
                        quote(&value.to_string())
                    ));
                }
                (_, _) => {
                    return Err(format!("{name}: expected a number or text, found {}", quote(&value.to_string())));
                }
            };
            texts.insert(name.clone(), Value::String(text));
        }
        let text = |name: &str| match texts.get(name).and_then(Value::as_str) {
            Some(text) => text.to_string(),
            None => known[name]["default"].as_f64().map_or_else(
                || known[name]["default"].as_str().unwrap_or_default().to_string(),
                |default| default.to_string(),
            ),
        };
        let data = &self.site.data;
        // The calculator's messages quote what was typed, which here may be anything.
        let scenario = form::scenario(data, text).map_err(|messages| cap_quoted(&messages.join("; ")))?;
        let estimate = estimate(data, &scenario).map_err(|message| cap_quoted(&message))?;
        let line = |line: &atlas_pricing::Line| json!({ "label": line.label, "dollars": money(line.dollars), "arithmetic": line.arithmetic });
        pretty(&json!({
            "total_per_month": money(estimate.total),
            "compute": money(estimate.compute),
            "credits": money(estimate.credits),
            "plan_fee": money(estimate.plan_fee),
            "by_resource": [line(&estimate.gpu), line(&estimate.cpu), line(&estimate.memory)],
            "by_time": [line(&estimate.active), line(&estimate.idle)],
            "per_unit": estimate.per_unit.as_ref().map(|(unit, dollars)| json!({ "unit": unit, "dollars": money(*dollars) })),
            "peak_containers": estimate.peak_containers,
            "peak_gpus": estimate.peak_gpus,
            "warnings": estimate.warnings,
            "decorator": atlas_pricing::decorator(data, &scenario),
            "prices_as_of": data.prices.as_of,
        }))
    }
}

/// The numeric fields of the cost estimate (the calculator's model-fit fields are not).
fn is_cost_field(name: &str) -> bool {
    form::RESOURCE_FIELDS.contains(&name)
        || [form::ALWAYS_FIELDS, form::REQUEST_FIELDS, form::BATCH_FIELDS].iter().any(|fields| fields.contains(&name))
}

fn cron_next_runs(args: CronArgs) -> Result<String, String> {
    let count =
        report::check_count(u64::from(args.count.unwrap_or(5))).map_err(|error| format!("count: {}", error.message))?;
    let tz = args.timezone.unwrap_or_else(|| "UTC".into());
    let request = Request {
        id: 0,
        schedule: Schedule::Cron(args.expression),
        tz: tz.clone(),
        from: args.after.unwrap_or_default(),
        now_ms: std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0.0, |since| since.as_millis() as f64),
        count,
        viewer_tz: tz,
    };
    let answer = report::answer(&request).result.map_err(|error| {
        let input = match error.input.as_str() {
            "expr" => "expression",
            "tz" => "timezone",
            "from" => "after",
            other => other,
        };
        format!("{input}: {}", cap_quoted(&error.message))
    })?;
    let runs: Vec<&str> = answer.runs.iter().map(|run| run.iso.as_str()).collect();
    let clock_changes: Vec<Value> = answer
        .clock_changes
        .iter()
        .map(|change| json!({ "local": change.local, "runs_at": change.runs_at, "skipped": change.skipped }))
        .collect();
    pretty(&json!({
        "description": answer.description,
        "timezone": answer.tz,
        "next_runs": runs,
        "notes": answer.notes,
        "clock_changes_within_a_year": clock_changes,
        "clock_change_rule": answer.clock_rule,
        "decorator": answer.decorator,
    }))
}

/// `gpus`, `/gpus/`, `gpus/index.md`, `../gpus/index.md` and `/atlas/gpus/` all mean `gpus`;
/// `/`, `index.md` and empty mean home.
fn slug_of(page: &str) -> String {
    let page = page.trim().trim_start_matches("../").trim_start_matches("./");
    let page = page.strip_suffix("index.md").unwrap_or(page);
    let page = page.strip_suffix(".md").unwrap_or(page);
    match page.trim_matches('/').rsplit('/').next() {
        Some("") | None => "index".to_string(),
        Some(last) => last.to_string(),
    }
}

fn pretty(value: &Value) -> Result<String, String> {
    serde_json::to_string_pretty(value).map_err(|err| format!("cannot write the answer: {err}"))
}

/// A tool's arguments, or a message naming the tool, the problem and what it expects.
fn parse<T: DeserializeOwned + JsonSchema>(tool: &str, arguments: Value) -> Result<T, CallError> {
    serde_json::from_value(arguments).map_err(|err| {
        let schema = schema::<T>();
        let required: Vec<&str> =
            schema.get("required").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str).collect();
        let properties: Vec<&str> = schema
            .get("properties")
            .and_then(Value::as_object)
            .into_iter()
            .flat_map(|map| map.keys())
            .map(String::as_str)
            .collect();
        let optional: Vec<&str> = properties.iter().filter(|name| !required.contains(name)).copied().collect();
        CallError::Tool(format!(
            "{tool}: {}; expected an object with {} (required){}",
            cap_quoted(&err.to_string()),
            required.join(", "),
            if optional.is_empty() { String::new() } else { format!(" and optionally {}", optional.join(", ")) }
        ))
    })
}

fn schema<T: JsonSchema>() -> Map<String, Value> {
    let mut schema = serde_json::to_value(schemars::schema_for!(T)).expect("a schema serializes");
    if let Some(object) = schema.as_object_mut() {
        object.remove("$schema");
        object.remove("title");
    }
    schema.as_object().cloned().unwrap_or_default()
}

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct SearchArgs {
    /// What to look for: words, code tokens, old parameter names.
    query: String,
    /// How many sections to return (1 to 20, default 8).
    #[schemars(range(min = 1, max = 20))]
    limit: Option<u32>,
}

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct ReadArgs {
    /// A slug (`gpus`), route (`/gpus/`) or link (`../gpus/index.md#gpu-fallbacks`); `index` is the home page.
    page: String,
    /// A section's anchor (`gpu-fallbacks`), as search_docs gives it, for that section alone.
    section: Option<String>,
}

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct CheckArgs {
    /// A Python module or snippet that uses Modal.
    code: String,
}

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct CronArgs {
    /// A modal.Cron expression: five fields (`0 6 * * 1-5`) or a macro (`@daily`).
    expression: String,
    /// An IANA time zone (`America/New_York`), as `modal.Cron(..., timezone=...)` takes; default UTC.
    timezone: Option<String>,
    /// How many runs to list (1 to 100, default 5).
    #[schemars(range(min = 1, max = 100))]
    count: Option<u32>,
    /// List runs after this time: an instant (`2026-03-08T00:00:00Z`) or a local time in the zone (`2026-03-08T00:00`); default now.
    after: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn atlas() -> &'static Atlas {
        static ATLAS: OnceLock<Atlas> = OnceLock::new();
        ATLAS.get_or_init(|| Atlas::embedded().expect("the embedded content loads"))
    }

    fn call(name: &str, arguments: Value) -> Result<String, String> {
        atlas().call(name, arguments).map_err(|err| match err {
            CallError::Tool(message) => message,
            CallError::UnknownTool(name) => format!("unknown tool {name}"),
        })
    }

    fn json(text: &str) -> Value {
        serde_json::from_str(text).expect("the answer is JSON")
    }

    #[test]
    fn every_tool_has_an_object_schema() {
        let tools = atlas().tools();
        let names: Vec<&str> = tools.iter().map(|tool| tool.name).collect();
        assert_eq!(names, ["search_docs", "read_page", "check_code", "cron_next_runs", "estimate_cost"]);
        for tool in &tools {
            assert_eq!(tool.input_schema["type"], "object", "{}", tool.name);
            assert!(tool.input_schema["properties"].is_object(), "{}", tool.name);
        }
        assert_eq!(call("nope", json!({})), Err("unknown tool nope".into()));
    }

    #[test]
    fn search_finds_sections_with_what_read_page_takes() {
        let text = call("search_docs", json!({ "query": "container_idle_timeout", "limit": 3 })).unwrap();
        assert!(text.contains("section `"), "{text}");
        assert!(text.contains("scaledown_window"), "{text}");
        assert_eq!(
            call("search_docs", json!({ "query": "gpu", "limit": 0 })),
            Err("limit: expected a whole number from 1 to 20, found 0".into())
        );
        assert!(call("search_docs", json!({ "query": "   " })).unwrap_err().starts_with("query: expected words"));
        assert!(call("search_docs", json!({ "query": "zzzzqqq" })).unwrap().starts_with("No section matches"));
    }

    #[test]
    fn read_page_takes_slugs_routes_and_links_and_one_section() {
        let page = call("read_page", json!({ "page": "gpus" })).unwrap();
        assert!(page.starts_with("# GPUs\n\n> "), "{page}");
        assert!(page.contains("checked against the `modal` Python client 1.6.4"));
        for form in ["/gpus/", "gpus/index.md", "../gpus/index.md"] {
            assert_eq!(call("read_page", json!({ "page": form })).unwrap(), page, "{form}");
        }
        let section = call("read_page", json!({ "page": "rules", "section": "mdl001" })).unwrap();
        assert!(section.starts_with("## MDL001 "), "{section}");
        assert!(!section.contains("## MDL002"), "one section only");
        assert_eq!(call("read_page", json!({ "page": "../rules/index.md#mdl001" })).unwrap(), section);
        let error = call("read_page", json!({ "page": "gpu" })).unwrap_err();
        assert!(error.starts_with("page: no page `gpu`; expected a slug"), "{error}");
        let error = call("read_page", json!({ "page": "gpus", "section": "nope" })).unwrap_err();
        assert!(error.starts_with("section: page `gpus` has no section `nope`; expected one of: "), "{error}");
        let error = call("read_page", json!({ "slug": "gpus" })).unwrap_err();
        assert!(error.starts_with("read_page: unknown field `slug`"), "{error}");
        assert!(error.ends_with("expected an object with page (required) and optionally section"), "{error}");
    }

    #[test]
    fn check_code_gives_located_diagnostics_and_fixed_code() {
        let code = "import modal\napp = modal.App()\n\n@app.function(keep_warm=1)\ndef f():\n    return 1\n";
        let answer = json(&call("check_code", json!({ "code": code })).unwrap());
        assert_eq!(answer["errors"], 1);
        let found = &answer["diagnostics"][0];
        assert_eq!(
            (found["rule"].as_str(), found["line"].as_u64(), found["column"].as_u64()),
            (Some("MDL001"), Some(4), Some(15))
        );
        assert_eq!(found["fix"]["fixed_code"], code.replace("keep_warm", "min_containers"));
        assert_eq!(found["fix"]["applicability"], "safe");
        let cache = "import modal\ncache = modal.Dict.from_name(\"c\")\ncache.put(\"k\", 1, ttl=60)\n";
        let answer = json(&call("check_code", json!({ "code": cache })).unwrap());
        let fixed = answer["diagnostics"].as_array().into_iter().flatten().find(|d| d["rule"] == "MDL014");
        let reason = fixed.and_then(|d| d["fix"]["applicability"]["unsafe"].as_str()).unwrap_or_default();
        assert!(reason.starts_with("drops the entry's time to live"), "an unsafe fix says what it changes: {answer}");
        let clean = json(&call("check_code", json!({ "code": code.replace("keep_warm", "min_containers") })).unwrap());
        assert_eq!(clean["diagnostics"], json!([]));
        let error = call("check_code", json!({ "code": 3 })).unwrap_err();
        assert!(error.starts_with("check_code: invalid type: integer `3`, expected a string"), "{error}");
    }

    #[test]
    fn cron_lists_runs_in_the_zone_and_refuses_bad_input() {
        let answer = json(
            &call(
                "cron_next_runs",
                json!({ "expression": "30 2 * * *", "timezone": "America/New_York", "count": 2, "after": "2026-03-07T12:00:00Z" }),
            )
            .unwrap(),
        );
        assert_eq!(answer["next_runs"], json!(["2026-03-08T03:00:00-04:00", "2026-03-09T02:30:00-04:00"]));
        assert!(answer["description"].as_str().unwrap().contains("02:30"));
        let error = call("cron_next_runs", json!({ "expression": "0 25 * * *" })).unwrap_err();
        assert!(error.starts_with("expression: "), "{error}");
        assert!(error.contains("hour"), "{error}");
        assert!(
            call("cron_next_runs", json!({ "expression": "@daily", "timezone": "Mars/Base" }))
                .unwrap_err()
                .starts_with("timezone: ")
        );
        assert_eq!(
            call("cron_next_runs", json!({ "expression": "@daily", "count": 101 })),
            Err("count: expected a whole number of runs from 1 to 100, found 101".into())
        );
    }

    #[test]
    fn estimate_uses_the_calculators_fields_and_messages() {
        let answer = json(
            &call(
                "estimate_cost",
                json!({ "gpu": "H100", "mode": "always", "containers": 1, "hours": 24, "days": 30 }),
            )
            .unwrap(),
        );
        assert_eq!(answer["by_resource"][0]["label"], "GPU (1 × H100)");
        assert!(answer["by_resource"][0]["arithmetic"].as_str().unwrap().contains("2,592,000 s"), "{answer}");
        assert!(answer["decorator"].as_str().unwrap().contains("gpu=\"H100\""), "{answer}");
        assert_eq!(call("estimate_cost", json!({ "gpu": "H100", "count": 9 })), Err("GPU count: at most 8".into()));
        assert_eq!(
            call("estimate_cost", json!({ "mode": "batch", "items": "many", "seconds": -1 })),
            Err("Items: `many` is not a number; Seconds per request or item: at least 0.001".into())
        );
        assert!(
            call("estimate_cost", json!({ "gpus": "H100" }))
                .unwrap_err()
                .starts_with("unknown argument `gpus`: expected some of")
        );
        assert!(call("estimate_cost", json!({ "gpu": "H1000" })).unwrap_err().starts_with("Unknown GPU `H1000`"));
    }
}
