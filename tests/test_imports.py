"""Imports run one way (ARCHITECTURE.md): a module imports only modules of its own
layer or below, module-level and function-level imports alike; no private name
is imported from another module; the import graph has no cycle."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "cchc_nlp"

#: lowest first; a module may import its own layer and the layers below it
LAYERS: list[set[str]] = [
    {"model"},
    {"config", "errors"},
    {"normalise", "flat"},
    {"numbers"},
    {"ingest", "gazetteer", "periods"},
    {"layout"},
    {"units"},
    {"structure"},
    {"tokenise"},
    {"citations"},
    {"areas"},
    {"concreteness"},
    {"figures"},
    {"checks", "copying"},
    {"scoring"},
    {"digest"},
    {"store"},
    {"pipeline"},
    {"batch"},
    {"render"},
    {"spacy_components"},
    {"evaluation"},
    {"web", "cli", "i18n", "nlp", ""},  # "" is the package root: the public verbs
]
#: imports that may run upwards: none
ALLOWED: set[tuple[str, str]] = set()


def _top(module: str) -> str:
    """The unit a module belongs to in LAYERS: ``ingest.pdf`` -> ``ingest``."""
    return module.split(".", 1)[0]


def _layer(module: str) -> int:
    for i, group in enumerate(LAYERS):
        if _top(module) in group:
            return i
    raise AssertionError(f"{module} is in no layer of tests/test_imports.py: add it where it belongs")


def _modules() -> dict[str, Path]:
    out = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


def _imports(name: str, path: Path, modules: dict[str, Path]):
    """``(imported module, names)`` for every import of the package in one file, at any depth."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package.split(".") if package else []
            base = base[:len(base) - (node.level - 1)] if node.level > 1 else base
            target = ".".join(base + ([node.module] if node.module else []))
            for alias in node.names:
                sub = f"{target}.{alias.name}" if target else alias.name
                if sub in modules:  # "from . import flat": the module itself
                    yield sub, []
                else:
                    yield target, [alias.name]
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("cchc_nlp"):
            yield node.module.removeprefix("cchc_nlp").lstrip("."), [a.name for a in node.names]
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("cchc_nlp"):
                    yield alias.name.removeprefix("cchc_nlp").lstrip("."), []


def _graph():
    modules = _modules()
    return modules, {name: list(_imports(name, path, modules)) for name, path in modules.items()}


def test_every_import_runs_down_the_layers():
    _, graph = _graph()
    wrong = []
    for name, imports in graph.items():
        for target, _ in imports:
            if _top(target) == _top(name) or (_top(name), _top(target)) in ALLOWED:
                continue
            if _layer(target) > _layer(name):
                wrong.append(f"{name} imports {target or 'cchc_nlp'}")
    assert not wrong, "imports that run upwards (ARCHITECTURE.md):\n" + "\n".join(sorted(set(wrong)))


def test_no_private_name_is_imported_from_another_module():
    _, graph = _graph()
    wrong = [f"{name} imports {n} from {target}" for name, imports in graph.items()
             for target, names in imports for n in names
             if n.startswith("_") and not n.startswith("__") and _top(target) != _top(name)]
    assert not wrong, "\n".join(wrong)


def _cycle(units: dict[str, set[str]]) -> list[str] | None:
    """One import cycle of the graph ``unit -> units it imports``, or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    stack: list[str] = []

    def visit(u: str) -> list[str] | None:
        state[u] = 1
        stack.append(u)
        for v in sorted(units.get(u, ())):
            if state.get(v) == 1:
                return stack[stack.index(v):] + [v]
            if v not in state and (found := visit(v)):
                return found
        stack.pop()
        state[u] = 2
        return None

    for u in sorted(units):
        if u not in state and (found := visit(u)):
            return found
    return None


def test_the_cycle_finder_finds_a_cycle():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": set()}) is None


def test_the_import_graph_has_no_cycle():
    _, graph = _graph()
    units: dict[str, set[str]] = {}
    for name, imports in graph.items():
        units.setdefault(_top(name), set()).update(
            _top(t) for t, _ in imports if _top(t) != _top(name) and (_top(name), _top(t)) not in ALLOWED)
    assert len(units) > 20  # every module of the package was read
    assert _cycle(units) is None, "import cycle: " + " -> ".join(_cycle(units) or [])


def test_the_checker_sees_function_level_imports():
    # a sanity check of the checker itself: nlp reaches spacy_components only inside a function
    _, graph = _graph()
    assert ("spacy_components", []) in [(t, []) for t, _ in graph["nlp"]]


def test_every_import_of_the_package_resolves():
    # function-level imports run only on their path (`cchc train` once imported
    # `flat` from the wrong package and failed after 12 minutes of training): every
    # imported module must exist and every imported name must be defined in it
    import importlib

    modules, graph = _graph()
    missing = []
    for name, imports in graph.items():
        for target, names in imports:
            if target and target not in modules:
                missing.append(f"{name}: no module cchc_nlp.{target}")
                continue
            module = importlib.import_module("cchc_nlp" + ("." + target if target else ""))
            missing += [f"{name}: cchc_nlp.{target} has no {n}" for n in names
                        if n != "*" and not hasattr(module, n)
                        and f"{target}.{n}".lstrip(".") not in modules]
    assert not missing, "\n".join(missing)
