//! The names an example uses, behind the API reference's "Used in" links and teaching coverage.

use atlas_checker::names_used;

#[test]
fn a_dataclass_constructor_uses_the_fields_it_sets_by_keyword() {
    let source = "import modal\n\
                  mount = modal.CloudBucketMount(bucket_name=\"logs\", key_prefix=\"2026/\", read_only=True)\n\
                  image = modal.Image.debian_slim(python_version=\"3.12\")\n";
    let names = names_used(source);
    for used in ["CloudBucketMount", "CloudBucketMount.bucket_name", "CloudBucketMount.key_prefix"] {
        assert!(names.contains(&used), "{used} missing from {names:?}");
    }
    assert!(names.contains(&"CloudBucketMount.read_only"), "{names:?}");
    // A keyword that is no attribute of the class names nothing.
    assert!(!names.iter().any(|name| name.ends_with("python_version")), "{names:?}");
    assert!(!names.contains(&"CloudBucketMount.secret"), "a field not passed is not used: {names:?}");
}

#[test]
fn objects_held_in_names_and_with_targets_use_their_classes_methods() {
    let source = "import modal\n\
                  jobs = modal.Queue.from_name(\"jobs\")\n\
                  jobs.put(1)\n\
                  with modal.Dict.ephemeral() as cache:\n    \
                      cache.get(\"k\")\n\
                  with modal.Queue.ephemeral() as scratch:\n    \
                      scratch.put_many([1])\n";
    let names = names_used(source);
    for used in ["Queue.from_name", "Queue.put", "Dict.ephemeral", "Dict.get", "Queue.ephemeral", "Queue.put_many"] {
        assert!(names.contains(&used), "{used} missing from {names:?}");
    }
}

#[test]
fn names_in_annotations_are_used_whether_or_not_python_evaluates_them() {
    let annotated = "import modal\n\
                     from modal import Volume\n\
                     def on(e: modal.types.FileWatchEvent) -> modal.types.FunctionStats:\n    \
                         stats: modal.Dict = lookup()\n    \
                         return stats\n\
                     class Jobs:\n    \
                         queue: list[modal.Queue]\n\
                     volume: Volume = make()\n";
    for source in [annotated.to_string(), format!("from __future__ import annotations\n{annotated}")] {
        let names = names_used(&source);
        for used in ["types.FileWatchEvent", "types.FunctionStats", "Dict", "Queue", "Volume"] {
            assert!(names.contains(&used), "{used} missing from {names:?}");
        }
    }
    // A name that only looks like Modal's is not.
    let local = "class Volume: ...\nv: Volume = Volume()\ndef f(x: Dict) -> None: ...\n";
    assert_eq!(names_used(local), Vec::<&str>::new());
}

#[test]
fn members_a_class_inherits_are_its_bases_and_its_own_come_first() {
    let source = "import modal\n\
                  weights = modal.Volume.from_name(\"weights\")\n\
                  weights.hydrate()\n\
                  print(weights.object_id, weights.get_dashboard_url())\n\
                  image = modal.Image.debian_slim()\n\
                  image.hydrate()\n";
    let names = names_used(source);
    for used in ["object.Object.hydrate", "object.Object.object_id", "object.Object.get_dashboard_url", "Image.hydrate"]
    {
        assert!(names.contains(&used), "{used} missing from {names:?}");
    }
    // A member no class in the chain has names nothing.
    assert!(
        !names_used("import modal\nmodal.Volume.from_name(\"w\").no_such_member()\n")
            .iter()
            .any(|name| name.contains("no_such_member"))
    );
}

#[test]
fn objects_held_in_a_classs_attributes_use_their_classes_methods() {
    let source = "import modal\n\
                  class Worker:\n    \
                      results = modal.Dict.from_name(\"results\")\n    \
                      def run(self):\n        \
                          self.jobs.put(1)\n        \
                          self.results.get(\"k\")\n    \
                      @modal.enter()\n    \
                      def open(self):\n        \
                          self.jobs = modal.Queue.from_name(\"jobs\")\n";
    let names = names_used(source);
    for used in ["Queue.put", "Dict.get", "Queue.from_name", "Dict.from_name"] {
        assert!(names.contains(&used), "{used} missing from {names:?}");
    }
}
