package dev.ppl.kit;

/** Decoding of the pipelang literals a component receives as parameters. */
public final class Literals {
    private Literals() {
    }

    /** The text of a pipelang String literal ({@code "a \"b\""} → {@code a "b"}). */
    public static String string(String literal) {
        String s = literal.strip();
        if (s.length() < 2 || s.charAt(0) != '"' || s.charAt(s.length() - 1) != '"') {
            throw new IllegalArgumentException("not a String literal: " + literal);
        }
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < s.length() - 1; i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length() - 1) {
                char next = s.charAt(++i);
                out.append(switch (next) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    default -> next;
                });
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
