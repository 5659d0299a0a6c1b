package dev.ppl.pipelang;

import java.util.function.IntPredicate;

/**
 * The lexer shared by the type and literal parsers: a position in the text plus the tokens both grammars have in
 * common. Every method that looks for a token skips whitespace first, so the grammars are whitespace-tolerant without
 * mentioning it.
 */
final class Cursor {

    private final String text;
    private int pos;
    private int depth;

    Cursor(String text) {
        if (text == null) {
            throw PipelangException.invalid("a text to parse", "null");
        }
        if (text.length() > PipelangLimits.maxLength()) {
            throw PipelangException.tooLong(text.length());
        }
        this.text = text;
    }

    /** One level deeper into the value being parsed; refused past {@link PipelangLimits#maxDepth()}. */
    void descend() {
        if (++depth > PipelangLimits.maxDepth()) {
            throw PipelangException.tooDeep(offset());
        }
    }

    void ascend() {
        depth--;
    }

    static boolean isIdentifierStart(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_';
    }

    static boolean isIdentifierPart(int c) {
        return isIdentifierStart(c) || c >= '0' && c <= '9';
    }

    static boolean isIdentifier(String s) {
        return s != null && !s.isEmpty() && isIdentifierStart(s.charAt(0)) && s.chars().allMatch(Cursor::isIdentifierPart);
    }

    /** The offset of the next token. */
    int offset() {
        skipWhitespace();
        return pos;
    }

    /** The next character without consuming it, or -1 at the end of the text. */
    int peek() {
        skipWhitespace();
        return pos < text.length() ? text.charAt(pos) : -1;
    }

    boolean tryConsume(char c) {
        if (peek() == c) {
            pos++;
            return true;
        }
        return false;
    }

    void expect(char c) {
        if (!tryConsume(c)) {
            throw error(quote(c));
        }
    }

    /** Consumes {@code c}, or fails explaining the alternatives the grammar allowed here. */
    void expect(char c, String expected) {
        if (!tryConsume(c)) {
            throw error(expected);
        }
    }

    void expectEnd() {
        if (peek() != -1) {
            throw error("end of input");
        }
    }

    /** An identifier, or a syntax error saying {@code expected} was wanted here. */
    String identifier(String expected) {
        if (!isIdentifierStart(peek())) {
            throw error(expected);
        }
        return word(Cursor::isIdentifierPart);
    }

    /** The first character and every following one that satisfies {@code part}. */
    String word(IntPredicate part) {
        skipWhitespace();
        int start = pos++;
        while (pos < text.length() && part.test(text.charAt(pos))) {
            pos++;
        }
        return text.substring(start, pos);
    }

    /**
     * A double-quoted string with the escapes {@code \" \\ \n \t \r \}{@code uXXXX}, returned unescaped. Raw control
     * characters are rejected so that a value never silently spans lines.
     */
    String quotedString() {
        int start = offset();
        expect('"');
        StringBuilder out = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw PipelangException.syntax(pos, "'\"' to close the string started at " + start, "end of input");
            }
            char c = text.charAt(pos);
            if (c == '"') {
                pos++;
                return out.toString();
            }
            if (c == '\\') {
                out.append(escape());
            } else if (Character.isISOControl(c)) {
                throw PipelangException.syntax(pos, "an escape such as \\n instead of a raw control character",
                        describe(c));
            } else {
                out.append(c);
                pos++;
            }
        }
    }

    private char escape() {
        int start = pos;
        pos++;
        int c = pos < text.length() ? text.charAt(pos++) : -1;
        switch (c) {
            case '"':
                return '"';
            case '\\':
                return '\\';
            case 'n':
                return '\n';
            case 't':
                return '\t';
            case 'r':
                return '\r';
            case 'u':
                if (pos + 4 <= text.length() && text.substring(pos, pos + 4).chars().allMatch(Cursor::isHexDigit)) {
                    pos += 4;
                    return (char) Integer.parseInt(text.substring(pos - 4, pos), 16);
                }
                throw PipelangException.syntax(pos, "four hex digits after \\u", found(pos));
            default:
                throw PipelangException.syntax(start, "an escape \\\" \\\\ \\n \\t \\r or \\uXXXX",
                        c == -1 ? "end of input" : "'\\" + (char) c + "'");
        }
    }

    /**
     * The text of a number: {@code -?[0-9]+}, then an optional fraction {@code .[0-9]+}, then an optional exponent
     * {@code [eE][+-]?[0-9]+}.
     */
    String number() {
        int start = offset();
        if (pos < text.length() && text.charAt(pos) == '-') {
            pos++;
        }
        digits("a digit");
        if (pos < text.length() && text.charAt(pos) == '.') {
            pos++;
            digits("a digit after '.'");
        }
        if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            pos++;
            if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
                pos++;
            }
            digits("a digit in the exponent");
        }
        return text.substring(start, pos);
    }

    private void digits(String expected) {
        int start = pos;
        while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
            pos++;
        }
        if (pos == start) {
            throw PipelangException.syntax(pos, expected, found(pos));
        }
    }

    /** A syntax error at the next token. */
    PipelangException error(String expected) {
        return PipelangException.syntax(offset(), expected, found(pos));
    }

    /** What is at {@code at}, as error messages show it: a whole word rather than its first letter. */
    private String found(int at) {
        if (at >= text.length()) {
            return "end of input";
        }
        char c = text.charAt(at);
        if (isIdentifierPart(c)) {
            int end = at;
            while (end < text.length() && isIdentifierPart(text.charAt(end))) {
                end++;
            }
            return "'" + text.substring(at, end) + "'";
        }
        return describe(c);
    }

    private static String describe(char c) {
        return Character.isISOControl(c) || Character.isWhitespace(c) ? String.format("U+%04X", (int) c) : quote(c);
    }

    private static String quote(char c) {
        return "'" + c + "'";
    }

    private static boolean isHexDigit(int c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    private void skipWhitespace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }
}
