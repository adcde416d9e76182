"""The package's layering, as docs/development.md describes it, pinned.

- the import-linter contracts in pyproject.toml hold (layers, private modules, httpx);
- no module imports another package's private names;
- no import hides inside a function, except where startup time is the reason: the CLI's
  commands and the lazy loaders of ``claimkit`` and ``claimkit.verify``;
- the map of which package imports which, in docs/development.md, is the one the code has.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

SOURCE = Path(__file__).parents[1] / "src" / "claimkit"
DEVELOPMENT = Path(__file__).parents[1] / "docs" / "development.md"
MAP_START = "<!-- import-map: checked by tests/test_architecture.py -->"
MAP_END = "<!-- /import-map -->"


def imports_lazily_for_startup(module: str) -> bool:
    """Where importing inside a function is for startup time: the CLI's commands, so that
    `claimkit --help` does not load pydantic; the lazy ``__getattr__`` of ``claimkit`` and of
    ``claimkit.verify``, so that lint does not load httpx; the Word reader, so that only a run
    that reads a .docx pays for python-docx and lxml (some 140 ms), and for zip handling
    (``claimkit.reading`` and its ``parsing``); the process pool, so that a run in one process
    does not load multiprocessing (``claimkit.core.parallel``)."""
    return module.startswith("claimkit.cli") or module in {
        "claimkit",
        "claimkit.verify",
        "claimkit.reading",
        "claimkit.reading.parsing",
        "claimkit.reading._docx",
        "claimkit.core.parallel",
    }


def module_name(path: Path) -> str:
    parts = path.relative_to(SOURCE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> Iterator[tuple[str, Path, ast.Module]]:
    for path in sorted(SOURCE.rglob("*.py")):
        yield module_name(path), path, ast.parse(path.read_text(encoding="utf-8"))


def claimkit_imports(
    module: str, tree: ast.Module
) -> Iterator[tuple[ast.ImportFrom | ast.Import, str, bool]]:
    """Each import of a claimkit module: the node, the module imported, and whether it runs
    (not under ``if TYPE_CHECKING``)."""
    type_checking: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            type_checking |= {id(child) for child in ast.walk(node)}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            target = node.module
        elif isinstance(node, ast.Import):
            target = node.names[0].name
        else:
            continue
        if target == "claimkit" or target.startswith("claimkit."):
            yield node, target, id(node) not in type_checking


def package_of(module: str) -> str:
    """``claimkit.linting.rules.base`` -> ``linting``; top-level modules are their own."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def test_the_import_contracts_hold() -> None:
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint_imports), "--no-cache"],
        cwd=SOURCE.parents[1],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:]
    assert "0 broken" in result.stdout


def test_no_module_imports_another_packages_private_names() -> None:
    offences = []
    for module, path, tree in modules():
        for node, target, _ in claimkit_imports(module, tree):
            owner = target.rsplit(".", 1)[0]
            private_module = any(part.startswith("_") for part in target.split(".")[1:])
            if private_module and target != "claimkit._version" and not module.startswith(owner):
                offences.append(f"{path.name}:{node.lineno} imports {target}")
            if isinstance(node, ast.ImportFrom) and not module.startswith(target):
                for alias in node.names:
                    if alias.name.startswith("_") and alias.name != "__version__":
                        offences.append(f"{path.name}:{node.lineno} imports {target}.{alias.name}")
    assert offences == []


def test_imports_inside_functions_are_only_for_startup_time() -> None:
    offences = []
    for module, _, tree in modules():
        if imports_lazily_for_startup(module):
            continue
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for node in ast.walk(function):
                if isinstance(node, ast.Import | ast.ImportFrom):
                    offences.append(f"{module}:{node.lineno} imports inside {function.name}()")
    assert offences == []


def import_map() -> str:
    """Which package imports which at run time, as the table docs/development.md shows."""
    graph: dict[str, set[str]] = {}
    for module, _, tree in modules():
        if module in {"claimkit", "claimkit._version", "claimkit.data"} or module.endswith(
            "__main__"
        ):
            continue
        importer = package_of(module)
        targets = graph.setdefault(importer, set())
        for _, target, runs in claimkit_imports(module, tree):
            imported = package_of(target)
            if runs and imported not in (importer, "claimkit", "_version"):
                targets.add(imported)
    rows = [
        f"| `{package}` | {', '.join(f'`{t}`' for t in sorted(graph[package])) or '—'} |"
        for package in sorted(graph, key=lambda p: (-len(_below(p, graph)), p))
    ]
    return "\n".join(["| package | imports at run time |", "|---|---|", *rows])


def _below(package: str, graph: dict[str, set[str]]) -> set[str]:
    seen: set[str] = set()
    stack = [package]
    while stack:
        for target in graph.get(stack.pop(), ()):
            if target not in seen:
                seen.add(target)
                stack.append(target)
    return seen


def test_the_documented_import_map_is_the_codes() -> None:
    text = DEVELOPMENT.read_text(encoding="utf-8")
    documented = text.split(MAP_START, 1)[1].split(MAP_END, 1)[0].strip()
    expected = import_map()
    assert documented == expected, f"update docs/development.md:\n{expected}"


def test_data_flows_one_way_between_packages() -> None:
    # The map has no cycle: no package reaches itself through what it imports.
    graph: dict[str, set[str]] = {}
    for line in import_map().splitlines()[2:]:
        package, targets = line.strip("|").split("|")
        graph[package.strip(" `")] = {t.strip(" `") for t in targets.split(",") if "`" in t}
    assert [package for package in graph if package in _below(package, graph)] == []
