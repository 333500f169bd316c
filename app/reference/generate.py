#!/usr/bin/env python3
"""Writes content/data/modal-reference.json: every public name of the Modal client, with its
signature and its history across releases, read statically from the client's wheels. Classes
carry their bases, so that what a class inherits is documented once, at the base.

    python3 app/reference/generate.py            # downloads the wheels (pip) into target/modal-wheels
    python3 app/reference/generate.py --wheels DIR

Nothing from a wheel is imported or executed: the signatures come from the bundled `.pyi` stubs
(or the source where a module has none) and deprecations from the source's calls to the client's
deprecation helpers, all read with `ast`. Standard library only.
"""

from __future__ import annotations

import argparse
import ast
import json
import re
import subprocess
import sys
import zipfile
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUTPUT = ROOT / "content" / "data" / "modal-reference.json"

# The releases the reference covers: every release of the 1.x client up to the one the site is
# checked against (content/data/modal.toml). 1.1.2 was never published.
RELEASES = [
    "1.0.0", "1.0.1", "1.0.2", "1.0.3", "1.0.4", "1.0.5",
    "1.1.0", "1.1.1", "1.1.3", "1.1.4",
    "1.2.0", "1.2.1", "1.2.2", "1.2.3", "1.2.4", "1.2.5", "1.2.6",
    "1.3.0", "1.3.0.post1", "1.3.1", "1.3.2", "1.3.3", "1.3.4", "1.3.5",
    "1.4.0", "1.4.1", "1.4.2", "1.4.3",
    "1.5.0", "1.5.1", "1.5.2", "1.5.3", "1.5.4", "1.5.5",
    "1.6.0", "1.6.1", "1.6.2", "1.6.3", "1.6.4",
]

# Module prefixes dropped from annotations, so `typing.Optional[modal.image.Image]` reads
# `Optional[Image]`.
QUALIFIED = re.compile(r"\b(?:typing_extensions|typing|collections\.abc|modal(?:\.\w+)*|modal_proto(?:\.\w+)*|google\.protobuf(?:\.\w+)*|synchronicity(?:\.\w+)*|pathlib|datetime|os)\.(?=\w)")


def simplify(annotation: ast.expr | None) -> str | None:
    if annotation is None:
        return None
    text = ast.unparse(annotation)
    previous = None
    while previous != text:
        previous, text = text, QUALIFIED.sub("", text)
    return text


# ---------------------------------------------------------------------------------------------
# Reading one release


class Release:
    """One wheel, opened: its files by path, and its date."""

    def __init__(self, version: str, wheel: Path):
        self.version = version
        self.zip = zipfile.ZipFile(wheel)
        self.files = {info.filename: info for info in self.zip.infolist()}
        stamp = max(info.date_time for info in self.zip.infolist() if info.filename.startswith("modal/"))
        self.date = datetime(*stamp).date().isoformat()

    def source(self, path: str) -> ast.Module | None:
        if path not in self.files:
            return None
        return ast.parse(self.zip.read(path).decode("utf-8"), filename=path)

    def module_file(self, module: str, stub: bool) -> str | None:
        """The file of `modal.x.y`: its stub if asked and present, else its source."""
        base = module.replace(".", "/")
        endings = [".pyi", ".py"] if stub else [".py"]
        for ending in endings:
            for candidate in (base + ending, base + "/__init__" + ending):
                if candidate in self.files:
                    return candidate
        return None


def relative_module(package: str, node: ast.ImportFrom) -> str:
    parts = package.split(".")
    if node.level:
        parts = parts[: len(parts) - node.level + 1] if node.level > 1 else parts
        return ".".join(parts + ([node.module] if node.module else []))
    return node.module or ""


def package_of(path: str) -> str:
    """`modal/sandbox/__init__.py` is package `modal.sandbox`; `modal/app.pyi` is in `modal`."""
    parts = path.rsplit(".", 1)[0].split("/")
    if parts[-1] == "__init__":
        return ".".join(parts[:-1])
    return ".".join(parts[:-1])


