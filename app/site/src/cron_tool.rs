//! The cron tool at /cron/: a `modal.Cron` or `modal.Period` schedule explained, with its next
//! runs in three time zones, a month calendar and clock-change warnings. The engine runs on the
//! page (an answer takes a few milliseconds) and fetches the data of each zone it is asked about;
//! this page keeps its inputs in the URL.

use std::rc::Rc;

use atlas_cron::query::{CronQuery, Kind};
use atlas_cron::report::{self, Answer, InputError, PERIOD_FIELDS, Request, Schedule};
use atlas_cron::times::relative;
use leptos::prelude::*;

use crate::fields::{Commit, TextField};
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

#[component]
pub fn CronTool(base: String) -> impl IntoView {
    let start = url_state::read::<CronQuery>(&());
    let query = start.query;
    // The link's kind of schedule when it named one this tool does not have, until the reader picks one.
    let kind_problem =
        RwSignal::new(start.problems.into_iter().find(|problem| problem.name == "mode").map(|p| p.message));
    let mode = RwSignal::new(query.kind);
    let expr = RwSignal::new(query.expr);
    let tz = RwSignal::new(query.tz);
    let from = RwSignal::new(query.from);
    let count = RwSignal::new(query.count);
    let period = RwSignal::new(query.period.to_vec());
    let left_out = RwSignal::new(Vec::<String>::new());
    // The reader's zone, read from the browser with the first answer (asking takes a moment,
    // which the page's start need not wait for).
    let viewer = RwSignal::new(String::new());
    let report = RwSignal::new(None::<Result<Answer, InputError>>);
    let now_ms = RwSignal::new(js_sys::Date::now());
    let highlighted = RwSignal::new(None::<usize>);
    let sent = StoredValue::new(0u32);
    let loaded = StoredValue::new_local(Rc::new(LoadedZones::default()));
    let base = StoredValue::new(base);

    // Every change of input: update the URL, check what can be checked here, ask the engine.
    Effect::new(move |_| {
        let typed = CronQuery {
            kind: mode.get(),
            expr: expr.get(),
            period: std::array::from_fn(|at| period.with(|values| values[at].clone())),
            tz: tz.get(),
            from: from.get(),
            count: count.get(),
        };
        left_out.set(url_state::write(&typed, &()));
        let checked = report::count_from(&typed.count).and_then(|count| {
            let schedule = match typed.kind {
                Kind::Cron => Schedule::Cron(typed.expr.clone()),
                Kind::Period => Schedule::Period(report::period_from(&typed.period)?),
            };
            Ok((count, schedule))
        });
        let (count_value, schedule) = match checked {
            Ok(checked) => checked,
            Err(error) => {
                report.set(Some(Err(error)));
                return;
            }
        };
        let id = sent.get_value() + 1;
        sent.set_value(id);
        now_ms.set(js_sys::Date::now());
        let mut request = Request {
            id,
            schedule,
            tz: typed.tz,
            from: typed.from,
            now_ms: now_ms.get_untracked(),
            count: count_value,
            viewer_tz: viewer.get_untracked(),
        };
        let loaded = loaded.get_value();
        // Answers may overtake each other while a zone loads; only the latest is shown.
        wasm_bindgen_futures::spawn_local(async move {
            // Each step in a task of its own: the page's start, the browser's zone (its first
            // question loads the browser's zone data), then the answer.
            next_task().await;
            if request.viewer_tz.is_empty() {
                request.viewer_tz = viewer_zone();
                viewer.set(request.viewer_tz.clone());
                next_task().await;
            }
            let base = base.get_value();
            let answer = match loaded.load(&base, &request.tz).await {
                Ok(()) => {
                    // The reader's own zone is a courtesy column: without its data, UTC stands in.
                    let _ = loaded.load(&base, &request.viewer_tz).await;
                    report::answer_with(&request, |name| loaded.get(name)).result
                }
                Err(message) => Err(InputError { input: "tz".into(), message, span: None, undocumented: false }),
            };
            if id == sent.get_value() {
                report.set(Some(answer));
            }
        });
    });
    let choose = move |kind: Kind| {
        kind_problem.set(None);
        mode.set(kind);
    };

    let error_for = move |input: &'static str| {
        move || match report.get() {
            Some(Err(error))
                if error.input == input || (input == "period" && PERIOD_FIELDS.contains(&error.input.as_str())) =>
            {
                Some(error)
            }
            _ => None,
        }
    };
    let message_for = move |input: &'static str| move || error_for(input)().map(|error| error.message);
    let answer = move || match report.get() {
        Some(Ok(answer)) => Some(answer),
        _ => None,
    };

    view! {
        // Until the engine's first answer, the fields under the expression wait out of the layout:
        // they then appear with its breakdown, instead of being pushed down by it.
        <div class="tool cron-tool" class:cron-waiting=move || report.with(Option::is_none)>
            <KindPicker mode problem=kind_problem.read_only() choose />
            <LeftOutNotice left_out=left_out.into() describe=describe_param />
            <Show when=move || mode.get() == Kind::Cron fallback=move || view! { <PeriodInputs period error=Signal::derive(error_for("period")) /> }>
                <CronInput expr error=Signal::derive(error_for("expr")) highlighted answer=Signal::derive(answer) />
            </Show>
            <div class="tool-row">
                <TextField
                    id="cron-tz"
                    label="Time zone"
                    value=tz
                    error=Signal::derive(message_for("tz"))
                    // The page holds the zone list, outside the tool (see the prerenderer's shell).
                    list="cron-zones"
                    commit=Commit::OnChange
                >
                    <button type="button" class="tool-button" on:click=move |_| tz.set(viewer.get_untracked())>
                        "Use my time zone (" {move || viewer.get()} ")"
                    </button>
                </TextField>
                <TextField
                    id="cron-from"
                    label="Runs after"
                    value=from
                    error=Signal::derive(message_for("from"))
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
                    error=Signal::derive(message_for("count"))
                    inputmode="numeric"
                    class="tool-field tool-field-small"
                />
            </div>
            {move || answer().map(|answer| view! { <CronAnswer answer now_ms=now_ms.get() base=base.get_value() /> })}
        </div>
    }
}

