package dev.ppl.pipelang;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses pipelang literals.
 *
 * <pre>
 * literal = string                                    double-quoted, see below
 *         | integer                                   -?[0-9]+, within the range of a long
 *         | double                                    -?[0-9]+ ("." [0-9]+)? ([eE] [+-]? [0-9]+)?,
 *                                                     with a fraction, an exponent or both
 *         | "true" | "false"                          lowercase only
 *         | "[" [ literal { "," literal } ] "]"       list, possibly empty
 *         | "(" literal "," literal { "," literal } ")"   tuple
 *         | "{" field { "," field } "}"               record
 * field   = identifier ":" literal
 * </pre>
 * <p>
 * Strings escape a quote, a backslash, newline, tab and carriage return as {@code \" \\ \n \t \r}, and any character as
 * a backslash, {@code u} and four hex digits. Raw control characters are not allowed inside the quotes.
 * <p>
 * Whitespace is allowed between tokens.
 */
public final class Literals {

    private Literals() {
    }

    /** Parses a whole text as one literal; throws {@link PipelangException} at the first offending character. */
    public static Literal parse(String text) {
        Cursor in = new Cursor(text);
        Literal literal = literal(in);
        in.expectEnd();
        return literal;
    }

    private static Literal literal(Cursor in) {
        in.descend();
        try {
            return nested(in);
        } finally {
            in.ascend();
        }
    }

    private static Literal nested(Cursor in) {
        int start = in.offset();
        int next = in.peek();
        if (next == '"') {
            return new Literal.Str(in.quotedString());
        }
        if (next == '-' || next >= '0' && next <= '9') {
            return number(in.number(), start);
        }
        if (in.tryConsume('[')) {
            List<Literal> items = new ArrayList<>();
            if (in.tryConsume(']')) {
                return new Literal.ListLit(items);
            }
            do {
                items.add(literal(in));
            } while (in.tryConsume(','));
            in.expect(']', "']' or ','");
            return new Literal.ListLit(items);
        }
        if (in.tryConsume('(')) {
            List<Literal> items = new ArrayList<>();
            items.add(literal(in));
            in.expect(',', "',' (a tuple has at least two items)");
            do {
                items.add(literal(in));
            } while (in.tryConsume(','));
            in.expect(')', "')' or ','");
            return new Literal.TupleLit(items);
        }
        if (in.tryConsume('{')) {
            return new Literal.RecordLit(Records.parse(in, Literals::literal));
        }
        if (Cursor.isIdentifierStart(next)) {
            return bool(in.word(Cursor::isIdentifierPart), start);
        }
        throw in.error("a literal");
    }

    private static Literal number(String text, int start) {
        boolean floating = text.indexOf('.') >= 0 || text.indexOf('e') >= 0 || text.indexOf('E') >= 0;
        if (floating) {
            double value = Double.parseDouble(text);
            if (Double.isInfinite(value)) {
                throw PipelangException.syntax(start, "a finite Double", text);
            }
            return new Literal.DoubleLit(value);
        }
        try {
            return new Literal.IntLit(Long.parseLong(text));
        } catch (NumberFormatException e) {
            throw PipelangException.syntax(start, "an Int between " + Long.MIN_VALUE + " and " + Long.MAX_VALUE, text);
        }
    }

    private static Literal bool(String word, int start) {
        if (word.equals("true") || word.equals("false")) {
            return new Literal.BoolLit(word.equals("true"));
        }
        String hint = word.equalsIgnoreCase("true") || word.equalsIgnoreCase("false")
                ? "a literal (booleans are lowercase: true or false)"
                : "a literal (strings are double-quoted, as in \"" + word + "\")";
        throw PipelangException.syntax(start, hint, "'" + word + "'");
    }
}