def public_exports(release: Release) -> list[str]:
    tree = release.source("modal/__init__.py")
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "__all__" for t in node.targets):
            return [elt.value for elt in node.value.elts if elt.value != "__version__"]
    raise SystemExit(f"modal {release.version}: no __all__ in modal/__init__.py")


def find_definition(release: Release, module: str, name: str, stub: bool = True, depth: int = 0):
    """The `ClassDef`/`FunctionDef` (or a stub's `name: __name_spec` pair) that `module.name` is,
    following re-exports. Returns (node, file path, enclosing body) or None."""
    if depth > 6:
        return None
    path = release.module_file(module, stub)
    if path is None:
        return None
    tree = release.source(path)
    package = package_of(path)
    for node in tree.body:
        if isinstance(node, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == name:
            return node, path, tree.body
        if isinstance(node, ast.AnnAssign) and getattr(node.target, "id", None) == name:
            return node, path, tree.body
    for node in tree.body:
        if isinstance(node, ast.ImportFrom):
            for alias in node.names:
                if (alias.asname or alias.name) == name:
                    return find_definition(release, relative_module(package, node), alias.name, stub, depth + 1)
    return None


def top_level_modules(release: Release) -> dict[str, tuple[str, str]]:
    """Each exported name of `modal` -> (module it is imported from, its name there)."""
    tree = release.source("modal/__init__.py")
    found = {}

    def visit(body):
        for node in body:
            if isinstance(node, ast.ImportFrom):
                for alias in node.names:
                    found[alias.asname or alias.name] = (relative_module("modal", node), alias.name)
            elif isinstance(node, (ast.Try, ast.If)):
                visit(node.body)
                for handler in getattr(node, "handlers", []):
                    visit(handler.body)

    visit(tree.body)
    return found


# ---------------------------------------------------------------------------------------------
# Signatures


def parameters_of(function: ast.FunctionDef, drop_first: bool) -> list[dict]:
    args = function.args
    positional = args.posonlyargs + args.args
    defaults = [None] * (len(positional) - len(args.defaults)) + list(args.defaults)
    params = []
    for index, (arg, default) in enumerate(zip(positional, defaults)):
        kind = "positional" if index < len(args.posonlyargs) else "positional_or_keyword"
        params.append(parameter(arg, kind, default))
    if args.vararg:
        params.append(parameter(args.vararg, "var_positional", None))
    for arg, default in zip(args.kwonlyargs, args.kw_defaults):
        params.append(parameter(arg, "keyword", default))
    if args.kwarg:
        params.append(parameter(args.kwarg, "var_keyword", None))
    if drop_first and params and params[0]["name"] in ("self", "cls"):
        params = params[1:]
    return params


def parameter(arg: ast.arg, kind: str, default: ast.expr | None) -> dict:
    entry = {"name": arg.arg, "kind": kind}
    annotation = simplify(arg.annotation)
    if annotation:
        entry["type"] = annotation
    if default is not None:
        entry["default"] = simplify(default)
    return entry


def signature(function: ast.FunctionDef, drop_first: bool) -> dict:
    entry = {"parameters": parameters_of(function, drop_first)}
    returns = simplify(function.returns)
    if returns:
        entry["returns"] = returns
    if isinstance(function, ast.AsyncFunctionDef):
        entry["async"] = True
    return entry


def decorator_names(node) -> list[str]:
    names = []
    for decorator in getattr(node, "decorator_list", []):
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        names.append(ast.unparse(target).rsplit(".", 1)[-1])
    return names


def spec_call(body: list[ast.stmt], spec_name: str) -> list[ast.FunctionDef]:
    """The `__call__` overloads of a synchronicity stub's `class __name_spec(Protocol)`."""
    for node in body:
        if isinstance(node, ast.ClassDef) and node.name == spec_name:
            return [item for item in node.body if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)) and item.name == "__call__"]
    return []


def spec_name_of(annotation: ast.expr) -> str | None:
    """`__remote_spec[...]` or `ClassVar[__from_id_spec[...]]` -> `__remote_spec`."""
    node = annotation
    if isinstance(node, ast.Subscript) and ast.unparse(node.value).endswith("ClassVar"):
        node = node.slice
    if isinstance(node, ast.Subscript):
        node = node.value
    if isinstance(node, ast.Name) and node.id.startswith("__") and node.id.endswith("_spec"):
        return node.id
    return None


