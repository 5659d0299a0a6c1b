package dev.ppl.operations.graph;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.ppl.pipelang.Type;

/** The parsed-type cache is bounded however many distinct types tenants pin. */
class TypeCheckTest {
    @Test
    void theParsedTypeCacheKeepsAtMostTenThousandTypesAndNoLongOnes() {
        for (int i = 0; i < 12_000; i++) {
            TypeCheck.parse("{f" + i + ": Int}");
        }
        assertThat(TypeCheck.cached()).isLessThanOrEqualTo(10_000);

        int before = TypeCheck.cached();
        String wide = "{" + "a".repeat(300) + ": Int}";
        assertThat(TypeCheck.parse(wide)).isInstanceOf(Type.RecordOf.class);
        assertThat(TypeCheck.cached()).isEqualTo(before);
    }
}
