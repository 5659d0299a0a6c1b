package dev.ppl.cli;

import java.nio.file.Path;

import dev.ppl.cli.backend.BackendCommand;
import dev.ppl.cli.component.ComponentCommand;
import dev.ppl.cli.container.ContainerCommand;
import dev.ppl.cli.file.FileCommand;
import dev.ppl.cli.forward.ForwardCommand;
import dev.ppl.cli.lease.LeaseCommand;
import dev.ppl.cli.local.LocalCommand;
import dev.ppl.cli.runtime.RuntimeCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.ScopeType;

@Command(name = "ppl", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT, version = "ppl 0.1.0", description = "Live-backend tests of pipeline components.", subcommands = {
        LeaseCommand.class, BackendCommand.class, ComponentCommand.class, FileCommand.class, ForwardCommand.class,
        RuntimeCommand.class, ContainerCommand.class, LocalCommand.class }, footerHeading = "%nExit codes:%n", footer = {
                "  0  success; a live test reached ready and every case passed",
                "  1  the live test failed, a case failed, or the stream closed early;",
                "     lease wait: the final event was failed or timeout, or a transport error",
                "  2  usage error or invalid input (bad manifest, missing file)",
                "  3  the API refused the request",
                "  4  the gateway or the local platform cannot be reached" })
public class PplCommand {

    public static void main(String[] args) {
        System.exit(Ppl.run(args, new CliContext(System.getenv(), Path.of("").toAbsolutePath(), System.out,
                System.err)));
    }
}
