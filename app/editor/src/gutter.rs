//! The gutter's marks: one per line with problems, saying what they are.

use atlas_checker::Severity;

use crate::Problem;

/// A line with problems: the worst one's severity, and every problem's label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GutterMark {
    /// 1-based.
    pub line: usize,
    pub severity: Severity,
    /// "Line 6: error MDL001: …", one problem a line.
    pub description: String,
}

/// The marks for `problems` on `text`, in line order; a line's problems in the order given (the
/// checker's is text order).
pub fn gutter_marks(text: &str, problems: &[Problem]) -> Vec<GutterMark> {
    // (line, index in `problems`): sorted, the problems of each line are together and in order.
    let mut placed = lines_of(text, problems);
    placed.sort_unstable();
    let mut marks: Vec<GutterMark> = Vec::new();
    for (line, index) in placed {
        let problem = &problems[index];
        match marks.last_mut() {
            Some(mark) if mark.line == line => {
                mark.description.push('\n');
                mark.description.push_str(&problem.label);
                if problem.severity == Severity::Error {
                    mark.severity = Severity::Error;
                }
            }
            _ => marks.push(GutterMark {
                line,
                severity: problem.severity,
                description: format!("Line {line}: {}", problem.label),
            }),
        }
    }
    marks
}

/// Each problem's 1-based line, with its index, found in one pass over the text (a pass a
/// problem would make thousands of problems in a long file cost seconds).
fn lines_of(text: &str, problems: &[Problem]) -> Vec<(usize, usize)> {
    let mut by_offset: Vec<(usize, usize)> =
        problems.iter().enumerate().map(|(index, problem)| (problem.start.min(text.len()), index)).collect();
    by_offset.sort_unstable();
    let (mut line, mut counted) = (1, 0);
    by_offset
        .into_iter()
        .map(|(offset, index)| {
            line += text.as_bytes()[counted..offset].iter().filter(|byte| **byte == b'\n').count();
            counted = offset;
            (line, index)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(start: usize, severity: Severity, label: &str) -> Problem {
        Problem { start, end: start + 1, severity, label: label.into() }
    }

    #[test]
    fn one_mark_a_line_with_the_worst_severity_and_every_label() {
        let text = "a\nbb\nc\n";
        let problems = [
            problem(0, Severity::Warning, "warning MDL010: first"),
            problem(2, Severity::Warning, "warning MDL013: w"),
            problem(3, Severity::Error, "error MDL001: e"),
        ];
        assert_eq!(
            gutter_marks(text, &problems),
            vec![
                GutterMark {
                    line: 1,
                    severity: Severity::Warning,
                    description: "Line 1: warning MDL010: first".into()
                },
                GutterMark {
                    line: 2,
                    severity: Severity::Error,
                    description: "Line 2: warning MDL013: w\nerror MDL001: e".into()
                },
            ]
        );
    }

    #[test]
    fn problems_given_out_of_order_land_on_their_lines() {
        let text = "x=1\n".repeat(20_000);
        let problems: Vec<Problem> =
            (0..20_000).rev().map(|line| problem(line * 4 + 2, Severity::Error, &line.to_string())).collect();
        let marks = gutter_marks(&text, &problems);
        assert_eq!(marks.len(), 20_000);
        assert!(
            marks
                .iter()
                .enumerate()
                .all(|(at, mark)| mark.line == at + 1 && mark.description == format!("Line {}: {at}", at + 1))
        );
    }

    #[test]
    fn a_problem_at_the_end_of_the_text_is_on_the_last_line() {
        assert_eq!(gutter_marks("x\ny(", &[problem(4, Severity::Error, "e")])[0].line, 2);
    }
}