def members(body: list[ast.stmt], is_class: bool) -> dict[str, dict]:
    """The public callables and attributes defined in a class body (or a module's stub)."""
    found: dict[str, dict] = {}
    for node in body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            if node.name.startswith("_"):
                continue
            decorators = decorator_names(node)
            if "property" in decorators:
                found[node.name] = {"kind": "property", "type": simplify(node.returns)}
                continue
            kind = "classmethod" if "classmethod" in decorators else "staticmethod" if "staticmethod" in decorators else "method" if is_class else "function"
            sig = signature(node, drop_first=is_class and kind != "staticmethod")
            entry = found.setdefault(node.name, {"kind": kind, "signatures": []})
            if "signatures" in entry:
                entry["signatures"].append(sig)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            name = node.target.id
            if name.startswith("_"):
                continue
            spec = spec_name_of(node.annotation)
            if spec:
                calls = spec_call(body, spec)
                if calls:
                    is_classvar = ast.unparse(node.annotation).split("[", 1)[0].endswith("ClassVar")
                    kind = "classmethod" if is_classvar else "method" if is_class else "function"
                    found[name] = {"kind": kind, "signatures": [signature(call, drop_first=True) for call in calls]}
                    continue
            found[name] = {"kind": "attribute", "type": simplify(node.annotation)}
    for entry in found.values():
        if entry.get("type") is None:
            entry.pop("type", None)
    return found


def describe(release: Release, module: str, name: str) -> dict[str, dict]:
    """`{qualified name: entry}` for one exported name and, for a class, its public members."""
    found = find_definition(release, module, name)
    submodule = f"{module}.{name}"
    if found is None and release.module_file(submodule, stub=True):
        return describe_module(release, submodule, name)
    if found is None:
        return {name: {"kind": "name"}}
    node, path, body = found
    names: dict[str, dict] = {}
    if isinstance(node, ast.ClassDef):
        names.update(describe_class(release, module, name, name, node, path))
    elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        names[name] = {"kind": "function", "module": module_name(path), "signatures": [signature(node, drop_first=False)]}
    elif isinstance(node, ast.AnnAssign):
        spec = spec_name_of(node.annotation)
        calls = spec_call(body, spec) if spec else []
        if calls:
            names[name] = {"kind": "function", "module": module_name(path), "signatures": [signature(c, drop_first=True) for c in calls]}
        else:
            names[name] = {"kind": "attribute", "module": module_name(path), "type": simplify(node.annotation)}
    return names


def describe_class(release: Release, module: str, name: str, public: str, node: ast.ClassDef, path: str) -> dict[str, dict]:
    """`{public: entry}` for the class `module.name` and `{public.member: entry}` for its public members."""
    entry = {"kind": "class", "module": module_name(path)}
    init = [item for item in node.body if isinstance(item, ast.FunctionDef) and item.name == "__init__"]
    # Synchronicity's wrappers take `*args, **kwargs` in the stub; the real constructor is in the source.
    init_sig = signature(init[0], drop_first=True) if init else None
    if init_sig and [p["kind"] for p in init_sig["parameters"]] == ["var_positional", "var_keyword"]:
        source = find_definition(release, module, name, stub=False)
        source_init = None
        if source and isinstance(source[0], ast.ClassDef):
            source_init = next((item for item in source[0].body if isinstance(item, ast.FunctionDef) and item.name == "__init__"), None)
        init_sig = signature(source_init, drop_first=True) if source_init else None
    if init_sig and not is_private_constructor(init_sig):
        entry["signatures"] = [init_sig]
    names = {public: entry}
    for member, member_entry in members(node.body, is_class=True).items():
        names[f"{public}.{member}"] = member_entry
    return names


def describe_module(release: Release, module: str, name: str) -> dict[str, dict]:
    """A submodule of `modal` (`modal.billing`): its public functions, and its classes by name."""
    path = release.module_file(module, stub=True)
    tree = release.source(path)
    exported = None
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "__all__" for t in node.targets):
            exported = {elt.value for elt in node.value.elts}
    names = {name: {"kind": "module", "module": module}}
    for member, entry in members(tree.body, is_class=False).items():
        if exported is None or member in exported:
            entry.setdefault("module", module)
            names[f"{name}.{member}"] = entry
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and not node.name.startswith("_") and (exported is None or node.name in exported):
            names[f"{name}.{node.name}"] = {"kind": "class", "module": module}
    return names


