package org.reperes.esanalysis;

import org.apache.lucene.analysis.CharacterUtils;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

import java.io.IOException;

/**
 * Letter tokenizer that lower-cases while tokenizing (same behaviour as analysis-common's LowerCaseTokenizer;
 * Lucene's CharTokenizer#incrementToken is final, so its loop is reproduced here).
 */
final class LowerCaseTokenizer extends Tokenizer {
    private static final int IO_BUFFER_SIZE = 4096;
    private final int maxTokenLen = StandardAnalyzer.DEFAULT_MAX_TOKEN_LENGTH;
    private final CharTermAttribute termAtt = addAttribute(CharTermAttribute.class);
    private final OffsetAttribute offsetAtt = addAttribute(OffsetAttribute.class);
    private final CharacterUtils.CharacterBuffer ioBuffer = CharacterUtils.newCharacterBuffer(IO_BUFFER_SIZE);
    private int offset = 0, bufferIndex = 0, dataLen = 0, finalOffset = 0;

    @Override
    public boolean incrementToken() throws IOException {
        clearAttributes();
        int length = 0;
        int start = -1;
        int end = -1;
        char[] buffer = termAtt.buffer();
        while (true) {
            if (bufferIndex >= dataLen) {
                offset += dataLen;
                CharacterUtils.fill(ioBuffer, input);
                if (ioBuffer.getLength() == 0) {
                    dataLen = 0;
                    if (length > 0) {
                        break;
                    } else {
                        finalOffset = correctOffset(offset);
                        return false;
                    }
                }
                dataLen = ioBuffer.getLength();
                bufferIndex = 0;
            }
            final int c = Character.codePointAt(ioBuffer.getBuffer(), bufferIndex, ioBuffer.getLength());
            final int charCount = Character.charCount(c);
            bufferIndex += charCount;
            if (Character.isLetter(c)) {
                if (length == 0) {
                    start = offset + bufferIndex - charCount;
                    end = start;
                } else if (length >= buffer.length - 1) {
                    buffer = termAtt.resizeBuffer(2 + length);
                }
                end += charCount;
                length += Character.toChars(Character.toLowerCase(c), buffer, length);
                if (length >= maxTokenLen) {
                    break;
                }
            } else if (length > 0) {
                break;
            }
        }
        termAtt.setLength(length);
        offsetAtt.setOffset(correctOffset(start), finalOffset = correctOffset(end));
        return true;
    }

    @Override
    public void end() throws IOException {
        super.end();
        offsetAtt.setOffset(finalOffset, finalOffset);
    }

    @Override
    public void reset() throws IOException {
        super.reset();
        bufferIndex = 0;
        offset = 0;
        dataLen = 0;
        finalOffset = 0;
        ioBuffer.reset();
    }
}
