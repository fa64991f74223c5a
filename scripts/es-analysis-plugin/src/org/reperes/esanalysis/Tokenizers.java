package org.reperes.esanalysis;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.core.LetterTokenizer;
import org.apache.lucene.analysis.core.WhitespaceTokenizer;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenizer;
import org.apache.lucene.analysis.ngram.NGramTokenizer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.index.IndexSettings;
import org.elasticsearch.index.analysis.AbstractTokenizerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntPredicate;

/** Tokenizers mirroring analysis-common names, settings and defaults ({@code standard} is built into the server). */
final class Tokenizers {
    private Tokenizers() {}

    /** {@code keyword}: {@code buffer_size} (256). */
    static final class Keyword extends AbstractTokenizerFactory {
        private final int bufferSize;

        Keyword(IndexSettings is, Environment env, String name, Settings s) {
            super(is, s, name);
            bufferSize = s.getAsInt("buffer_size", 256);
        }

        @Override
        public Tokenizer create() {
            return new KeywordTokenizer(bufferSize);
        }
    }

    /** {@code whitespace}: {@code max_token_length} (255). */
    static final class Whitespace extends AbstractTokenizerFactory {
        private final int maxTokenLength;

        Whitespace(IndexSettings is, Environment env, String name, Settings s) {
            super(is, s, name);
            maxTokenLength = s.getAsInt("max_token_length", StandardAnalyzer.DEFAULT_MAX_TOKEN_LENGTH);
        }

        @Override
        public Tokenizer create() {
            return new WhitespaceTokenizer(TokenStream.DEFAULT_TOKEN_ATTRIBUTE_FACTORY, maxTokenLength);
        }
    }

    /** {@code letter}. */
    static final class Letter extends AbstractTokenizerFactory {
        Letter(IndexSettings is, Environment env, String name, Settings s) {
            super(is, s, name);
        }

        @Override
        public Tokenizer create() {
            return new LetterTokenizer();
        }
    }

    /** {@code lowercase}: letter tokenizer + lower-casing (as analysis-common's LowerCaseTokenizer). */
    static final class LowerCase extends AbstractTokenizerFactory {
        LowerCase(IndexSettings is, Environment env, String name, Settings s) {
            super(is, s, name);
        }

        @Override
        public Tokenizer create() {
            return new LowerCaseTokenizer();
        }
    }

    /** Parses {@code token_chars} (letter, digit, whitespace, punctuation, symbol, custom) + {@code custom_token_chars}. */
    static IntPredicate tokenChars(Settings s) {
        List<String> names = s.getAsList("token_chars");
        if (names.isEmpty()) return null;
        List<IntPredicate> preds = new ArrayList<>();
        for (String n : names) {
            switch (n.toLowerCase(Locale.ROOT)) {
                case "letter": preds.add(Character::isLetter); break;
                case "digit": preds.add(c -> Character.getType(c) == Character.DECIMAL_DIGIT_NUMBER); break;
                case "whitespace": preds.add(Character::isWhitespace); break;
                case "punctuation": preds.add(c -> {
                    switch (Character.getType(c)) {
                        case Character.CONNECTOR_PUNCTUATION: case Character.DASH_PUNCTUATION:
                        case Character.START_PUNCTUATION: case Character.END_PUNCTUATION:
                        case Character.INITIAL_QUOTE_PUNCTUATION: case Character.FINAL_QUOTE_PUNCTUATION:
                        case Character.OTHER_PUNCTUATION: return true;
                        default: return false;
                    }
                }); break;
                case "symbol": preds.add(c -> {
                    switch (Character.getType(c)) {
                        case Character.MATH_SYMBOL: case Character.CURRENCY_SYMBOL:
                        case Character.MODIFIER_SYMBOL: case Character.OTHER_SYMBOL: return true;
                        default: return false;
                    }
                }); break;
                case "custom": {
                    String custom = s.get("custom_token_chars");
                    if (custom == null) throw new IllegalArgumentException("Token type: [custom] requires setting [custom_token_chars]");
                    preds.add(c -> custom.indexOf(c) >= 0 || (Character.isSupplementaryCodePoint(c) && custom.contains(new String(Character.toChars(c)))));
                    break;
                }
                default:
                    throw new IllegalArgumentException("Unknown token type: '" + n + "', must be one of [symbol, punctuation, digit, whitespace, letter, custom]");
            }
        }
        return c -> {
            for (IntPredicate p : preds) if (p.test(c)) return true;
            return false;
        };
    }

    /** {@code ngram}: {@code min_gram} (1), {@code max_gram} (2), {@code token_chars}; checks index.max_ngram_diff. */
    static final class NGram extends AbstractTokenizerFactory {
        private final int minGram, maxGram;
        private final IntPredicate matcher;

        NGram(IndexSettings is, Environment env, String name, Settings s) {
            super(is, s, name);
            minGram = s.getAsInt("min_gram", NGramTokenizer.DEFAULT_MIN_NGRAM_SIZE);
            maxGram = s.getAsInt("max_gram", NGramTokenizer.DEFAULT_MAX_NGRAM_SIZE);
            int diff = maxGram - minGram;
            if (diff > is.getMaxNgramDiff()) {
                throw new IllegalArgumentException("The difference between max_gram and min_gram in NGram Tokenizer must be less than or equal to: ["
                    + is.getMaxNgramDiff() + "] but was [" + diff + "]. This limit can be set by changing the ["
                    + IndexSettings.MAX_NGRAM_DIFF_SETTING.getKey() + "] index level setting.");
            }
            matcher = tokenChars(s);
        }

        @Override
        public Tokenizer create() {
            if (matcher == null) return new NGramTokenizer(minGram, maxGram);
            return new NGramTokenizer(minGram, maxGram) {
                @Override
                protected boolean isTokenChar(int chr) {
                    return matcher.test(chr);
                }
            };
        }
    }

    /** {@code edge_ngram}: {@code min_gram} (1), {@code max_gram} (2), {@code token_chars}. */
    static final class EdgeNGram extends AbstractTokenizerFactory {
        private final int minGram, maxGram;
        private final IntPredicate matcher;

        EdgeNGram(IndexSettings is, Environment env, String name, Settings s) {
            super(is, s, name);
            minGram = s.getAsInt("min_gram", NGramTokenizer.DEFAULT_MIN_NGRAM_SIZE);
            maxGram = s.getAsInt("max_gram", NGramTokenizer.DEFAULT_MAX_NGRAM_SIZE);
            matcher = tokenChars(s);
        }

        @Override
        public Tokenizer create() {
            if (matcher == null) return new EdgeNGramTokenizer(minGram, maxGram);
            return new EdgeNGramTokenizer(minGram, maxGram) {
                @Override
                protected boolean isTokenChar(int chr) {
                    return matcher.test(chr);
                }
            };
        }
    }
}
