"""schemathesis against the live server's /openapi.json: no 500, every answer as documented.

Operations on a meeting are sent, half the time, to a real meeting with the
Chair's token, so that the generated commands reach the meeting's rules and
not only the 404 of an unknown id.
"""

from __future__ import annotations

import random

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import Case, checks

from tests.conftest import PANEL_2024
from tests.support.server import LiveServer, Meeting


@pytest.fixture(scope="module")
def api_schema(live_server: LiveServer) -> schemathesis.BaseSchema:
    schema = schemathesis.openapi.from_url(f"{live_server.base_url}/openapi.json")
    # The feed never ends; test_server.py reads it with a streaming client.
    return schema.exclude(path_regex="/feed$")


@pytest.fixture(scope="module")
def meeting(live_server: LiveServer) -> Meeting:
    made = live_server.create_meeting(PANEL_2024)
    live_server.register(made, [{"name": "Kenya", "country": "KE"}])
    live_server.command(made, made.chair_token, {"type": "open_meeting"})
    return made


CHOICE = random.Random(2024)
# A well-formed command may still be refused by the meeting's rules (a documented 422), so
# "positive data is accepted" does not hold; everything about the answers themselves must.
CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_headers_conformance,
    checks.response_schema_conformance,
]


@pytest.mark.slow
def test_the_api_never_fails_and_keeps_to_its_schema(
    api_schema: schemathesis.BaseSchema, live_server: LiveServer, meeting: Meeting
) -> None:
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 5
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=40,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
            database=None,
        )
        def check(case: Case) -> None:
            token = live_server.admin_token
            if "meeting_id" in (case.path_parameters or {}) and CHOICE.random() < 0.5:
                case.path_parameters["meeting_id"] = meeting.id  # type: ignore[index]
                token = meeting.chair_token if CHOICE.random() < 0.7 else meeting.secretariat_token
            case.call_and_validate(
                headers={"Authorization": f"Bearer {token}"}, checks=CHECKS, timeout=30
            )

        check()


@pytest.mark.slow
def test_sequences_of_calls_that_share_a_meeting_keep_to_the_schema(
    api_schema: schemathesis.BaseSchema, live_server: LiveServer
) -> None:
    """Stateful: a meeting created by one call is the one the next calls act on (the links
    schemathesis infers from the schema: created → read, registered → command, re-issue)."""
    machine = api_schema.as_state_machine()
    assert len(machine.bundles) >= 1 or machine.root_rules  # there is something to chain
    chair_tokens: dict[str, str] = {}
    note = PANEL_2024.read_text(encoding="utf-8")
    acted_on: list[str] = []

    class WithTheMeetingsOwnLinks(machine):  # type: ignore[valid-type, misc]
        def before_call(self, case: Case) -> None:
            # A random string is never a concept note: Markdown ones are made from a real one
            # (the other types stay random), so that what follows has a meeting to act on.
            creating = case.method == "POST" and case.path == "/api/meetings"
            if creating and case.media_type == "text/markdown":
                case.body = note

        def get_call_kwargs(self, case: Case) -> dict[str, object]:
            meeting_id = (case.path_parameters or {}).get("meeting_id")
            token = chair_tokens.get(str(meeting_id))
            if token is not None:
                acted_on.append(str(meeting_id))
            token = token or live_server.admin_token
            return {"headers": {"Authorization": f"Bearer {token}"}, "timeout": 30}

        def after_call(self, response: object, case: Case) -> None:
            body = getattr(response, "json", lambda: None)
            if case.method == "POST" and case.path == "/api/meetings":
                try:
                    made = body()
                except ValueError:
                    return
                if isinstance(made, dict) and "id" in made and "links" in made:
                    chair_tokens[made["id"]] = made["links"]["chair"].rsplit("/", 1)[1]

        def validate_response(
            self, response: object, case: Case, additional_checks: object = None, **kwargs: object
        ) -> None:
            case.validate_response(response, checks=CHECKS)  # type: ignore[arg-type]

    WithTheMeetingsOwnLinks.run(
        settings=settings(
            max_examples=15,
            stateful_step_count=5,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
            database=None,
        )
    )
    assert chair_tokens, "meetings were created"
    assert len(acted_on) >= 10, "calls acted on a meeting created earlier in their sequence"
