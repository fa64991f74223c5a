"""Public forms: listing filters (GET, work without JavaScript) and school registration."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cms.models import Audience, Level, Theme
from media_literacy.models import CampaignRegistration, ResourceKind


def taxonomy_field(model, label):
    return forms.ModelChoiceField(
        queryset=model.objects.all(),
        to_field_name="slug",
        required=False,
        label=label,
        empty_label=_("Tous"),
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
