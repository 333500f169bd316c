//! The app every documentation page loads.

fn main() {
    atlas_site::start_docs();
}
