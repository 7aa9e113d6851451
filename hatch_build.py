"""Build hook: ship data/roles.yaml inside the wheel, plus a JSON copy compiled from it.

Reading JSON at start-up is much cheaper than constructing the same data with PyYAML, so
`execadvisor` reads execadvisor/data/roles.json when its recorded SHA-256 matches the YAML beside
it, and the YAML otherwise (an edited install, an editable checkout). Either way the data is then
validated by the same pydantic models.

The hook also validates the knowledge base here, once, and ships the validated models pickled
(execadvisor/data/roles.pickle) with the SHA-256 and the pydantic and execadvisor versions they
were made with; at start-up they are used only when all three match, which saves the validation
(about a tenth of a scripted run's own work). The pickle is written by this build from the
package's own file, never from user input; if anything fails here, the wheel simply ships
without it.
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
        validated = self._validated(compiled)
        if validated is not None:
            target = Path(self._tmp) / "roles.pickle"
            target.write_bytes(validated)
            build_data["force_include"][str(target)] = "execadvisor/data/roles.pickle"

    def _validated(self, compiled: dict[str, Any]) -> bytes | None:
        """The knowledge base validated by the package's own models, pickled with what it depends on."""
        import pickle
        import sys

        sys.path.insert(0, str(Path(self.root) / "src"))
        try:
            import pydantic

            from execadvisor.version import __version__
            from execadvisor.core.knowledge import BUILTIN_NAME, parse_knowledge

            kb = parse_knowledge(compiled["knowledge"], BUILTIN_NAME)
            stamp = {"sha256": compiled["sha256"], "pydantic": pydantic.VERSION, "execadvisor": __version__}
            return pickle.dumps({**stamp, "knowledge": kb}, protocol=4)
        except Exception as exc:  # noqa: BLE001 - the wheel works without it, only slower to start
            self.app.display_warning(f"execadvisor: not shipping the pre-validated knowledge base: {exc!r}")
            return None
        finally:
            sys.path.pop(0)

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        if getattr(self, "_tmp", None):
            shutil.rmtree(self._tmp, ignore_errors=True)
