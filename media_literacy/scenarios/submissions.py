"""Teachers' side of the scenario bank (services): drafts, submission to moderation,
adaptations (forks) and feedback from use.

Teachers never see the Wagtail admin. Their scenarios are ordinary ``ScenarioPage``
drafts under the bank, saved as revisions and put through the bank's moderation
workflow (the editorial one), so moderators review them where they review everything
else, and "request changes" comments come back to the author here.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.contrib.auth.models import Group
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, Page, WorkflowState

from cms.roles import TEACHER_GROUP, is_teacher
from media_literacy.scenarios.models import (
    ScenarioDocument,
    ScenarioFeedback,
    ScenarioIndexPage,
    ScenarioLinkedPage,
    ScenarioPage,
)
from media_literacy.services import EDITORS_GROUP, MODERATORS_GROUP

# Collection names are data (like group names): created once, then left to the editors.
PENDING_COLLECTION_NAME = "Scénarios — documents en attente de modération"
PUBLISHED_COLLECTION_NAME = "Scénarios — documents publiés"


class ScenarioRefused(Exception):
    """The teacher may not do this; the message is shown to them as is."""


@dataclass
class ScenarioStep:
    """One step as a teacher types it: plain text, turned into paragraphs."""

    title: str
    minutes: int
    instructions: str
    pupil_activity: str = ""
    teacher_tips: str = ""
    materials: str = ""


@dataclass
class ScenarioDraft:
    """What the submission form collects (see ``ScenarioSubmissionForm``)."""

    title: str
    summary: str = ""
    levels: Sequence = ()
    themes: Sequence = ()
    disciplines: Sequence = ()
    competences: Sequence = ()
    sessions: int | None = 1
    session_minutes: int | None = 55
    equipment: str = "none"
    prerequisites: str = ""
    objectives: str = ""
    steps: list[ScenarioStep] = field(default_factory=list)
    linked_pages: Sequence[Page] = ()
    author_name: str = ""
    author_school_kind: str = ""
    # Documents (ids) of the current version to keep; None keeps them all.
    documents_kept: Sequence[int] | None = None
    licence_accepted: bool = False


class Status(models.TextChoices):
    DRAFT = "draft", gettext_lazy("Brouillon")
    IN_MODERATION = "moderation", gettext_lazy("En cours de modération")
    CHANGES_REQUESTED = "changes", gettext_lazy("Modifications demandées")
    PUBLISHED = "published", gettext_lazy("Publié")
    PUBLISHED_WITH_CHANGES = (
        "published-draft",
        gettext_lazy("Publié — nouvelle version en brouillon"),
    )


@dataclass(frozen=True)
class SubmissionState:
    """Where a teacher's scenario stands, and the moderator's comment when changes are asked."""

    status: str
    comment: str = ""
    task: str = ""

    @property
    def label(self) -> str:
        return str(Status(self.status).label)

    @property
    def editable(self) -> bool:
        return self.status != Status.IN_MODERATION

    @property
    def submittable(self) -> bool:
        return self.status in {
            Status.DRAFT,
            Status.CHANGES_REQUESTED,
            Status.PUBLISHED_WITH_CHANGES,
        }


def scenario_submission_state(*, scenario: ScenarioPage) -> SubmissionState:
    """A selector: the teacher-facing state of ``scenario`` (read from Wagtail's workflow)."""
    workflow_state = scenario.current_workflow_state
    if workflow_state and workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        task_state = workflow_state.current_task_state
        return SubmissionState(
            Status.CHANGES_REQUESTED,
            comment=(task_state.specific.get_comment() if task_state else "") or "",
            task=task_state.task.name if task_state else "",
        )
    if workflow_state and workflow_state.status == WorkflowState.STATUS_IN_PROGRESS:
        task_state = workflow_state.current_task_state
        return SubmissionState(
            Status.IN_MODERATION, task=task_state.task.name if task_state else ""
        )
    if scenario.live:
        if scenario.has_unpublished_changes:
            return SubmissionState(Status.PUBLISHED_WITH_CHANGES)
        return SubmissionState(Status.PUBLISHED)
    return SubmissionState(Status.DRAFT)


def scenarios_of(*, teacher) -> list[tuple[ScenarioPage, SubmissionState]]:
    """A selector: the teacher's own scenarios, last edited first, with their state."""
    scenarios = (
        ScenarioPage.objects.filter(author=teacher)
        .select_related("latest_revision")
        .order_by("-latest_revision_created_at", "-pk")
    )
    return [(scenario, scenario_submission_state(scenario=scenario)) for scenario in scenarios]


def _teacher_check(teacher) -> None:
    if not is_teacher(teacher):
        raise ScenarioRefused(_("Seuls les enseignants peuvent proposer des scénarios."))


def _author_check(teacher, scenario: ScenarioPage) -> None:
    _teacher_check(teacher)
    if scenario.author_id != teacher.pk:
        raise ScenarioRefused(_("Ce scénario appartient à un autre enseignant."))


def scenario_for_author(*, teacher, scenario_id: int) -> ScenarioPage:
    """The teacher's own scenario, or ``ScenarioPage.DoesNotExist`` (views answer 404)."""
    _teacher_check(teacher)
    return ScenarioPage.objects.get(pk=scenario_id, author=teacher)


def scenario_latest(scenario: ScenarioPage) -> ScenarioPage:
    """The latest version of the scenario, draft included, as a page object."""
    return scenario.get_latest_revision_as_object() if scenario.latest_revision_id else scenario


# --- Plain text <-> rich text -------------------------------------------------------------

_BLOCK_END = re.compile(r"</(p|h[1-6]|li)>|<br\s*/?>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")


def paragraphs_html(text: str) -> str:
    """Teacher's plain text as escaped paragraphs; single line breaks are kept."""
    chunks = [chunk.strip() for chunk in re.split(r"\n\s*\n", text.replace("\r\n", "\n"))]
    return "".join(
        "<p>" + "<br/>".join(escape(line) for line in chunk.split("\n")) + "</p>"
        for chunk in chunks
        if chunk
    )


def plain_text(rich_text) -> str:
    """Back from rich text to what the teacher typed (formatting added in the admin is lost)."""
    source = getattr(rich_text, "source", rich_text) or ""
    source = re.sub(r"</p>\s*", "\n\n", source, flags=re.IGNORECASE)
    source = _BLOCK_END.sub("\n", source)
    return html.unescape(_TAG.sub("", source)).strip()


# --- Drafts ------------------------------------------------------------------------------


def draft_from_scenario(scenario: ScenarioPage) -> ScenarioDraft:
    """The form's initial values for an existing scenario (its latest version)."""
    return ScenarioDraft(
        title=scenario.title,
        summary=scenario.summary,
        levels=list(scenario.levels.all()),
        themes=list(scenario.themes.all()),
        disciplines=list(scenario.disciplines.all()),
        competences=list(scenario.competences.all()),
        sessions=scenario.sessions,
        session_minutes=scenario.session_minutes,
        equipment=scenario.equipment,
        prerequisites=scenario.prerequisites,
        objectives=scenario.objectives,
        steps=[
            ScenarioStep(
                title=block.value["title"],
                minutes=block.value["minutes"],
                instructions=plain_text(block.value["instructions"]),
                pupil_activity=plain_text(block.value["pupil_activity"]),
                teacher_tips=plain_text(block.value["teacher_tips"]),
                materials=block.value["materials"],
            )
            for block in scenario.steps
            if block.block_type == "step"
        ],
        linked_pages=[link.page for link in scenario.linked_pages.all()],
        author_name=scenario.author_name,
        author_school_kind=scenario.author_school_kind,
        licence_accepted=bool(scenario.licence_accepted_at),
    )


def _bank() -> ScenarioIndexPage:
    bank = ScenarioIndexPage.objects.first()
    if bank is None:
        raise ScenarioRefused(_("La banque de scénarios n'est pas encore ouverte."))
    return bank


def _free_slug(title: str, parent: Page) -> str:
    base = slugify(title)[:60].strip("-") or "scenario"
    taken = set(parent.get_children().filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def _restricted_collection(name: str, *groups: str) -> Collection:
    collection = Collection.objects.filter(name=name).first()
    if collection is None:
        collection = Collection.get_first_root_node().add_child(name=name)
    if groups and not collection.view_restrictions.exists():
        restriction = CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.GROUPS
        )
        restriction.groups.set(Group.objects.filter(name__in=groups))
    return collection


def pending_documents_collection() -> Collection:
    """Where teachers' attachments wait for moderation: downloadable by moderators,
    editors and teachers (the author previews them), not by the public."""
    return _restricted_collection(
        PENDING_COLLECTION_NAME, MODERATORS_GROUP, EDITORS_GROUP, TEACHER_GROUP
    )


def scenario_documents_publish(*, scenario: ScenarioPage) -> int:
    """Once a scenario is published, its pending attachments become public (a signal
    handler calls this on ``page_published``). Returns how many moved."""
    pending = Collection.objects.filter(name=PENDING_COLLECTION_NAME).first()
    if pending is None:
        return 0
    public = _restricted_collection(PUBLISHED_COLLECTION_NAME)
    return (
        get_document_model()
        .objects.filter(
            collection=pending,
            pk__in=ScenarioDocument.objects.filter(scenario=scenario).values("document_id"),
        )
        .update(collection=public)
    )


def _apply(page: ScenarioPage, draft: ScenarioDraft) -> None:
    page.title = draft.title.strip()
    page.draft_title = page.title
    page.summary = draft.summary.strip()
    page.sessions = draft.sessions or 1
    page.session_minutes = draft.session_minutes or 55
    page.equipment = draft.equipment or "none"
    page.prerequisites = draft.prerequisites.strip()
    page.objectives = draft.objectives.strip()
    page.author_name = draft.author_name.strip()
    page.author_school_kind = draft.author_school_kind
    if draft.licence_accepted and not page.licence_accepted_at:
        page.licence_accepted_at = timezone.now()
    page.steps = [
        (
            "step",
            {
                "title": step.title.strip(),
                "minutes": step.minutes,
                "instructions": paragraphs_html(step.instructions),
                "pupil_activity": paragraphs_html(step.pupil_activity),
                "teacher_tips": paragraphs_html(step.teacher_tips),
                "materials": step.materials.strip(),
            },
        )
        for step in draft.steps
    ]
    page.levels.set(draft.levels)
    page.themes.set(draft.themes)
    page.disciplines.set(draft.disciplines)
    page.competences.set(draft.competences)
    page.linked_pages = [ScenarioLinkedPage(page=linked) for linked in draft.linked_pages]


def _stored_name(name: str) -> str:
    """A short, plain file name: storage paths are limited (100 characters) and titles
    shown on the page too (200)."""
    stem, dot, extension = name.rpartition(".")
    if not dot:
        stem, extension = name, ""
    stem = slugify(stem)[:60].strip("-") or "document"
    return f"{stem}.{extension.lower()[:5]}" if extension else stem


def _attach(
    page: ScenarioPage,
    *,
    uploads: Iterable,
    teacher,
    kept: Sequence[int] | None,
    base,
    stored: list,
) -> None:
    links = [
        ScenarioDocument(document_id=link.document_id, title=link.title)
        for link in base
        if kept is None or link.document_id in set(kept)
    ]
    new_uploads = list(uploads)
    if new_uploads:
        document_model = get_document_model()
        collection = pending_documents_collection()
        for upload in new_uploads:
            title = upload.name[:200]
            upload.name = _stored_name(upload.name)
            document = document_model(
                title=title, file=upload, collection=collection, uploaded_by_user=teacher
            )
            # The type was checked by content (upload_check), which is stricter than the
            # admin's extension list (Document.clean, which has no images): only the
            # other fields are left to check.
            document.clean_fields(exclude=["file"])
            document._set_document_file_metadata()
            document.save()
            stored.append(document.file.name)
            links.append(ScenarioDocument(document=document, title=title))
    page.documents = links


def scenario_draft_save(
    *,
    teacher,
    draft: ScenarioDraft,
    scenario: ScenarioPage | None = None,
    uploads: Iterable = (),
    adapted_from: ScenarioPage | None = None,
    complete: bool = False,
    submit: bool = False,
) -> ScenarioPage:
    """Create or update a teacher's scenario as a draft revision (never published here),
    and with ``submit=True`` put it through moderation, all in one transaction.

    ``uploads`` must already have passed ``cms.uploads.upload_check``. They
    are stored inside the transaction; if anything fails, the rows are rolled back and
    the files written so far are deleted, so a refused save stores nothing.
    ``complete=True`` validates the page as for publication; otherwise, like Wagtail's
    own drafts, only the title is required.
    An adaptation (``adapted_from``) records its origin and copies its credit (title,
    author, address), and starts with the original's documents (those kept).
    """
    stored: list[str] = []
    try:
        with transaction.atomic():
            page = _draft_save(
                teacher=teacher,
                draft=draft,
                scenario=scenario,
                uploads=uploads,
                adapted_from=adapted_from,
                complete=complete or submit,
                stored=stored,
            )
            if submit:
                scenario_submit(teacher=teacher, scenario=page)
    except BaseException:
        storage = get_document_model()._meta.get_field("file").storage
        for name in stored:
            storage.delete(name)
        raise
    return page


def _draft_save(*, teacher, draft, scenario, uploads, adapted_from, complete, stored):
    base = []
    if scenario is None:
        _teacher_check(teacher)
        bank = _bank()
        page = ScenarioPage(
            title=draft.title.strip(),
            slug=_free_slug(draft.title, bank),
            live=False,
            owner=teacher,
            author=teacher,
            objectives="",
        )
        if adapted_from is not None:
            if not adapted_from.live:
                raise ScenarioRefused(_("Seul un scénario publié peut être adapté."))
            page.adapted_from = adapted_from
            page.adapted_from_title = adapted_from.title
            page.adapted_from_author = adapted_from.author_name
            page.adapted_from_url = adapted_from.full_url or ""
            base = list(adapted_from.documents.all())
        # The page row is created with the title alone; the content lives in revisions
        # until a moderator publishes it.
        bank.add_child(instance=page)
        page = ScenarioPage.objects.get(pk=page.pk)
    else:
        _author_check(teacher, scenario)
        if not scenario_submission_state(scenario=scenario).editable:
            raise ScenarioRefused(
                _(
                    "Ce scénario est en cours de modération : retirez-le de la modération "
                    "pour le modifier."
                )
            )
        page = scenario_latest(scenario)
        base = list(page.documents.all())
    _apply(page, draft)
    _attach(
        page, uploads=uploads, teacher=teacher, kept=draft.documents_kept, base=base, stored=stored
    )
    page.save_revision(user=teacher, clean=complete, log_action=True)
    return ScenarioPage.objects.get(pk=page.pk)


def scenario_missing(scenario: ScenarioPage) -> list[str]:
    """What the latest version still lacks before it can be submitted (labels, in French)."""
    latest = scenario_latest(scenario)
    checks = [
        (latest.title.strip(), _("le titre")),
        (latest.summary.strip(), _("le résumé")),
        (latest.levels.all(), _("au moins un cycle ou niveau")),
        (latest.objectives.strip(), _("les objectifs")),
        (len(latest.steps), _("au moins une étape")),
        (latest.author_name.strip(), _("votre nom public")),
        (latest.licence_accepted_at, _("l'accord pour la licence CC BY-SA 4.0")),
    ]
    return [label for present, label in checks if not present]


@transaction.atomic
def scenario_submit(*, teacher, scenario: ScenarioPage) -> WorkflowState:
    """Put the latest draft through the bank's moderation workflow (or resume it after
    changes were requested). The latest version must be complete, licence accepted."""
    _author_check(teacher, scenario)
    state = scenario_submission_state(scenario=scenario)
    if not state.submittable:
        raise ScenarioRefused(
            _("Ce scénario est déjà en cours de modération.")
            if state.status == Status.IN_MODERATION
            else _("Ce scénario est publié et n'a pas de nouvelle version à soumettre.")
        )
    missing = scenario_missing(scenario)
    if missing:
        raise ScenarioRefused(
            _("Avant de soumettre, complétez : %(missing)s.") % {"missing": ", ".join(missing)}
        )
    workflow_state = scenario.current_workflow_state
    if workflow_state and workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        workflow_state.resume(user=teacher)
        return workflow_state
    workflow = scenario.get_workflow()
    if workflow is None:
        raise ScenarioRefused(_("La modération des scénarios n'est pas configurée."))
    return workflow.start(scenario, teacher)


@transaction.atomic
def scenario_withdraw(*, teacher, scenario: ScenarioPage) -> None:
    """Take a scenario back from moderation, to edit it again."""
    _author_check(teacher, scenario)
    workflow_state = scenario.current_workflow_state
    if workflow_state is None or workflow_state.status not in (
        WorkflowState.STATUS_IN_PROGRESS,
        WorkflowState.STATUS_NEEDS_CHANGES,
    ):
        raise ScenarioRefused(_("Ce scénario n'est pas en cours de modération."))
    workflow_state.cancel(user=teacher)


@transaction.atomic
def scenario_draft_delete(*, teacher, scenario: ScenarioPage) -> None:
    """Delete a scenario that was never published (published ones are the moderators' call)."""
    _author_check(teacher, scenario)
    if scenario.live or scenario.first_published_at:
        raise ScenarioRefused(
            _("Un scénario déjà publié ne peut être supprimé que par la modération.")
        )
    workflow_state = scenario.current_workflow_state
    if workflow_state:
        workflow_state.cancel(user=teacher)
    scenario.delete()


# --- Adaptations -------------------------------------------------------------------------


def scenario_adaptation_draft(*, original: ScenarioPage, teacher) -> ScenarioDraft:
    """The starting point of an adaptation: the original's content, the teacher's credit.

    The original's author is not copied as author: they are credited through
    ``adapted_from``, which the new page shows ("Adapté de … par …").
    """
    _teacher_check(teacher)
    if not original.live:
        raise ScenarioRefused(_("Seul un scénario publié peut être adapté."))
    draft = draft_from_scenario(original)
    draft.title = _("%(title)s (adaptation)") % {"title": original.title}
    draft.licence_accepted = False  # the adapting teacher's own consent is asked
    blank = scenario_blank_draft(teacher=teacher)
    draft.author_name, draft.author_school_kind = blank.author_name, blank.author_school_kind
    return draft


def scenario_blank_draft(*, teacher) -> ScenarioDraft:
    """A new scenario's starting point: the public name and school type the teacher gave
    last time (or their account's name)."""
    mine = ScenarioPage.objects.filter(author=teacher).order_by("-pk").first()
    return ScenarioDraft(
        title="",
        author_name=mine.author_name if mine else teacher.get_full_name(),
        author_school_kind=mine.author_school_kind if mine else "",
    )


# --- Feedback from use -------------------------------------------------------------------


@transaction.atomic
def scenario_feedback_save(
    *, teacher, scenario: ScenarioPage, score: int, comment: str = "", author_name: str = ""
) -> ScenarioFeedback:
    """Rate a scenario (1–5) with an optional retour d'expérience; once per teacher.

    Rating again replaces the teacher's previous rating. A new or changed written
    retour goes back to moderation; a rating alone needs none.
    """
    _teacher_check(teacher)
    if not scenario.live:
        raise ScenarioRefused(_("Ce scénario n'est pas publié."))
    if scenario.author_id == teacher.pk:
        raise ScenarioRefused(_("Vous ne pouvez pas noter votre propre scénario."))
    if not 1 <= int(score) <= 5:
        raise ScenarioRefused(_("La note doit être comprise entre 1 et 5."))
    comment = comment.strip()
    try:
        with transaction.atomic():
            # A first rating sent twice at once (a double click): the second one finds
            # the row the first created, instead of failing on the unique constraint.
            feedback, _created = ScenarioFeedback.objects.get_or_create(
                scenario=scenario, teacher=teacher, defaults={"score": int(score)}
            )
    except IntegrityError:
        feedback = ScenarioFeedback.objects.get(scenario=scenario, teacher=teacher)
    feedback = ScenarioFeedback.objects.select_for_update().get(pk=feedback.pk)
    comment_changed = comment != feedback.comment
    feedback.score = int(score)
    feedback.comment = comment
    feedback.author_name = author_name.strip()
    if not comment:
        feedback.status = ScenarioFeedback.Status.PUBLISHED
    elif comment_changed or feedback.status == ScenarioFeedback.Status.REJECTED:
        feedback.status = ScenarioFeedback.Status.PENDING
    feedback.full_clean(validate_unique=False)
    feedback.save()
    return feedback
