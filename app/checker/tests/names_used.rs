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
