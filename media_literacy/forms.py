"""Public forms: listing filters (GET, work without JavaScript) and school registration."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cms.models import Audience, Competence, Level, Theme
from media_literacy.models import CampaignRegistration, Discipline, Equipment, ResourceKind


def taxonomy_field(model, label, *, to_field_name="slug", empty_label=None):
    return forms.ModelChoiceField(
        queryset=model.objects.all(),
        to_field_name=to_field_name,
        required=False,
        label=label,
        empty_label=empty_label or _("Tous"),
        error_messages={"invalid_choice": _("Ce filtre n'existe pas : il a été ignoré.")},
    )


class CampaignFilterForm(forms.Form):
    audience = taxonomy_field(Audience, _("Public"))
    theme = taxonomy_field(Theme, _("Thème"))


class ResourceFilterForm(forms.Form):
    kind = forms.ChoiceField(
        choices=[("", _("Tous"))] + list(ResourceKind.choices),
        required=False,
        label=_("Type"),
        error_messages={"invalid_choice": _("Ce filtre n'existe pas : il a été ignoré.")},
    )
    audience = taxonomy_field(Audience, _("Public"))
    level = taxonomy_field(Level, _("Niveau"))
    theme = taxonomy_field(Theme, _("Thème"))


class CampaignRegistrationForm(forms.ModelForm):
    class Meta:
        model = CampaignRegistration
        fields = CampaignRegistration.SCHOOL_FIELDS
        widgets = {"message": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "school_uai": _("Facultatif. 7 chiffres et une lettre, par exemple 0751234A."),
            "contact_email": _("Une adresse professionnelle de préférence."),
        }

    def clean_school_uai(self):
        return self.cleaned_data["school_uai"].upper()


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
    level = taxonomy_field(Level, _("Cycle ou niveau"))
    discipline = taxonomy_field(Discipline, _("Discipline"))
    competence = taxonomy_field(
        Competence, _("Compétence CRCN"), to_field_name="code", empty_label=_("Toutes")
    )
    duration = forms.ChoiceField(
        choices=DURATION_CHOICES,
        required=False,
        label=_("Durée"),
        error_messages={"invalid_choice": _("Ce filtre n'existe pas : il a été ignoré.")},
    )
    equipment = forms.ChoiceField(
        choices=[("", _("Tous"))] + list(Equipment.choices),
        required=False,
        label=_("Équipement"),
        error_messages={"invalid_choice": _("Ce filtre n'existe pas : il a été ignoré.")},
    )
    theme = taxonomy_field(Theme, _("Thème"))
    sort = forms.ChoiceField(
        choices=SORT_CHOICES,
        required=False,
        label=_("Trier"),
        error_messages={"invalid_choice": _("Ce tri n'existe pas : il a été ignoré.")},
    )