def is_private_constructor(sig: dict) -> bool:
    """Objects made by factories (`Volume.from_name`) have constructors users should not call:
    synchronicity stubs them as `__init__(self, *args, **kwargs)` and the source's takes nothing
    public."""
    return [p["kind"] for p in sig["parameters"]] == ["var_positional", "var_keyword"]


def module_name(path: str) -> str:
    module = path.rsplit(".", 1)[0].replace("/", ".")
    return module.removesuffix(".__init__")


def removed_before(release: Release) -> dict[str, str]:
    """Names `modal.__getattr__` answers with an AttributeError that says what to use instead."""
    tree = release.source("modal/__init__.py")
    found = {}
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name == "__getattr__":
            for test in ast.walk(node):
                if isinstance(test, ast.If) and isinstance(test.test, ast.Compare):
                    names = [c.value for c in test.test.comparators if isinstance(c, ast.Constant)]
                    messages = [string_of(arg) for raise_ in test.body if isinstance(raise_, ast.Raise) for arg in getattr(raise_.exc, "args", [])]
                    for name in names:
                        if messages and messages[0]:
                            found[name] = messages[0]
    return found


# ---------------------------------------------------------------------------------------------
# Deprecations, from the source


def string_of(node: ast.expr) -> str | None:
    """The text of a string literal, an implicit concatenation, or an f-string (its
    placeholders written as `{name}`)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(part.value if isinstance(part, ast.Constant) else "{" + ast.unparse(part.value) + "}" for part in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = string_of(node.left), string_of(node.right)
        if left is not None and right is not None:
            return left + right
    return None


def date_of(node: ast.expr) -> str | None:
    if isinstance(node, ast.Tuple) and all(isinstance(e, ast.Constant) for e in node.elts) and len(node.elts) == 3:
        return date(*(e.value for e in node.elts)).isoformat()
    return None


REPLACEMENT = re.compile(r"(?:[Uu]se|[Uu]sing|renamed to|replaced (?:by|with)|[Ss]et)\s+(?:the\s+|a\s+)?[`'\"]([^`'\"]+)[`'\"]")


def replacement_in(message: str) -> str | None:
    match = REPLACEMENT.search(message)
    return match.group(1).removeprefix("@").removesuffix("()") if match else None


def drop_self_replacement(entry: dict, name: str) -> dict:
    """`Set client when creating the Sandbox`: a message that names the parameter itself names no replacement."""
    if entry.get("replacement") == name:
        del entry["replacement"]
    return entry


class Deprecation:
    def __init__(self, date_: str, message: str, raises: bool, parameter: str | None = None):
        self.date = date_
        self.message = " ".join(message.split())
        self.raises = raises
        self.parameter = parameter

    def entry(self, version: str) -> dict:
        entry = {"version": version, "date": self.date, "message": self.message}
        if self.raises:
            entry["raises"] = True
        replacement = replacement_in(self.message)
        if replacement:
            entry["replacement"] = replacement
        return entry


def deprecation_call(node: ast.AST, message_may_vary: bool = False) -> Deprecation | None:
    """A call of the client's `deprecation_warning` or `deprecation_error` with a literal date;
    its message a literal, or (`message_may_vary`) anything, read as empty."""
    if isinstance(node, ast.Expr):
        node = node.value
    if not isinstance(node, ast.Call):
        return None
    callee = ast.unparse(node.func).rsplit(".", 1)[-1]
    if callee not in ("deprecation_warning", "deprecation_error") or len(node.args) < 2:
        return None
    when, message = date_of(node.args[0]), string_of(node.args[1])
    if message is None and message_may_vary:
        message = ""
    if when is None or message is None:
        return None
    return Deprecation(when, message, raises=callee == "deprecation_error")


def parameter_tested(test: ast.expr, parameters: set[str]) -> str | None:
    """`x is not None`, `x`, `"x" in kwargs`: the parameter an `if` asks about."""
    if isinstance(test, ast.Name) and test.id in parameters:
        return test.id
    if isinstance(test, ast.Compare) and isinstance(test.left, ast.Name) and test.left.id in parameters:
        if isinstance(test.ops[0], ast.IsNot) and isinstance(test.comparators[0], ast.Constant) and test.comparators[0].value is None:
            return test.left.id
    if isinstance(test, ast.BoolOp):
        for value in test.values:
            found = parameter_tested(value, parameters)
            if found:
                return found
    return None


def deprecations_in(function: ast.FunctionDef, helpers: dict[str, Deprecation]) -> list[Deprecation]:
    """What calling `function` deprecates: unconditional calls deprecate the function, calls
    under `if param is not None` deprecate that parameter; other conditions (a value, a
    platform) are not a name's deprecation."""
    parameters = {arg.arg for arg in ast.walk(function.args) if isinstance(arg, ast.arg)}
    found = []

    def visit(body, parameter, conditional):
        for stmt in body:
            deprecation = deprecation_call(stmt) or helper_call(stmt, helpers)
            if deprecation:
                if parameter:
                    deprecation.parameter = parameter
                    found.append(deprecation)
                elif not conditional:
                    found.append(deprecation)
            elif isinstance(stmt, ast.If):
                tested = parameter_tested(stmt.test, parameters)
                visit(stmt.body, tested or parameter, True)
            elif isinstance(stmt, (ast.With, ast.AsyncWith, ast.Try)):
                visit(stmt.body, parameter, conditional)

    visit(function.body, None, False)
    for decorator in function.decorator_list:
        if isinstance(decorator, ast.Call):
            callee = ast.unparse(decorator.func).rsplit(".", 1)[-1]
            if callee == "with_deprecation_warning" and len(decorator.args) >= 2:
                when, message = date_of(decorator.args[0]), string_of(decorator.args[1])
                if when and message:
                    found.append(Deprecation(when, message, raises=False))
            if callee == "renamed_parameter" and len(decorator.args) >= 3:
                when = date_of(decorator.args[0])
                old, new = string_of(decorator.args[1]), string_of(decorator.args[2])
                if when and old and new:
                    found.append(Deprecation(when, f"The `{old}` parameter has been renamed to `{new}`.", raises=False, parameter=old))
    return found


