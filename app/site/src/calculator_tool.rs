//! The calculator at /calculator/: what a workload costs per month and on which GPU, from the
//! facts file the prerenderer put into the page. Every input is in the URL; each field checks
//! its own text and says what it expected, while the rest of the form keeps working.

use atlas_input::{Params, Problem, ToolQuery};
use atlas_pricing::form::{self, FALLBACKS, GPU, MODE, PLAN, PRECISION, REGION, fields_of};
use atlas_pricing::query::{CalculatorQuery, PRECISIONS};
use atlas_pricing::{
    Estimate, FieldSpec, Fit, ModalData, Mode, Precision, Prices, at_each_choice, compare, decorator, estimate, fit,
    money, parse_field,
};
use leptos::prelude::*;

use crate::fields::{TextField, choice_problem, radio};
use crate::tasks::next_task;
use crate::url_state::{self, LeftOutNotice};
// A stored link: the compressor would add more to this app than it saves on a few lines.
use atlas_share::{app_module, playground_link_stored as playground_link};

/// Every input, as text, keyed by its URL name. Copy, so every closure of the view can hold it.
#[derive(Clone, Copy)]
struct Inputs {
    values: StoredValue<Vec<(&'static str, RwSignal<String>)>>,
}

impl Inputs {
    fn from_query(query: &CalculatorQuery) -> Inputs {
        let values = query.texts().into_iter().map(|(name, text)| (name, RwSignal::new(text))).collect();
        Inputs { values: StoredValue::new(values) }
    }

    fn signal(&self, name: &str) -> RwSignal<String> {
        self.values
            .with_value(|values| values.iter().find(|(key, _)| *key == name).map(|(_, signal)| *signal))
            .expect("every input has a signal")
    }

    fn text(&self, name: &str) -> String {
        self.signal(name).get()
    }

    /// The form as a query (its choices come from the form's own options, so it reads whole).
    fn query(&self, data: &ModalData) -> CalculatorQuery {
        let texts: Params =
            self.values.with_value(|values| values.iter().map(|(name, signal)| (*name, signal.get())).collect());
        CalculatorQuery::read(&texts, data).query
    }
}

/// What the link said of each choice that the calculator could not take, shown on its field
/// until that field changes. Copy.
#[derive(Clone, Copy)]
struct LinkProblems {
    gpu: RwSignal<Option<String>>,
    region: RwSignal<Option<String>>,
    plan: RwSignal<Option<String>>,
    mode: RwSignal<Option<String>>,
    precision: RwSignal<Option<String>>,
}

impl LinkProblems {
    fn new(problems: &[Problem]) -> LinkProblems {
        let on = |name: &str| {
            RwSignal::new(problems.iter().find(|problem| problem.name == name).map(|problem| problem.message.clone()))
        };
        LinkProblems { gpu: on(GPU), region: on(REGION), plan: on(PLAN), mode: on(MODE), precision: on(PRECISION) }
    }
}

/// What the form comes to, kept up to date as it changes. Copy.
#[derive(Clone, Copy)]
struct Results {
    estimate: Memo<Result<Estimate, String>>,
    fit: Memo<Result<Fit, String>>,
    /// Every GPU type that holds the model, with the count it needs, priced for this workload.
    comparison: Memo<Vec<(String, u32, Estimate)>>,
    /// The workload priced at each GPU of the fallback list.
    choices: Memo<Vec<(String, Result<Estimate, String>)>>,
    snippet: Memo<Option<String>>,
}

impl Results {
    fn new(inputs: Inputs, data: StoredValue<ModalData>) -> Results {
        // The workload, or the message pointing at the marked field: each wrong field shows its
        // own message where it is.
        let scenario = Memo::new(move |_| {
            data.with_value(|data| form::scenario(data, |name| inputs.text(name)))
                .map_err(|_| "Fix the marked field to see the estimate.".to_string())
        });
        let estimate =
            Memo::new(move |_| scenario.get().and_then(|scenario| data.with_value(|data| estimate(data, &scenario))));
        let fit = Memo::new(move |_| {
            form::model(|name| inputs.text(name)).map(|model| data.with_value(|data| fit(data, &model)))
        });
        let comparison = Memo::new(move |_| match scenario.get() {
            Ok(scenario) => {
                let needed = fit.get().map(|fit| fit.total_gb).unwrap_or(0.0);
                data.with_value(|data| compare(data, &scenario, needed))
            }
            Err(_) => Vec::new(),
        });
        let choices = Memo::new(move |_| match scenario.get() {
            Ok(scenario) if !scenario.fallbacks.is_empty() => data.with_value(|data| at_each_choice(data, &scenario)),
            _ => Vec::new(),
        });
        let snippet =
            Memo::new(move |_| scenario.get().ok().map(|scenario| data.with_value(|data| decorator(data, &scenario))));
        Results { estimate, fit, comparison, choices, snippet }
    }
}

/// What each parameter is, for the notice about input too long for a link.
fn describe_param(name: &str) -> &'static str {
    if name == FALLBACKS { "the fallback GPU list" } else { "a field's value" }
}

