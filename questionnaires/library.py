"""Load templates from YAML/JSON files; keep published versions immutable."""

from __future__ import annotations

import hashlib
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from .model import QuestionnaireError, Template, template_from_dict

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
MANIFEST = "published.json"  # "key@version" → sha256 of the file as published
DEFAULT_TEMPLATE = "iso42001-supplier"
_VERSION_FILE = re.compile(r"(\d+)\.(?:ya?ml|json)")


def load_text(text: str, source: str) -> Template:
    """Parse and check a template from YAML (or JSON) text; errors name `source`."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark is not None else ""
        problem = getattr(err, "problem", None) or "not valid YAML"
        raise QuestionnaireError(f"{source}:{where}: {problem}") from None
    return template_from_dict(data, source)


def load_file(path: str | Path) -> Template:
    """Load and check one template file."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise QuestionnaireError(f"{path}: cannot read the file ({err.__class__.__name__})") from None
    return load_text(text, str(path))


def file_hash(path: Path) -> str:
    """Return the SHA-256 of a template file, as recorded when it is published."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


class TemplateLibrary:
    """Templates stored as <dir>/<key>/<version>.yaml, plus templates added in memory (buyers' copies)."""

    def __init__(self, directory: Path | None = None) -> None:
        self.directory = directory
        self._added: dict[tuple[str, int], Template] = {}
        self._published = self._read_manifest()

    def _read_manifest(self) -> dict[str, str] | None:
        if self.directory is None or not (self.directory / MANIFEST).is_file():
            return None
        data = json.loads((self.directory / MANIFEST).read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            raise QuestionnaireError(f"{self.directory / MANIFEST}: must map key@version to a SHA-256")
        return {str(k): str(v) for k, v in data.items()}

    def versions(self, key: str) -> list[int]:
        """Return the stored versions of template `key`, oldest first."""
        found = {v for (k, v) in self._added if k == key}
        folder = self.directory / key if self.directory else None
        if folder and folder.is_dir():
            found |= {int(m.group(1)) for p in folder.iterdir() if (m := _VERSION_FILE.fullmatch(p.name))}
        return sorted(found)

    def template_keys(self) -> list[str]:
        """Return every template key held."""
        keys = {k for (k, _) in self._added}
        if self.directory and self.directory.is_dir():
            keys |= {p.name for p in self.directory.iterdir() if p.is_dir() and self.versions(p.name)}
        return sorted(keys)

    def get(self, key: str, version: int | str | None = None) -> Template:
        """Return exactly `key` at `version` (the latest when None)."""
        versions = self.versions(key)
        if not versions:
            raise QuestionnaireError(f"no questionnaire template '{key}'")
        wanted = versions[-1] if version is None else _as_version(version, key)
        if wanted not in versions:
            raise QuestionnaireError(f"questionnaire '{key}' has no version {wanted} "
                                     f"(stored: {', '.join(map(str, versions))})")
        if (key, wanted) in self._added:
            return self._added[(key, wanted)]
        return self._load_stored(key, wanted)

    def _load_stored(self, key: str, version: int) -> Template:
        assert self.directory is not None  # versions() found a file, so there is a directory
        path = next(p for p in sorted((self.directory / key).iterdir())
                    if (m := _VERSION_FILE.fullmatch(p.name)) and int(m.group(1)) == version)
        self._check_published(path, f"{key}@{version}")
        template = load_file(path)
        if (template.key, template.version) != (key, version):
            raise QuestionnaireError(f"{path}: declares {template.ref}, but is stored as {key}@{version}")
        return template

    def _check_published(self, path: Path, ref: str) -> None:
        if self._published is None:
            return
        recorded = self._published.get(ref)
        if recorded is None:
            raise QuestionnaireError(f"{path}: {ref} is not published: add its SHA-256 to {MANIFEST}")
        if recorded != file_hash(path):
            raise QuestionnaireError(f"{path}: {ref} was changed after it was published; published versions "
                                     "never change (answers refer to them): publish a new version instead")

    def add(self, template: Template) -> Template:
        """Hold a new template version (e.g. a buyer's copy); an existing key+version cannot change."""
        if template.version in self.versions(template.key):
            existing = self.get(template.key, template.version)
            if existing.to_dict() != template.to_dict():
                raise QuestionnaireError(f"{template.ref} already exists and versions never change: "
                                         "use a new version number or key")
            return existing
        self._added[(template.key, template.version)] = template
        return template

    def latest(self) -> list[Template]:
        """Return the latest version of every template."""
        return [self.get(key) for key in self.template_keys()]


def _as_version(version: int | str, key: str) -> int:
    text = str(version).strip().lstrip("vV")
    if not text.isdigit():
        raise QuestionnaireError(f"questionnaire '{key}': version {version!r} is not a whole number")
    return int(text)


@cache
def default_library() -> TemplateLibrary:
    """Return the library of templates shipped with certscope."""
    return TemplateLibrary(TEMPLATES_DIR)


def load(key: str = DEFAULT_TEMPLATE, version: int | str | None = None) -> Template:
    """Return a shipped template: exactly `version`, or the latest."""
    return default_library().get(key, version)


def available() -> list[Template]:
    """Return the latest version of each shipped template."""
    return default_library().latest()


def describe(template: Template) -> dict[str, Any]:
    """Return a short listing entry: key, version, title, number of questions."""
    return {"key": template.key, "version": template.version, "title": template.title,
            "questions": len(template.questions)}
