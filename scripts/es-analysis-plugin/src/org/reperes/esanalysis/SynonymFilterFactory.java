package org.reperes.esanalysis;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.synonym.SolrSynonymParser;
import org.apache.lucene.analysis.synonym.SynonymFilter;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.apache.lucene.util.CharsRef;
import org.apache.lucene.util.CharsRefBuilder;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.index.IndexService.IndexCreationContext;
import org.elasticsearch.index.analysis.AbstractTokenFilterFactory;
import org.elasticsearch.index.analysis.AnalysisMode;
import org.elasticsearch.index.analysis.CharFilterFactory;
import org.elasticsearch.index.analysis.CustomAnalyzer;
import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.elasticsearch.index.analysis.TokenizerFactory;

import java.io.StringReader;
import java.util.List;
import java.util.function.Function;

/**
 * {@code synonym} / {@code synonym_graph} with INLINE rules only: settings {@code synonyms} (list, Solr format
 * {@code "a, b, c"} and {@code "a => b"}), {@code expand} (true), {@code lenient} (false), {@code updateable} (false).
 *
 * Like analysis-common, the rules are analysed with the analysis chain that PRECEDES the synonym filter in the custom
 * analyzer (tokenizer, char filters, earlier token filters), so a chain that works here behaves the same in production
 * (e.g. a stop filter placed before the synonym filter makes multi-word rules containing a stop word fail with
 * "... analyzed to a token ... with position increment != 1" unless lenient=true, exactly as on a real cluster).
 *
 * Limitations of this test-only implementation: no {@code synonyms_path}, no {@code synonyms_set} (synonyms API),
 * no {@code format: wordnet}.
 */
final class SynonymFilterFactory extends AbstractTokenFilterFactory {
    private final boolean graph;
    private final boolean expand;
    private final boolean lenient;
    private final String rules;
    private final AnalysisMode analysisMode;

    SynonymFilterFactory(Environment env, String name, Settings s, boolean graph) {
        super(name, s);
        this.graph = graph;
        if (s.get("synonyms_path") != null || s.get("synonyms_set") != null) {
            throw new IllegalArgumentException("[" + name + "]: synonyms_path / synonyms_set are not supported by the test-only"
                + " reperes-analysis plugin, use an inline [synonyms] list");
        }
        if ("wordnet".equals(s.get("format"))) {
            throw new IllegalArgumentException("[" + name + "]: format [wordnet] is not supported by the test-only reperes-analysis plugin");
        }
        List<String> list = s.getAsList("synonyms", null);
        if (list == null) {
            throw new IllegalArgumentException("synonym requires either `synonyms`, `synonyms_set` or `synonyms_path` to be configured");
        }
        this.rules = String.join("\n", list);
        this.expand = s.getAsBoolean("expand", true);
        this.lenient = s.getAsBoolean("lenient", false);
        this.analysisMode = s.getAsBoolean("updateable", false) ? AnalysisMode.SEARCH_TIME : AnalysisMode.ALL;
    }

    @Override
    public AnalysisMode getAnalysisMode() {
        return analysisMode;
    }

    @Override
    public TokenStream create(TokenStream ts) {
        throw new IllegalStateException("Call getChainAwareTokenFilterFactory to specialize this factory for an analysis chain first");
    }

    @Override
    public TokenFilterFactory getChainAwareTokenFilterFactory(
        IndexCreationContext context,
        TokenizerFactory tokenizer,
        List<CharFilterFactory> charFilters,
        List<TokenFilterFactory> previousTokenFilters,
        Function<String, TokenFilterFactory> allFilters
    ) {
        Analyzer analyzer = new CustomAnalyzer(
            tokenizer,
            charFilters.toArray(new CharFilterFactory[0]),
            previousTokenFilters.stream().map(TokenFilterFactory::getSynonymFilter).toArray(TokenFilterFactory[]::new)
        );
        final SynonymMap map = buildMap(analyzer);
        final String name = name();
        final AnalysisMode mode = analysisMode;
        final boolean isGraph = graph;
        return new TokenFilterFactory() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public TokenStream create(TokenStream ts) {
                if (map.fst == null) return ts; // all rules ignored (lenient) or empty list
                return isGraph ? new SynonymGraphFilter(ts, map, false) : new SynonymFilter(ts, map, false);
            }

            @Override
            public TokenFilterFactory getSynonymFilter() {
                return IDENTITY_FILTER; // synonyms are not applied when parsing another synonym filter's rules
            }

            @Override
            public AnalysisMode getAnalysisMode() {
                return mode;
            }
        };
    }

    private SynonymMap buildMap(Analyzer analyzer) {
        try {
            SolrSynonymParser parser = new SolrSynonymParser(true, expand, analyzer) {
                @Override
                public CharsRef analyze(String text, CharsRefBuilder reuse) throws java.io.IOException {
                    try {
                        return super.analyze(text, reuse);
                    } catch (IllegalArgumentException e) {
                        if (lenient) return new CharsRef(""); // SynonymMap.Builder skips empty entries
                        throw e;
                    }
                }

                @Override
                public void add(CharsRef input, CharsRef output, boolean includeOrig) {
                    // lenient: skip the combinations whose rule failed to analyse (as Elasticsearch's ESSolrSynonymParser)
                    if (lenient == false || (input.length > 0 && output.length > 0)) {
                        super.add(input, output, includeOrig);
                    }
                }
            };
            parser.parse(new StringReader(rules));
            return parser.build();
        } catch (Exception e) {
            throw new IllegalArgumentException("failed to build synonyms", e);
        }
    }
}
