"""xAPI 1.0.3 statements: pydantic validation and idempotent storage.

Only what Repères needs is accepted, strictly: statements about activities (no
sub-statements, no agent objects), by an agent. Unknown top-level properties are
refused so that errors are reported with their path instead of being ignored.
"""

import datetime
import re
import uuid
from decimal import Decimal
from typing import Annotated, Any, Literal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from courses.completion.services import AttemptRefused, attempt_record
from courses.structure.models import Activity
from courses.xapi.models import LearnerIdentity, XapiStatement

XAPI_VERSION = "1.0.3"
ADL_VERBS = "http://adlnet.gov/expapi/verbs/"
SCORING_VERBS = {f"{ADL_VERBS}{verb}" for verb in ("answered", "completed", "passed", "failed")}
ACTIVITY_EXTENSION = "urn:reperes:xapi:extension:activity-id"
ACTIVITY_IRI = re.compile(r"/xapi/activities/(\d+)(?:[/?#]|$)")
DURATION = re.compile(
    r"^P(?!$)(\d+(?:\.\d+)?Y)?(\d+(?:\.\d+)?M)?(\d+(?:\.\d+)?W)?(\d+(?:\.\d+)?D)?(T(?=\d)(\d+(?:\.\d+)?H)?(\d+(?:\.\d+)?M)?(\d+(?:\.\d+)?S)?)?$"
)
IRI = Annotated[str, Field(min_length=1, max_length=2048, pattern=r"^[a-zA-Z][a-zA-Z0-9+.-]*:\S+$")]


class StrictModel(BaseModel):
    model_config = ConfigDict(extra="forbid")


class OpenModel(BaseModel):
    model_config = ConfigDict(extra="allow")


class Account(StrictModel):
    homePage: IRI
    name: str = Field(min_length=1)


class Agent(StrictModel):
    objectType: Literal["Agent"] = "Agent"
    name: str | None = None
    mbox: Annotated[str, Field(pattern=r"^mailto:[^@\s]+@[^@\s]+$")] | None = None
    mbox_sha1sum: Annotated[str, Field(pattern=r"^[0-9a-f]{40}$")] | None = None
    openid: IRI | None = None
    account: Account | None = None

    @model_validator(mode="after")
    def exactly_one_identifier(self):
        identifiers = [self.mbox, self.mbox_sha1sum, self.openid, self.account]
        if sum(value is not None for value in identifiers) != 1:
            raise ValueError("an agent has exactly one of mbox, mbox_sha1sum, openid, account")
        return self


class Verb(StrictModel):
    id: IRI
    display: dict[str, str] | None = None


class ActivityObject(StrictModel):
    objectType: Literal["Activity"] = "Activity"
    id: IRI
    definition: OpenModel | None = None


class Score(StrictModel):
    scaled: Annotated[Decimal, Field(ge=-1, le=1)] | None = None
    raw: Decimal | None = None
    min: Decimal | None = None
    max: Decimal | None = None

    @model_validator(mode="after")
    def raw_within_bounds(self):
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError("min must not exceed max")
        if self.raw is not None:
            if self.min is not None and self.raw < self.min:
                raise ValueError("raw is below min")
            if self.max is not None and self.raw > self.max:
                raise ValueError("raw is above max")
        return self


class Result(StrictModel):
    score: Score | None = None
    success: bool | None = None
    completion: bool | None = None
    response: str | None = None
    duration: str | None = None
    extensions: dict[str, Any] | None = None

    @field_validator("duration")
    @classmethod
    def iso_duration(cls, value):
        if value is not None and not DURATION.match(value):
            raise ValueError("duration must be an ISO 8601 duration such as PT1M30S")
        return value


class ContextActivities(StrictModel):
    parent: list[ActivityObject] | ActivityObject | None = None
    grouping: list[ActivityObject] | ActivityObject | None = None
    category: list[ActivityObject] | ActivityObject | None = None
    other: list[ActivityObject] | ActivityObject | None = None


class Context(OpenModel):
    registration: uuid.UUID | None = None
    contextActivities: ContextActivities | None = None


class Statement(StrictModel):
    id: uuid.UUID | None = None
    actor: Agent | None = None
    verb: Verb
    object: ActivityObject
    result: Result | None = None
    context: Context | None = None
    timestamp: datetime.datetime | None = None
    stored: datetime.datetime | None = None
    authority: dict[str, Any] | None = None
    version: Annotated[str, Field(pattern=r"^1\.0(\.\d+)?$")] | None = None

    @field_validator("timestamp")
    @classmethod
    def aware(cls, value):
        if value is not None and value.tzinfo is None:
            raise ValueError("timestamp needs a time zone offset")
        return value


