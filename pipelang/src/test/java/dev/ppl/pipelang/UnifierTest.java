package dev.ppl.pipelang;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;

import org.junit.jupiter.api.Test;

class UnifierTest {

    private static final Type STRING = Types.parse("String");
    private static final Type INT = Types.parse("Int");

    @Test
    void bindsAVariableToAConcreteType() {
        Substitution s = Unifier.unify(Types.parse("t"), STRING);

        assertThat(s.bindings()).containsExactly(Map.entry("t", STRING));
        assertThat(s.lookup("t")).contains(STRING);
        assertThat(s.lookup("u")).isEmpty();
    }

    @Test
    void bindsAVariableInsideAList() {
        Substitution s = Unifier.unify(Types.parse("[t]"), Types.parse("[Int]"));

        assertThat(s.lookup("t")).contains(INT);
    }

    @Test
    void unifiesARepeatedVariableWithEqualComponents() {
        Substitution s = Unifier.unify(Types.parse("(t, t)"), Types.parse("(Int, Int)"));

        assertThat(s.bindings()).containsExactly(Map.entry("t", INT));
    }

    @Test
    void unifiesRecordsWhoseFieldsAreDeclaredInADifferentOrder() {
        Type a = Types.parse("{name: String, score: t}");
        Type b = Types.parse("{score: Double, name: u}");

        Substitution s = Unifier.unify(a, b);

        assertThat(s.apply(a)).isEqualTo(s.apply(b)).isEqualTo(Types.parse("{name: String, score: Double}"));
    }

    @Test
    void resolvesChainsOfVariablesFully() {
        Substitution s = Unifier.unify(Types.parse("(a, b, [c])"), Types.parse("(b, [c], [Polygon<Int>])"));

        assertThat(s.apply(Types.parse("a"))).isEqualTo(Types.parse("[Polygon<Int>]"));
        assertThat(s.bindings()).containsEntry("a", Types.parse("[Polygon<Int>]"))
                .containsEntry("b", Types.parse("[Polygon<Int>]"))
                .containsEntry("c", Types.parse("Polygon<Int>"));
    }

    @Test
    void leavesEqualTypesWithoutBindings() {
        assertThat(Unifier.unify(Types.parse("[(t, String)]"), Types.parse("[(t, String)]")).isEmpty()).isTrue();
    }

    @Test
    void rejectsARepeatedVariableWithDifferentComponents() {
        PipelangException e = catchThrowableOfType(PipelangException.class,
                () -> Unifier.unify(Types.parse("(t, t)"), Types.parse("(Int, String)")));

        assertThat(e.position()).isEqualTo(-1);
        assertThat(e).hasMessage("in element 1 of (t, t) vs (Int, String): Int does not unify with String");
        assertThat(e.expected()).isEqualTo("Int");
        assertThat(e.found()).isEqualTo("String");
    }

    @Test
    void namesTheElementWhereListsDiffer() {
        assertThatThrownBy(() -> Unifier.unify(Types.parse("[String]"), Types.parse("[Int]")))
                .hasMessage("in element of [String] vs [Int]: String does not unify with Int");
    }

    @Test
    void namesEveryLevelOnTheWayToADeepMismatch() {
        assertThatThrownBy(() -> Unifier.unify(Types.parse("{box: [Polygon<Int>]}"), Types.parse("{box: [Polygon<Double>]}")))
                .hasMessage("in field box of {box: [Polygon<Int>]} vs {box: [Polygon<Double>]}: "
                        + "in element of [Polygon<Int>] vs [Polygon<Double>]: "
                        + "in argument 0 of Polygon<Int> vs Polygon<Double>: Int does not unify with Double");
    }

    @Test
    void rejectsAVariableThatOccursInTheOtherType() {
        assertThatThrownBy(() -> Unifier.unify(Types.parse("t"), Types.parse("[t]"))).hasMessage("t occurs in [t]");
        assertThatThrownBy(() -> Unifier.unify(Types.parse("(t, u)"), Types.parse("(u, {a: t})")))
                .hasMessage("in element 1 of (t, u) vs (u, {a: t}): u occurs in {a: u}");
    }

    @Test
    void rejectsTuplesOfDifferentArity() {
        assertThatThrownBy(() -> Unifier.unify(Types.parse("(t, u)"), Types.parse("(Int, Int, Int)")))
                .hasMessage("(t, u) does not unify with (Int, Int, Int)");
    }

    @Test
    void rejectsRecordsWithDifferentFieldNames() {
        assertThat(Unifier.unifies(Types.parse("{a: t}"), Types.parse("{b: Int}"))).isFalse();
        assertThat(Unifier.unifies(Types.parse("{a: t}"), Types.parse("{a: Int, b: Int}"))).isFalse();
    }

    @Test
    void rejectsDifferentKindsOfType() {
        assertThat(Unifier.unifies(Types.parse("[t]"), Types.parse("(t, t)"))).isFalse();
        assertThat(Unifier.unifies(Types.parse("Polygon<t>"), Types.parse("[t]"))).isFalse();
        assertThat(Unifier.unifies(Types.parse("BoundingBox"), Types.parse("{x: Double, y: Double, w: Double, h: Double}")))
                .isFalse();
    }

    @Test
    void extendsAnExistingSubstitution() {
        Substitution s = Unifier.unify(Types.parse("t"), STRING);

        assertThat(Unifier.unify(Types.parse("[t]"), Types.parse("[u]"), s).lookup("u")).contains(STRING);
        assertThatThrownBy(() -> Unifier.unify(Types.parse("t"), INT, s)).hasMessage("String does not unify with Int");
    }

    @Test
    void constrainsAVariableConsistentlyWithEarlierBindings() {
        Substitution s = Unifier.unify(Types.parse("[t]"), Types.parse("[u]"));

        Substitution pinned = Unifier.constrain(s, "u", INT);

        assertThat(pinned.lookup("t")).contains(INT);
        assertThatThrownBy(() -> Unifier.constrain(pinned, "t", STRING)).hasMessage("Int does not unify with String");
        assertThat(Unifier.constrain(pinned, "t", INT)).isEqualTo(pinned);
    }

    @Test
    void unifiesScopedVariablesOfTwoVerticesIndependently() {
        Type output = Types.parse("[t]").renameVariables(v -> v + "@1");
        Type input = Types.parse("[t]").renameVariables(v -> v + "@2");

        Substitution s = Unifier.constrain(Unifier.unify(output, input), "t@1", STRING);

        assertThat(s.lookup("t@2")).contains(STRING);
    }

    @Test
    void comparesSubstitutionsByTheirBindings() {
        Substitution viaList = Unifier.unify(Types.parse("[t]"), Types.parse("[Int]"));
        Substitution direct = Unifier.constrain(Substitution.empty(), "t", INT);

        assertThat(viaList).isEqualTo(direct).hasSameHashCodeAs(direct);
        assertThat(viaList).isNotEqualTo(Substitution.empty());
        assertThat(Substitution.empty().isEmpty()).isTrue();
    }
}
