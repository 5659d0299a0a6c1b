package dev.ppl.deploy.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** How a secret parameter's literal names a key of a Kubernetes Secret. */
class SecretRefTest {

    @Test
    void aBareNameIsTheValueKeyOfTheSecretNamedLikeTheWorkspaceSecret() {
        assertThat(SecretRef.ofLiteral("\"hf_token\"")).isEqualTo(new SecretRef("hf-token", "value"));
        assertThat(SecretRef.ofLiteral("\"db-credentials\"")).isEqualTo(new SecretRef("db-credentials", "value"));
    }

    @Test
    void aNameAndAKeyNameBoth() {
        assertThat(SecretRef.ofLiteral("\"Model_Hub/API_TOKEN\"")).isEqualTo(new SecretRef("model-hub", "API_TOKEN"));
    }

    @Test
    void aReferenceThatNamesNoSecretKeyIsRefused() {
        assertThatThrownBy(() -> SecretRef.ofLiteral("42")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("string literal");
        assertThatThrownBy(() -> SecretRef.ofLiteral("\"hf token\"")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Secret name");
        assertThatThrownBy(() -> SecretRef.ofLiteral("\"hf/\"")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Secret key");
        assertThatThrownBy(() -> SecretRef.ofLiteral("\"hf/a/b\"")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Secret key");
    }
}
