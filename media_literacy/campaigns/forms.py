"""Campaign forms: the listing's GET filters and a school's registration."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cms.models import Audience, Theme
from media_literacy.campaigns.models import CampaignRegistration
from media_literacy.listing import taxonomy_field


class CampaignFilterForm(forms.Form):
    audience = taxonomy_field(Audience, _("Public"))
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
