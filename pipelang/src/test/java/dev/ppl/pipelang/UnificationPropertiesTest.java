package dev.ppl.pipelang;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.statistics.Statistics;

class UnificationPropertiesTest {

    private static final String BINDS = "unifies, binding variables";
    private static final String FAILS = "does not unify";

    @Property(tries = 500)
    void unificationSucceedsInOneDirectionExactlyWhenItSucceedsInTheOther(@ForAll("pairs") Tuple2<Type, Type> pair) {
        boolean forward = Unifier.unifies(pair.get1(), pair.get2());
        boolean backward = Unifier.unifies(pair.get2(), pair.get1());

        assertThat(backward).isEqualTo(forward);
        classify(pair);
    }

    @Property(tries = 500)
    void aSuccessfulUnifierMakesBothTypesEqual(@ForAll("pairs") Tuple2<Type, Type> pair) {
        Type a = pair.get1();
        Type b = pair.get2();
        if (!classify(pair)) {
            return;
        }

        Substitution s = Unifier.unify(a, b);

        assertThat(s.apply(a)).isEqualTo(s.apply(b));
        // Bindings are fully resolved: applying twice changes nothing and no bound type mentions a bound variable.
        assertThat(s.apply(s.apply(a))).isEqualTo(s.apply(a));
        s.bindings().values()
                .forEach(bound -> assertThat(bound.variables()).doesNotContainAnyElementsOf(s.bindings().keySet()));
        Set<String> mentioned = new HashSet<>(a.variables());
        mentioned.addAll(b.variables());
        assertThat(mentioned).containsAll(s.bindings().keySet());
    }

    @Provide
    Arbitrary<Tuple2<Type, Type>> pairs() {
        return Generators.unificationPairs();
    }

    /**
     * Records whether the pair unifies and requires both real unifications and failures to be common, so that neither
     * property can pass vacuously because the generator drifted towards trivial pairs.
     */
    private static boolean classify(Tuple2<Type, Type> pair) {
        String outcome;
        try {
            outcome = Unifier.unify(pair.get1(), pair.get2()).isEmpty() ? "unifies, already equal" : BINDS;
        } catch (PipelangException e) {
            outcome = FAILS;
        }
        Statistics.label("outcome").collect(outcome);
        Statistics.label("outcome").coverage(coverage -> {
            coverage.check(BINDS).percentage(p -> p >= 25);
            coverage.check(FAILS).percentage(p -> p >= 10);
        });
        return !outcome.equals(FAILS);
    }
}
