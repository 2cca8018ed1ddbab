package ai.raif.trainer.text;

/**
 * GPT-2's byte-to-character table (HF {@code bytes_to_unicode}): byte-level BPE vocabularies spell every byte as one
 * printable character, so a token that uses any other character is not a byte-level spelling.
 */
final class ByteLevelAlphabet {

    private static final char[] BYTE_TO_CHAR = buildTable();

    private ByteLevelAlphabet() {}

    /** Printable Latin-1 bytes stand for themselves; the other 68 bytes are moved to U+0100 and up, in byte order. */
    private static char[] buildTable() {
        char[] table = new char[256];
        int next = 256;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            table[b] = printable ? (char) b : (char) next++;
        }
        return table;
    }

    /** Whether every character of {@code token} is one of the 256 byte characters. */
    static boolean isByteLevelSpelling(String token) {
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            boolean inTable = c < 256 ? BYTE_TO_CHAR[c] == c : c < 256 + 68 && c >= 256;
            if (!inTable) {
                return false;
            }
        }
        return true;
    }

    /** The byte-level spelling of {@code text}'s UTF-8 bytes. */
    static String spell(String text) {
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        StringBuilder spelled = new StringBuilder(bytes.length);
        for (byte b : bytes) {
            spelled.append(BYTE_TO_CHAR[b & 0xFF]);
        }
        return spelled.toString();
    }
}
