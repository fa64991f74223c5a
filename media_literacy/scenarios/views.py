"""Views of the scenario bank: the pages' listing, context, PDF and rating (reached
through the pages' ``page_views``), and teachers' own pages: their scenarios, the
submission form, preview.

Thin views: permission, form, one service call. Only teachers get into their pages
(pupils and editors 403, anonymous to the login page); a teacher reaches only their own
scenarios (anyone else's answers 404).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cms.roles import is_teacher
from media_literacy.listing import filtered_listing_context
from media_literacy.scenarios.forms import (
    ScenarioFeedbackForm,
    ScenarioFilterForm,
    ScenarioSubmissionForm,
    StepFormSet,
)
from media_literacy.scenarios.models import ScenarioIndexPage, ScenarioPage
from media_literacy.scenarios.pdf import scenario_pdf
from media_literacy.scenarios.selectors import (
    scenario_class_counts,
    scenario_classes_shown,
    scenario_page_context,
    scenarios_for_listing,
)
from media_literacy.scenarios.submissions import (
    ScenarioRefused,
    draft_from_scenario,
    scenario_adaptation_draft,
    scenario_blank_draft,
    scenario_draft_delete,
    scenario_draft_save,
    scenario_feedback_save,
    scenario_for_author,
    scenario_latest,
    scenario_submission_state,
    scenario_submit,
    scenario_withdraw,
    scenarios_of,
)

ACTION_SAVE, ACTION_PREVIEW, ACTION_SUBMIT, ACTION_ADD_STEP = (
    "save",
    "preview",
    "submit",
    "add-step",
)


# --- The bank's pages ----------------------------------------------------------------------


def listing_context(request: HttpRequest, index: ScenarioIndexPage) -> dict:
    """The bank: its filters, the requested page of scenarios, each with the number of
    classes that used it (from the threshold up)."""
    context = filtered_listing_context(
        request,
        form_class=ScenarioFilterForm,
        items=lambda filters: scenarios_for_listing(index=index, **filters),
        per_page=index.page_size,
    )
    items = list(context["items"])
    counts = scenario_class_counts(scenario_ids=[item.pk for item in items])
    for item in items:
        item.classes_count = scenario_classes_shown(counts.get(item.pk, 0))
    return context


def scenario_context(request: HttpRequest, scenario: ScenarioPage) -> dict:
    """Ratings, retours, classes and what the visiting teacher may do; the rating form
    (pre-filled with their own rating) when they may rate."""
    context = scenario_page_context(scenario=scenario, user=request.user)
    if context["can_rate"]:
        own = context["own_feedback"]
        context["feedback_form"] = ScenarioFeedbackForm(
            initial={"score": own.score, "comment": own.comment, "author_name": own.author_name}
            if own
            else {"author_name": request.user.get_full_name()}
        )
    return context


def scenario_pdf_download(request: HttpRequest, scenario: ScenarioPage) -> HttpResponse:
    response = HttpResponse(
        scenario_pdf(scenario=scenario, url=scenario.get_full_url(request)),
        content_type="application/pdf",
    )
    response["Content-Disposition"] = f'attachment; filename="{scenario.slug}.pdf"'
    return response


def scenario_feedback(request: HttpRequest, scenario: ScenarioPage) -> HttpResponse:
    """POST on a scenario page's ``avis/`` route: a teacher rates it and may write a retour."""
    if request.method != "POST":
        return redirect(scenario.url)
    if not request.user.is_authenticated:
        return redirect_to_login(scenario.url)
    _teacher_required(request)
    form = ScenarioFeedbackForm(request.POST)
    if form.is_valid():
        try:
            feedback = scenario_feedback_save(
                teacher=request.user, scenario=scenario, **form.cleaned_data
            )
        except ScenarioRefused as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(
                request,
                _("Merci ! Votre note est enregistrée ; votre retour sera publié après relecture.")
                if feedback.comment and feedback.status == feedback.Status.PENDING
                else _("Merci ! Votre note est enregistrée."),
            )
            return redirect(scenario.url + "#avis")
        return redirect(scenario.url + "#avis")
    # The page again with the teacher's text and the errors: nothing typed is lost.
    response = scenario.render(request, context_overrides={"feedback_form": form})
    response.status_code = 400
    return response


# --- Teachers' own scenarios ------------------------------------------------------------


def _teacher_required(request) -> None:
    if not is_teacher(request.user):
        raise PermissionDenied


def _own(request, pk: int) -> ScenarioPage:
    _teacher_required(request)
    try:
        return scenario_for_author(teacher=request.user, scenario_id=pk)
    except ScenarioPage.DoesNotExist as missing:
        raise Http404 from missing


@login_required
def my_scenarios(request):
    _teacher_required(request)
    return render(
        request,
        "media_literacy/scenarios/mine.html",
        {"scenarios": scenarios_of(teacher=request.user)},
    )


def _adapted_original(request) -> ScenarioPage | None:
    original_id = request.GET.get("adapter") or request.POST.get("adapted_from")
    if not original_id:
        return None
    try:
        return ScenarioPage.objects.live().public().get(pk=int(original_id))
    except (ValueError, ScenarioPage.DoesNotExist) as missing:
        raise Http404 from missing


