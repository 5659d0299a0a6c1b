package dev.ppl.pipelang;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * A pipelang type: the type of a component input, output or config parameter.
 */
public sealed interface Type {

    /** The canonical syntax, which {@link Types#parse(String)} reads back to an equal type. */
    @Override
    String toString();

    /** The names of the type variables in this type, in order of first occurrence. */
    default Set<String> variables() {
        Set<String> names = new LinkedHashSet<>();
        collectVariables(this, names);
        return Collections.unmodifiableSet(names);
    }

    /**
     * This type with every variable name replaced by {@code rename} applied to it; used to give each vertex its own
     * copy of a component's variables, e.g. {@code t} to {@code t@3}.
     */
    Type renameVariables(UnaryOperator<String> rename);

    private static void collectVariables(Type type, Set<String> names) {
        if (type instanceof Var v) {
            names.add(v.name());
        } else if (type instanceof Named n) {
            n.args().forEach(a -> collectVariables(a, names));
        } else if (type instanceof ListOf l) {
            collectVariables(l.element(), names);
        } else if (type instanceof TupleOf t) {
            t.elements().forEach(e -> collectVariables(e, names));
        } else if (type instanceof RecordOf r) {
            r.fields().values().forEach(f -> collectVariables(f, names));
        }
    }

    /**
     * A built-in named type: {@code String}, {@code Int}, {@code Double}, {@code Bool}, {@code Bytes}, {@code Image},
     * {@code AudioFrame}, {@code Tensor} and {@code BoundingBox} take no arguments; {@code Polygon<T>} takes exactly
     * one.
     */
    record Named(String name, List<Type> args) implements Type {

        /** Each built-in name with its number of type arguments, in the order error messages list them. */
        private static final Map<String, Integer> BUILT_INS = builtIns();

        public Named {
            if (name == null || !BUILT_INS.containsKey(name)) {
                String known = String.join(", ", BUILT_INS.keySet());
                throw new PipelangException("unknown type '" + name + "'; expected one of " + known, -1, "",
                        "one of " + known, String.valueOf(name));
            }
            args = List.copyOf(args);
            PipelangLimits.checkChildren(args);
            int arity = BUILT_INS.get(name);
            if (args.size() != arity) {
                throw PipelangException.invalid(
                        arity == 0 ? name + " without type arguments" : name + "<T> with exactly one type argument",
                        print(name, args));
            }
        }

        /** A built-in type without arguments, such as {@code String}. */
        public Named(String name) {
            this(name, List.of());
        }

        @Override
        public Type renameVariables(UnaryOperator<String> rename) {
            return new Named(name, args.stream().map(a -> a.renameVariables(rename)).toList());
        }

        @Override
        public String toString() {
            return print(name, args);
        }

        private static String print(String name, List<Type> args) {
            return args.isEmpty() ? name
                    : name + args.stream().map(Type::toString).collect(Collectors.joining(", ", "<", ">"));
        }

        private static Map<String, Integer> builtIns() {
            Map<String, Integer> arities = new LinkedHashMap<>();
            for (String name : List.of("String", "Int", "Double", "Bool", "Bytes", "Image", "AudioFrame", "Tensor",
                    "BoundingBox")) {
                arities.put(name, 0);
            }
            arities.put("Polygon", 1);
            return Collections.unmodifiableMap(arities);
        }
    }

    /** A homogeneous list, written {@code [T]}. */
    record ListOf(Type element) implements Type {

        public ListOf {
            if (element == null) {
                throw PipelangException.invalid("an element type", "null");
            }
            PipelangLimits.checkChildren(List.of(element));
        }

        @Override
        public Type renameVariables(UnaryOperator<String> rename) {
            return new ListOf(element.renameVariables(rename));
        }

        @Override
        public String toString() {
            return "[" + element + "]";
        }
    }

    /** A fixed-size tuple of at least two elements, written {@code (A, B)}. */
    record TupleOf(List<Type> elements) implements Type {

        public TupleOf {
            elements = List.copyOf(elements);
            PipelangLimits.checkChildren(elements);
            if (elements.size() < 2) {
                throw PipelangException.invalid("a tuple of at least two element types",
                        elements.size() + " element type" + (elements.size() == 1 ? "" : "s"));
            }
        }

        @Override
        public Type renameVariables(UnaryOperator<String> rename) {
            return new TupleOf(elements.stream().map(e -> e.renameVariables(rename)).toList());
        }

        @Override
        public String toString() {
            return elements.stream().map(Type::toString).collect(Collectors.joining(", ", "(", ")"));
        }
    }

    /**
     * A record with at least one field, written {@code {name: T, other: U}}. Fields keep their declaration order for
     * printing; equality, like unification, ignores the order.
     */
    record RecordOf(Map<String, Type> fields) implements Type {

        public RecordOf {
            fields = Records.copyFields(fields);
            PipelangLimits.checkChildren(PipelangLimits.values(fields));
        }

        @Override
        public Type renameVariables(UnaryOperator<String> rename) {
            Map<String, Type> renamed = new LinkedHashMap<>();
            fields.forEach((name, type) -> renamed.put(name, type.renameVariables(rename)));
            return new RecordOf(renamed);
        }

        @Override
        public String toString() {
            return Records.print(fields);
        }
    }

    /**
     * A type variable. Parsed variables are identifiers starting with a lowercase letter ({@code t}, {@code elem});
     * after the first letter a name may also contain {@code @}, {@code .} and {@code -} so that per-vertex copies such
     * as {@code t@3} print and parse back unchanged.
     */
    record Var(String name) implements Type {

        public Var {
            if (!isVariableName(name)) {
                throw PipelangException.invalid("a type variable name starting with a lowercase letter",
                        name == null ? "null" : "'" + name + "'");
            }
        }

        static boolean isVariableStart(int c) {
            return c >= 'a' && c <= 'z';
        }

        static boolean isVariablePart(int c) {
            return Cursor.isIdentifierPart(c) || c == '@' || c == '.' || c == '-';
        }

        private static boolean isVariableName(String name) {
            return name != null && !name.isEmpty() && isVariableStart(name.charAt(0))
                    && name.chars().allMatch(Var::isVariablePart);
        }

        @Override
        public Type renameVariables(UnaryOperator<String> rename) {
            return new Var(rename.apply(name));
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
