"""Forms of the scenario bank: the listing's filters, and teachers' submission form, its
steps and their feedback."""

from django import forms
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from cms.models import Competence, Level, Theme
from cms.uploads import upload_accept_attribute, upload_check, upload_max_bytes
from media_literacy.listing import UNKNOWN_FILTER, taxonomy_field
from media_literacy.scenarios.models import Discipline, Equipment, SchoolKind
from media_literacy.scenarios.submissions import ScenarioDraft, ScenarioStep

MAX_UPLOADS = 5

DURATION_CHOICES = [
    ("", _("Toutes")),
    ("1", _("Une séance")),
    ("2-3", _("2 ou 3 séances")),
    ("4+", _("4 séances ou plus")),
]
SORT_CHOICES = [
    ("recent", _("Les plus récents")),
    ("rated", _("Les mieux notés")),
    ("used", _("Les plus utilisés en classe")),
    ("title", _("Par titre")),
]


class ScenarioFilterForm(forms.Form):
    """The bank's GET filters and sort."""

    level = taxonomy_field(Level, _("Cycle ou niveau"))
    discipline = taxonomy_field(Discipline, _("Discipline"))
    competence = taxonomy_field(
        Competence, _("Compétence CRCN"), to_field_name="code", empty_label=_("Toutes")
    )
    duration = forms.ChoiceField(
        choices=DURATION_CHOICES,
        required=False,
        label=_("Durée"),
        error_messages={"invalid_choice": UNKNOWN_FILTER},
    )
    equipment = forms.ChoiceField(
        choices=[("", _("Tous"))] + list(Equipment.choices),
        required=False,
        label=_("Équipement"),
        error_messages={"invalid_choice": UNKNOWN_FILTER},
    )
    theme = taxonomy_field(Theme, _("Thème"))
    sort = forms.ChoiceField(
        choices=SORT_CHOICES,
        required=False,
        label=_("Trier"),
        error_messages={"invalid_choice": _("Ce tri n'existe pas : il a été ignoré.")},
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; each goes through ``upload_check`` (type by content,
    size, no active content) before anything is stored."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": upload_accept_attribute()}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = [file for file in (data or []) if file] if isinstance(data, list | tuple) else []
        if data and not isinstance(data, list | tuple):
            files = [data]
        if len(files) > MAX_UPLOADS:
            raise ValidationError(
                _("Vous pouvez joindre au plus %(count)s fichiers à la fois.")
                % {"count": MAX_UPLOADS}
            )
        errors = []
        for file in files:
            try:
                upload_check(upload=file)
            except ValidationError as error:
                errors.extend(error.messages)
        if errors:
            raise ValidationError(errors)
        return files


def linkable_pages():
    """Live pages a scenario may link to, by model label from settings (courses by default)."""
    models = [apps.get_model(label) for label in settings.REPERES_MEDIA_LITERACY_SCENARIO_LINKABLE]
    return Page.objects.live().public().type(*models).order_by("title")


class CompetenceChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.code} — {obj.name}"


def checkboxes(label, queryset, field_class=forms.ModelMultipleChoiceField):
    return field_class(
        label=label, queryset=queryset, required=False, widget=forms.CheckboxSelectMultiple
    )