@login_required
def scenario_create(request):
    _teacher_required(request)
    original = _adapted_original(request)
    if original is not None:
        draft = scenario_adaptation_draft(original=original, teacher=request.user)
        documents = list(original.documents.select_related("document"))
    else:
        draft = scenario_blank_draft(teacher=request.user)
        documents = []
    return _scenario_form(
        request, scenario=None, draft=draft, documents=documents, original=original
    )


@login_required
def scenario_edit(request, pk: int):
    scenario = _own(request, pk)
    state = scenario_submission_state(scenario=scenario)
    latest = scenario_latest(scenario)
    if not state.editable:
        messages.info(
            request,
            _(
                "Ce scénario est en cours de modération : retirez-le de la modération pour le modifier."
            ),
        )
        return redirect("media_literacy:my_scenarios")
    return _scenario_form(
        request,
        scenario=scenario,
        draft=draft_from_scenario(latest),
        documents=list(latest.documents.all()),
        original=scenario.adapted_from,
        state=state,
    )


def _bound_forms(request, *, documents, for_submission: bool):
    form = ScenarioSubmissionForm(
        request.POST, request.FILES, documents=documents, for_submission=for_submission
    )
    steps = StepFormSet(request.POST, prefix="steps", for_submission=for_submission)
    return form, steps


def _scenario_form(request, *, scenario, draft, documents, original, state=None):
    if request.method == "POST":
        action = request.POST.get("action", ACTION_SAVE)
        if action == ACTION_ADD_STEP:
            # Without JavaScript: the same form again with one more empty step.
            data = request.POST.copy()
            try:
                total = int(data.get("steps-TOTAL_FORMS") or 0)
            except ValueError:
                total = 0
            data["steps-TOTAL_FORMS"] = str(min(max(total, 0), StepFormSet.max_num - 1) + 1)
            form = ScenarioSubmissionForm(data, documents=documents)
            steps = StepFormSet(data, prefix="steps")
            messages.info(
                request, _("Étape ajoutée. Les fichiers choisis sont à sélectionner à nouveau.")
            )
            return _render_form(request, form, steps, scenario, original, state, validate=False)
        form, steps = _bound_forms(
            request, documents=documents, for_submission=action == ACTION_SUBMIT
        )
        if form.is_valid() and steps.is_valid():
            return _save(
                request,
                form,
                steps,
                scenario=scenario,
                original=original,
                action=action,
                state=state,
            )
        messages.error(
            request, _("Le formulaire contient des erreurs : corrigez les champs signalés.")
        )
        return _render_form(request, form, steps, scenario, original, state)
    form = ScenarioSubmissionForm(
        initial={
            **ScenarioSubmissionForm.initial_from(draft),
            "documents_kept": [link.document_id for link in documents],
        },
        documents=documents,
    )
    steps = StepFormSet(prefix="steps", initial=[step.__dict__ for step in draft.steps])
    return _render_form(request, form, steps, scenario, original, state)


def _save(request, form, steps, *, scenario, original, action, state):
    submit = action == ACTION_SUBMIT
    try:
        saved = scenario_draft_save(
            teacher=request.user,
            draft=form.draft(steps.steps()),
            scenario=scenario,
            uploads=form.cleaned_data["documents"],
            adapted_from=original if scenario is None else None,
            submit=submit,
        )
    except (ScenarioRefused, ValidationError) as error:
        # Nothing was kept (one transaction): the form again, with what was typed.
        for message in error.messages if isinstance(error, ValidationError) else [str(error)]:
            form.add_error(None, message)
        return _render_form(request, form, steps, scenario, original, state)
    if action == ACTION_PREVIEW:
        return redirect("media_literacy:scenario_preview", pk=saved.pk)
    if submit:
        messages.success(
            request,
            _("Scénario soumis à la modération. Vous serez prévenu de la décision ici."),
        )
        return redirect("media_literacy:my_scenarios")
    messages.success(request, _("Brouillon enregistré."))
    return redirect("media_literacy:scenario_edit", pk=saved.pk)


def _render_form(request, form, steps, scenario, original, state, *, validate=True):
    return render(
        request,
        "media_literacy/scenarios/form.html",
        {
            "form": form,
            "steps": steps,
            "scenario": scenario,
            "original": original,
            "state": state,
            "validate": validate,
        },
        status=400 if request.method == "POST" and validate else 200,
    )


@login_required
def scenario_preview(request, pk: int):
    scenario = _own(request, pk)
    latest = scenario_latest(scenario)
    return latest.render(
        request,
        context_overrides={
            "preview": True,
            "state": scenario_submission_state(scenario=scenario),
            "own_scenario": scenario,
        },
    )


def _post_action(request, pk: int, service, success: str):
    scenario = _own(request, pk)
    try:
        service(teacher=request.user, scenario=scenario)
    except ScenarioRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, success)
    return redirect(reverse("media_literacy:my_scenarios"))


@login_required
@require_POST
def scenario_submit_view(request, pk: int):
    return _post_action(request, pk, scenario_submit, _("Scénario soumis à la modération."))


@login_required
@require_POST
def scenario_withdraw_view(request, pk: int):
    return _post_action(
        request,
        pk,
        scenario_withdraw,
        _("Scénario retiré de la modération : vous pouvez de nouveau le modifier."),
    )


@login_required
@require_POST
def scenario_delete_view(request, pk: int):
    return _post_action(request, pk, scenario_draft_delete, _("Brouillon supprimé."))
