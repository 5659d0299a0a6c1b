package dev.ppl.pipelang;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A pipelang literal: the value of a config parameter.
 */
public sealed interface Literal {

    /** The canonical syntax, which {@link Literals#parse(String)} reads back to an equal literal. */
    @Override
    String toString();

    /**
     * A string, printed double-quoted with {@code \" \\ \n \t \r} escaped and other control characters as
     * {@code \}{@code uXXXX}.
     */
    record Str(String value) implements Literal {

        public Str {
            if (value == null) {
                throw PipelangException.invalid("a string value", "null");
            }
        }

        @Override
        public String toString() {
            StringBuilder out = new StringBuilder("\"");
            for (char c : value.toCharArray()) {
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\t' -> out.append("\\t");
                    case '\r' -> out.append("\\r");
                    default -> {
                        if (Character.isISOControl(c)) {
                            out.append(String.format("\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            return out.append('"').toString();
        }
    }

    /** A 64-bit integer. */
    record IntLit(long value) implements Literal {

        @Override
        public String toString() {
            return Long.toString(value);
        }
    }

    /**
     * A finite double. Printed with {@link Double#toString(double)}, which always includes a {@code .} or an exponent,
     * so the text never reads back as an {@link IntLit}.
     */
    record DoubleLit(double value) implements Literal {

        public DoubleLit {
            if (!Double.isFinite(value)) {
                throw PipelangException.invalid("a finite Double", Double.toString(value));
            }
        }

        @Override
        public String toString() {
            return Double.toString(value);
        }
    }

    /** {@code true} or {@code false}. */
    record BoolLit(boolean value) implements Literal {

        @Override
        public String toString() {
            return Boolean.toString(value);
        }
    }

    /** A list, possibly empty, written {@code [a, b]}. */
    record ListLit(List<Literal> items) implements Literal {

        public ListLit {
            items = List.copyOf(items);
            PipelangLimits.checkChildren(items);
        }

        @Override
        public String toString() {
            return items.stream().map(Literal::toString).collect(Collectors.joining(", ", "[", "]"));
        }
    }

    /** A tuple of at least two items, written {@code (a, b)}. */
    record TupleLit(List<Literal> items) implements Literal {

        public TupleLit {
            items = List.copyOf(items);
            PipelangLimits.checkChildren(items);
            if (items.size() < 2) {
                throw PipelangException.invalid("a tuple of at least two items",
                        items.size() + " item" + (items.size() == 1 ? "" : "s"));
            }
        }

        @Override
        public String toString() {
            return items.stream().map(Literal::toString).collect(Collectors.joining(", ", "(", ")"));
        }
    }

    /**
     * A record with at least one field, written {@code {name: "x", score: 0.5}}. Fields keep their order for printing;
     * equality ignores it.
     */
    record RecordLit(Map<String, Literal> fields) implements Literal {

        public RecordLit {
            fields = Records.copyFields(fields);
            PipelangLimits.checkChildren(PipelangLimits.values(fields));
        }

        @Override
        public String toString() {
            return Records.print(fields);
        }
    }
}