def helper_call(stmt: ast.stmt, helpers: dict[str, Deprecation]) -> Deprecation | None:
    if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call) and isinstance(stmt.value.func, ast.Name):
        helper = helpers.get(stmt.value.func.id)
        if helper:
            return Deprecation(helper.date, helper.message, helper.raises)
    return None


def parameter_decorators(release: Release) -> dict[str, list[Deprecation]]:
    """The client's decorators that deprecate keywords of the functions they wrap
    (`warn_on_renamed_autoscaler_settings` in 1.0, `handle_deprecated_parameters` later), by
    name, with the keywords they deprecate: the keys of their renaming dict, and the names their
    `if "x" in kwargs` tests ask for."""
    tree = release.source("modal/_utils/deprecation.py")
    decorators = {}
    for node in tree.body if tree else []:
        if not isinstance(node, ast.FunctionDef) or [a.arg for a in node.args.args] != ["func"]:
            continue
        renames = {}
        for item in ast.walk(node):
            if isinstance(item, ast.Dict) and item.keys and all(isinstance(k, ast.Constant) for k in item.keys):
                renames = {k.value: v.value for k, v in zip(item.keys, item.values) if isinstance(v, ast.Constant)}
        tested = {}
        for item in ast.walk(node):
            if isinstance(item, ast.If) and isinstance(item.test, ast.Compare) and isinstance(item.test.left, ast.Constant):
                for stmt in item.body:
                    tested[id(stmt)] = item.test.left.value
        found = []
        for item in ast.walk(node):
            call = deprecation_call(item, message_may_vary=True) if isinstance(item, ast.Expr) else None
            if call is None:
                continue
            if id(item) in tested:
                call.parameter = tested[id(item)]
                found.append(call)
                continue
            for old, new in renames.items():
                if "{old_name}" in call.message:
                    text = call.message.replace("{old_name}", old).replace("{new_name}", new)
                else:
                    text = f"The `{old}` parameter has been renamed to `{new}`."
                found.append(Deprecation(call.date, text, call.raises, parameter=old))
        if found:
            decorators[node.name] = found
    return decorators


