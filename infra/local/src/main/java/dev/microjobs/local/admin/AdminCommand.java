package dev.microjobs.local.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.microjobs.aws.dynamodb.DynamoAccountStore;
import dev.microjobs.aws.dynamodb.DynamoLedgerReader;
import dev.microjobs.aws.dynamodb.TableConfiguration;
import dev.microjobs.core.accounts.AccountAdmin;
import dev.microjobs.core.accounts.BusinessAccount;
import dev.microjobs.core.domain.IdGenerator;
import dev.microjobs.core.errors.NotFoundException;
import dev.microjobs.core.jobs.JobViews;
import dev.microjobs.core.ledger.LedgerAudit;
import dev.microjobs.core.validation.ValidationException;
import dev.microjobs.local.Subcommand;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

import java.io.PrintStream;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code java -jar microjobs-local.jar admin ...}: the operator's account commands, against the
 * local stack ({@code --dynamodb-endpoint}) or a deployed one ({@code --region}, {@code --table},
 * the default AWS credential chain). Secrets are printed once, here, and stored only as hashes.
 */
public class AdminCommand implements Subcommand {
    static final String USAGE = String.join("\n",
            "usage: admin [--dynamodb-endpoint URL] [--region REGION] [--table NAME] COMMAND [options]",
            "  create-business --name NAME [--credit MINOR_UNITS] [--currency USD]",
            "  credit --business ID --amount MINOR_UNITS",
            "  create-worker --name NAME [--skills a,b] [--payout-account ACCOUNT]",
            "  list-businesses",
            "  list-workers",
            "  ledger-verify");
    private static final String LOCAL_TABLE = "MicrojobsTable";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The table the admin command works on. */
    record Connection(DynamoDbClient dynamo, String table) {
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        Arguments arguments;
        try {
            arguments = Arguments.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("admin: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        if (arguments.command() == null) {
            err.println(USAGE);
            return 2;
        }
        try (DynamoDbClient dynamo = client(arguments)) {
            Connection connection = new Connection(dynamo, arguments.option("table").orElse(LOCAL_TABLE));
            return runAccountCommand(connection, arguments, out, err);
        } catch (ValidationException e) {
            err.println("admin: " + e.getMessage());
            return 2;
        } catch (IllegalArgumentException e) {
            err.println("admin: " + e.getMessage());
            err.println(USAGE);
            return 2;
        } catch (NotFoundException e) {
            err.println("admin: " + e.getMessage());
            return 1;
        } catch (SdkException e) {
            err.println("admin: cannot reach DynamoDB: " + e.getMessage());
            return 1;
        }
    }

    private int runAccountCommand(Connection connection, Arguments arguments, PrintStream out, PrintStream err) {
        AccountAdmin admin = new AccountAdmin(new DynamoAccountStore(connection.dynamo(), tableConfiguration(connection)),
                new IdGenerator(Clock.systemUTC()), Clock.systemUTC());
        switch (arguments.command()) {
            case "create-business" -> {
                arguments.allowOnly("name", "credit", "currency");
                var created = admin.createBusiness(arguments.required("name"),
                        arguments.longOption("credit").orElse(0L), arguments.option("currency").orElse("USD"));
                ObjectNode json = JSON.createObjectNode()
                        .put("businessId", created.businessId())
                        .put("apiKey", created.apiKey());
                json.set("account", account(created.account()));
                out.println(json);
            }
            case "credit" -> {
                arguments.allowOnly("business", "amount");
                long amount = arguments.longOption("amount")
                        .orElseThrow(() -> new IllegalArgumentException("--amount is required"));
                out.println(account(admin.credit(arguments.required("business"), amount)));
            }
            case "create-worker" -> {
                arguments.allowOnly("name", "skills", "payout-account");
                Set<String> skills = new LinkedHashSet<>();
                arguments.option("skills").ifPresent(list -> Arrays.stream(list.split(","))
                        .map(String::trim).filter(s -> !s.isEmpty()).forEach(skills::add));
                var created = admin.createWorker(arguments.required("name"), skills,
                        arguments.option("payout-account").orElse(null));
                ObjectNode json = JSON.createObjectNode()
                        .put("workerId", created.workerId())
                        .put("token", created.token());
                created.skills().stream().sorted().forEach(json.putArray("skills")::add);
                out.println(json);
            }
            case "list-businesses" -> {
                arguments.allowOnly();
                ArrayNode list = JSON.createArrayNode();
                admin.businesses().forEach(b -> {
                    ObjectNode row = list.addObject().put("businessId", b.id()).put("name", b.name())
                            .put("currency", b.currency()).put("createdAt", b.createdAt().toString());
                    row.set("account", account(admin.account(b.id())));
                });
                out.println(list);
            }
            case "ledger-verify" -> {
                arguments.allowOnly();
                LedgerAudit.Report report = new DynamoLedgerReader(connection.dynamo(), connection.table()).audit();
                out.println(report.summary());
                report.problems().forEach(problem -> err.println("ledger: " + problem));
                return report.conserved() ? 0 : 1;
            }
            case "list-workers" -> {
                arguments.allowOnly();
                ArrayNode list = JSON.createArrayNode();
                admin.workers().forEach(w -> {
                    ObjectNode row = list.addObject().put("workerId", w.id()).put("name", w.name())
                            .put("createdAt", w.createdAt().toString());
                    w.skills().stream().sorted().forEach(row.putArray("skills")::add);
                });
                out.println(list);
            }
            default -> {
                err.println("admin: unknown command " + arguments.command());
                err.println(USAGE);
                return 2;
            }
        }
        return 0;
    }

