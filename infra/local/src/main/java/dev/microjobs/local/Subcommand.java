package dev.microjobs.local;

import java.io.PrintStream;
import java.util.List;

/**
 * A command of the jar other than running the stack, chosen by the first argument
 * ({@code java -jar microjobs-local.jar NAME args...}). Register one in {@link Main#SUBCOMMANDS}.
 */
@FunctionalInterface
public interface Subcommand {

    /** @return the process exit code: 0 for success, 2 for a usage error */
    int run(List<String> args, PrintStream out, PrintStream err);
}