fn mode_of(inputs: &Inputs) -> Mode {
    Mode::from_url(&inputs.text(MODE)).unwrap_or(Mode::Requests)
}

fn number_field(inputs: Inputs, name: &'static str) -> impl IntoView {
    let spec = atlas_pricing::field(name).expect("a known field");
    view! { <NumberField spec value=inputs.signal(name) /> }
}

#[component]
pub fn CalculatorTool(data: ModalData, base: String) -> impl IntoView {
    let start = url_state::read::<CalculatorQuery>(&data);
    let inputs = Inputs::from_query(&start.query);
    let problems = LinkProblems::new(&start.problems);
    let left_out = RwSignal::new(Vec::<String>::new());
    let prices = data.prices.clone();
    let data = StoredValue::new(data);
    Effect::new(move |_| data.with_value(|data| left_out.set(url_state::write(&inputs.query(data), data))));
    let results = Results::new(inputs, data);
    let (tool, main, fields) = (NodeRef::new(), NodeRef::new(), NodeRef::new());
    // Built at once, the calculator held the page for over 60 ms on a fast machine, and its
    // layout as long again. In steps, a task each, the browser paints and answers the reader in
    // between; each step adds its part after those already there, so nothing shown moves.
    wasm_bindgen_futures::spawn_local(async move {
        next_task().await;
        let (Some(tool), Some(main), Some(fields)) =
            (tool.get_untracked(), main.get_untracked(), fields.get_untracked())
        else {
            return;
        };
        add_to(&fields, move || view! { <WorkloadInputs inputs problems /> });
        add_to(&main, move || view! { <MonthlyEstimate estimate=results.estimate prices /> });
        next_task().await;
        add_to(&tool, move || view! { <Comparisons results gpu=inputs.signal(GPU) base /> });
        next_task().await;
        add_to(&tool, move || view! { <ModelInputs inputs fit=results.fit problem=problems.precision /> });
        let _ = tool.set_attribute("aria-busy", "false");
    });

    view! {
        <div class="tool calculator-tool" aria-busy="true" node_ref=tool>
            <LeftOutNotice left_out=left_out.into() describe=describe_param />
            // The inputs, and beside them (below them on narrow screens, the total kept at the
            // bottom of the screen) what they come to: the total stays in view while they change.
            <div class="calc-main" node_ref=main>
                <div class="calc-inputs" node_ref=fields>
                    <ContainerInputs inputs data problems />
                </div>
            </div>
        </div>
    }
}

/// Adds `view` at the end of `parent`, for the page's life.
fn add_to<V: IntoView + 'static>(parent: &web_sys::HtmlDivElement, view: impl FnOnce() -> V + 'static) {
    leptos::mount::mount_to(parent.clone().into(), view).forget();
}

/// The kind of workload and its figures.
#[component]
fn WorkloadInputs(inputs: Inputs, problems: LinkProblems) -> impl IntoView {
    view! {
        <fieldset class="tool-group">
            <legend>"Workload"</legend>
            <ModePicker mode=inputs.signal(MODE) problem=problems.mode />
            <div class="tool-row">
                {move || fields_of(mode_of(&inputs)).iter().map(|name| number_field(inputs, name)).collect_view()}
            </div>
        </fieldset>
    }
}

