"""Writes with side effects for campaigns."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from media_literacy.campaigns.models import CampaignPage, CampaignRegistration


@transaction.atomic
def campaign_registration_create(
    *,
    campaign: CampaignPage,
    school_name: str,
    commune: str,
    contact_name: str,
    contact_email: str,
    class_count: int,
    school_uai: str = "",
    message: str = "",
) -> CampaignRegistration:
    """Register a school to a campaign; a school registers once per campaign."""
    if not campaign.accepts_registrations:
        raise ValidationError(_("Les inscriptions à cette campagne sont closes."))
    # Compared case-insensitively in Python: SQLite's iexact ignores case for ASCII only.
    key = (school_name.strip().casefold(), commune.strip().casefold())
    registered = CampaignRegistration.objects.filter(campaign=campaign).values_list(
        "school_name", "commune"
    )
    if any((name.casefold(), town.casefold()) == key for name, town in registered):
        raise ValidationError(_("Cet établissement est déjà inscrit à cette campagne."))
    registration = CampaignRegistration(
        campaign=campaign,
        school_name=school_name.strip(),
        school_uai=school_uai.upper(),
        commune=commune.strip(),
        contact_name=contact_name.strip(),
        contact_email=contact_email.strip(),
        class_count=class_count,
        message=message.strip(),
    )
    registration.full_clean()
    registration.save()
    return registration
