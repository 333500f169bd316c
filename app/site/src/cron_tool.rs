//! The cron tool at /cron/: a `modal.Cron` or `modal.Period` schedule explained, with its next
//! runs in three time zones, a month calendar and clock-change warnings. The engine runs on the
//! page (an answer takes a few milliseconds) and fetches the data of each zone it is asked about;
//! this page keeps its inputs in the URL.

use std::rc::Rc;

use atlas_cron::query::{CronQuery, Kind};
use atlas_cron::report::{self, Answer, ClockNote, InputError, MonthView, PERIOD_FIELDS, RunTimes};
use atlas_cron::times::relative;
use leptos::prelude::*;

use crate::fields::{Commit, TextField, choice_problem, radio};
use crate::tasks::next_task;
use crate::url_state::{self, LeftOutNotice};
use crate::zone_data::{LoadedZones, viewer_zone};
// A stored link: the compressor would add more to this app than it saves on a few lines.
use atlas_share::{app_module, playground_link_stored as playground_link};

/// What each of the tool's parameters is, for the notice about input too long for a link.
fn describe_param(name: &str) -> &'static str {
    match name {
        "expr" => "the cron expression",
        "tz" => "the time zone",
        "from" => "the start time",
        "count" => "the number of runs",
        _ => "a Period value",
    }
}

/// Every input of the tool, a signal each, as its fields and its URL have them. Copy, for the
/// view's closures.
#[derive(Clone, Copy)]
struct Inputs {
    kind: RwSignal<Kind>,
    expr: RwSignal<String>,
    period: RwSignal<Vec<String>>,
    tz: RwSignal<String>,
    from: RwSignal<String>,
    count: RwSignal<String>,
}

impl Inputs {
    fn new(query: CronQuery) -> Inputs {
        Inputs {
            kind: RwSignal::new(query.kind),
            expr: RwSignal::new(query.expr),
            period: RwSignal::new(query.period.to_vec()),
            tz: RwSignal::new(query.tz),
            from: RwSignal::new(query.from),
            count: RwSignal::new(query.count),
        }
    }

    /// The inputs as a query, tracked.
    fn query(self) -> CronQuery {
        CronQuery {
            kind: self.kind.get(),
            expr: self.expr.get(),
            period: std::array::from_fn(|at| self.period.with(|values| values[at].clone())),
            tz: self.tz.get(),
            from: self.from.get(),
            count: self.count.get(),
        }
    }
}

/// The engine's latest answer, and what the page asks it with. Copy.
#[derive(Clone, Copy)]
struct Answering {
    report: RwSignal<Option<Result<Answer, InputError>>>,
    /// The reader's zone, read from the browser with the first answer (asking takes a moment,
    /// which the page's start need not wait for).
    viewer: RwSignal<String>,
    now_ms: RwSignal<f64>,
    /// The latest request: answers to earlier ones, overtaken while a zone loaded, are dropped.
    sent: StoredValue<u32>,
    loaded: StoredValue<Rc<LoadedZones>, LocalStorage>,
    base: StoredValue<String>,
}

impl Answering {
    fn new(base: String) -> Answering {
        Answering {
            report: RwSignal::new(None),
            viewer: RwSignal::new(String::new()),
            now_ms: RwSignal::new(js_sys::Date::now()),
            sent: StoredValue::new(0),
            loaded: StoredValue::new_local(Rc::new(LoadedZones::default())),
            base: StoredValue::new(base),
        }
    }

