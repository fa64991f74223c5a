"""The local actors listing's GET filters."""

from django import forms
from django.utils.translation import gettext_lazy as _


class LocalActorFilterForm(forms.Form):
    """The listing's GET filters; choices are built from the actors that exist."""

    departement = forms.ChoiceField(label=_("Département"), required=False)
    service = forms.ChoiceField(label=_("Service proposé"), required=False)

    def __init__(self, *args, departements, services, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["departement"].choices = [("", _("Tous les départements")), *departements]
        self.fields["service"].choices = [("", _("Tous les services")), *services]