def source_deprecations(release: Release, known: set[str]) -> dict[str, list[Deprecation]]:
    """Deprecations by public name (`Function.update_autoscaler`, `web_endpoint`)."""
    meta = parameter_decorators(release) if "modal/_utils/deprecation.py" in release.files else {}
    found: dict[str, list[Deprecation]] = {}
    for path in release.files:
        if not path.startswith("modal/") or not path.endswith(".py") or "/cli/" in path or "/_vendor/" in path:
            continue
        tree = release.source(path)
        helpers = {}
        for node in tree.body:
            if isinstance(node, ast.FunctionDef) and len(node.body) == 1:
                deprecation = deprecation_call(node.body[0])
                if deprecation:
                    helpers[node.name] = deprecation
        # A module-level function of `modal.experimental` (or of `modal._billing`, behind
        # `modal.billing`) is `experimental.name`, not the top-level name it may share.
        module = module_name(path).split(".")
        submodule = module[1].removeprefix("_") if len(module) == 2 and module[1] != "__init__" else None
        for qualname, function in functions_of(tree):
            public = ".".join(part.removeprefix("_") for part in qualname)
            if len(qualname) == 1 and submodule in known:
                public = f"{submodule}.{public}"
            if public not in known:
                continue
            deprecations = deprecations_in(function, helpers)
            for decorator in decorator_names(function):
                deprecations += [Deprecation(d.date, d.message, d.raises, d.parameter) for d in meta.get(decorator, [])]
            if deprecations:
                found.setdefault(public, []).extend(deprecations)
    return found


def functions_of(tree: ast.Module):
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield (node.name,), node
        elif isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    yield (node.name, item.name), item


# ---------------------------------------------------------------------------------------------
# What classes derive from

# Modules outside `modal.__all__` that application code imports by path: `modal.exception`, whose
# classes it catches.
EXTRA_MODULES = ("exception",)

# Bases that say nothing about what a class offers.
PLUMBING_BASES = {"object", "Generic", "Protocol", "ABC", "abc.ABC"}


def add_inheritance(release: Release, names: dict[str, dict], origins: dict[str, tuple[str, str]]) -> None:
    """Adds the classes of EXTRA_MODULES, records each class's `bases` by the names the reference
    gives them, and describes the client's classes that are bases without being exported
    (`modal.object.Object`, which every Modal object derives from), so that what a class inherits
    is documented once, at its base."""
    exported: dict[tuple[str, str], str] = {}
    definitions: list[tuple[str, tuple]] = []
    for name, entry in names.items():
        module, original = origins.get(name, ("modal", name))
        found = find_definition(release, module, original) if entry["kind"] == "class" and "." not in name else None
        if found and isinstance(found[0], ast.ClassDef):
            exported[(module_name(found[1]), found[0].name)] = name
            definitions.append((name, found))
    for extra in EXTRA_MODULES:
        module = f"modal.{extra}"
        if release.module_file(module, stub=True) is None:
            continue
        for qualified, entry in describe_module(release, module, extra).items():
            found = find_definition(release, module, qualified.split(".")[-1]) if entry["kind"] == "class" else None
            if found and (module_name(found[1]), found[0].name) in exported:
                continue  # `modal.exception.Error` is `modal.Error`
            names[qualified] = entry
            if found and isinstance(found[0], ast.ClassDef):
                definitions.append((qualified, found))
    while definitions:
        name, (node, path, _) = definitions.pop()
        bases = bases_of(release, node, path, exported)
        if bases:
            names[name]["bases"] = bases
        for base in bases:
            top, _, class_name = base.rpartition(".")
            found = find_definition(release, f"modal.{top}", class_name) if top and base not in names else None
            if found and isinstance(found[0], ast.ClassDef):
                names.setdefault(top, {"kind": "module", "module": f"modal.{top}"})
                names.update(describe_class(release, f"modal.{top}", class_name, base, found[0], found[1]))
                definitions.append((base, found))


