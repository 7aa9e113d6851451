"""Build hook: ship data/roles.yaml inside the wheel, plus a JSON copy compiled from it.

Reading JSON at start-up is much cheaper than constructing the same data with PyYAML, so
`execadvisor` reads execadvisor/data/roles.json when its recorded SHA-256 matches the YAML beside
it, and the YAML otherwise (an edited install, an editable checkout). Either way the data is then
validated by the same pydantic models.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CompiledKnowledgeHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        import yaml

        text = (Path(self.root) / "data" / "roles.yaml").read_text(encoding="utf-8")
        compiled = {"sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(), "knowledge": yaml.safe_load(text)}
        self._tmp = tempfile.mkdtemp(prefix="execadvisor-build-")
        target = Path(self._tmp) / "roles.json"
        target.write_text(json.dumps(compiled, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        build_data["force_include"][str(target)] = "execadvisor/data/roles.json"

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        if getattr(self, "_tmp", None):
            shutil.rmtree(self._tmp, ignore_errors=True)
