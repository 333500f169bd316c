//! The app the calculator's page loads: the documentation app and the calculator, and no other tool.

fn main() {
    atlas_site::start_calculator_tool();
}
