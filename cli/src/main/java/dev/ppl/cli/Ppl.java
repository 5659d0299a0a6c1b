package dev.ppl.cli;

import java.io.PrintWriter;

import picocli.CommandLine;

/** The CLI as a function: arguments and a context in, an exit code out. */
public final class Ppl {
    private Ppl() {
    }

    public static int run(String[] args, CliContext ctx) {
        CommandLine cli = new CommandLine(PplCommand.class, new ContextFactory(ctx));
        cli.setOut(new PrintWriter(ctx.out(), true));
        cli.setErr(new PrintWriter(ctx.err(), true));
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof CliException failure) {
                ctx.note("ppl: " + failure.getMessage());
                return failure.exitCode();
            }
            ctx.note("ppl: unexpected error: " + e);
            return ExitCodes.TEST_FAILED;
        });
        return cli.execute(args);
    }

    /** Gives every command that wants it the context, through a constructor taking {@link CliContext}. */
    private record ContextFactory(CliContext ctx) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            try {
                return type.getDeclaredConstructor(CliContext.class).newInstance(ctx);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(type);
            }
        }
    }
}