def public_class_name(module: str, class_name: str, exported: dict[tuple[str, str], str]) -> str | None:
    """`Error` for `modal.exception.Error`, `object.Object` for `modal.object.Object`; None for a
    private class (`modal._object._Object`, `modal.exception._GRPCErrorWrapper`)."""
    if (module, class_name) in exported:
        return exported[(module, class_name)]
    parts = module.split(".")[1:]
    if class_name.startswith("_") or any(part.startswith("_") for part in parts):
        return None
    return ".".join(parts + [class_name])


def bases_of(release: Release, node: ast.ClassDef, path: str, exported: dict[tuple[str, str], str]) -> list[str]:
    """The classes `node` derives from: a client class by its public name, a private one by its own
    bases (so `NotFoundError` derives from `Error` and `grpclib.GRPCError`), any other as written."""
    found = []
    for base in node.bases:
        written = ast.unparse(base.value if isinstance(base, ast.Subscript) else base)
        if written.split(".")[0] in ("typing", "typing_extensions") or written in PLUMBING_BASES:
            continue
        where, _, class_name = written.rpartition(".") if written.startswith("modal.") else (module_name(path), "", written)
        definition = find_definition(release, where, class_name, stub=path.endswith(".pyi"))
        if definition is None or not isinstance(definition[0], ast.ClassDef):
            found.append(written)
            continue
        public = public_class_name(module_name(definition[1]), definition[0].name, exported)
        found += [public] if public else bases_of(release, definition[0], definition[1], exported)
    return found


# ---------------------------------------------------------------------------------------------
# Across releases


def read_release(release: Release) -> tuple[dict[str, dict], dict[str, list[Deprecation]], dict[str, str]]:
    exports = public_exports(release)
    origins = top_level_modules(release)
    names: dict[str, dict] = {}
    for name in exports:
        module, original = origins.get(name, ("modal", name))
        for qualified, entry in describe(release, module, original).items():
            if qualified == original:
                qualified = name
            elif original != name:
                qualified = name + qualified[len(original):]
            names[qualified] = entry
    add_inheritance(release, names, origins)
    deprecations = source_deprecations(release, set(names))
    # A class whose methods all come from one helper's warning (NetworkFileSystem) is deprecated itself.
    for name, entry in names.items():
        if entry["kind"] == "class":
            messages = {d.message for member, ds in deprecations.items() if member.startswith(name + ".") for d in ds if d.parameter is None}
            for message in messages:
                if f"`modal.{name}` is deprecated" in message:
                    first = next(d for ds in deprecations.values() for d in ds if d.message == message)
                    deprecations.setdefault(name, []).append(first)
    return names, deprecations, removed_before(release)


def parameter_names(entry: dict) -> list[str]:
    seen = []
    for sig in entry.get("signatures", []):
        for param in sig["parameters"]:
            if param["kind"] not in ("var_positional", "var_keyword") and param["name"] not in seen:
                seen.append(param["name"])
    return seen


def note(records: dict, key: str, deprecation: Deprecation, version: str) -> None:
    """Keeps the first release that deprecated something and the first in which using it
    raises; the message is the newest release's (an old one may name a removal that moved)."""
    if key not in records:
        records[key] = deprecation.entry(version)
    elif deprecation.raises and "error_since" not in records[key] and not records[key].get("raises"):
        records[key]["error_since"] = version
        records[key]["error_message"] = deprecation.message
    elif not deprecation.raises:
        records[key]["message"] = deprecation.message
    records[key]["seen_in"] = version


