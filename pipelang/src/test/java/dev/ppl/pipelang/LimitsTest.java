package dev.ppl.pipelang;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class LimitsTest {
    private static final int MAX = PipelangLimits.maxDepth();

    private static String nestedType(int brackets) {
        return "[".repeat(brackets) + "Int" + "]".repeat(brackets);
    }

    @Test
    void aTypeNestedTwentyThousandLevelsIsRefusedAsTooDeepWithoutOverflowingTheStack() {
        assertThatThrownBy(() -> Types.parse(nestedType(20_000))).isInstanceOfSatisfying(PipelangException.class, e -> {
            assertThat(e.limit()).isEqualTo(MAX);
            assertThat(e.setting()).isEqualTo("ppl.pipelang.max-depth");
            assertThat(e.expected()).contains("at most " + MAX + " levels");
        });
    }

    @Test
    void aTypeAtTheDepthLimitParsesAndOneLevelMoreDoesNot() {
        assertThat(Types.parse(nestedType(MAX - 1))).isInstanceOf(Type.ListOf.class);
        assertThatThrownBy(() -> Types.parse(nestedType(MAX))).isInstanceOf(PipelangException.class)
                .hasMessageContaining("nested deeper than " + MAX);
    }

    @Test
    void deepRecordsTuplesAndTypeArgumentsAreRefusedLikeLists() {
        assertThatThrownBy(() -> Types.parse("{a: ".repeat(5000) + "Int" + "}".repeat(5000)))
                .isInstanceOf(PipelangException.class).hasMessageContaining("nested deeper");
        assertThatThrownBy(() -> Types.parse("(Int, ".repeat(5000) + "Int" + ")".repeat(5000)))
                .isInstanceOf(PipelangException.class).hasMessageContaining("nested deeper");
        assertThatThrownBy(() -> Types.parse("Polygon<".repeat(5000) + "Int" + ">".repeat(5000)))
                .isInstanceOf(PipelangException.class).hasMessageContaining("nested deeper");
    }

    @Test
    void aLiteralNestedPastTheLimitIsRefusedAndOneWithinItParses() {
        assertThatThrownBy(() -> Literals.parse("[".repeat(20_000) + "1" + "]".repeat(20_000)))
                .isInstanceOfSatisfying(PipelangException.class, e -> assertThat(e.limit()).isEqualTo(MAX));
        assertThat(Literals.parse("[".repeat(MAX - 1) + "1" + "]".repeat(MAX - 1))).isInstanceOf(Literal.ListLit.class);
    }

    @Test
    void aTextLongerThanTheLengthLimitIsRefusedBeforeItIsRead() {
        String tooLong = "\"" + "x".repeat(PipelangLimits.maxLength()) + "\"";
        assertThatThrownBy(() -> Literals.parse(tooLong)).isInstanceOfSatisfying(PipelangException.class, e -> {
            assertThat(e.limit()).isEqualTo(PipelangLimits.maxLength());
            assertThat(e.setting()).isEqualTo("ppl.pipelang.max-length");
        });
    }

    @Test
    void typesBuiltInCodePastTheLimitAreRefusedSoSubstitutionCannotGrowThemWithoutBound() {
        Type type = new Type.Named("Int");
        for (int i = 1; i < MAX; i++) {
            type = new Type.ListOf(type);
        }
        Type atLimit = type;
        assertThatThrownBy(() -> new Type.ListOf(atLimit)).isInstanceOf(PipelangException.class);
        assertThatThrownBy(() -> new Type.TupleOf(List.of(atLimit, new Type.Named("Int"))))
                .isInstanceOf(PipelangException.class);
    }

    @Test
    void unifyingVariablesWhoseBindingsNestPastTheLimitIsRefusedNotOverflowed() {
        // t := [u], u := [v], ... each binding alone is shallow, but resolving them nests one level per variable.
        Substitution s = Substitution.empty();
        PipelangException refused = null;
        for (int i = 0; i < MAX + 5 && refused == null; i++) {
            try {
                s = Unifier.unify(new Type.Var("v" + i), new Type.ListOf(new Type.Var("v" + (i + 1))), s);
            } catch (PipelangException e) {
                refused = e;
            }
        }
        assertThat(refused).isNotNull();
        assertThat(refused.limit()).isEqualTo(MAX);
    }
}
