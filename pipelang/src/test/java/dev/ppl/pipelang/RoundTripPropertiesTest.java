package dev.ppl.pipelang;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class RoundTripPropertiesTest {

    @Property
    void everyPrintedTypeParsesBackToAnEqualType(@ForAll("types") Type type) {
        Type parsed = Types.parse(type.toString());

        assertThat(parsed).isEqualTo(type);
        // Record equality ignores field order; comparing the text also proves the order survived.
        assertThat(parsed).hasToString(type.toString());
    }

    @Property
    void everyPrintedLiteralParsesBackToAnEqualLiteral(@ForAll("literals") Literal literal) {
        Literal parsed = Literals.parse(literal.toString());

        assertThat(parsed).isEqualTo(literal);
        assertThat(parsed).hasToString(literal.toString());
    }

    @Provide
    Arbitrary<Type> types() {
        return Generators.types(3);
    }

    @Provide
    Arbitrary<Literal> literals() {
        return Generators.literals(3);
    }
}
