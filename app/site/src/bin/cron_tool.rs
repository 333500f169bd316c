//! The app the cron tool's page loads: the documentation app and the cron tool, and no other tool.

fn main() {
    atlas_site::start_cron_tool();
}
