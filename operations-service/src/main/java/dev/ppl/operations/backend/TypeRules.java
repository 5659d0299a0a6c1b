package dev.ppl.operations.backend;

import java.util.regex.Pattern;

/**
 * The walking skeleton's type rules: two port types connect when they are equal or either is a type
 * variable; a literal is checked for the scalar types. The pipelang library (issue 3) replaces this
 * class with real unification and the full literal grammar.
 */
final class TypeRules {
    private static final Pattern TYPE_VARIABLE = Pattern.compile("[a-z][a-z0-9_]*");
    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
    private static final Pattern INT = Pattern.compile("-?\\d+");
    private static final Pattern DOUBLE = Pattern.compile("-?\\d+\\.\\d+([eE][-+]?\\d+)?");

    private TypeRules() {
    }

    static boolean unify(String from, String to) {
        return from.equals(to) || TYPE_VARIABLE.matcher(from).matches() || TYPE_VARIABLE.matcher(to).matches();
    }

    /** Null when the literal matches the type; otherwise what was expected. */
    static String literalProblem(String type, String literal) {
        return switch (type) {
            case "String" -> STRING.matcher(literal).matches() ? null : "a double-quoted string such as \"text\"";
            case "Int" -> INT.matcher(literal).matches() ? null : "an integer such as 42";
            case "Double" -> DOUBLE.matcher(literal).matches() ? null : "a decimal with a dot such as 0.7 (1 is an Int)";
            case "Bool" -> literal.equals("true") || literal.equals("false") ? null : "true or false, unquoted";
            default -> literal.isBlank() ? "a " + type + " literal" : null;
        };
    }
}
