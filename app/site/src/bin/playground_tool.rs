//! The app the playground's page loads: the documentation app and the playground, and no other tool.

fn main() {
    atlas_site::start_playground_tool();
}
