package org.reperes.esanalysis;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.elasticsearch.index.analysis.AnalyzerProvider;
import org.elasticsearch.index.analysis.CharFilterFactory;
import org.elasticsearch.index.analysis.PreBuiltAnalyzerProviderFactory;
import org.elasticsearch.index.analysis.PreConfiguredTokenFilter;
import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.elasticsearch.index.analysis.TokenizerFactory;
import org.elasticsearch.indices.analysis.AnalysisModule.AnalysisProvider;
import org.elasticsearch.indices.analysis.PreBuiltCacheFactory.CachingStrategy;
import org.elasticsearch.plugins.AnalysisPlugin;
import org.elasticsearch.plugins.Plugin;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * TEST-ONLY replacement for the parts of Elasticsearch's {@code analysis-common} module that the
 * Repères test suite needs, for the minimal "integ-test-zip" distribution (which ships without it).
 *
 * Every component is registered under its standard Elasticsearch name and reads the standard
 * setting names with the same defaults, so index settings validated against this plugin also work
 * unchanged on a production cluster (which has the real analysis-common module).
 *
 * Components that the server itself already registers are deliberately NOT registered here
 * (Elasticsearch refuses duplicates): tokenizer {@code standard}; token filters {@code stop}
 * (knows {@code _french_} etc.), {@code shingle}, {@code hunspell}; pre-configured token filter
 * {@code lowercase}; pre-built analyzers {@code standard, default, keyword, stop, whitespace, simple, classic}.
 */
public class ReperesAnalysisPlugin extends Plugin implements AnalysisPlugin {

    @Override
    public Map<String, AnalysisProvider<CharFilterFactory>> getCharFilters() {
        Map<String, AnalysisProvider<CharFilterFactory>> m = new TreeMap<>();
        m.put("html_strip", Filters.HtmlStrip::new);
        return m;
    }

    @Override
    public Map<String, AnalysisProvider<TokenFilterFactory>> getTokenFilters() {
        Map<String, AnalysisProvider<TokenFilterFactory>> m = new TreeMap<>();
        m.put("lowercase", Filters.LowerCase::new);
        m.put("asciifolding", Filters.AsciiFolding::new);
        m.put("elision", AnalysisPlugin.requiresAnalysisSettings(Filters.Elision::new));
        m.put("stemmer", Filters.Stemmer::new);
        m.put("snowball", Filters.Snowball::new);
        m.put("french_stem", Filters.FrenchStem::new);
        m.put("ngram", Filters.NGram::new);
        m.put("edge_ngram", Filters.EdgeNGram::new);
        m.put("unique", Filters.Unique::new);
        m.put("trim", Filters.Trim::new);
        m.put("truncate", Filters.Truncate::new);
        m.put("synonym", AnalysisPlugin.requiresAnalysisSettings((is, env, name, s) -> new SynonymFilterFactory(env, name, s, false)));
        m.put("synonym_graph", AnalysisPlugin.requiresAnalysisSettings((is, env, name, s) -> new SynonymFilterFactory(env, name, s, true)));
        return m;
    }

    @Override
    public List<PreConfiguredTokenFilter> getPreConfiguredTokenFilters() {
        // bare "elision" (no custom definition) = French default articles, as in analysis-common
        return List.of(PreConfiguredTokenFilter.singleton("elision", true, Filters::defaultElision));
    }

    @Override
    public Map<String, AnalysisProvider<TokenizerFactory>> getTokenizers() {
        Map<String, AnalysisProvider<TokenizerFactory>> m = new TreeMap<>();
        m.put("keyword", Tokenizers.Keyword::new);
        m.put("whitespace", Tokenizers.Whitespace::new);
        m.put("letter", Tokenizers.Letter::new);
        m.put("lowercase", Tokenizers.LowerCase::new);
        m.put("ngram", Tokenizers.NGram::new);
        m.put("edge_ngram", Tokenizers.EdgeNGram::new);
        return m;
    }

    @Override
    public Map<String, AnalysisProvider<AnalyzerProvider<? extends Analyzer>>> getAnalyzers() {
        Map<String, AnalysisProvider<AnalyzerProvider<? extends Analyzer>>> m = new TreeMap<>();
        m.put("french", Analyzers.French::new);
        m.put("english", Analyzers.English::new);
        return m;
    }

    @Override
    public List<PreBuiltAnalyzerProviderFactory> getPreBuiltAnalyzerProviderFactories() {
        return List.of(
            new PreBuiltAnalyzerProviderFactory("french", CachingStrategy.LUCENE, FrenchAnalyzer::new),
            new PreBuiltAnalyzerProviderFactory("english", CachingStrategy.LUCENE, EnglishAnalyzer::new)
        );
    }
}
