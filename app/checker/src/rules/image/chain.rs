//! Calls on `modal.Image`: which calls are factories and which are layer methods.

use crate::rules::toolkit::is_identifier;

/// The factory a call path names: `debian_slim` for `modal.Image.debian_slim`.
pub(super) fn factory(path: &str) -> Option<&str> {
    path.strip_prefix("modal.Image.").filter(|name| is_identifier(name))
}

/// The layer method a call path names, if it is one of `methods` called on an image (not on the
/// class): `pip_install` for `modal.Image.debian_slim().pip_install`, or for `image.pip_install`
/// where `image` holds such an image. The method is compared first, so that paths of long chains
/// are read through only for the methods asked about.
pub(super) fn layer_method<'p>(path: &'p str, methods: &[&str]) -> Option<&'p str> {
    let (receiver, method) = path.rsplit_once('.')?;
    if !methods.contains(&method) {
        return None;
    }
    let receiver = receiver.strip_prefix("modal.Image.")?;
    receiver.split('.').all(|step| step.strip_suffix("()").is_some_and(is_identifier)).then_some(method)
}