    /// Asks the engine about `query`, after what can be checked here; the answer arrives in a
    /// later task, each step in a task of its own: the page's start, the browser's zone (its
    /// first question loads that zone's data), then the answer.
    fn ask(self, query: &CronQuery) {
        let id = self.sent.get_value() + 1;
        self.sent.set_value(id);
        self.now_ms.set(js_sys::Date::now());
        let mut request = match query.request(id, self.now_ms.get_untracked(), self.viewer.get_untracked()) {
            Ok(request) => request,
            Err(error) => return self.report.set(Some(Err(error))),
        };
        let (loaded, base) = (self.loaded.get_value(), self.base.get_value());
        wasm_bindgen_futures::spawn_local(async move {
            next_task().await;
            if request.viewer_tz.is_empty() {
                request.viewer_tz = viewer_zone();
                self.viewer.set(request.viewer_tz.clone());
                next_task().await;
            }
            let answer = match loaded.load(&base, &request.tz).await {
                Ok(()) => {
                    // The reader's own zone is a courtesy column: without its data, UTC stands in.
                    let _ = loaded.load(&base, &request.viewer_tz).await;
                    report::answer_with(&request, |name| loaded.get(name)).result
                }
                Err(message) => Err(InputError { input: "tz".into(), message, span: None, undocumented: false }),
            };
            if id == self.sent.get_value() {
                self.report.set(Some(answer));
            }
        });
    }

    /// The problem with `input` (or, for `period`, with any Period field), if the answer is one.
    fn error(self, input: &'static str) -> Signal<Option<InputError>> {
        Signal::derive(move || match self.report.get() {
            Some(Err(error))
                if error.input == input || (input == "period" && PERIOD_FIELDS.contains(&error.input.as_str())) =>
            {
                Some(error)
            }
            _ => None,
        })
    }

    fn message(self, input: &'static str) -> Signal<Option<String>> {
        let error = self.error(input);
        Signal::derive(move || error.get().map(|error| error.message))
    }

    fn answer(self) -> Signal<Option<Answer>> {
        Signal::derive(move || self.report.get().and_then(Result::ok))
    }
}

#[component]
pub fn CronTool(base: String) -> impl IntoView {
    let start = url_state::read::<CronQuery>(&());
    // The link's kind of schedule when it named one this tool does not have, until the reader picks one.
    let kind_problem =
        RwSignal::new(start.problems.into_iter().find(|problem| problem.name == "mode").map(|p| p.message));
    let inputs = Inputs::new(start.query);
    let answering = Answering::new(base);
    let left_out = RwSignal::new(Vec::<String>::new());
    let highlighted = RwSignal::new(None::<usize>);
    // Every change of input: the URL follows, and the engine is asked.
    Effect::new(move |_| {
        let query = inputs.query();
        left_out.set(url_state::write(&query, &()));
        answering.ask(&query);
    });
    let answer = answering.answer();

    view! {
        // Until the engine's first answer, the fields under the expression wait out of the layout:
        // they then appear with its breakdown, instead of being pushed down by it.
        <div class="tool cron-tool" class:cron-waiting=move || answering.report.with(Option::is_none)>
            <KindPicker kind=inputs.kind problem=kind_problem />
            <LeftOutNotice left_out=left_out.into() describe=describe_param />
            <Show
                when=move || inputs.kind.get() == Kind::Cron
                fallback=move || view! { <PeriodInputs period=inputs.period error=answering.error("period") /> }
            >
                <CronInput expr=inputs.expr error=answering.error("expr") highlighted answer />
            </Show>
            <WhenAndHowMany inputs answering />
            {move || {
                answer.get().map(|answer| {
                    view! { <CronAnswer answer now_ms=answering.now_ms.get() base=answering.base.get_value() /> }
                })
            }}
        </div>
    }
}

/// The schedule's zone, the time the runs are listed after, and how many.
#[component]
fn WhenAndHowMany(inputs: Inputs, answering: Answering) -> impl IntoView {
    let Inputs { tz, from, count, .. } = inputs;
    view! {
        <div class="tool-row">
            <TextField
                id="cron-tz"
                label="Time zone"
                value=tz
                error=answering.message("tz")
                // The page holds the zone list, outside the tool (see the prerenderer's shell).
                list="cron-zones"
                commit=Commit::OnChange
            >
                <button type="button" class="tool-button" on:click=move |_| tz.set(answering.viewer.get_untracked())>
                    "Use my time zone (" {move || answering.viewer.get()} ")"
                </button>
            </TextField>
            <TextField
                id="cron-from"
                label="Runs after"
                value=from
                error=answering.message("from")
                placeholder="now"
                hint="An instant such as 2026-03-08T00:00:00Z, or a local time such as 2026-03-08T00:00 in the schedule's zone."
                commit=Commit::OnChange
            >
                <button type="button" class="tool-button" on:click=move |_| from.set(String::new())>"Now"</button>
            </TextField>
            <TextField
                id="cron-count"
                label="Runs to list"
                value=count
                error=answering.message("count")
                inputmode="numeric"
                class="tool-field tool-field-small"
            />
        </div>
    }
}

