package dev.ppl.deploy.kubernetes;

import java.util.Locale;

import dev.ppl.pipelang.Literal;
import dev.ppl.pipelang.Literals;
import dev.ppl.pipelang.PipelangException;

/**
 * The Kubernetes Secret key a secret parameter is read from. A parameter declared {@code secret: true} is
 * set with {@code value_type} {@code SecretRef} and a string literal naming a workspace secret, never its
 * value; on a Kubernetes runtime that workspace secret is a Secret of the runtime's namespace:
 * <ul>
 * <li>{@code "name"}: key {@value #DEFAULT_KEY} of Secret {@code name};</li>
 * <li>{@code "name/key"}: key {@code key} of Secret {@code name}.</li>
 * </ul>
 * The Secret's name is the workspace secret's name lowercased with {@code _} as {@code -} (workspace
 * secrets are named like {@code hf_token}, which is not a valid object name), so {@code "hf_token"} reads
 * key {@code value} of Secret {@code hf-token}.
 */
public record SecretRef(String secretName, String key) {
    public static final String DEFAULT_KEY = "value";

    public SecretRef {
        if (!KubernetesNames.isDnsSubdomain(secretName)) {
            throw new IllegalArgumentException("a Secret name of lowercase letters, digits, '-' and '.', got '"
                    + secretName + "'");
        }
        if (!KubernetesNames.isDataKey(key)) {
            throw new IllegalArgumentException("a Secret key of letters, digits, '-', '_' and '.', got '" + key + "'");
        }
    }

    /**
     * The reference a parameter's literal names.
     *
     * @param literal the parameter's pipelang literal, as {@code PPL_PARAMS} carries it ({@code "\"hf_token\""})
     */
    public static SecretRef ofLiteral(String literal) {
        Literal parsed;
        try {
            parsed = Literals.parse(literal);
        } catch (PipelangException e) {
            throw new IllegalArgumentException("a secret reference is a string literal: " + e.getMessage(), e);
        }
        if (!(parsed instanceof Literal.Str reference)) {
            throw new IllegalArgumentException("a secret reference is a string literal naming a workspace secret");
        }
        int slash = reference.value().indexOf('/');
        String name = slash < 0 ? reference.value() : reference.value().substring(0, slash);
        String key = slash < 0 ? DEFAULT_KEY : reference.value().substring(slash + 1);
        return new SecretRef(name.toLowerCase(Locale.ROOT).replace('_', '-'), key);
    }
}
