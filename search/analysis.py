"""French text analysis for the catalogue index (elasticsearch-dsl definitions).

Every component used here has its standard Elasticsearch name (from the
``analysis-common`` module on production clusters, from our small test plugin on the
minimal test node), so the same index settings work on both.
"""

from elasticsearch.dsl import analyzer, token_filter

# Elision of French articles and pronouns: l'information -> information.
french_elision = token_filter(
    "french_elision",
    type="elision",
    articles_case=True,
    articles=["l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu"],
)

french_stop = token_filter("french_stop", type="stop", stopwords="_french_")

# Light stemming keeps words readable in highlights while joining singular and plural.
french_stemmer = token_filter("french_stemmer", type="stemmer", language="light_french")

french = analyzer(
    "reperes_french",
    tokenizer="standard",
    filter=[french_elision, "lowercase", "asciifolding", french_stop, french_stemmer],
)
"""The analyzer for French prose: titles, summaries and bodies."""