/// The container: GPU, its count, CPU, memory, fallbacks, region and plan.
#[component]
fn ContainerInputs(inputs: Inputs, data: StoredValue<ModalData>, problems: LinkProblems) -> impl IntoView {
    // The count is checked against the chosen GPU type's own maximum, on the field itself.
    let count_spec = atlas_pricing::field("count").expect("a known field");
    let count_error = move || {
        let (gpu, count) = (inputs.text(GPU), inputs.text("count"));
        data.with_value(|data| form::count_error(data, &gpu, &count))
    };
    let fallbacks_error = move || data.with_value(|data| form::fallbacks(data, &inputs.text(FALLBACKS)).err());
    let (gpus, plans, regions) = data.with_value(|data| (data.gpus.clone(), data.plans.clone(), data.regions.clone()));
    view! {
        <fieldset class="tool-group">
            <legend>"Container"</legend>
            <div class="tool-row">
                <ChoiceField
                    id="calc-gpu"
                    label="GPU"
                    value=inputs.signal(GPU)
                    problem=problems.gpu
                    choices=std::iter::once((String::new(), "None (CPU only)".to_string()))
                        .chain(gpus.iter().map(|gpu| (gpu.id.clone(), format!("{} ({} GB)", gpu.id, gpu.memory_gb))))
                        .collect()
                />
                <TextField
                    id="calc-count"
                    label=count_spec.label
                    value=inputs.signal("count")
                    error=Signal::derive(count_error)
                    inputmode="numeric"
                    class="tool-field tool-field-small"
                />
                {number_field(inputs, "cpu")}
                {number_field(inputs, "memory")}
            </div>
            <div class="tool-row">
                <TextField
                    id="calc-fallbacks"
                    label="Fallback GPUs, in order (optional)"
                    value=inputs.signal(FALLBACKS)
                    error=Signal::derive(fallbacks_error)
                    placeholder="for example A100-80GB, L40S"
                    class="tool-field tool-field-wide"
                />
            </div>
            <div class="tool-row">
                <ChoiceField
                    id="calc-region"
                    label="Region"
                    value=inputs.signal(REGION)
                    problem=problems.region
                    choices=std::iter::once((String::new(), "No region (no multiplier)".to_string()))
                        .chain(regions.multipliers.iter().map(|r| (r.id.clone(), format!("{} ×{}", r.name, r.multiplier))))
                        .collect()
                />
                <ChoiceField
                    id="calc-plan"
                    label="Plan"
                    value=inputs.signal(PLAN)
                    problem=problems.plan
                    choices=plans.iter().map(|plan| (plan.id.clone(), plan.name.clone())).collect()
                />
            </div>
        </fieldset>
    }
}

/// The total, kept in view beside the inputs, with where the prices come from.
#[component]
fn MonthlyEstimate(estimate: Memo<Result<Estimate, String>>, prices: Prices) -> impl IntoView {
    view! {
        <div class="calc-side">
            <h2 class="tool-heading">"Monthly estimate"</h2>
            {move || match estimate.get() {
                Err(message) => view! { <p class="field-error">{message}</p> }.into_any(),
                Ok(estimate) => view! { <EstimateView estimate /> }.into_any(),
            }}
            <p class="field-hint">
                {format!("Prices in {} as of {}. Source: {}.", prices.currency, prices.as_of, prices.source)}
            </p>
        </div>
    }
}

