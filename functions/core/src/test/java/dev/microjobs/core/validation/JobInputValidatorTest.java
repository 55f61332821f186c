package dev.microjobs.core.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JobInputValidatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final FakeResolver dns = new FakeResolver()
            .with("cdn.shop.example", "93.184.216.34")
            .with("files.internal-corp.example", "10.1.2.3");
    private final JobInputValidator validator = new JobInputValidator(new UrlGuard(UrlPolicy.PUBLIC_ONLY, dns));

    /** JSON with single quotes, to keep the tests readable. */
    private static JsonNode json(String singleQuoted) {
        try {
            return JSON.readTree(singleQuoted.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(singleQuoted, e);
        }
    }

    private List<String> problems(String type, JsonNode input) {
        Violations violations = new Violations();
        Optional<ObjectNode> accepted = validator.check(type, input, "inputs[7]", violations);
        assertEquals(violations.isEmpty(), accepted.isPresent());
        return violations.errors().stream().map(FieldError::toString).toList();
    }

    private List<String> problems(String type, String input) {
        return problems(type, json(input));
    }

    private static ObjectNode object(String name, String value) {
        return JsonNodeFactory.instance.objectNode().put(name, value);
    }

    // ---- valid inputs, one realistic example per type ----

    @Test
    void tagline() {
        ObjectNode accepted = validator.validate("tagline", json(
                "{'brief':'Cold brew coffee delivered to offices in Lisbon. Playful, not silly.',"
                        + "'brand':'Frio','count':8,'tone':'playful'}"), "inputs[0]");
        assertEquals(8, accepted.get("count").intValue());
        assertEquals("Frio", accepted.get("brand").textValue());
    }

    @Test
    void taglineCountDefaultsToFiveAndNullsCountAsAbsent() {
        ObjectNode accepted = validator.validate("tagline", json("{'brief':'Fresh bread at dawn','brand':null,'count':null}"), "");
        assertEquals(json("{'brief':'Fresh bread at dawn','count':5}"), accepted);
    }

    @Test
    void summaryAsVideoScript() {
        String report = "Quarterly results. ".repeat(3000);
        ObjectNode accepted = validator.validate("summary",
                object("text", report).put("format", "video-script").put("maxWords", 300), "inputs[1]");
        assertEquals("video-script", accepted.get("format").textValue());
    }

    @Test
    void summaryAtTheDocumentedTextLimitIsNotRefusedForSize() {
        String longest = "\u00e9".repeat(100_000); // 200,000 bytes of UTF-8, far over 64 KiB
        assertEquals(List.of(), problems("summary", object("text", longest)));
        assertEquals(List.of(), problems("chatbot-qa", object("text", "\u0001".repeat(100_000)).put("question", "q".repeat(2000))));
    }

    @Test
    void imageTagging() {
        assertEquals(List.of(), problems("image-tagging",
                "{'imageUrl':'https://cdn.shop.example/products/4711.jpg','labels':['shoe','sneaker','leather']}"));
        assertEquals(List.of(), problems("image-tagging", "{'imageUrl':'https://unknown-cdn.example.org/a.png'}"));
    }

    @Test
    void transcription() {
        assertEquals(List.of(), problems("transcription", "{'audioUrl':'https://cdn.shop.example/calls/881.mp3','language':'pt-BR'}"));
        assertEquals(List.of(), problems("transcription", "{'audioUrl':'https://cdn.shop.example/a.wav','language':'zh-Hant-TW'}"));
        assertEquals(List.of(), problems("transcription", "{'audioUrl':'https://cdn.shop.example/a.wav'}"));
    }

    @Test
    void chatbotQa() {
        assertEquals(List.of(), problems("chatbot-qa",
                "{'question':'How do I reset my password?','text':'Support article: go to Settings, then Security...'}"));
    }

    @Test
    void dataEntryFromTextOrDocument() {
        assertEquals(List.of(), problems("data-entry",
                "{'text':'Invoice 2024-118, ACME Ltd, total EUR 1,200.00','fields':['invoice_number','vendor','total-amount']}"));
        assertEquals(List.of(), problems("data-entry", "{'documentUrl':'https://cdn.shop.example/invoices/118.pdf','text':null}"));
    }

    @Test
    void customTakesAnyObjectAsGiven() {
        JsonNode input = json("{'rubric':{'criteria':[{'name':'tone','weight':0.4}],'notes':null},'id':7,'ok':true}");
        assertEquals(input, validator.validate("custom", input, "inputs[2]"));
    }

    // ---- every class of bad input ----

    @Test
    void inputMustBeAnObject() {
        assertEquals(List.of("inputs[7]: expected a JSON object, got an array"), problems("tagline", "[]"));
        assertEquals(List.of("inputs[7]: expected a JSON object, got a string"), problems("custom", "'text'"));
        assertEquals(List.of("inputs[7]: is required"), problems("summary", "null"));
        assertEquals(List.of("inputs[7]: is required"), problems("summary", (JsonNode) null));
    }

    @Test
    void unknownFieldsAreNamed() {
        assertEquals(List.of("inputs[7].brief: is required",
                        "inputs[7].breif: unknown field; expected one of brief, brand, count, tone"),
                problems("tagline", "{'breif':'typo'}"));
        assertEquals(List.of("inputs[7].document: unknown field; expected one of text, documentUrl, fields"),
                problems("data-entry", "{'text':'x','document':'y'}"));
        assertEquals(List.of("inputs[7][\"image url\"]: unknown field; expected one of imageUrl, labels"),
                problems("image-tagging", "{'imageUrl':'https://cdn.shop.example/a.png','image url':'x'}"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "tagline       | {'brief':42}                          | inputs[7].brief: expected a string, got an integer",
            "tagline       | {'brief':'x','count':'5'}             | inputs[7].count: expected an integer, got a string",
            "tagline       | {'brief':'x','count':2.5}             | inputs[7].count: expected an integer, got 2.5",
            "tagline       | {'brief':'x','count':0}               | inputs[7].count: must be between 1 and 20 (got 0)",
            "tagline       | {'brief':'x','count':21}              | inputs[7].count: must be between 1 and 20 (got 21)",
            "tagline       | {'brief':'   '}                       | inputs[7].brief: must not be blank",
            "tagline       | {'brief':''}                          | inputs[7].brief: must not be empty",
            "tagline       | {'brief':'x','brand':['a']}           | inputs[7].brand: expected a string, got an array",
            "tagline       | {'brief':'x','tone':{}}               | inputs[7].tone: expected a string, got an object",
            "summary       | {}                                    | inputs[7].text: is required",
            "summary       | {'text':'x','format':'poem'}          | inputs[7].format: must be one of summary, video-script",
            "summary       | {'text':'x','format':'SUMMARY'}       | inputs[7].format: must be one of summary, video-script",
            "summary       | {'text':'x','maxWords':9}             | inputs[7].maxWords: must be between 10 and 2000 (got 9)",
            "summary       | {'text':'x','maxWords':2001}          | inputs[7].maxWords: must be between 10 and 2000 (got 2001)",
            "image-tagging | {}                                    | inputs[7].imageUrl: is required",
            "image-tagging | {'imageUrl':7}                        | inputs[7].imageUrl: expected a URL string, got an integer",
            "image-tagging | {'imageUrl':'http://10.0.0.5/a.png'}  | inputs[7].imageUrl: points at a private network address 10.0.0.5",
            "image-tagging | {'imageUrl':'file:///etc/passwd'}    | inputs[7].imageUrl: must use http or https, not file",
            "image-tagging | {'imageUrl':'https://files.internal-corp.example/a.png'} | inputs[7].imageUrl: host files.internal-corp.example resolves to a private network address 10.1.2.3",
            "image-tagging | {'imageUrl':'https://cdn.shop.example/a.png','labels':[]}          | inputs[7].labels: must have between 1 and 100 elements (got 0)",
            "image-tagging | {'imageUrl':'https://cdn.shop.example/a.png','labels':'shoe'}      | inputs[7].labels: expected an array, got a string",
            "image-tagging | {'imageUrl':'https://cdn.shop.example/a.png','labels':['shoe',3]}   | inputs[7].labels[1]: expected a string, got an integer",
            "image-tagging | {'imageUrl':'https://cdn.shop.example/a.png','labels':['a','']}     | inputs[7].labels[1]: must not be empty",
            "image-tagging | {'imageUrl':'https://cdn.shop.example/a.png','labels':['a','a']}    | inputs[7].labels[1]: repeats \"a\"",
            "transcription | {'audioUrl':'http://169.254.169.254/x'} | inputs[7].audioUrl: points at a link-local address 169.254.169.254 (the cloud instance metadata service)",
            "transcription | {'audioUrl':'https://cdn.shop.example/a.wav','language':'english please'} | inputs[7].language: expected a BCP 47 language tag such as en or pt-BR",
            "transcription | {'audioUrl':'https://cdn.shop.example/a.wav','language':''}  | inputs[7].language: must not be empty",
            "transcription | {'audioUrl':'https://cdn.shop.example/a.wav','language':'e'} | inputs[7].language: expected a BCP 47 language tag such as en or pt-BR",
            "chatbot-qa    | {'text':'article'}                    | inputs[7].question: is required",
            "chatbot-qa    | {'question':'why?'}                   | inputs[7].text: is required",
            "data-entry    | {}                                    | inputs[7]: needs the source to enter data from: text or documentUrl",
            "data-entry    | {'text':null,'documentUrl':null}      | inputs[7]: needs the source to enter data from: text or documentUrl",
            "data-entry    | {'text':'x','documentUrl':'https://cdn.shop.example/a.pdf'} | inputs[7]: give either text or documentUrl, not both",
            "data-entry    | {'documentUrl':'http://localhost/a.pdf'} | inputs[7].documentUrl: points at this machine (localhost)",
            "data-entry    | {'text':'x','fields':['total amount']} | inputs[7].fields[0]: must start with a letter or underscore and contain only letters, digits, underscores and hyphens",
            "data-entry    | {'text':'x','fields':['1st']}         | inputs[7].fields[0]: must start with a letter or underscore and contain only letters, digits, underscores and hyphens",
            "data-entry    | {'text':'x','fields':['vendor','vendor']} | inputs[7].fields[1]: repeats \"vendor\"",
            "data-entry    | {'text':'x','fields':[]}              | inputs[7].fields: must have between 1 and 50 elements (got 0)",
    })
    void badFields(String type, String input, String expected) {
        assertEquals(List.of(expected), problems(type, input));
    }

    @Test
    void lengthLimitsPerField() {
        assertEquals(List.of("inputs[7].brief: must be at most 4000 characters (got 4001)"),
                problems("tagline", object("brief", "b".repeat(4001))));
        assertEquals(List.of(), problems("tagline", object("brief", "\uD83D\uDE00".repeat(4000))));
        assertEquals(List.of("inputs[7].brand: must be at most 200 characters (got 201)"),
                problems("tagline", object("brief", "x").put("brand", "b".repeat(201))));
        assertEquals(List.of("inputs[7].tone: must be at most 100 characters (got 101)"),
                problems("tagline", object("brief", "x").put("tone", "t".repeat(101))));
        assertEquals(List.of("inputs[7].text: must be at most 100000 characters (got 100001)"),
                problems("summary", object("text", "t".repeat(100_001))));
        assertEquals(List.of("inputs[7].question: must be at most 2000 characters (got 2001)"),
                problems("chatbot-qa", object("question", "q".repeat(2001)).put("text", "t")));
        assertEquals(List.of("inputs[7].language: must be at most 35 characters (got 36)"),
                problems("transcription", object("audioUrl", "https://cdn.shop.example/a.wav").put("language", "en-" + "a".repeat(33))));
        assertEquals(List.of("inputs[7].fields[0]: must be at most 100 characters (got 101)"),
                problems("data-entry", object("text", "x").set("fields", JSON.createArrayNode().add("f".repeat(101)))));
    }

    @Test
    void arraySizeLimits() {
        ArrayNode labels = JSON.createArrayNode();
        for (int i = 0; i < 101; i++) {
            labels.add("label" + i);
        }
        assertEquals(List.of("inputs[7].labels: must have between 1 and 100 elements (got 101)"),
                problems("image-tagging", object("imageUrl", "https://cdn.shop.example/a.png").set("labels", labels)));
        ArrayNode fields = JSON.createArrayNode();
        for (int i = 0; i < 51; i++) {
            fields.add("field" + i);
        }
        assertEquals(List.of("inputs[7].fields: must have between 1 and 50 elements (got 51)"),
                problems("data-entry", object("text", "x").set("fields", fields)));
    }

    @Test
    void unsafeCharactersAnywhere() {
        assertEquals(List.of("inputs[7].brief: must not contain NUL characters"), problems("tagline", "{'brief':'a\\u0000b'}"));
        assertEquals(List.of("inputs[7].labels[0]: must not contain unpaired UTF-16 surrogates (found one at index 0)"),
                problems("image-tagging", "{'imageUrl':'https://cdn.shop.example/a.png','labels':['\\udc00']}"));
        assertEquals(List.of(
                        "inputs[7].notes[1].text: must not contain NUL characters",
                        "inputs[7][\"k\\u0000\"]: name must not contain NUL characters",
                        "inputs[7][\"\\ud800\"]: name must not contain unpaired UTF-16 surrogates (found one at index 0)"),
                problems("custom", "{'notes':['ok',{'text':'\\u0000'}],'k\\u0000':1,'\\ud800':2}"));
    }

    @Test
    void inputSizeIsBounded() {
        assertEquals(List.of("inputs[7]: must be at most 64 KiB of JSON"), problems("custom", partsOf4000Characters(17)));
        assertEquals(List.of(), problems("custom", partsOf4000Characters(15)));

        // Within every member limit, yet over 64 KiB: control characters take six bytes of JSON each.
        ArrayNode labels = JSON.createArrayNode();
        for (int i = 0; i < 100; i++) {
            labels.add((char) ('\u0100' + i) + "\u0001".repeat(99));
        }
        String imageUrl = "https://cdn.shop.example/" + "\u20ac".repeat(2000);
        assertEquals(List.of("inputs[7]: must be at most 64 KiB of JSON"),
                problems("image-tagging", object("imageUrl", imageUrl).set("labels", labels)));
    }

    private static ObjectNode partsOf4000Characters(int parts) {
        ObjectNode input = JSON.createObjectNode();
        for (int i = 0; i < parts; i++) {
            input.put("part" + i, "x".repeat(4000));
        }
        return input;
    }

    @Test
    void customNestingIsBounded() {
        assertEquals(List.of(), problems("custom", nested(JobInputValidator.MAX_CUSTOM_DEPTH)));
        assertEquals(List.of("inputs[7]" + ".a".repeat(20) + ": nests deeper than 20 levels"),
                problems("custom", nested(JobInputValidator.MAX_CUSTOM_DEPTH + 1)));
        assertEquals(1, problems("custom", nested(5_000)).size(), "stops descending at the limit");
    }

    /** An object {@code depth} levels deep: {"a":{"a":...{}}}. */
    private static ObjectNode nested(int depth) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode current = root;
        for (int level = 1; level < depth; level++) {
            current = current.putObject("a");
        }
        return root;
    }

    @Test
    void problemsOfManyInputsAreCollectedTogether() {
        Violations violations = new Violations();
        validator.check("tagline", json("{'brief':'ok'}"), "inputs[0]", violations);
        validator.check("tagline", json("{'count':3}"), "inputs[1]", violations);
        validator.check("tagline", json("{'brief':'ok','count':99}"), "inputs[2]", violations);

        ValidationException thrown = assertThrows(ValidationException.class, violations::throwIfAny);

        assertEquals(List.of(new FieldError("inputs[1].brief", "is required"),
                new FieldError("inputs[2].count", "must be between 1 and 20 (got 99)")), thrown.errors());
    }

    @Test
    void validateThrowsNamingEveryProblem() {
        ValidationException thrown = assertThrows(ValidationException.class,
                () -> validator.validate("summary", json("{'text':'','maxWords':'many'}"), "inputs[4]"));
        assertEquals("inputs[4].text: must not be empty; inputs[4].maxWords: expected an integer, got a string",
                thrown.getMessage());
    }

    @Test
    void jobTypes() {
        assertEquals(List.of("tagline", "summary", "image-tagging", "transcription", "chatbot-qa", "data-entry", "custom"),
                JobInputValidator.jobTypes());
        Violations violations = new Violations();
        assertEquals(Optional.of("image-tagging"), validator.jobType(violations, "type", json("'image-tagging'")));
        assertEquals(Optional.empty(), validator.jobType(violations, "type", json("'tagging'")));
        assertEquals(Optional.empty(), validator.jobType(violations, "type", json("3")));
        assertEquals(List.of(
                new FieldError("type", "unknown job type \"tagging\"; expected one of tagline, summary, image-tagging, "
                        + "transcription, chatbot-qa, data-entry, custom"),
                new FieldError("type", "expected a string, got an integer")), violations.errors());
        assertThrows(IllegalArgumentException.class, () -> validator.check("tagging", json("{}"), "", new Violations()));
    }

    @Test
    void bareInputsUseBareFieldNames() {
        assertEquals("brief: is required", assertThrows(ValidationException.class,
                () -> validator.validate("tagline", json("{}"), "")).getMessage());
    }

    @Test
    void refusedUrlsAreNotLookedUpTwiceAndLiteralsNotAtAll() {
        problems("image-tagging", "{'imageUrl':'http://127.0.0.1/a.png'}");
        assertTrue(dns.lookups.isEmpty());
    }
}
