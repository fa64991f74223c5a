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
        help_text=_(
            "Séparés par des virgules, par exemple : infox, fake news, fausse information."
        ),
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
            raise ValidationError(
                {"terms": _("Indiquez au moins deux termes séparés par une virgule.")}
            )


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


class SearchEntry(models.Model):
    """One indexed document of the database engine (``search.backends.database``).

    Written only by ``DatabaseBackend``. The full-text index lives beside this table and
    is created by migration 0003 for the database in use: an FTS5 table
    ``search_searchentry_fts`` (external content, keyed by ``id``) on SQLite; generated
    ``tsvector`` columns with GIN indexes on PostgreSQL. Neither is a model field, so the
    ORM never reads or writes them.

    The short columns come first and the long texts last: scans that filter or count
    entries then read as little as possible.
    """

    doc_id = models.CharField(max_length=64, unique=True)
    page_id = models.IntegerField(db_index=True)
    kind = models.CharField(max_length=64)
    restriction = models.CharField(max_length=16, default="public")
    published_at = models.DateTimeField(null=True)
    popularity = models.IntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)
    url = models.CharField(max_length=2048)
    audience = models.JSONField(default=list)
    level = models.JSONField(default=list)
    theme = models.JSONField(default=list)
    group_ids = models.JSONField(default=list)
    title = models.TextField()
    # The title as autocomplete compares it: lower case, no accents, no elided articles.
    title_folded = models.TextField()
    summary = models.TextField(blank=True)
    keywords = models.TextField(blank=True)
    body = models.TextField(blank=True)

    class Meta:
        verbose_name = _("entrée de l'index de recherche")
        verbose_name_plural = _("entrées de l'index de recherche")

    def __str__(self) -> str:
        return self.doc_id


class SearchEntryFacet(models.Model):
    """A value of a list facet (audience, level, theme) of an entry, for filters and grouped
    counts; one row per value (``kind``, single-valued, is read from ``SearchEntry``).

    Rows with ``facet = "access:group"`` are not a facet: they list the groups allowed to
    see an entry whose restriction is ``groups``.
    """

    entry = models.ForeignKey(
        SearchEntry, on_delete=models.CASCADE, related_name="facet_rows", db_index=False
    )
    facet = models.CharField(max_length=32)
    value = models.CharField(max_length=255)

    class Meta:
        verbose_name = _("valeur de facette indexée")
        verbose_name_plural = _("valeurs de facettes indexées")
        constraints = [
            models.UniqueConstraint(
                fields=["entry", "facet", "value"], name="search_entry_facet_unique"
            )
        ]
        indexes = [models.Index(fields=["facet", "value", "entry"], name="search_facet_value_idx")]

    def __str__(self) -> str:
        return f"{self.facet}={self.value}"


class SearchFacetTotal(models.Model):
    """How many entries of a restriction carry a facet value (``facet = ""``: all entries).

    Kept in step with the entries, in the same transaction, so that browsing without
    words (the catalogue's first page) reads a few dozen rows instead of counting them.
    """

    restriction = models.CharField(max_length=16)
    facet = models.CharField(max_length=32)
    value = models.CharField(max_length=255)
    entries = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("total de facette indexé")
        verbose_name_plural = _("totaux de facettes indexés")
        constraints = [
            models.UniqueConstraint(
                fields=["restriction", "facet", "value"], name="search_facet_total_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.restriction} {self.facet}={self.value}: {self.entries}"
