"""The README documents every command, setting and API path there is."""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import typer.main

from podium.cli import app as cli
from podium.cli import commands  # noqa: F401  (registers the commands on the app)

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
PACKAGE = Path(__file__).parent.parent / "podium"


def test_every_command_is_in_the_readme() -> None:
    group = typer.main.get_group(cli)
    assert group.commands, "the CLI has no commands"
    missing = [name for name in group.commands if f"`podium {name}" not in README]
    assert missing == []


def test_every_setting_is_in_the_readme() -> None:
    sources = [p.read_text(encoding="utf-8") for p in PACKAGE.rglob("*.py")]
    sources += [(PACKAGE.parent / "tests" / "conftest.py").read_text(encoding="utf-8")]
    settings = {name for text in sources for name in re.findall(r'"(PODIUM_[A-Z_]+)"', text)}
    assert {"PODIUM_DATA", "PODIUM_DATABASE_URL", "PODIUM_ADMIN_TOKEN"} <= settings
    assert sorted(s for s in settings if f"`{s}`" not in README) == []


def test_every_api_path_is_in_the_readme(tmp_path: Path) -> None:
    from podium.web.app import create_app

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient

    with TestClient(create_app(tmp_path, admin_token="x")) as client:
        spec = client.get("/openapi.json").json()
    missing = []
    for path, operations in spec["paths"].items():
        written = path.replace("{meeting_id}", "{id}")
        written = re.sub(r"\.\{fmt\}$", ".{", written)
        for method in operations:
            if f"{method.upper()} {written}" not in README:
                missing.append(f"{method.upper()} {path}")
    assert missing == []
