"""Forms of the classroom flow (teachers and pupils, outside the Wagtail admin)."""

from datetime import datetime, time, timedelta

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.models import Page

from cms.models import Level
from cms.roles import TEACHER_GROUP
from courses.classes.models import School
from courses.classes.services import DISPLAY_NAME_MAX, ROSTER_MAX, academic_year_of


class ClassroomForm(forms.Form):
    school = forms.ModelChoiceField(label=_("Établissement"), queryset=School.objects.none())
    name = forms.CharField(label=_("Nom de la classe"), max_length=80, help_text=_("Ex. : 5e B"))
    level = forms.ModelChoiceField(label=_("Niveau"), queryset=Level.objects.all(), required=False)
    academic_year = forms.RegexField(
        label=_("Année scolaire"),
        regex=r"^\d{4}-\d{4}$",
        max_length=9,
        error_messages={"invalid": _("Écrivez l'année scolaire sous la forme 2026-2027.")},
    )

    def __init__(self, *args, teacher, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = School.objects.filter(teachers=teacher)
        self.fields["academic_year"].initial = academic_year_of()
        schools = list(self.fields["school"].queryset[:2])
        if len(schools) == 1:
            self.fields["school"].initial = schools[0].pk

    def clean_academic_year(self):
        value = self.cleaned_data["academic_year"]
        start, end = (int(part) for part in value.split("-"))
        if end != start + 1:
            raise forms.ValidationError(_("Une année scolaire va d'une année à la suivante."))
        return value


class JoinForm(forms.Form):
    code = forms.CharField(
        label=_("Code de la classe"),
        max_length=20,
        help_text=_("Le code donné par ton enseignant, par exemple K7M-P4Q."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )
    display_name = forms.CharField(
        label=_("Ton prénom ou un pseudonyme"),
        max_length=DISPLAY_NAME_MAX,
        help_text=_("Seuls tes enseignants le verront. N'écris pas ton nom de famille."),
    )
    password = forms.CharField(
        label=_("Choisis un mot de passe"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Au moins 8 caractères ; pas seulement des chiffres."),
    )
    password_again = forms.CharField(
        label=_("Écris-le une seconde fois"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, signed_in: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if signed_in:  # a pupil who has an account joins another class
            del self.fields["password"]
            del self.fields["password_again"]

    def clean(self):
        data = super().clean()
        if "password" in self.fields and data.get("password") != data.get("password_again"):
            self.add_error("password_again", _("Les deux mots de passe sont différents."))
        return data


class RosterForm(forms.Form):
    names = forms.CharField(
        label=_("Prénoms ou pseudonymes, un par ligne"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Au plus %(max)d à la fois. Pas de nom de famille : chaque élève reçoit un "
            "identifiant et un mot de passe à imprimer."
        )
        % {"max": ROSTER_MAX},
    )

    def clean_names(self):
        return [line.strip() for line in self.cleaned_data["names"].splitlines() if line.strip()]


class LocalDateTimeField(forms.DateTimeField):
    """A ``datetime-local`` input read in the site's time zone (Europe/Paris)."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"]


def _next_week_evening() -> datetime:
    day = timezone.localdate() + timedelta(days=7)
    return timezone.make_aware(datetime.combine(day, time(18, 0)))


class AssignmentForm(forms.Form):
    page = forms.ModelChoiceField(label=_("Contenu"), queryset=Page.objects.none())
    opens_at = LocalDateTimeField(label=_("Ouvert à partir du"))
    due_at = LocalDateTimeField(label=_("À terminer pour le"))
    instructions = forms.CharField(
        label=_("Consignes"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    pupils = forms.ModelMultipleChoiceField(
        label=_("Élèves concernés"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Aucun coché : toute la classe."),
    )

    def __init__(self, *args, classroom, pages, **kwargs):
        super().__init__(*args, **kwargs)

        self.fields["page"].queryset = pages
        self.fields["page"].label_from_instance = lambda page: page.title
        self.fields["opens_at"].initial = timezone.localtime().replace(second=0, microsecond=0)
        self.fields["due_at"].initial = _next_week_evening()
        names = dict(classroom.memberships.values_list("pupil_id", "display_name"))
        self.fields["pupils"].queryset = get_user_model().objects.filter(pk__in=names)
        self.fields["pupils"].label_from_instance = lambda user: names.get(user.pk, "")


class ExtensionForm(forms.Form):
    pupil = forms.IntegerField(widget=forms.HiddenInput)
    due_at = LocalDateTimeField(label=_("Nouvelle date limite"))


class SchoolAdminForm(WagtailAdminModelForm):
    """Only teachers are offered as a school's teachers (never the pupils' accounts)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)

        self.fields["teachers"].queryset = (
            get_user_model().objects.filter(groups__name=TEACHER_GROUP).order_by("username")
        )