/// `modal.Cron` or `modal.Period`, and why a link's other kind was not taken.
#[component]
fn KindPicker(
    mode: RwSignal<Kind>,
    problem: ReadSignal<Option<String>>,
    choose: impl Fn(Kind) + Copy + 'static,
) -> impl IntoView {
    let described_by = move || problem.with(Option::is_some).then_some("cron-mode-error");
    let option = move |kind: Kind, label: &'static str| {
        view! {
            <label>
                <input
                    type="radio"
                    name="cron-mode"
                    aria-describedby=described_by
                    prop:checked=move || mode.get() == kind
                    on:change=move |_| choose(kind)
                />
                {label}
            </label>
        }
    };
    view! {
        <fieldset class="tool-modes">
            <legend>"Schedule"</legend>
            {option(Kind::Cron, " modal.Cron")}
            {option(Kind::Period, " modal.Period")}
        </fieldset>
        {move || problem.get().map(|message| view! { <p id="cron-mode-error" class="field-error" role="alert">{message}</p> })}
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
    let run_count = runs.len();
    view! {
        <section class="tool-output" aria-label="Schedule">
            <p class="cron-description"><output for="cron-expr cron-tz">{description}</output></p>
            <ul class="tool-notes">{notes.into_iter().map(|note| view! { <li>{note}</li> }).collect_view()}</ul>
            <Show when=move || { run_count > 0 }>
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
                                .clone()
                                .into_iter()
                                .map(|run| {
                                    view! {
                                        <tr>
                                            <td><time datetime=run.iso.clone()>{run.schedule_time}</time></td>
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
            </Show>
            {month.map(|month| {
                let blanks = month.leading_blanks as usize;
                let cells: Vec<Option<(usize, u32)>> = std::iter::repeat_n(None, blanks)
                    .chain(month.runs_per_day.iter().enumerate().map(|(day, runs)| Some((day + 1, *runs))))
                    .collect();
                let weeks: Vec<Vec<Option<(usize, u32)>>> = cells.chunks(7).map(|week| week.to_vec()).collect();
                let title = month.title.clone();
                view! {
                    <table class="cron-calendar">
                        <caption>{format!("Runs listed above, in {title}")}</caption>
                        <thead>
                            <tr>{["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"].map(|day| view! { <th scope="col">{day}</th> })}</tr>
                        </thead>
                        <tbody>
                            {weeks
                                .into_iter()
                                .map(|week| {
                                    view! {
                                        <tr>
                                            {week
                                                .into_iter()
                                                .map(|cell| match cell {
                                                    Some((day, 0)) => view! { <td>{day}</td> }.into_any(),
                                                    Some((day, runs)) => view! {
                                                        <td class="has-runs">
                                                            <span>{day}</span>
                                                            <span class="run-count">{format!("{runs} run{}", if runs == 1 { "" } else { "s" })}</span>
                                                        </td>
                                                    }
                                                    .into_any(),
                                                    None => view! { <td></td> }.into_any(),
                                                })
                                                .collect_view()}
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                }
            })}
            <h2 class="tool-heading">"Clock changes"</h2>
            {if clock_changes.is_empty() {
                view! { <p>"No run in the next 12 months falls on a skipped or repeated local time."</p> }.into_any()
            } else {
                view! {
                    <ul class="clock-changes">
                        {clock_changes
                            .into_iter()
                            .map(|change| {
                                let what = if change.skipped { "is skipped by the clock" } else { "happens twice" };
                                view! { <li>{format!("{} {what}: runs at {}", change.local, change.runs_at)}</li> }
                            })
                            .collect_view()}
                    </ul>
                }
                .into_any()
            }}
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
