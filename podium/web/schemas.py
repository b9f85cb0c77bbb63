"""The JSON API's bodies as pydantic models, for validation and the OpenAPI schema.

The command models are made from ``podium.meeting.commands`` itself, one per
command type, so the schema cannot drift from what ``decide`` takes.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, TypeAdapter, create_model

from podium.meeting.commands import COMMANDS, Command, RegisterParticipants
from podium.meeting.participants import ParticipantFields
from podium.meeting.text import typed_text
from podium.web.live_schemas import EventBody, State

MAX_NUMBER = 1_000_000_000


def _plain(value: str) -> str:
    # A lone surrogate cannot be stored as UTF-8 (JSON escapes can smuggle one in), and a
    # control character cannot be written in every export.
    try:
        return typed_text(value)
    except ValueError as exc:
        raise ValueError(f"the text {exc}") from None


Text = Annotated[str, AfterValidator(_plain)]
Number = Annotated[int, Field(ge=0, le=MAX_NUMBER)]
Minutes = Annotated[float, Field(ge=0, le=MAX_NUMBER)]


class Error(BaseModel):
    """Why a request failed, in a sentence."""

    detail: str


def _field_type(hint: Any) -> Any:
    """A command field's type, with text checked and numbers bounded."""
    if hint is str:
        return Text
    if hint is int:
        return Number
    if hint is float:
        return Minutes
    origin = typing.get_origin(hint)
    if origin is tuple:
        # JSON has arrays, not tuples: a strict model must take a list here.
        (item,) = typing.get_args(hint)[:1]
        return list[_field_type(item)]  # type: ignore[misc]
    if origin in (typing.Union, types.UnionType):
        return typing.Union[tuple(_field_type(arg) for arg in typing.get_args(hint))]  # noqa: UP007
    return hint


def _command_model(cls: type[Command]) -> type[BaseModel]:
    hints = typing.get_type_hints(cls)
    fields: dict[str, Any] = {
        "type": (Literal[cls.type], ...),
    }
    for f in dataclasses.fields(cls):
        default = ... if f.default is dataclasses.MISSING else f.default
        if isinstance(default, tuple):
            default = list(default)
        fields[f.name] = (_field_type(hints[f.name]), default)
    fields["expected_seq"] = (
        Number | None,
        Field(None, description="Act only if the meeting is still at this seq (else 409)."),
    )
    name = "".join(part.title() for part in cls.type.split("_")) + "Command"
    model: type[BaseModel] = create_model(
        name,
        __config__=ConfigDict(extra="forbid", strict=True),
        __doc__=(cls.__doc__ or cls.type.replace("_", " ").capitalize() + ".").strip(),
        **fields,
    )
    return model


# Participants are registered at their own path, which hands back each one's link.
COMMAND_MODELS: dict[str, type[BaseModel]] = {
    name: _command_model(cls) for name, cls in COMMANDS.items() if name != RegisterParticipants.type
}

if TYPE_CHECKING:
    CommandBody = BaseModel
else:
    CommandBody = Annotated[
        typing.Union[tuple(COMMAND_MODELS.values())],  # noqa: UP007
        Field(discriminator="type"),
    ]


def command_data(body: BaseModel) -> dict[str, Any]:
    """The command's JSON form, for ``command_from_json``, without ``expected_seq``."""
    return body.model_dump(mode="json", exclude={"expected_seq"})


class Executed(BaseModel):
    seq: int = Field(description="The meeting's seq after the command.")
    events: list[EventBody] = Field(description="The events appended, as stored.")


class Links(BaseModel):
    chair: str
    secretariat: str
    display: str
    public: str


class Created(BaseModel):
    id: str
    links: Links


# The API's participant is the core's, field for field (``ParticipantFields``).
PARTICIPANT_IN_SCHEMA: dict[str, Any] = TypeAdapter(ParticipantFields).json_schema()

if TYPE_CHECKING:
    Participant = BaseModel
else:
    Participant = create_model(
        "Participant",
        __doc__="A participant as registered, with their own link.",
        id=(str, ...),
        **{
            f.name: (hint, ...)
            for f in dataclasses.fields(ParticipantFields)
            for hint in (typing.get_type_hints(ParticipantFields)[f.name],)
        },
        link=(str, Field(description="The participant's own link; keep it private.")),
    )


class Registered(BaseModel):
    participants: list[Participant]


__all__ = ["State"]