/// The workload priced at each fallback GPU and on every GPU type that fits, and its decorator.
#[component]
fn Comparisons(results: Results, gpu: RwSignal<String>, base: String) -> impl IntoView {
    view! {
        <section class="tool-output" aria-label="Comparisons and code">
            {move || {
                let rows = results.choices.get();
                (!rows.is_empty()).then(|| view! {
                    <h2 class="tool-heading">"Priced at each GPU choice"</h2>
                    <div class="table-wrap" tabindex="0" role="region" aria-label="Cost at each GPU choice">
                        <table class="compare">
                            <thead><tr><th scope="col">"If the container gets"</th><th scope="col">"Compute per month"</th></tr></thead>
                            <tbody>
                                {rows.into_iter().map(|(id, estimate)| view! {
                                    <tr>
                                        <th scope="row">{id}</th>
                                        <td>{match estimate { Ok(e) => money(e.compute), Err(message) => message }}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                })
            }}
            <h2 class="tool-heading">"Every GPU type that fits the model, same workload"</h2>
            <CompareView rows=results.comparison selected=gpu />
            <h2 class="tool-heading">"In your app"</h2>
            {move || results.snippet.get().map(|code| {
                let link = playground_link(&base, &app_module("estimate", &code));
                view! {
                    <div class="code" data-lang="python">
                        <pre tabindex="0"><code>{code}</code></pre>
                        <button type="button" class="copy">"Copy"</button>
                    </div>
                    <p><a class="open-in-playground" href=link>"Open in the playground"</a></p>
                }
            })}
        </section>
    }
}

/// The model's size and how it is served, and the GPU memory that comes to.
#[component]
fn ModelInputs(inputs: Inputs, fit: Memo<Result<Fit, String>>, problem: RwSignal<Option<String>>) -> impl IntoView {
    view! {
        <fieldset class="tool-group">
            <legend>"Will the model fit?"</legend>
            <div class="tool-row">
                {number_field(inputs, "params")}
                <ChoiceField
                    id="calc-precision"
                    label="Precision"
                    value=inputs.signal(PRECISION)
                    problem
                    choices=PRECISIONS.iter().map(|precision| (precision.url_value().to_string(), precision_label(*precision).to_string())).collect()
                />
                {form::MODEL_FIELDS[1..].iter().map(|name| number_field(inputs, name)).collect_view()}
            </div>
            {move || match fit.get() {
                Err(_) => view! { <p class="field-error">"Fix the marked field to see the memory needed."</p> }.into_any(),
                Ok(fit) => view! { <FitView fit gpu=inputs.signal(GPU) count=inputs.signal("count") /> }.into_any(),
            }}
        </fieldset>
    }
}

/// A number field of the form, checked by its spec.
#[component]
fn NumberField(spec: &'static FieldSpec, value: RwSignal<String>) -> impl IntoView {
    view! {
        <TextField
            id=format!("calc-{}", spec.name)
            label=spec.label
            value
            error=Signal::derive(move || parse_field(spec, &value.get()).err())
            inputmode="decimal"
            class="tool-field tool-field-small"
        />
    }
}

/// A select of `choices` (value, label), and the link's value it could not take.
#[component]
fn ChoiceField(
    id: &'static str,
    label: &'static str,
    value: RwSignal<String>,
    /// What the link said of this choice that could not be taken.
    problem: RwSignal<Option<String>>,
    choices: Vec<(String, String)>,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    view! {
        <div class="tool-field">
            <label for=id>{label}</label>
            <select
                id=id
                aria-invalid=move || problem.with(Option::is_some).to_string()
                aria-describedby=error_id.clone()
                prop:value=move || value.get()
                on:change=move |event| {
                    problem.set(None);
                    value.set(event_target_value(&event));
                }
            >
                {choices.into_iter().map(|(key, text)| view! { <option value=key>{text}</option> }).collect_view()}
            </select>
            <p id=error_id class="field-error" aria-live="polite">{move || problem.get()}</p>
        </div>
    }
}

/// The kind of workload, and the link's kind it could not take.
#[component]
fn ModePicker(mode: RwSignal<String>, problem: RwSignal<Option<String>>) -> impl IntoView {
    let chosen = Signal::derive(move || Mode::from_url(&mode.get()).unwrap_or(Mode::Requests));
    let choose = Callback::new(move |choice: Mode| mode.set(choice.url_value().to_string()));
    let radio = move |value, label| radio("calc-mode", value, label, chosen, choose, problem, "calc-mode-error");
    view! {
        <div class="tool-modes" role="radiogroup" aria-label="Kind of workload">
            {radio(Mode::Always, "Always on")}
            {radio(Mode::Requests, "Requests")}
            {radio(Mode::Batch, "Batch")}
        </div>
        {choice_problem(problem, "calc-mode-error")}
    }
}

fn precision_label(precision: Precision) -> &'static str {
    match precision {
        Precision::Fp32 => "fp32 (4 bytes)",
        Precision::Bf16 => "bf16 / fp16 (2 bytes)",
        Precision::Fp8 => "fp8 (1 byte)",
        Precision::Int4 => "int4 (half a byte)",
    }
}

#[component]
fn EstimateView(estimate: Estimate) -> impl IntoView {
    let lines = [
        estimate.gpu.clone(),
        estimate.cpu.clone(),
        estimate.memory.clone(),
        estimate.active.clone(),
        estimate.idle.clone(),
    ];
    let per_unit = estimate.per_unit.clone();
    view! {
        <p class="calc-total">
            <span id="calc-total-label">"Total per month"</span>
            <output id="calc-total" aria-labelledby="calc-total-label">{money(estimate.total)}</output>
        </p>
        <dl class="estimate">
            <div><dt id="calc-compute-label">"Compute"</dt><dd><output id="calc-compute" aria-labelledby="calc-compute-label">{money(estimate.compute)}</output></dd></div>
            {lines
                .iter()
                .map(|line| {
                    let id = format!("calc-{}", line.label.to_lowercase().replace(' ', "-"));
                    let label_id = format!("{id}-label");
                    view! { <div><dt id=label_id.clone()>{line.label.clone()}</dt><dd><output id=id aria-labelledby=label_id>{money(line.dollars)}</output></dd></div> }
                })
                .collect_view()}
            <div><dt id="calc-credits-label">"Credits"</dt><dd><output id="calc-credits" aria-labelledby="calc-credits-label">{format!("−{}", money(estimate.credits))}</output></dd></div>
            <div><dt id="calc-fee-label">"Plan fee"</dt><dd><output id="calc-fee" aria-labelledby="calc-fee-label">{money(estimate.plan_fee)}</output></dd></div>
            {per_unit.map(|(label, amount)| view! {
                <div><dt id="calc-per-unit-label">{format!("Cost {label}")}</dt><dd><output id="calc-per-unit" aria-labelledby="calc-per-unit-label">{money(amount)}</output></dd></div>
            })}
        </dl>
        <ul class="tool-notes warnings">{estimate.warnings.iter().map(|w| view! { <li>{w.clone()}</li> }).collect_view()}</ul>
        <details class="arithmetic">
            <summary>"Show the arithmetic"</summary>
            <ul>{lines.into_iter().map(|line| view! { <li>{format!("{}: {}", line.label, line.arithmetic)}</li> }).collect_view()}</ul>
        </details>
    }
}

#[component]
fn CompareView(rows: Memo<Vec<(String, u32, Estimate)>>, selected: RwSignal<String>) -> impl IntoView {
    move || {
        let rows = rows.get();
        if rows.is_empty() {
            return view! { <p class="field-hint">"Fix the marked field to compare GPU types."</p> }.into_any();
        }
        let highest = rows.iter().map(|(_, _, e)| e.compute).fold(0.0f64, f64::max).max(0.01);
        let bar_height = 22.0;
        let chart_height = rows.len() as f64 * bar_height + 4.0;
        view! {
            <div class="table-wrap" tabindex="0" role="region" aria-label="Cost by GPU type">
                <table class="compare">
                    <thead><tr><th scope="col">"GPU"</th><th scope="col">"Count"</th><th scope="col">"Compute per month"</th><th scope="col">"Total"</th></tr></thead>
                    <tbody>
                        {rows
                            .iter()
                            .map(|(id, count, estimate)| {
                                let chosen = id == &selected.get();
                                view! {
                                    <tr class:chosen=chosen>
                                        <th scope="row">{id.clone()}</th>
                                        <td>{*count}</td>
                                        <td>{money(estimate.compute)}</td>
                                        <td>{money(estimate.total)}</td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
            <svg class="compare-chart" role="img" aria-label="Monthly compute cost by GPU type, as bars" viewBox=format!("0 0 400 {chart_height}") preserveAspectRatio="xMinYMin meet">
                {rows
                    .iter()
                    .enumerate()
                    .map(|(at, (id, _, estimate))| {
                        let y = at as f64 * bar_height + 2.0;
                        // Bars leave room on the right for the figure written after them.
                        let width = (estimate.compute / highest * 210.0).max(1.0);
                        view! {
                            <g>
                                <text x="0" y=y + 15.0 class="chart-label">{id.clone()}</text>
                                <rect x="100" y=y width=width height=bar_height - 6.0 rx="3" class="chart-bar"></rect>
                                <text x=104.0 + width y=y + 15.0 class="chart-value">{money(estimate.compute)}</text>
                            </g>
                        }
                    })
                    .collect_view()}
            </svg>
        }
        .into_any()
    }
}

#[component]
fn FitView(fit: Fit, gpu: RwSignal<String>, count: RwSignal<String>) -> impl IntoView {
    let cheapest = fit.cheapest.clone();
    view! {
        <p class="fit-total">
            "Needs about " <output id="calc-fit-total">{format!("{:.1} GB", fit.total_gb)}</output> " of GPU memory."
        </p>
        <ul class="fit-formula">{fit.formula.iter().map(|line| view! { <li><code>{line.clone()}</code></li> }).collect_view()}</ul>
        {match cheapest {
            Some((id, gpus, per_hour)) => {
                let suggestion = if gpus > 1 { format!("{id}:{gpus}") } else { id.clone() };
                let count_text = gpus.to_string();
                view! {
                    <p>
                        "Cheapest that fits: " <strong><output id="calc-fit-gpu">{suggestion.clone()}</output></strong>
                        {format!(" at {} per hour. ", money(per_hour))}
                        <button type="button" class="tool-button" on:click=move |_| {
                            gpu.set(id.clone());
                            count.set(count_text.clone());
                        }>"Use this GPU"</button>
                    </p>
                }
                .into_any()
            }
            None => view! { <p class="field-error">"No single container's GPUs hold this model: shard it across containers or quantize it."</p> }.into_any(),
        }}
    }
}
