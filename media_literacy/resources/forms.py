"""The resources listing's GET filters."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cms.models import Audience, Level, Theme
from media_literacy.listing import UNKNOWN_FILTER, taxonomy_field
from media_literacy.resources.models import ResourceKind


class ResourceFilterForm(forms.Form):
    kind = forms.ChoiceField(
        choices=[("", _("Tous"))] + list(ResourceKind.choices),
        required=False,
        label=_("Type"),
        error_messages={"invalid_choice": UNKNOWN_FILTER},
    )
    audience = taxonomy_field(Audience, _("Public"))
    level = taxonomy_field(Level, _("Niveau"))
    theme = taxonomy_field(Theme, _("Thème"))