/// `modal.Cron` or `modal.Period`, and why a link's other kind was not taken.
#[component]
fn KindPicker(kind: RwSignal<Kind>, problem: RwSignal<Option<String>>) -> impl IntoView {
    let choose = Callback::new(move |chosen| kind.set(chosen));
    let radio = move |value, label| radio("cron-mode", value, label, kind.into(), choose, problem, "cron-mode-error");
    view! {
        <fieldset class="tool-modes">
            <legend>"Schedule"</legend>
            {radio(Kind::Cron, "modal.Cron")}
            {radio(Kind::Period, "modal.Period")}
        </fieldset>
        {choice_problem(problem, "cron-mode-error")}
    }
}

#[component]
fn CronInput(
    expr: RwSignal<String>,
    error: Signal<Option<InputError>>,
    highlighted: RwSignal<Option<usize>>,
    answer: Signal<Option<Answer>>,
) -> impl IntoView {
    let fields = move || answer.get().map(|answer| answer.fields).unwrap_or_default();
    view! {
        <TextField
            id="cron-expr"
            label="Cron expression"
            value=expr
            error=Signal::derive(move || error.get().map(|error| error.message))
            badge=Signal::derive(move || error.get().filter(|error| error.undocumented).map(|_| "Not documented by Modal".to_string()))
            class="tool-field tool-field-wide"
            input_class="cron-expr"
        />
        <div class="tool-field tool-field-wide">
            <Show when=move || !fields().is_empty()>
                <p class="cron-source" aria-hidden="true">
                    {move || {
                        let source = expr.get();
                        fields()
                            .into_iter()
                            .enumerate()
                            .map(|(at, part)| {
                                let text = source.get(part.start..part.end).unwrap_or(&part.text).to_string();
                                view! { <code class="cron-part" class:active=move || highlighted.get() == Some(at)>{text}</code> " " }
                            })
                            .collect_view()
                    }}
                </p>
                <ul class="cron-fields" aria-label="Fields">
                    {move || {
                        fields()
                            .into_iter()
                            .enumerate()
                            .map(|(at, part)| {
                                view! {
                                    <li
                                        tabindex="0"
                                        class:active=move || highlighted.get() == Some(at)
                                        on:mouseenter=move |_| highlighted.set(Some(at))
                                        on:mouseleave=move |_| highlighted.set(None)
                                        on:focus=move |_| highlighted.set(Some(at))
                                        on:blur=move |_| highlighted.set(None)
                                    >
                                        <span class="cron-field-name">{part.name}</span>
                                        <code>{part.text}</code>
                                        <span class="cron-field-meaning">{part.meaning}</span>
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
            </Show>
        </div>
    }
}

#[component]
fn PeriodInputs(period: RwSignal<Vec<String>>, error: Signal<Option<InputError>>) -> impl IntoView {
    view! {
        <div class="tool-field tool-field-wide">
            <div class="period-grid">
                {PERIOD_FIELDS
                    .iter()
                    .enumerate()
                    .map(|(at, name)| {
                        let id = format!("period-{name}");
                        view! {
                            <div class="period-field">
                                <label for=id.clone()>{*name}</label>
                                <input
                                    id=id
                                    inputmode="decimal"
                                    aria-invalid=move || error.get().is_some_and(|e| e.input == *name).to_string()
                                    aria-describedby="period-error"
                                    prop:value=move || period.get().get(at).cloned().unwrap_or_default()
                                    on:input=move |event| period.update(|values| values[at] = event_target_value(&event))
                                />
                            </div>
                        }
                    })
                    .collect_view()}
            </div>
            <p id="period-error" class="field-error" aria-live="polite">{move || error.get().map(|e| e.message)}</p>
        </div>
    }
}

#[component]
fn CronAnswer(answer: Answer, now_ms: f64, base: String) -> impl IntoView {
    let Answer { description, notes, runs, clock_changes, clock_rule, month, decorator, tz, viewer_tz, .. } = answer;
    view! {
        <section class="tool-output" aria-label="Schedule">
            <p class="cron-description"><output for="cron-expr cron-tz">{description}</output></p>
            <ul class="tool-notes">{notes.into_iter().map(|note| view! { <li>{note}</li> }).collect_view()}</ul>
            {(!runs.is_empty()).then(|| view! { <RunsTable runs tz viewer_tz now_ms /> })}
            {month.map(|month| view! { <MonthCalendar month /> })}
            <h2 class="tool-heading">"Clock changes"</h2>
            <ClockChanges changes=clock_changes />
            <p class="field-hint">{clock_rule}</p>
            <h2 class="tool-heading">"In your app"</h2>
            <div class="code" data-lang="python">
                <pre tabindex="0"><code>{decorator.clone()}</code></pre>
                <button type="button" class="copy">"Copy"</button>
            </div>
            <p><a class="open-in-playground" href=playground_link(&base, &app_module("scheduled", &decorator))>"Open in the playground"</a></p>
        </section>
    }
}

/// The next runs in the schedule's zone, in UTC and in the reader's, and how far off each is.
#[component]
fn RunsTable(runs: Vec<RunTimes>, tz: String, viewer_tz: String, now_ms: f64) -> impl IntoView {
    let run_count = runs.len();
    view! {
        <div class="table-wrap" tabindex="0" role="region" aria-label="Next runs">
            <table class="cron-runs">
                <caption>{format!("Next {run_count} runs")}</caption>
                <thead>
                    <tr>
                        <th scope="col">{format!("In {tz}")}</th>
                        <th scope="col">"UTC"</th>
                        <th scope="col">{format!("Your time ({viewer_tz})")}</th>
                        <th scope="col">"From now"</th>
                    </tr>
                </thead>
                <tbody>
                    {runs
                        .into_iter()
                        .map(|run| {
                            view! {
                                <tr>
                                    <td><time datetime=run.iso>{run.schedule_time}</time></td>
                                    <td>{run.utc}</td>
                                    <td>{run.viewer}</td>
                                    <td>{relative(run.epoch_ms, now_ms)}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// The month of the first run, Monday-first, with the runs listed above on each day.
#[component]
fn MonthCalendar(month: MonthView) -> impl IntoView {
    let cells: Vec<Option<(usize, u32)>> = std::iter::repeat_n(None, month.leading_blanks as usize)
        .chain(month.runs_per_day.iter().enumerate().map(|(day, runs)| Some((day + 1, *runs))))
        .collect();
    let day = |cell: Option<(usize, u32)>| match cell {
        Some((day, 0)) => view! { <td>{day}</td> }.into_any(),
        Some((day, runs)) => view! {
            <td class="has-runs">
                <span>{day}</span>
                <span class="run-count">{format!("{runs} run{}", if runs == 1 { "" } else { "s" })}</span>
            </td>
        }
        .into_any(),
        None => view! { <td></td> }.into_any(),
    };
    view! {
        <table class="cron-calendar">
            <caption>{format!("Runs listed above, in {}", month.title)}</caption>
            <thead>
                <tr>{["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"].map(|day| view! { <th scope="col">{day}</th> })}</tr>
            </thead>
            <tbody>
                {cells.chunks(7).map(|week| view! { <tr>{week.iter().map(|cell| day(*cell)).collect_view()}</tr> }).collect_view()}
            </tbody>
        </table>
    }
}

/// The runs that fall on a local time the clock skips or repeats in the next twelve months.
#[component]
fn ClockChanges(changes: Vec<ClockNote>) -> impl IntoView {
    if changes.is_empty() {
        return view! { <p>"No run in the next 12 months falls on a skipped or repeated local time."</p> }.into_any();
    }
    view! {
        <ul class="clock-changes">
            {changes
                .into_iter()
                .map(|change| {
                    let what = if change.skipped { "is skipped by the clock" } else { "happens twice" };
                    view! { <li>{format!("{} {what}: runs at {}", change.local, change.runs_at)}</li> }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}
