package org.reperes.esanalysis;

import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.charfilter.HTMLStripCharFilter;
import org.apache.lucene.analysis.el.GreekLowerCaseFilter;
import org.apache.lucene.analysis.en.EnglishMinimalStemFilter;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.KStemFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.de.GermanLightStemFilter;
import org.apache.lucene.analysis.de.GermanMinimalStemFilter;
import org.apache.lucene.analysis.es.SpanishLightStemFilter;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.fr.FrenchLightStemFilter;
import org.apache.lucene.analysis.fr.FrenchMinimalStemFilter;
import org.apache.lucene.analysis.ga.IrishLowerCaseFilter;
import org.apache.lucene.analysis.it.ItalianLightStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.TrimFilter;
import org.apache.lucene.analysis.miscellaneous.TruncateTokenFilter;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenFilter;
import org.apache.lucene.analysis.ngram.NGramTokenFilter;
import org.apache.lucene.analysis.pt.PortugueseLightStemFilter;
import org.apache.lucene.analysis.pt.PortugueseMinimalStemFilter;
import org.apache.lucene.analysis.reverse.ReverseStringFilter;
import org.apache.lucene.analysis.ru.RussianLightStemFilter;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tr.TurkishLowerCaseFilter;
import org.apache.lucene.analysis.util.ElisionFilter;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.index.IndexSettings;
import org.elasticsearch.index.analysis.AbstractCharFilterFactory;
import org.elasticsearch.index.analysis.AbstractTokenFilterFactory;
import org.elasticsearch.index.analysis.Analysis;
import org.elasticsearch.index.analysis.NormalizingTokenFilterFactory;
import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.tartarus.snowball.SnowballStemmer;
import org.tartarus.snowball.ext.DutchStemmer;
import org.tartarus.snowball.ext.EnglishStemmer;
import org.tartarus.snowball.ext.FrenchStemmer;
import org.tartarus.snowball.ext.GermanStemmer;
import org.tartarus.snowball.ext.ItalianStemmer;
import org.tartarus.snowball.ext.PortugueseStemmer;
import org.tartarus.snowball.ext.RussianStemmer;
import org.tartarus.snowball.ext.SpanishStemmer;

import java.io.IOException;
import java.io.Reader;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/** Token filters (and the html_strip char filter), mirroring analysis-common names, settings and defaults. */
final class Filters {
    private Filters() {}

    /** {@code lowercase}: optional {@code language} = greek | irish | turkish. */
    static final class LowerCase extends AbstractTokenFilterFactory implements NormalizingTokenFilterFactory {
        private final String lang;

        LowerCase(IndexSettings is, Environment env, String name, Settings s) {
            super(name, s);
            lang = s.get("language");
            if (lang != null && !List.of("greek", "irish", "turkish").contains(lang.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("language [" + lang + "] not support for lower case");
            }
        }

        @Override
        public TokenStream create(TokenStream ts) {
            if (lang == null) return new LowerCaseFilter(ts);
            switch (lang.toLowerCase(Locale.ROOT)) {
                case "greek": return new GreekLowerCaseFilter(ts);
                case "irish": return new IrishLowerCaseFilter(ts);
                default: return new TurkishLowerCaseFilter(ts);
            }
        }
    }

    /** {@code asciifolding}: {@code preserve_original} (default false). */
    static final class AsciiFolding extends AbstractTokenFilterFactory implements NormalizingTokenFilterFactory {
        private final boolean preserveOriginal;

        AsciiFolding(IndexSettings is, Environment env, String name, Settings s) {
            super(name, s);
            preserveOriginal = s.getAsBoolean("preserve_original", false);
        }

        @Override
        public TokenStream create(TokenStream ts) {
            return new ASCIIFoldingFilter(ts, preserveOriginal);
        }

        @Override
        public TokenStream normalize(TokenStream ts) {
            return new ASCIIFoldingFilter(ts, false);
        }

        @Override
        public TokenFilterFactory getSynonymFilter() {
            if (preserveOriginal == false) return this;
            final String n = name();
            return new NormalizingTokenFilterFactory() {
                public String name() { return n; }
                public TokenStream create(TokenStream ts) { return new ASCIIFoldingFilter(ts, false); }
            };
        }
    }

    /**
     * {@code elision}: {@code articles} (list) / {@code articles_path}, {@code articles_case} (default false:
     * case-sensitive). Like analysis-common, an explicitly configured elision filter requires articles; the bare name
     * {@code "elision"} is the pre-configured filter with Lucene's French default articles.
     */
    static final class Elision extends AbstractTokenFilterFactory implements NormalizingTokenFilterFactory {
        private final CharArraySet articles;

