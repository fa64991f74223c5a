"""Search data kept in the database: editors' synonyms, anonymous query statistics, and
(below) the database engine's own index tables."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


def normalize_query(text: str) -> str:
    """The form a query is counted and promoted under: lower case, single spaces."""
    return " ".join(text.lower().split())[:255]


class SynonymGroup(index.Indexed, models.Model):
    """Words that mean the same for our readers ("infox", "fake news", "désinformation").

    Applied by the Elasticsearch engine at the next ``search_rebuild`` (index analysis,
    multi-word aware) and by the database engine at once (query expansion).
    """

    terms = models.CharField(
        _("termes équivalents"),
        max_length=500,
        help_text=_("Séparés par des virgules, par exemple : infox, fake news, fausse information."),
    )
    note = models.CharField(_("note"), max_length=255, blank=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    panels = [FieldPanel("terms"), FieldPanel("note")]
    search_fields = [index.SearchField("terms"), index.AutocompleteField("terms")]

    class Meta:
        verbose_name = _("groupe de synonymes")
        verbose_name_plural = _("synonymes de la recherche")
        ordering = ["terms"]

    def __str__(self) -> str:
        return self.terms

    def term_list(self) -> list[str]:
        return [term for term in (part.strip() for part in self.terms.split(",")) if term]

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if len(self.term_list()) < 2:
            raise ValidationError({"terms": _("Indiquez au moins deux termes séparés par une virgule.")})


class SearchQueryDay(models.Model):
    """How often a query was searched on a day, and how often it found nothing.

    No user, session, IP address or referrer is stored: only the normalized text.
    """

    query = models.CharField(_("recherche"), max_length=255)
    day = models.DateField(_("jour"))
    searches = models.PositiveIntegerField(_("recherches"), default=0)
    zero_results = models.PositiveIntegerField(_("sans résultat"), default=0)

    class Meta:
        verbose_name = _("statistique de recherche")
        verbose_name_plural = _("statistiques de recherche")
        constraints = [
            models.UniqueConstraint(fields=["query", "day"], name="search_query_day_unique")
        ]
        indexes = [models.Index(fields=["day"])]

    def __str__(self) -> str:
        return f"{self.query} ({self.day})"


# --- Database engine index tables (search.backends.database) -------------------------
