"""The product's dependencies flow one way, read from the imports in its source:
settings -> mail -> conversation -> voice session -> command line; the model services and the
portal use the bottom layer only; nothing in the product imports the dev tools or the tests."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
# Where each part of the one `mailvox` package lives (pyproject's package-dir).
PACKAGE_DIRS = {  # mailvox/agent, mailvox/services and mailvox/models link to these
    "mailvox": REPO_ROOT / "mailvox",
    "mailvox.agent": REPO_ROOT / "agent",
    "mailvox.services": REPO_ROOT / "services",
    "mailvox.models": REPO_ROOT / "models",
}
# Lowest first; a module may import from its own layer and the ones below it.
LAYERS = ["settings", "mail", "conversation", "voice", "command line"]
SERVICES = "services"


def layer_of(module: str) -> str:
    if module.startswith("mailvox.services"):
        return SERVICES
    if module.startswith("mailvox.agent.mail"):
        return "mail"
    if module.startswith("mailvox.agent.conversation"):
        return "conversation"
    if module.startswith("mailvox.agent") or module in ("mailvox.client", "mailvox.call", "mailvox.speech"):
        return "voice"
    if module in ("mailvox.cli", "mailvox.checkmail"):
        return "command line"
    if module in ("mailvox", "mailvox.settings", "mailvox.stack_secrets", "mailvox.tokens") or module.startswith(
        "mailvox.models"
    ):
        return "settings"
    raise AssertionError(f"{module} has no layer: add it to tests/unit/test_layering.py")


def product_modules() -> dict[str, Path]:
    modules = {}
    for package, directory in PACKAGE_DIRS.items():
        for path in directory.rglob("*.py"):
            parts = path.relative_to(directory).with_suffix("").parts
            if parts[0] in {"agent", "services", "models"} and package == "mailvox":
                continue  # not there; guards against a stray folder
            name = ".".join((package, *parts)).removesuffix(".__init__")
            modules[name] = path
    return modules


def imports_of(module: str, path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    is_package = path.name == "__init__.py"
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".")
                base = base[: len(base) - node.level + (1 if is_package else 0)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.add(target)
            found.update(f"{target}.{alias.name}" for alias in node.names)
    return found


MODULES = product_modules()


def test_every_part_of_the_package_is_found():
    assert {
        "mailvox.cli",
        "mailvox.agent.worker",
        "mailvox.agent.mail.mailbox",
        "mailvox.services.stt.app",
        "mailvox.models.catalog",
    } <= MODULES.keys()


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_flow_one_way(module: str):
    own = layer_of(module)
    wrong = []
    for imported in sorted(imports_of(module, MODULES[module])):
        top = imported.split(".")[0]
        if top in ("mailvox_dev", "tests", "agent", "services", "models"):
            wrong.append(f"{imported} (not part of the shipped package)")
            continue
        if top != "mailvox" or imported not in MODULES:
            continue  # a library, or a name imported from a module (its module is checked too)
        theirs = layer_of(imported)
        if own == SERVICES:
            allowed = theirs in (SERVICES, "settings")
        elif theirs == SERVICES:
            allowed = own == "command line"
        else:
            allowed = LAYERS.index(theirs) <= LAYERS.index(own)
        if not allowed:
            wrong.append(f"{imported} ({theirs} layer)")
        elif own == "conversation" and theirs == "mail" and imported != "mailvox.agent.mail":
            # the conversation uses what the mail library exports, not its internals
            wrong.append(f"{imported} (use what mailvox.agent.mail exports)")
    assert not wrong, f"{module} ({own} layer) imports {wrong}"