class ScenarioSubmissionForm(forms.Form):
    """The scenario itself. Saving a draft needs only a title; submitting needs it all
    (``for_submission=True``), as Wagtail does for its own drafts."""

    REQUIRED_TO_SUBMIT = ("summary", "levels", "objectives", "author_name")
    # Headings and their fields, in order; the steps come between the second and third.
    FIELDSETS = (
        (_("Le scénario"), ("title", "summary", "levels", "disciplines", "themes", "competences")),
        (
            _("En classe"),
            ("sessions", "session_minutes", "equipment", "objectives", "prerequisites"),
        ),
        (_("Ressources"), ("linked_pages", "documents_kept", "documents")),
        (_("Auteur et licence"), ("author_name", "author_school_kind", "licence_accepted")),
    )

    title = forms.CharField(label=_("Titre"), max_length=200)
    summary = forms.CharField(
        label=_("Résumé"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Deux phrases : ce que les élèves font et apprennent."),
    )
    levels = checkboxes(_("Cycles ou niveaux"), Level.objects.all())
    disciplines = checkboxes(_("Disciplines"), Discipline.objects.all())
    competences = checkboxes(_("Compétences CRCN"), Competence.objects.all(), CompetenceChoiceField)
    themes = checkboxes(_("Thèmes"), Theme.objects.all())
    sessions = forms.IntegerField(
        label=_("Nombre de séances"), min_value=1, max_value=20, initial=1
    )
    session_minutes = forms.IntegerField(
        label=_("Durée d'une séance (minutes)"), min_value=5, max_value=240, initial=55
    )
    equipment = forms.ChoiceField(
        label=_("Équipement nécessaire"),
        choices=Equipment.choices,
        initial=Equipment.NONE,
        widget=forms.RadioSelect,
    )
    objectives = forms.CharField(
        label=_("Objectifs d'éducation aux médias"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    prerequisites = forms.CharField(
        label=_("Prérequis"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    linked_pages = checkboxes(_("Parcours Repères utilisés"), Page.objects.none())
    documents = MultipleFileField(
        label=_("Ajouter des documents"),
        required=False,
        help_text=_(
            "PDF, images PNG ou JPEG, documents LibreOffice ou Microsoft Office sans macro, "
            "texte brut ; %(size)s au plus par fichier, %(count)s fichiers à la fois."
        ),
    )
    documents_kept = forms.TypedMultipleChoiceField(
        label=_("Documents déjà joints (décochez pour retirer)"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    author_name = forms.CharField(
        label=_("Votre nom public"),
        max_length=80,
        required=False,
        help_text=_(
            "Tel qu'il apparaîtra sur le scénario, par exemple « Mme Martin » ou un "
            "pseudonyme. Ne citez jamais le nom d'un élève."
        ),
    )
    author_school_kind = forms.ChoiceField(
        label=_("Type d'établissement"),
        choices=[("", "—"), *SchoolKind.choices],
        required=False,
    )
    licence_accepted = forms.BooleanField(
        label=_(
            "J'accepte que ce scénario soit publié sous licence Creative Commons BY-SA 4.0 : "
            "chacun pourra le réutiliser et l'adapter en me citant."
        ),
        required=False,
    )

    def __init__(self, *args, for_submission=False, documents=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.for_submission = for_submission
        self.fields["linked_pages"].queryset = linkable_pages()
        self.fields["documents_kept"].choices = [
            (link.document_id, link.title or link.document.title) for link in documents
        ]
        self.fields["documents"].help_text = self.fields["documents"].help_text % {
            "size": _("%(megabytes)s Mo") % {"megabytes": upload_max_bytes() // (1024 * 1024)},
            "count": MAX_UPLOADS,
        }
        for name in (*self.REQUIRED_TO_SUBMIT, "licence_accepted"):
            # Shown with the "*" of required fields, enforced only when submitting.
            self.fields[name].needed_to_submit = True
            if for_submission:
                self.fields[name].required = True

    @property
    def fieldsets(self) -> list[tuple[str, list]]:
        return [
            (heading, [self[name] for name in names if self._shown(name)])
            for heading, names in self.FIELDSETS
        ]

    def _shown(self, name: str) -> bool:
        return name != "documents_kept" or bool(self.fields[name].choices)

    def draft(self, steps: list[ScenarioStep]) -> ScenarioDraft:
        data = self.cleaned_data
        return ScenarioDraft(
            title=data["title"],
            summary=data.get("summary", ""),
            levels=list(data.get("levels", [])),
            themes=list(data.get("themes", [])),
            disciplines=list(data.get("disciplines", [])),
            competences=list(data.get("competences", [])),
            sessions=data.get("sessions"),
            session_minutes=data.get("session_minutes"),
            equipment=data.get("equipment", Equipment.NONE),
            prerequisites=data.get("prerequisites", ""),
            objectives=data.get("objectives", ""),
            steps=steps,
            linked_pages=list(data.get("linked_pages", [])),
            author_name=data.get("author_name", ""),
            author_school_kind=data.get("author_school_kind", ""),
            documents_kept=data.get("documents_kept", []),
            licence_accepted=bool(data.get("licence_accepted")),
        )

    @classmethod
    def initial_from(cls, draft: ScenarioDraft) -> dict:
        return {
            "title": draft.title,
            "summary": draft.summary,
            "levels": draft.levels,
            "themes": draft.themes,
            "disciplines": draft.disciplines,
            "competences": draft.competences,
            "sessions": draft.sessions,
            "session_minutes": draft.session_minutes,
            "equipment": draft.equipment,
            "prerequisites": draft.prerequisites,
            "objectives": draft.objectives,
            "linked_pages": draft.linked_pages,
            "author_name": draft.author_name,
            "author_school_kind": draft.author_school_kind,
            "licence_accepted": draft.licence_accepted,
        }


class ScenarioStepForm(forms.Form):
    title = forms.CharField(label=_("Titre de l'étape"), max_length=120)
    minutes = forms.IntegerField(label=_("Durée (minutes)"), min_value=1, max_value=240)
    instructions = forms.CharField(label=_("Déroulement"), widget=forms.Textarea(attrs={"rows": 3}))
    pupil_activity = forms.CharField(
        label=_("Activité des élèves"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    teacher_tips = forms.CharField(
        label=_("Conseils à l'enseignant"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    materials = forms.CharField(label=_("Matériel"), required=False, max_length=500)

    def step(self) -> ScenarioStep:
        return ScenarioStep(
            **{name: self.cleaned_data[name] for name in self.fields if name != "DELETE"}
        )


class BaseStepFormSet(forms.BaseFormSet):
    def __init__(self, *args, for_submission=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.for_submission = for_submission

    def clean(self):
        super().clean()
        if self.for_submission and not self.steps():
            raise ValidationError(_("Décrivez au moins une étape avant de soumettre le scénario."))

    def steps(self) -> list[ScenarioStep]:
        return [
            form.step()
            for form in self.forms
            if form.has_changed()
            and not form.cleaned_data.get("DELETE")
            and form.cleaned_data.get("title")
        ]


StepFormSet = forms.formset_factory(
    ScenarioStepForm,
    formset=BaseStepFormSet,
    extra=1,
    max_num=30,
    validate_max=True,
    can_delete=True,
)


class ScenarioFeedbackForm(forms.Form):
    score = forms.TypedChoiceField(
        label=_("Votre note"),
        coerce=int,
        choices=[
            (5, _("5 sur 5 — excellent")),
            (4, _("4 sur 5 — bien")),
            (3, _("3 sur 5 — correct")),
            (2, _("2 sur 5 — décevant")),
            (1, _("1 sur 5 — à revoir")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choisissez une note de 1 à 5.")},
    )
    comment = forms.CharField(
        label=_("Votre retour d'expérience (facultatif)"),
        max_length=1500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Comment la séance s'est-elle passée ? Publié après relecture par la modération. "
            "Ne citez ni élève ni classe."
        ),
    )
    author_name = forms.CharField(
        label=_("Nom affiché avec votre retour"), max_length=80, required=False
    )
