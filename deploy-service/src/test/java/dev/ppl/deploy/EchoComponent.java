package dev.ppl.deploy;

import dev.ppl.kit.Component;

/** A real component for the tests: echoes each input, or exits with the code in ECHO_EXIT_CODE at once. */
public final class EchoComponent {
    private EchoComponent() {
    }

    public static void main(String[] args) {
        String exit = System.getenv("ECHO_EXIT_CODE");
        if (exit != null) {
            System.exit(Integer.parseInt(exit));
        }
        Component.fromEnvironment().run(value -> value);
    }
}
