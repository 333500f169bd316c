//! Time-zone data for the cron tool, fetched a zone at a time from the TZif files the build
//! publishes (`atlas_cron::zones`), and kept for the page's life.

use std::cell::RefCell;

use atlas_cron::{Zone, zones};

/// Zones fetched so far (a reader uses one or two).
#[derive(Default)]
pub struct LoadedZones(RefCell<Vec<Zone>>);

impl LoadedZones {
    /// The zone `name` names, if it needs no data or its data has been loaded.
    pub fn get(&self, name: &str) -> Option<Zone> {
        let canonical = zones::canonical(name);
        zones::built_in(name).or_else(|| self.0.borrow().iter().find(|zone| Some(zone.name()) == canonical).cloned())
    }

    /// Fetches the data of zone `name` from below the site's `base` path, unless it is loaded,
    /// UTC, or not a zone at all (the engine then says the name is unknown). Fails with a
    /// sentence for the reader.
    pub async fn load(&self, base: &str, name: &str) -> Result<(), String> {
        let Some(canonical) = zones::canonical(name) else { return Ok(()) };
        if zones::built_in(name).is_some() || self.0.borrow().iter().any(|zone| zone.name() == canonical) {
            return Ok(());
        }
        let failed = |reason: String| format!("the data of time zone {canonical} could not be loaded ({reason})");
        let url = format!("{base}{}", zones::file_path(canonical));
        let data = crate::fetch::body(crate::fetch::start(&url).map_err(failed)?).await.map_err(failed)?;
        let zone = zones::from_tzif(canonical, &data)?;
        // Two answers may have asked for the same zone at once; it is kept once.
        let mut loaded = self.0.borrow_mut();
        if !loaded.iter().any(|known| known.name() == canonical) {
            loaded.push(zone);
        }
        Ok(())
    }
}

/// The reader's IANA zone, as the browser knows it.
pub fn viewer_zone() -> String {
    let format = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &js_sys::Object::new());
    js_sys::Reflect::get(&format.resolved_options(), &"timeZone".into())
        .ok()
        .and_then(|zone| zone.as_string())
        .unwrap_or_else(|| "UTC".into())
}
