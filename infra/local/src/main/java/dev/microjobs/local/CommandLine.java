package dev.microjobs.local;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The flags of the run command, parsed into {@link LocalStackOptions} plus what only the CLI uses. */
record CommandLine(LocalStackOptions options, Optional<Path> credentialsOut, boolean help) {

    static final String USAGE = """
            usage: java -jar microjobs-local.jar [options]
              --port N               HTTP API port (default 8080; 0 picks a free port)
              --dynamodb-port N      DynamoDB Local port (default 8000)
              --sqs-port N           ElasticMQ port (default 9324)
              --data-dir DIR         keep DynamoDB tables in DIR (default: in memory)
              --template FILE        template to run (default ./template.yaml, else the one in the jar)
              --param NAME=VALUE     override a template parameter (repeatable)
              --credentials-out FILE write {"apiUrl", "businessApiKey", "workerToken", ...} as JSON
              --help                 show this help""";

    /**
     * @param defaults the options before any flag, which flags then override
     * @throws LocalStackException for an unknown flag or a bad value
     */
    static CommandLine parse(List<String> args, LocalStackOptions defaults) {
        LocalStackOptions options = defaults;
        Optional<Path> credentialsOut = Optional.empty();
        for (int i = 0; i < args.size(); i++) {
            String flag = args.get(i);
            String inlineValue = null;
            int equals = flag.indexOf('=');
            if (flag.startsWith("--") && equals > 0) {
                inlineValue = flag.substring(equals + 1);
                flag = flag.substring(0, equals);
            }
            if (flag.equals("--help") || flag.equals("-h")) {
                return new CommandLine(options, credentialsOut, true);
            }
            if (!List.of("--port", "--dynamodb-port", "--sqs-port", "--data-dir", "--template", "--param", "--credentials-out")
                    .contains(flag)) {
                throw new LocalStackException("unknown option " + args.get(i) + " (see --help)");
            }
            String value = inlineValue;
            if (value == null) {
                if (i + 1 >= args.size()) {
                    throw new LocalStackException(flag + " needs a value (see --help)");
                }
                value = args.get(++i);
            }
            switch (flag) {
                case "--port" -> options = options.withHttpPort(port(flag, value));
                case "--dynamodb-port" -> options = options.withDynamoDbPort(port(flag, value));
                case "--sqs-port" -> options = options.withSqsPort(port(flag, value));
                case "--data-dir" -> options = options.withDataDir(Path.of(value));
                case "--template" -> options = options.withTemplate(Path.of(value));
                case "--credentials-out" -> credentialsOut = Optional.of(Path.of(value));
                default -> options = parameter(options, value);
            }
        }
        return new CommandLine(options, credentialsOut, false);
    }

    private static int port(String flag, String value) {
        if (value.matches("\\d{1,5}") && Integer.parseInt(value) <= 65_535) {
            return Integer.parseInt(value);
        }
        throw new LocalStackException(flag + ": expected a port number from 0 to 65535, got \"" + value + "\"");
    }

    private static LocalStackOptions parameter(LocalStackOptions options, String value) {
        int equals = value.indexOf('=');
        if (equals <= 0) {
            throw new LocalStackException("--param: expected NAME=VALUE, got \"" + value + "\"");
        }
        return options.withParameter(value.substring(0, equals), value.substring(equals + 1));
    }
}
