//! The app tool pages load: the documentation app and the tools.

fn main() {
    atlas_site::start_tools();
}