    private static ObjectNode account(BusinessAccount account) {
        ObjectNode json = JSON.createObjectNode();
        json.set("balance", JobViews.money(account.available()));
        json.set("held", JobViews.money(account.escrow()));
        json.set("spent", JobViews.money(account.spent()));
        return json;
    }

    private static TableConfiguration tableConfiguration(Connection connection) {
        TableConfiguration configuration = new TableConfiguration();
        configuration.setName(connection.table());
        return configuration;
    }

    /** Local: the endpoint with dummy credentials. Deployed: the region and the default credential chain. */
    private static DynamoDbClient client(Arguments arguments) {
        DynamoDbClientBuilder builder = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create());
        var endpoint = arguments.option("dynamodb-endpoint");
        AwsCredentialsProvider credentials = endpoint.isPresent()
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))
                : DefaultCredentialsProvider.builder().build();
        builder.credentialsProvider(credentials)
                .region(Region.of(arguments.option("region").orElse("us-east-1")));
        endpoint.ifPresent(url -> builder.endpointOverride(URI.create(url)));
        return builder.build();
    }

    /** {@code --name value} options and one command word, in any order. */
    public record Arguments(String command, Map<String, String> options) {
        private static final Set<String> CONNECTION_OPTIONS = Set.of("dynamodb-endpoint", "region", "table");

        static Arguments parse(List<String> args) {
            String command = null;
            Map<String, String> options = new LinkedHashMap<>();
            List<String> rest = new ArrayList<>(args);
            while (!rest.isEmpty()) {
                String arg = rest.remove(0);
                if (arg.startsWith("--")) {
                    if (rest.isEmpty() || rest.get(0).startsWith("--")) {
                        throw new IllegalArgumentException(arg + " needs a value");
                    }
                    options.put(arg.substring(2), rest.remove(0));
                } else if (command == null) {
                    command = arg;
                } else {
                    throw new IllegalArgumentException("unexpected argument " + arg);
                }
            }
            return new Arguments(command, options);
        }

        public Optional<String> option(String name) {
            return Optional.ofNullable(options.get(name));
        }

        public String required(String name) {
            return option(name).orElseThrow(() -> new IllegalArgumentException("--" + name + " is required"));
        }

        public Optional<Long> longOption(String name) {
            return option(name).map(value -> {
                try {
                    return Long.parseLong(value);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--" + name + " must be a whole number, not " + value);
                }
            });
        }

        /** Refuses options this command does not take, so a typo is not silently ignored. */
        public void allowOnly(String... names) {
            Set<String> allowed = new HashSet<>(CONNECTION_OPTIONS);
            allowed.addAll(List.of(names));
            options.keySet().stream().filter(name -> !allowed.contains(name)).findFirst().ifPresent(name -> {
                throw new IllegalArgumentException(command + " does not take --" + name);
            });
        }
    }
}