        Elision(IndexSettings is, Environment env, String name, Settings s) {
            super(name, s);
            articles = Analysis.parseArticles(env, s);
            if (articles == null) {
                throw new IllegalArgumentException("elision filter requires [articles] or [articles_path] setting");
            }
        }

        @Override
        public TokenStream create(TokenStream ts) {
            return new ElisionFilter(ts, articles);
        }
    }

    static TokenStream defaultElision(TokenStream ts) {
        return new ElisionFilter(ts, FrenchAnalyzer.DEFAULT_ARTICLES);
    }

    /** {@code stemmer}: {@code language} (or {@code name}), default {@code porter}. */
    static final class Stemmer extends AbstractTokenFilterFactory {
        private final Function<TokenStream, TokenStream> stem;

        Stemmer(IndexSettings is, Environment env, String name, Settings s) {
            super(name, s);
            String language = s.get("language", s.get("name", "porter"));
            stem = forLanguage(language);
        }

        private static Function<TokenStream, TokenStream> snowball(java.util.function.Supplier<SnowballStemmer> p) {
            return ts -> new SnowballFilter(ts, p.get());
        }

        static Function<TokenStream, TokenStream> forLanguage(String language) {
            switch (language.toLowerCase(Locale.ROOT)) {
                case "porter":
                case "english": return PorterStemFilter::new;
                case "light_english":
                case "kstem": return KStemFilter::new;
                case "minimal_english": return EnglishMinimalStemFilter::new;
                case "possessive_english": return EnglishPossessiveFilter::new;
                case "porter2": return snowball(EnglishStemmer::new);
                case "french": return snowball(FrenchStemmer::new);
                case "light_french": return FrenchLightStemFilter::new;
                case "minimal_french": return FrenchMinimalStemFilter::new;
                case "german": return snowball(GermanStemmer::new);
                case "light_german": return GermanLightStemFilter::new;
                case "minimal_german": return GermanMinimalStemFilter::new;
                case "spanish": return snowball(SpanishStemmer::new);
                case "light_spanish": return SpanishLightStemFilter::new;
                case "italian": return snowball(ItalianStemmer::new);
                case "light_italian": return ItalianLightStemFilter::new;
                case "portuguese": return snowball(PortugueseStemmer::new);
                case "light_portuguese": return PortugueseLightStemFilter::new;
                case "minimal_portuguese": return PortugueseMinimalStemFilter::new;
                case "dutch": return snowball(DutchStemmer::new);
                case "russian": return snowball(RussianStemmer::new);
                case "light_russian": return RussianLightStemFilter::new;
                default:
                    throw new IllegalArgumentException("stemmer language [" + language
                        + "] is not supported by the test-only reperes-analysis plugin (scripts/es-analysis-plugin)");
            }
        }

        @Override
        public TokenStream create(TokenStream ts) {
            return stem.apply(ts);
        }
    }

    /** {@code snowball}: {@code language} (default English), Snowball program name such as French, German. */
    static final class Snowball extends AbstractTokenFilterFactory {
        private final String language;

        Snowball(IndexSettings is, Environment env, String name, Settings s) {
            super(name, s);
            String l = s.get("language", s.get("name", "English"));
            language = l.substring(0, 1).toUpperCase(Locale.ROOT) + l.substring(1);
        }

        @Override
        public TokenStream create(TokenStream ts) {
            return new SnowballFilter(ts, language);
        }
    }

    /** {@code french_stem}: Snowball French stemmer, no settings. */
    static final class FrenchStem extends AbstractTokenFilterFactory {
        FrenchStem(IndexSettings is, Environment env, String name, Settings s) {
            super(name, s);
        }

        @Override
        public TokenStream create(TokenStream ts) {
            return new SnowballFilter(ts, new FrenchStemmer());
        }
    }

    /** {@code ngram}: {@code min_gram} (1), {@code max_gram} (2), {@code preserve_original} (false); checks index.max_ngram_diff. */
    static final class NGram extends AbstractTokenFilterFactory {
        private final int minGram, maxGram;
        private final boolean preserveOriginal;

        NGram(IndexSettings is, Environment env, String name, Settings s) {
            super(name, s);
            minGram = s.getAsInt("min_gram", 1);
            maxGram = s.getAsInt("max_gram", 2);
            preserveOriginal = s.getAsBoolean("preserve_original", false);
            int diff = maxGram - minGram;
            if (diff > is.getMaxNgramDiff()) {
                throw new IllegalArgumentException("The difference between max_gram and min_gram in NGram Token Filter must be less than or equal to: ["
                    + is.getMaxNgramDiff() + "] but was [" + diff + "]. This limit can be set by changing the ["
                    + IndexSettings.MAX_NGRAM_DIFF_SETTING.getKey() + "] index level setting.");
            }
        }

