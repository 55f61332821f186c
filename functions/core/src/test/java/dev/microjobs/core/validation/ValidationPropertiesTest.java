package dev.microjobs.core.validation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/**
 * Whatever a business sends, validation answers with problems (or a
 * {@link ValidationException}), never with a NullPointerException, a
 * NumberFormatException or an index out of bounds.
 */
class ValidationPropertiesTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final FakeResolver dns = new FakeResolver().with("api.example.com", "93.184.216.34").with("evil.example", "10.0.0.1");
    private final UrlGuard guard = new UrlGuard(UrlPolicy.PUBLIC_ONLY, dns);
    private final JobInputValidator validator = new JobInputValidator(guard);

    /** Any UTF-16 text, unpaired surrogates and control characters included. */
    @Provide
    Arbitrary<String> anyText() {
        return Arbitraries.strings().all().ofMaxLength(60);
    }

    /** Mostly URL-shaped text, so that the deeper parsing paths are exercised too. */
    @Provide
    Arbitrary<String> urlish() {
        Arbitrary<String> scheme = Arbitraries.of("http://", "https://", "HTTP://", "ftp://", "http:", "//", "");
        Arbitrary<String> host = Arbitraries.oneOf(
                Arbitraries.strings().withChars("0123456789abcdefx.:[]%@-_").ofMaxLength(30),
                Arbitraries.strings().all().ofMaxLength(12),
                Arbitraries.of("127.0.0.1", "[::1]", "localhost", "api.example.com", "evil.example", "0x7f.1", "[::ffff:10.0.0.1]"));
        Arbitrary<String> rest = Arbitraries.oneOf(
                Arbitraries.strings().withChars("/:?#@%0123456789abc\\").ofMaxLength(12),
                Arbitraries.strings().all().ofMaxLength(8));
        return Combinators.combine(scheme, host, rest).as((s, h, r) -> s + h + r);
    }

    @Property(tries = 2000)
    void urlGuardOnlyEverReportsProblems(@ForAll("urlish") String url) {
        List<FieldError> problems = guard.check("callbackUrl", url);
        assertTrue(problems.size() <= 1);
        try {
            guard.require("callbackUrl", url);
            assertTrue(problems.isEmpty());
        } catch (ValidationException refused) {
            assertEquals(problems, refused.errors());
        }
    }

    @Property
    void urlGuardCopesWithAnyText(@ForAll("anyText") String url) {
        guard.check("callbackUrl", url);
    }

    /** Decimal, hex and octal spellings all reach the same verdict, naming the dotted address. */
    @Property
    void everySpellingOfAnIpv4AddressIsSeenThrough(@ForAll @LongRange(min = 0, max = 0xffffffffL) long address) {
        String dotted = IpLiterals.formatIpv4(address);
        boolean special = ReservedRanges.classify(IpLiterals.ipv4Bytes(address)).isPresent();

        assertEquals(special, !guard.check("u", "http://" + dotted + "/").isEmpty(), dotted);
        for (String spelling : List.of(Long.toString(address), "0x" + Long.toHexString(address), "0" + Long.toOctalString(address),
                (address >>> 24) + "." + (address & 0xffffff))) {
            if (!spelling.equals(dotted)) {
                List<FieldError> problems = guard.check("u", "http://" + spelling + "/");
                assertEquals(1, problems.size(), spelling);
                assertTrue(problems.get(0).message().contains(dotted), problems.get(0) + " should name " + dotted);
            }
        }
    }

    @Property
    void ipv6TextRoundTrips(@ForAll @Size(16) byte[] address) throws Exception {
        assertArrayEquals(address, IpLiterals.parseIpv6(IpLiterals.formatIpv6(address)).orElseThrow());
        String jdkText = InetAddress.getByAddress(address).getHostAddress();
        byte[] jdkBytes = InetAddress.getByAddress(address).getAddress();
        assertArrayEquals(jdkBytes, jdkBytes.length == 4
                ? IpLiterals.ipv4Bytes(IpLiterals.parseIpv4(jdkText).orElseThrow())
                : IpLiterals.parseIpv6(jdkText).orElseThrow());
    }

    @Provide
    Arbitrary<JsonNode> anyJsonValue() {
        return Arbitraries.lazyOf(
                () -> anyText().map(NODES::textNode),
                () -> Arbitraries.integers().map(NODES::numberNode),
                () -> Arbitraries.bigIntegers().between(BigInteger.TEN.pow(30).negate(), BigInteger.TEN.pow(30)).map(NODES::numberNode),
                () -> Arbitraries.doubles().map(NODES::numberNode),
                () -> Arbitraries.of(NODES.booleanNode(true), NODES.nullNode()),
                () -> anyJsonValue().list().ofMaxSize(3).map(values -> NODES.arrayNode().addAll(values)),
                () -> Arbitraries.maps(anyText(), anyJsonValue()).ofMaxSize(3).map(members -> {
                    ObjectNode object = NODES.objectNode();
                    members.forEach(object::set);
                    return object;
                }));
    }

    @Provide
    Arbitrary<String> memberName() {
        return Arbitraries.oneOf(
                Arbitraries.of("brief", "brand", "count", "tone", "text", "format", "maxWords", "imageUrl", "labels",
                        "audioUrl", "language", "question", "documentUrl", "fields"),
                anyText());
    }

    @Property(tries = 2000)
    void inputValidatorOnlyEverReportsProblems(
            @ForAll("jobType") String jobType,
            @ForAll("memberName") String name1, @ForAll("anyJsonValue") JsonNode value1,
            @ForAll("memberName") String name2, @ForAll("anyJsonValue") JsonNode value2) {
        ObjectNode input = NODES.objectNode();
        input.set(name1, value1);
        input.set(name2, value2);
        Violations violations = new Violations();

        Optional<ObjectNode> accepted = validator.check(jobType, input, "inputs[0]", violations);

        assertEquals(violations.isEmpty(), accepted.isPresent());
        violations.errors().forEach(error -> assertTrue(error.field().startsWith("inputs[0]"), error.toString()));
    }

    @Property
    void inputValidatorCopesWithAnyValueAsTheInput(@ForAll("jobType") String jobType, @ForAll("anyJsonValue") JsonNode input) {
        Violations violations = new Violations();
        Optional<ObjectNode> accepted = validator.check(jobType, input, "inputs[0]", violations);
        assertEquals(violations.isEmpty(), accepted.isPresent());
    }

    @Provide
    Arbitrary<String> jobType() {
        return Arbitraries.of(JobInputValidator.jobTypes());
    }

    @Property
    void jobTypeOfAnyValueIsReportedNotThrown(@ForAll("anyJsonValue") JsonNode type) {
        Violations violations = new Violations();
        Optional<String> accepted = validator.jobType(violations, "type", type);
        assertEquals(violations.isEmpty(), accepted.isPresent());
    }

    @Property
    void minorUnitsAreWholePositiveAndBounded(@ForAll BigDecimal amount, @ForAll @LongRange(min = 1) long max) {
        Violations violations = new Violations();
        JsonNode node = amount.scale() <= 0 ? NODES.numberNode(amount.toBigIntegerExact()) : NODES.numberNode(amount);

        OptionalLong accepted = Limits.minorUnits(violations, "reward.amount", node, max);

        boolean acceptable = amount.scale() <= 0 && amount.signum() > 0 && amount.compareTo(BigDecimal.valueOf(max)) <= 0;
        assertEquals(acceptable, accepted.isPresent(), amount + " with max " + max);
        assertEquals(!acceptable, violations.count() == 1);
    }
}
