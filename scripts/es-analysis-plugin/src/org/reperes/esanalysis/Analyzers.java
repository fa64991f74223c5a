package org.reperes.esanalysis;

import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.index.IndexSettings;
import org.elasticsearch.index.analysis.AbstractIndexAnalyzerProvider;
import org.elasticsearch.index.analysis.Analysis;

/** Language analyzers ({@code "type": "french"} / {@code "english"}), settings {@code stopwords}, {@code stem_exclusion}. */
final class Analyzers {
    private Analyzers() {}

    static final class French extends AbstractIndexAnalyzerProvider<FrenchAnalyzer> {
        private final FrenchAnalyzer analyzer;

        French(IndexSettings is, Environment env, String name, Settings s) {
            super(name, s);
            analyzer = new FrenchAnalyzer(
                Analysis.parseStopWords(env, s, FrenchAnalyzer.getDefaultStopSet()),
                Analysis.parseStemExclusion(s, CharArraySet.EMPTY_SET));
        }

        @Override
        public FrenchAnalyzer get() {
            return analyzer;
        }
    }

    static final class English extends AbstractIndexAnalyzerProvider<EnglishAnalyzer> {
        private final EnglishAnalyzer analyzer;

        English(IndexSettings is, Environment env, String name, Settings s) {
            super(name, s);
            analyzer = new EnglishAnalyzer(
                Analysis.parseStopWords(env, s, EnglishAnalyzer.getDefaultStopSet()),
                Analysis.parseStemExclusion(s, CharArraySet.EMPTY_SET));
        }

        @Override
        public EnglishAnalyzer get() {
            return analyzer;
        }
    }
}