def build(releases: list[Release]) -> dict:
    history: dict[str, dict] = {}
    for release in releases:
        names, deprecations, removed = read_release(release)
        print(f"modal {release.version}: {len(names)} names", file=sys.stderr)
        for name, entry in names.items():
            record = history.get(name)
            if record is None or record.get("removed"):
                record = history[name] = {"name": name, "since": release.version, "parameter_since": {}, "parameter_deprecated": {}, "gone_parameters": {}}
            for param in parameter_names(entry):
                record["parameter_since"].setdefault(param, release.version)
                record["gone_parameters"].pop(param, None)
            for param in record.get("last_parameters", []):
                if param not in parameter_names(entry) and not param.startswith("_"):
                    record["gone_parameters"].setdefault(param, release.version)
            record["last_parameters"] = parameter_names(entry)
            record["entry"] = entry
            record["last_seen"] = release.version
            for deprecation in deprecations.get(name, []):
                if deprecation.parameter and not deprecation.parameter.startswith("_"):
                    note(record["parameter_deprecated"], deprecation.parameter, deprecation, release.version)
                elif not deprecation.parameter:
                    note(record, "deprecated", deprecation, release.version)
        for name, record in history.items():
            if name not in names and not record.get("removed"):
                record["removed"] = release.version
        last_removed = removed
    for record in history.values():
        # A deprecation the name's last release no longer makes was withdrawn (`Function.info`
        # became a new method in 1.6.0).
        last = record["last_seen"]
        if record.get("deprecated", {}).get("seen_in", last) != last:
            del record["deprecated"]
        for param, deprecated in list(record["parameter_deprecated"].items()):
            if param in record["last_parameters"] and deprecated.get("seen_in") != last:
                del record["parameter_deprecated"][param]
        for deprecated in [record.get("deprecated"), *record["parameter_deprecated"].values()]:
            if deprecated:
                deprecated.pop("seen_in", None)
    entries = []
    for name, record in sorted(history.items(), key=lambda item: item[0].lower()):
        entry = dict(record["entry"])
        out = {"name": name, "kind": entry.pop("kind")}
        if "module" in entry:
            out["module"] = entry.pop("module")
        if "type" in entry:
            out["type"] = entry.pop("type")
        if "bases" in entry:
            out["bases"] = entry.pop("bases")
        out["since"] = record["since"]
        if "deprecated" in record:
            out["deprecated"] = record["deprecated"]
        if "removed" in record:
            out["removed"] = record["removed"]
        signatures = entry.pop("signatures", None)
        if signatures:
            for sig in signatures:
                for param in sig["parameters"]:
                    since = record["parameter_since"].get(param["name"])
                    if since and since != record["since"]:
                        param["since"] = since
                    deprecated = record["parameter_deprecated"].get(param["name"])
                    if deprecated:
                        param["deprecated"] = drop_self_replacement(deprecated, param["name"])
            out["signatures"] = signatures
        gone = {}
        for param, version in record["gone_parameters"].items():
            gone[param] = {"removed": version}
        for param, deprecated in record["parameter_deprecated"].items():
            if param not in record["last_parameters"]:
                gone.setdefault(param, {})["deprecated"] = deprecated
        if gone:
            out["removed_parameters"] = [{"name": param, **info} for param, info in sorted(gone.items())]
        entries.append(out)
    before = [{"name": name, "message": " ".join(message.split()), "replacement": replacement_in(message)} for name, message in sorted(last_removed.items())]
    return {
        "about": "Every public name of the Modal client (modal.__all__ and the public members of its classes, the "
                 "classes of modal.exception, and the base classes they derive from, such as modal.object.Object), with "
                 "signatures from the wheels' .pyi stubs and history from comparing releases and reading the source's "
                 "deprecation calls. Written by app/reference/generate.py; do not edit by hand.",
        "package": "modal",
        "releases": [{"version": r.version, "date": r.date} for r in releases],
        "removed_before_1_0": before,
        "names": entries,
    }


def download(directory: Path) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    for version in RELEASES:
        if not (directory / f"modal-{version}-py3-none-any.whl").exists():
            subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary", ":all:", f"modal=={version}", "-d", str(directory)], check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--wheels", type=Path, default=ROOT / "target" / "modal-wheels", help="folder of modal-X-py3-none-any.whl files")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    download(args.wheels)
    releases = [Release(version, args.wheels / f"modal-{version}-py3-none-any.whl") for version in RELEASES]
    data = build(releases)
    args.output.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n")
    print(f"wrote {args.output.relative_to(ROOT)}: {len(data['names'])} names from {len(releases)} releases", file=sys.stderr)


if __name__ == "__main__":
    main()
