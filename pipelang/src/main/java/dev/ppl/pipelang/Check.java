package dev.ppl.pipelang;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Checks that a literal has a type.
 *
 * <p>
 * {@code String}, {@code Int}, {@code Double} and {@code Bool} take their own literals only: an Int literal is not a
 * Double and the string {@code "true"} is not a Bool, so a config value never changes meaning by being coerced. Lists,
 * tuples and records are checked element by element; a record literal needs exactly the fields of its type. A type
 * variable accepts any literal.
 *
 * <p>
 * Of the types that describe runtime data, two have a literal form so that tests can pass them as parameters:
 * {@code BoundingBox} is written as the record {@code {x: Double, y: Double, w: Double, h: Double}} and
 * {@code Polygon<T>} as the list of points {@code [(T, T)]}. {@code Bytes}, {@code Image}, {@code AudioFrame} and
 * {@code Tensor} have no literal form.
 */
public final class Check {

    private static final Type DOUBLE = new Type.Named("Double");
    private static final Type BOUNDING_BOX = new Type.RecordOf(
            orderedFields(List.of("x", "y", "w", "h"), DOUBLE));

    private Check() {
    }

    /**
     * Throws {@link PipelangException} if {@code value} does not have {@code type}; its {@link PipelangException#path()}
     * says where inside the value, such as {@code [2].score}.
     */
    public static void literal(Literal value, Type type) {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(type, "type");
        check(value, type, "");
    }

    /** Parses both texts, then checks as {@link #literal(Literal, Type)} does. */
    public static void literal(String literalText, String typeText) {
        literal(Literals.parse(literalText), Types.parse(typeText));
    }

    private static void check(Literal value, Type type, String path) {
        if (type instanceof Type.Var) {
            return;
        }
        if (type instanceof Type.Named named) {
            checkNamed(value, named, path);
        } else if (type instanceof Type.ListOf list) {
            if (!(value instanceof Literal.ListLit items)) {
                throw mismatch(path, "a list literal of type " + type, value);
            }
            for (int i = 0; i < items.items().size(); i++) {
                check(items.items().get(i), list.element(), path + "[" + i + "]");
            }
        } else if (type instanceof Type.TupleOf tuple) {
            if (!(value instanceof Literal.TupleLit items) || items.items().size() != tuple.elements().size()) {
                throw mismatch(path, "a tuple literal of type " + type, value);
            }
            for (int i = 0; i < items.items().size(); i++) {
                check(items.items().get(i), tuple.elements().get(i), path + "(" + i + ")");
            }
        } else if (type instanceof Type.RecordOf record) {
            checkRecord(value, record, path);
        }
    }

    private static void checkNamed(Literal value, Type.Named type, String path) {
        switch (type.name()) {
            case "String" -> expect(value instanceof Literal.Str, path, "a String literal such as \"text\"", value);
            case "Int" -> expect(value instanceof Literal.IntLit, path, "an Int literal such as 1", value);
            case "Double" -> expect(value instanceof Literal.DoubleLit, path, "a Double literal such as 1.0", value);
            case "Bool" -> expect(value instanceof Literal.BoolLit, path, "a Bool literal (true or false)", value);
            case "BoundingBox" -> {
                expect(value instanceof Literal.RecordLit, path,
                        "a BoundingBox literal such as {x: 0.0, y: 0.0, w: 1.0, h: 1.0}", value);
                check(value, BOUNDING_BOX, path);
            }
            case "Polygon" -> {
                Type point = type.args().get(0);
                expect(value instanceof Literal.ListLit, path,
                        "a " + type + " literal: a list of points (" + point + ", " + point + ")", value);
                check(value, new Type.ListOf(new Type.TupleOf(List.of(point, point))), path);
            }
            default -> throw new PipelangException(type.name() + " values have no literal form, found " + describe(value),
                    -1, path, "a " + type.name() + " value, which has no literal form", describe(value));
        }
    }

    private static void checkRecord(Literal value, Type.RecordOf type, String path) {
        if (!(value instanceof Literal.RecordLit record)) {
            throw mismatch(path, "a record literal of type " + type, value);
        }
        for (String name : record.fields().keySet()) {
            if (!type.fields().containsKey(name)) {
                throw PipelangException.mismatch(path + "." + name,
                        "one of the fields " + String.join(", ", type.fields().keySet()), "unknown field " + name);
            }
        }
        type.fields().forEach((name, fieldType) -> {
            Literal field = record.fields().get(name);
            if (field == null) {
                throw PipelangException.mismatch(path + "." + name, "a field " + name + " of type " + fieldType,
                        describe(record) + " without it");
            }
            check(field, fieldType, path + "." + name);
        });
    }

    private static void expect(boolean matches, String path, String expected, Literal value) {
        if (!matches) {
            throw mismatch(path, expected, value);
        }
    }

    private static PipelangException mismatch(String path, String expected, Literal value) {
        return PipelangException.mismatch(path, expected, describe(value));
    }

    private static String describe(Literal value) {
        String kind;
        if (value instanceof Literal.Str) {
            kind = "String literal ";
        } else if (value instanceof Literal.IntLit) {
            kind = "Int literal ";
        } else if (value instanceof Literal.DoubleLit) {
            kind = "Double literal ";
        } else if (value instanceof Literal.BoolLit) {
            kind = "Bool literal ";
        } else if (value instanceof Literal.ListLit) {
            kind = "list literal ";
        } else if (value instanceof Literal.TupleLit) {
            kind = "tuple literal ";
        } else {
            kind = "record literal ";
        }
        return kind + value;
    }

    private static Map<String, Type> orderedFields(List<String> names, Type type) {
        Map<String, Type> fields = new LinkedHashMap<>();
        names.forEach(name -> fields.put(name, type));
        return fields;
    }
}