class StatementError(Exception):
    """A request the learner must correct: ``status`` is the HTTP status to answer."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.status = status


def validation_message(error: ValidationError, *, prefix: str = "") -> str:
    first = error.errors()[0]
    path = ".".join(str(part) for part in (prefix, *first["loc"]) if part != "")
    return f"{path}: {first['msg']}"


def statements_parse(payload: Any) -> list[Statement]:
    """Validate one statement or a list; the error names the first bad field's path."""
    items, listed = (payload, True) if isinstance(payload, list) else ([payload], False)
    if not items:
        raise StatementError(_("Aucune déclaration reçue."))
    statements = []
    for index, item in enumerate(items):
        try:
            statements.append(Statement.model_validate(item))
        except ValidationError as error:
            raise StatementError(
                validation_message(error, prefix=f"[{index}]" if listed else "")
            ) from error
    return statements


def account_for(user, *, home_page: str) -> dict:
    identity, _created = LearnerIdentity.objects.get_or_create(user=user)
    return {
        "objectType": "Agent",
        "account": {"homePage": home_page, "name": str(identity.account_name)},
    }


def activity_for(statement: Statement) -> tuple[Activity | None, bool]:
    """The Repères activity a statement is about, and whether it is the main object.

    The activity is named by the object IRI (``…/xapi/activities/<id>``) or, for
    statements built by H5P, by the context extension our player bridge adds.
    """
    context = statement.context
    parent = context and context.contextActivities and context.contextActivities.parent
    match = ACTIVITY_IRI.search(statement.object.id)
    extensions = (context.model_extra or {}).get("extensions") if context else None
    if match:
        activity_id = match.group(1)
    elif isinstance(extensions, dict):
        activity_id = extensions.get(ACTIVITY_EXTENSION)
    else:
        activity_id = None
    if activity_id is None or not str(activity_id).isdigit():
        return None, False
    activity = Activity.objects.filter(pk=int(activity_id)).first()
    is_main = "subContentId=" not in statement.object.id and not parent
    return activity, is_main


def statements_store(*, user, statements: list[Statement], home_page: str) -> list[uuid.UUID]:
    """Store each statement once (same id and body: nothing new; other body: 409),
    attributed to the learner's pseudonymous account; then derive attempts."""

    own_account = account_for(user, home_page=home_page)
    ids = []
    for statement in statements:
        if (
            statement.actor is not None
            and statement.actor.model_dump(exclude_none=True) != own_account
        ):
            raise StatementError(
                _("L'acteur de la déclaration n'est pas l'utilisateur connecté."), status=403
            )
    for statement in statements:
        statement_id = statement.id or uuid.uuid4()
        body = statement.model_dump(mode="json", exclude_none=True, exclude={"stored", "authority"})
        body.update(id=str(statement_id), actor=own_account, version=XAPI_VERSION)
        body.setdefault("timestamp", timezone.now().isoformat())
        activity, is_main = activity_for(statement)
        with transaction.atomic():
            try:
                with transaction.atomic():
                    stored = XapiStatement.objects.create(
                        statement_id=statement_id,
                        user=user,
                        activity=activity,
                        verb=statement.verb.id,
                        object_id=statement.object.id,
                        is_main_object=is_main,
                        payload=body,
                        timestamp=statement.timestamp or timezone.now(),
                    )
            except IntegrityError:
                existing = XapiStatement.objects.get(statement_id=statement_id)
                if (
                    _comparable(existing.payload) != _comparable(body)
                    or existing.user_id != user.pk
                ):
                    raise StatementError(
                        _("Une autre déclaration porte déjà l'identifiant %(id)s.")
                        % {"id": statement_id},
                        status=409,
                    ) from None
                ids.append(statement_id)
                continue
            if (
                activity is not None
                and is_main
                and statement.verb.id in SCORING_VERBS
                and statement.result
            ):
                score = statement.result.score
                try:
                    attempt_record(
                        activity=activity,  # base fields hold the rules: no need for .specific
                        user=user,
                        score_raw=score.raw if score else None,
                        score_max=score.max if score else None,
                        score_scaled=score.scaled if score else None,
                        success=statement.result.success,
                        statement=stored,
                        registration=statement.context.registration if statement.context else None,
                    )
                except AttemptRefused:
                    pass  # the statement is kept; the attempt does not count
        ids.append(statement_id)
    return ids


def _comparable(body: dict) -> dict:
    """Statement bodies compared without the server-set timestamp default."""
    return {key: value for key, value in body.items() if key not in {"timestamp", "stored"}}
