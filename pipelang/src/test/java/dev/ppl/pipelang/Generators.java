package dev.ppl.pipelang;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;

/** Depth-bounded generators of types and literals for the property tests. */
final class Generators {

    private static final List<String> NO_ARG_TYPES = List.of("String", "Int", "Double", "Bool", "Bytes", "Image",
            "AudioFrame", "Tensor", "BoundingBox");

    /** Includes per-vertex names so that the round trip covers what {@link Type#renameVariables} produces. */
    private static final List<String> VARIABLES = List.of("a", "t", "u", "elem", "t@3", "x1.in-2");

    /** Few names so that generalized pairs share variables, which is what makes some of them fail to unify. */
    private static final List<String> GENERALIZING_VARIABLES = List.of("a", "b", "c");

    private Generators() {
    }

    static Arbitrary<Type> types(int depth) {
        Arbitrary<Type> leaf = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of(NO_ARG_TYPES).map(Type.Named::new)),
                Tuple.of(1, Arbitraries.of(VARIABLES).map(Type.Var::new)));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<Type> inner = types(depth - 1);
        return Arbitraries.frequencyOf(
                Tuple.of(3, leaf),
                Tuple.of(1, inner.map(Type.ListOf::new).withoutEdgeCases()),
                Tuple.of(1, inner.list().ofMinSize(2).ofMaxSize(3).map(Type.TupleOf::new).withoutEdgeCases()),
                Tuple.of(1, Arbitraries.maps(fieldNames(), inner).ofMinSize(1).ofMaxSize(3).map(Type.RecordOf::new)
                        .withoutEdgeCases()),
                Tuple.of(1, inner.map(t -> new Type.Named("Polygon", List.of(t))).withoutEdgeCases()));
    }

    static Arbitrary<Literal> literals(int depth) {
        Arbitrary<Literal> leaf = Arbitraries.oneOf(
                strings().map(Literal.Str::new),
                Arbitraries.longs().map(Literal.IntLit::new),
                doubles().map(Literal.DoubleLit::new),
                Arbitraries.of(true, false).map(Literal.BoolLit::new));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<Literal> inner = literals(depth - 1);
        return Arbitraries.frequencyOf(
                Tuple.of(3, leaf),
                Tuple.of(1, inner.list().ofMaxSize(3).map(Literal.ListLit::new).withoutEdgeCases()),
                Tuple.of(1, inner.list().ofMinSize(2).ofMaxSize(3).map(Literal.TupleLit::new).withoutEdgeCases()),
                Tuple.of(1, Arbitraries.maps(fieldNames(), inner).ofMinSize(1).ofMaxSize(3).map(Literal.RecordLit::new)
                        .withoutEdgeCases()));
    }

    /**
     * Pairs of types that often unify: two independent generalizations of one compound type, each replacing random
     * proper subterms by variables. Some pairs are fully independent types, which rarely unify.
     */
    static Arbitrary<Tuple2<Type, Type>> unificationPairs() {
        Arbitrary<Type> compound = types(3)
                .filter(t -> !(t instanceof Type.Var) && !(t instanceof Type.Named n && n.args().isEmpty()));
        Arbitrary<Tuple2<Type, Type>> generalized = Combinators
                .combine(compound, Arbitraries.randoms(), Arbitraries.randoms())
                .as((type, left, right) -> Tuple.of(generalizeParts(type, left), generalizeParts(type, right)))
                .withoutEdgeCases();
        Arbitrary<Tuple2<Type, Type>> independent = Combinators.combine(types(2), types(2)).as(Tuple::of)
                .withoutEdgeCases();
        return Arbitraries.frequencyOf(Tuple.of(4, generalized), Tuple.of(1, independent));
    }

    private static Type generalize(Type type, Random random) {
        if (random.nextInt(3) == 0) {
            return new Type.Var(GENERALIZING_VARIABLES.get(random.nextInt(GENERALIZING_VARIABLES.size())));
        }
        return generalizeParts(type, random);
    }

    /** The root is kept so that most pairs exercise unification below the top level. */
    private static Type generalizeParts(Type type, Random random) {
        if (type instanceof Type.Named n) {
            return new Type.Named(n.name(), n.args().stream().map(a -> generalize(a, random)).toList());
        }
        if (type instanceof Type.ListOf l) {
            return new Type.ListOf(generalize(l.element(), random));
        }
        if (type instanceof Type.TupleOf t) {
            return new Type.TupleOf(t.elements().stream().map(e -> generalize(e, random)).toList());
        }
        if (type instanceof Type.RecordOf r) {
            Map<String, Type> fields = new LinkedHashMap<>();
            r.fields().forEach((name, field) -> fields.put(name, generalize(field, random)));
            return new Type.RecordOf(fields);
        }
        return type;
    }

    private static Arbitrary<String> fieldNames() {
        return Arbitraries.strings()
                .withCharRange('a', 'z')
                .withCharRange('A', 'Z')
                .withCharRange('0', '9')
                .withChars('_')
                .ofMinLength(1)
                .ofMaxLength(6)
                .filter(name -> !Character.isDigit(name.charAt(0)));
    }

    /** Mixes arbitrary UTF-16 text with the characters that need escaping. */
    private static Arbitrary<String> strings() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(8),
                Arbitraries.strings().withChars("\"\\\n\t\r\u0000\u001f\u007f\u0085 ab\u00e9\u20ac\ud83d\ude00")
                        .ofMaxLength(8));
    }

    /** Arbitrary bit patterns reach subnormals and extreme exponents that decimal generators miss. */
    private static Arbitrary<Double> doubles() {
        return Arbitraries.oneOf(
                Arbitraries.doubles(),
                Arbitraries.longs().map(Double::longBitsToDouble).filter(Double::isFinite),
                Arbitraries.of(0.0, -0.0, 1.0, 0.7, 1.0E-5, 1.0E7, Double.MIN_VALUE, Double.MAX_VALUE));
    }
}