        @Override
        public TokenStream create(TokenStream ts) {
            return new NGramTokenFilter(ts, minGram, maxGram, preserveOriginal);
        }

        @Override
        public TokenFilterFactory getSynonymFilter() {
            throw new IllegalArgumentException("Token filter [" + name() + "] cannot be used to parse synonyms");
        }
    }

    /** {@code edge_ngram}: {@code min_gram} (1), {@code max_gram} (2), {@code side} (front|back), {@code preserve_original}. */
    static final class EdgeNGram extends AbstractTokenFilterFactory {
        private final int minGram, maxGram;
        private final boolean back, preserveOriginal;

        EdgeNGram(IndexSettings is, Environment env, String name, Settings s) {
            super(name, s);
            minGram = s.getAsInt("min_gram", 1);
            maxGram = s.getAsInt("max_gram", 2);
            String side = s.get("side", "front");
            if (!side.equals("front") && !side.equals("back")) throw new IllegalArgumentException("invalid side: [" + side + "]");
            back = side.equals("back");
            preserveOriginal = s.getAsBoolean("preserve_original", false);
        }

        @Override
        public TokenStream create(TokenStream ts) {
            TokenStream r = back ? new ReverseStringFilter(ts) : ts;
            r = new EdgeNGramTokenFilter(r, minGram, maxGram, preserveOriginal);
            return back ? new ReverseStringFilter(r) : r;
        }

        @Override
        public TokenFilterFactory getSynonymFilter() {
            throw new IllegalArgumentException("Token filter [" + name() + "] cannot be used to parse synonyms");
        }
    }

    /** {@code unique}: {@code only_on_same_position} (false). */
    static final class Unique extends AbstractTokenFilterFactory {
        private final boolean onlyOnSamePosition;

        Unique(IndexSettings is, Environment env, String name, Settings s) {
            super(name, s);
            onlyOnSamePosition = s.getAsBoolean("only_on_same_position", false);
        }

        @Override
        public TokenStream create(TokenStream ts) {
            return new UniqueFilter(ts, onlyOnSamePosition);
        }
    }

    static final class UniqueFilter extends TokenFilter {
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private final PositionIncrementAttribute posInc = addAttribute(PositionIncrementAttribute.class);
        private final CharArraySet seen = new CharArraySet(8, false);
        private final boolean onlyOnSamePosition;

        UniqueFilter(TokenStream in, boolean onlyOnSamePosition) {
            super(in);
            this.onlyOnSamePosition = onlyOnSamePosition;
        }

        @Override
        public boolean incrementToken() throws IOException {
            while (input.incrementToken()) {
                if (onlyOnSamePosition && posInc.getPositionIncrement() > 0) seen.clear();
                char[] buf = term.buffer();
                int len = term.length();
                if (seen.contains(buf, 0, len)) continue;
                char[] copy = new char[len];
                System.arraycopy(buf, 0, copy, 0, len);
                seen.add(copy);
                return true;
            }
            return false;
        }

        @Override
        public void reset() throws IOException {
            super.reset();
            seen.clear();
        }
    }

    /** {@code trim}. */
    static final class Trim extends AbstractTokenFilterFactory implements NormalizingTokenFilterFactory {
        Trim(IndexSettings is, Environment env, String name, Settings s) {
            super(name, s);
        }

        @Override
        public TokenStream create(TokenStream ts) {
            return new TrimFilter(ts);
        }
    }

    /** {@code truncate}: {@code length} (10). */
    static final class Truncate extends AbstractTokenFilterFactory {
        private final int length;

        Truncate(IndexSettings is, Environment env, String name, Settings s) {
            super(name, s);
            length = s.getAsInt("length", 10);
            if (length <= 0) throw new IllegalArgumentException("length parameter must be provided");
        }

        @Override
        public TokenStream create(TokenStream ts) {
            return new TruncateTokenFilter(ts, length);
        }
    }

    /** char filter {@code html_strip}: {@code escaped_tags} (list). */
    static final class HtmlStrip extends AbstractCharFilterFactory {
        private final Set<String> escapedTags;

        HtmlStrip(IndexSettings is, Environment env, String name, Settings s) {
            super(name);
            List<String> tags = s.getAsList("escaped_tags");
            escapedTags = tags.isEmpty() ? null : new HashSet<>(tags);
        }

        @Override
        public Reader create(Reader reader) {
            return new HTMLStripCharFilter(reader, escapedTags);
        }
    }
}
