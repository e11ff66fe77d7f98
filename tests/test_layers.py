"""The project's layers, read from the source: no import cycles, and the library never reaches up.

`index/` (reading, chunking, storing) knows nothing of `qa/` (answering); neither knows the UI
(`app.py`, `ui/`) or the tooling (`eval/`, `tools/`).  The one allowed upward edge is the CLI's
entry functions importing the app (`baocao serve`) and the benchmark (`baocao bench`) when run.
"""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("index", "qa", "ui")
# (importing module, imported top-level name): edges taken only inside a command's function
ALLOWED_LAZY = {("qa.cli", "app"), ("qa.cli", "eval")}


def module_files() -> dict[str, Path]:
    mods = {"app": ROOT / "app.py"}
    for pkg in PACKAGES:
        for f in sorted((ROOT / pkg).glob("*.py")):
            mods[f"{pkg}.{f.stem}" if f.stem != "__init__" else pkg] = f
    return mods


def imports(module: str, path: Path) -> list[tuple[str, bool]]:
    """(imported module, at module level?) for every import statement of a file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    top_level = {id(n) for n in tree.body}
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(a.name, id(node) in top_level) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            names = [f"{target}.{a.name}" for a in node.names]
            out += [(n, id(node) in top_level) for n in [target] + names]
    return out


def internal_graph(top_level_only: bool) -> dict[str, set[str]]:
    mods = module_files()
    graph: dict[str, set[str]] = {m: set() for m in mods}
    for mod, path in mods.items():
        for name, at_top in imports(mod, path):
            if top_level_only and not at_top:
                continue
            if name in mods and name != mod:
                graph[mod].add(name)
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(n: str) -> list[str] | None:
        state[n] = 1
        stack.append(n)
        for m in sorted(graph[n]):
            if state.get(m) == 1:
                return stack[stack.index(m):] + [m]
            if m not in state and (found := visit(m)):
                return found
        stack.pop()
        state[n] = 2
        return None

    for n in sorted(graph):
        if n not in state and (found := visit(n)):
            return found
    return None


def test_the_module_graph_has_no_cycles():
    # every import, lazy ones included: a cycle hidden in a function body is still a cycle
    assert find_cycle(internal_graph(top_level_only=False)) is None


def test_library_never_imports_the_ui_or_the_tooling():
    upward = []
    for mod, path in module_files().items():
        layer = mod.split(".")[0]
        if layer not in ("index", "qa"):
            continue
        forbidden = {"app", "ui", "eval", "tools"} | ({"qa"} if layer == "index" else set())
        for name, _top in imports(mod, path):
            root = name.split(".")[0]
            if root in forbidden and (mod, root) not in ALLOWED_LAZY:
                upward.append(f"{mod} imports {name}")
    assert upward == []


def test_the_allowed_lazy_edges_are_lazy():
    for mod, root in ALLOWED_LAZY:
        path = module_files()[mod]
        assert all(not top for name, top in imports(mod, path) if name.split(".")[0] == root)


def test_the_checker_sees_a_cycle_and_an_upward_import():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None
    src = "import app\nfrom .x import y\n\ndef f():\n    from eval.bench import run\n"
    fake = ROOT / "tests" / "_layers_probe.py"
    try:
        fake.write_text(src, encoding="utf-8")
        found = imports("qa.probe", fake)
    finally:
        fake.unlink()
    assert ("app", True) in found and ("qa.x", True) in found and ("eval.bench", False) in found
