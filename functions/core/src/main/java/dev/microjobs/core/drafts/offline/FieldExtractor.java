package dev.microjobs.core.drafts.offline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.microjobs.core.drafts.PromptTemplates;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills data-entry fields from a document (an invoice, an order e-mail) by pattern: dates in
 * common formats become ISO 8601, money becomes "1250.00 EUR", plus e-mails, phone numbers,
 * invoice and order numbers, person and company names.
 *
 * <p>Each field is looked for in two ways. First as a labelled line ("Invoice No.: INV-7",
 * "Total due: €1,320.00") whose label holds every word of the field name; then, if no line
 * is labelled so, among all values of the field's kind in the text, preferring one whose
 * preceding words mention the field name's other words ("due" for {@code due_date}). A field
 * not found is null, so a worker sees what is left to fill.
 *
 * <p>Slash dates are read month first (03/04/2026 is 4 March) unless the first number
 * cannot be a month; dotted dates (04.03.2026) are read day first, as where they are used.
 *
 * <p>Input: {@code text} (or {@code document}, {@code email}), optional {@code fields} (an
 * array of names, or one comma-separated string).
 */
final class FieldExtractor {

    enum Kind { EMAIL, PHONE, CURRENCY, DATE, AMOUNT, COMPANY, NAME, ID, OTHER }

    private static final Set<String> COMPANY_WORDS = Set.of("company", "vendor", "supplier", "seller", "merchant",
            "business", "organization", "organisation", "employer", "firm", "issuer", "biller");
    private static final Set<String> AMOUNT_WORDS = Set.of("amount", "total", "subtotal", "price", "cost", "fee",
            "tax", "vat", "balance", "sum", "payment", "paid");
    private static final Set<String> ID_WORDS = Set.of("number", "id", "ref", "reference", "code", "invoice",
            "order", "po", "sku", "account", "ticket", "booking", "case");
    private static final Set<String> NAME_WORDS = Set.of("name", "contact", "person", "customer", "client", "buyer",
            "recipient", "sender", "signatory", "attention");

    private static final Pattern LABELLED_LINE = Pattern.compile(
            "^\\s*([\\p{L}][\\p{L}\\p{N} ./#()&'-]{0,40}?)\\s*(?::|#:?|\\s-\\s)\\s*(.+?)\\s*$", Pattern.MULTILINE);
    private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)*\\.[A-Za-z]{2,}");
    private static final Pattern PHONE = Pattern.compile(
            "(?<![\\w/.-])(\\+?\\d{1,3}[\\s.-]?)?(\\(\\d{1,4}\\)[\\s.-]?)?\\d{2,4}(?:[\\s.-]\\d{2,4}){1,4}(?![\\w/-])");
    private static final Pattern PHONE_CONTEXT = Pattern.compile("(?i)(phone|tel|mobile|cell|call|fax)\\W*$");
    private static final Pattern ID_AFTER_KEYWORD = Pattern.compile("(?i)\\b(invoice|order|po|purchase order|"
            + "reference|ref|account|customer|ticket|case|booking)\\s*(?:no\\.?|number|nr\\.?|num\\.?|#|id)?\\s*[:#]?"
            + "\\s*([A-Z0-9][A-Za-z0-9/-]*\\d[A-Za-z0-9/-]*)");
    // Names stay on one line: [ \t], not \s, or a signature would run into the company below it.
    private static final Pattern COMPANY = Pattern.compile("((?:\\p{Lu}[\\p{L}&'-]*[ \\t]+){0,3}\\p{Lu}[\\p{L}&'-]*),?"
            + "[ \\t]+(Inc\\.?|LLC|Ltd\\.?|Limited|GmbH|AG|Corp\\.?|Corporation|Co\\.|S\\.A\\.|SAS|B\\.V\\.|BV|PLC)(?!\\w)");
    private static final String PERSON = "(\\p{Lu}[\\p{Ll}'-]+(?:[ \\t]+\\p{Lu}\\.)?(?:[ \\t]+\\p{Lu}[\\p{Ll}'-]+){1,2})";
    private static final List<Pattern> PERSON_CUES = List.of(
            Pattern.compile("(?im)^(?:best|kind|warm)?\\s*(?:regards|wishes|sincerely|thanks|thank you|cheers)"
                    + "[,!.]?\\s*\\R\\s*" + PERSON),
            Pattern.compile("(?i)(?:attn|attention|contact|bill to|customer|name)\\s*:\\s*" + PERSON),
            Pattern.compile("(?i)\\bdear\\s+(?:(?:mr|mrs|ms|dr)\\.?\\s+)?" + PERSON));

    private static final String MONTHS = "(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?";
    private static final Pattern ISO_DATE = Pattern.compile("\\b(\\d{4})-(\\d{1,2})-(\\d{1,2})\\b");
    private static final Pattern SLASH_DATE = Pattern.compile("\\b(\\d{1,2})/(\\d{1,2})/(\\d{4}|\\d{2})\\b");
    private static final Pattern DOT_DATE = Pattern.compile("\\b(\\d{1,2})\\.(\\d{1,2})\\.(\\d{4})\\b");
    private static final Pattern MONTH_FIRST = Pattern.compile(
            "(?i)\\b" + MONTHS + "\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b");
    private static final Pattern DAY_FIRST = Pattern.compile(
            "(?i)\\b(\\d{1,2})(?:st|nd|rd|th)?(?:\\s+of)?[\\s-]+" + MONTHS + ",?[\\s-]+(\\d{4})\\b");

    private static final String NUMBER = "(\\d{1,3}(?:[,. ]\\d{3})+(?:[.,]\\d{1,2})?|\\d+(?:[.,]\\d{1,2})?)";
    private static final String CODES = "USD|EUR|GBP|CHF|JPY|CAD|AUD|SEK|NOK|DKK|PLN|INR|CNY|BRL|MXN|NZD|SGD";
    private static final Pattern MONEY_PREFIXED = Pattern.compile("(US\\$|A\\$|C\\$|[$€£¥]|\\b(?:" + CODES + "))\\s?"
            + NUMBER);
    private static final Pattern BARE_NUMBER = Pattern.compile(NUMBER);
    private static final Pattern MONEY_SUFFIXED = Pattern.compile(NUMBER + "\\s?([€£]|(?:" + CODES + ")\\b)");

    /** A value found in the text, where it starts, and the text just before it. */
    private record Found(String value, int at, String before) {
    }

    private FieldExtractor() {
    }

    static JsonNode write(JsonNode input) {
        String text = OfflineInput.firstText(input, "text", "document", "email")
                .orElseThrow(() -> OfflineInput.missing("document text (\"text\", \"document\" or \"email\")"));
        ObjectNode record = JsonNodeFactory.instance.objectNode();
        for (String field : requestedFields(input)) {
            Optional<String> value = extract(field, text);
            if (value.isPresent()) {
                record.put(field, value.get());
            } else {
                record.putNull(field);
            }
        }
        return record;
    }

    private static List<String> requestedFields(JsonNode input) {
        JsonNode fields = input.path("fields");
        List<String> names = new ArrayList<>();
        if (fields.isArray()) {
            fields.forEach(f -> names.add(f.asText().strip()));
        } else if (fields.isTextual()) {
            Arrays.stream(fields.asText().split(",")).map(String::strip).forEach(names::add);
        }
        names.removeIf(String::isEmpty);
        return names.isEmpty() ? PromptTemplates.DEFAULT_DATA_ENTRY_FIELDS : names;
    }

    static Optional<String> extract(String field, String text) {
        List<String> fieldWords = words(field);
        Kind kind = kindOf(fieldWords);
        Optional<String> labelled = labelledValue(fieldWords, kind, text).flatMap(value -> normalize(kind, value, text));
        if (labelled.isPresent()) {
            return labelled;
        }
        List<String> qualifiers = fieldWords.stream().filter(w -> !kindWord(kind, w)).toList();
        return pickByContext(candidates(kind, text), qualifiers, kind);
    }

    static Kind kindOf(List<String> fieldWords) {
        if (fieldWords.contains("email") || fieldWords.contains("mail")) {
            return Kind.EMAIL;
        }
        if (fieldWords.stream().anyMatch(Set.of("phone", "tel", "telephone", "mobile", "cell", "fax")::contains)) {
            return Kind.PHONE;
        }
        if (fieldWords.contains("currency")) {
            return Kind.CURRENCY;
        }
        if (fieldWords.stream().anyMatch(Set.of("date", "dob", "birthday", "deadline")::contains)) {
            return Kind.DATE;
        }
        if (fieldWords.stream().anyMatch(AMOUNT_WORDS::contains)) {
            return Kind.AMOUNT;
        }
        if (fieldWords.stream().anyMatch(COMPANY_WORDS::contains)) {
            return Kind.COMPANY;
        }
        if (fieldWords.contains("name")) {
            return Kind.NAME;
        }
        if (fieldWords.stream().anyMatch(ID_WORDS::contains)) {
            return Kind.ID;
        }
        return fieldWords.stream().anyMatch(NAME_WORDS::contains) ? Kind.NAME : Kind.OTHER;
    }

    private static boolean kindWord(Kind kind, String word) {
        return switch (kind) {
            case DATE -> word.equals("date");
            case AMOUNT -> word.equals("amount");
            case ID -> word.equals("number") || word.equals("id");
            case NAME -> word.equals("name");
            case COMPANY -> word.equals("name") || word.equals("company");
            case EMAIL -> word.equals("email") || word.equals("address");
            case PHONE -> word.equals("phone") || word.equals("number");
            case CURRENCY, OTHER -> false;
        };
    }

    /** Lowercase words of a field name or label: snake, kebab, camel case; "no."/"#"/"nr" read as "number". */
    static List<String> words(String name) {
        String spaced = name.replaceAll("([a-z])([A-Z])", "$1 $2").replace("#", " number ")
                .toLowerCase(Locale.ROOT);
        return Arrays.stream(spaced.split("[^\\p{L}\\p{N}]+"))
                .filter(w -> !w.isEmpty())
                .map(w -> switch (w) {
                    case "no", "nr", "num", "nbr" -> "number";
                    case "e" -> "";
                    default -> w;
                })
                .filter(w -> !w.isEmpty())
                .map(w -> w.equals("mail") ? "email" : w)
                .toList();
    }

    /**
     * The value of the line whose label holds all the field's words, fewest extra words
     * first. Totals take the last such line (a grand total follows its parts), the rest the first.
     */
    private static Optional<String> labelledValue(List<String> fieldWords, Kind kind, String text) {
        Matcher line = LABELLED_LINE.matcher(text);
        String best = null;
        int bestExtra = Integer.MAX_VALUE;
        while (line.find()) {
            List<String> label = words(line.group(1));
            if (!label.containsAll(fieldWords) || mixesPersonAndCompany(kind, label)) {
                continue;
            }
            int extra = label.size() - fieldWords.size();
            boolean later = kind == Kind.AMOUNT && extra == bestExtra;
            if (extra < bestExtra || later) {
                best = line.group(2);
                bestExtra = extra;
            }
        }
        return Optional.ofNullable(best);
    }

    private static boolean mixesPersonAndCompany(Kind kind, List<String> label) {
        return kind == Kind.NAME && label.stream().anyMatch(COMPANY_WORDS::contains);
    }

    private static Optional<String> normalize(Kind kind, String value, String text) {
        return switch (kind) {
            case AMOUNT -> Optional.of(money(value).stream().findFirst().map(Found::value)
                    .orElseGet(() -> withDocumentCurrency(value, text)));
            case DATE, EMAIL, PHONE, CURRENCY -> Optional.of(
                    candidates(kind, value).stream().findFirst().map(Found::value).orElse(value));
            case ID -> Optional.of(value.split("\\s+")[0].replaceAll("[.,;]$", ""));
            case NAME, COMPANY, OTHER -> Optional.of(value.replaceAll("\\s*<[^>]*>", "").replaceAll("[.,;]$", ""));
        };
    }

    /** A labelled amount written without a currency ("Total: 1,320.00") takes the document's first currency. */
    private static String withDocumentCurrency(String value, String text) {
        Matcher number = BARE_NUMBER.matcher(value);
        if (!number.find()) {
            return value;
        }
        return candidates(Kind.CURRENCY, text).stream().findFirst()
                .map(currency -> amount(number.group(1), currency.value()))
                .orElse(number.group(1));
    }

    private static Optional<String> pickByContext(List<Found> candidates, List<String> qualifiers, Kind kind) {
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        List<String> qualifierStems = qualifiers.stream().map(Text::stem).toList();
        for (Found candidate : candidates) {
            List<String> before = words(candidate.before()).stream().map(Text::stem).toList();
            if (!qualifierStems.isEmpty() && before.containsAll(qualifierStems)) {
                return Optional.of(candidate.value());
            }
        }
        if (kind == Kind.AMOUNT) {
            // With nothing to go by, the largest amount on a bill is the one to pay.
            return candidates.stream().max(Comparator.comparing(c -> new BigDecimal(c.value().split(" ")[0])))
                    .map(Found::value);
        }
        return Optional.of(candidates.get(0).value());
    }

    private static List<Found> candidates(Kind kind, String text) {
        return switch (kind) {
            case EMAIL -> all(EMAIL, text, m -> m.group());
            case PHONE -> all(PHONE, text, m -> m.group().strip()).stream()
                    .filter(f -> f.value().startsWith("+") || f.value().startsWith("(")
                            || PHONE_CONTEXT.matcher(f.before()).find())
                    .filter(f -> f.value().replaceAll("\\D", "").length() >= 7)
                    .toList();
            case DATE -> dates(text);
            case AMOUNT -> money(text);
            case CURRENCY -> money(text).stream()
                    .filter(f -> f.value().contains(" "))
                    .map(f -> new Found(f.value().substring(f.value().indexOf(' ') + 1), f.at(), f.before()))
                    .toList();
            case ID -> idsAfterKeywords(text);
            case COMPANY -> all(COMPANY, text, m -> m.group(1).strip() + " " + m.group(2));
            case NAME -> people(text);
            case OTHER -> List.of();
        };
    }

    private interface Extract {
        String from(Matcher matcher);
    }

    private static List<Found> all(Pattern pattern, String text, Extract extract) {
        List<Found> found = new ArrayList<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            found.add(new Found(extract.from(matcher), matcher.start(), before(text, matcher.start())));
        }
        return found;
    }

    /** Up to 40 characters before {@code at}, on the same line. */
    private static String before(String text, int at) {
        int lineStart = text.lastIndexOf('\n', at - 1) + 1;
        return text.substring(Math.max(lineStart, at - 40), at);
    }

    /** Ids with the keyword that introduces them counted as context, so "order" finds the order number. */
    private static List<Found> idsAfterKeywords(String text) {
        List<Found> ids = new ArrayList<>();
        Matcher matcher = ID_AFTER_KEYWORD.matcher(text);
        while (matcher.find()) {
            ids.add(new Found(matcher.group(2), matcher.start(2), before(text, matcher.start()) + matcher.group(1)));
        }
        return ids;
    }

    private static List<Found> people(String text) {
        List<Found> people = new ArrayList<>();
        for (Pattern cue : PERSON_CUES) {
            Matcher matcher = cue.matcher(text);
            while (matcher.find()) {
                people.add(new Found(matcher.group(1), matcher.start(1), before(text, matcher.start())));
            }
        }
        return people;
    }

    private static List<Found> dates(String text) {
        List<Found> dates = new ArrayList<>();
        addDates(dates, ISO_DATE, text, m -> date(m.group(1), m.group(2), m.group(3)));
        addDates(dates, SLASH_DATE, text, m -> Integer.parseInt(m.group(1)) > 12
                ? date(m.group(3), m.group(2), m.group(1))
                : date(m.group(3), m.group(1), m.group(2)));
        addDates(dates, DOT_DATE, text, m -> date(m.group(3), m.group(2), m.group(1)));
        addDates(dates, MONTH_FIRST, text, m -> date(m.group(3), month(m.group(1)), m.group(2)));
        addDates(dates, DAY_FIRST, text, m -> date(m.group(3), month(m.group(2)), m.group(1)));
        dates.sort(Comparator.comparingInt(Found::at));
        return dates;
    }

    private static void addDates(List<Found> dates, Pattern pattern, String text, Extract toIso) {
        for (Found found : all(pattern, text, toIso)) {
            if (found.value() != null) {
                dates.add(found);
            }
        }
    }

    private static String month(String name) {
        int index = List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
                .indexOf(name.substring(0, 3).toLowerCase(Locale.ROOT));
        return String.valueOf(index + 1);
    }

    /** ISO 8601, or null when the numbers are not a date (31/02, 13/13). */
    private static String date(String year, String month, String day) {
        int y = Integer.parseInt(year);
        try {
            return LocalDate.of(year.length() == 2 ? 2000 + y : y, Integer.parseInt(month), Integer.parseInt(day))
                    .toString();
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static List<Found> money(String text) {
        List<Found> amounts = new ArrayList<>();
        for (Found found : all(MONEY_PREFIXED, text, m -> amount(m.group(2), m.group(1)))) {
            amounts.add(found);
        }
        for (Found found : all(MONEY_SUFFIXED, text, m -> amount(m.group(1), m.group(2)))) {
            boolean overlaps = amounts.stream().anyMatch(a -> Math.abs(a.at() - found.at()) < 6);
            if (!overlaps) {
                amounts.add(found);
            }
        }
        amounts.sort(Comparator.comparingInt(Found::at));
        return amounts;
    }

    /** "1.250,00" and "€" to "1250.00 EUR": the last separator followed by one or two digits is the decimal point. */
    private static String amount(String number, String currency) {
        String digits = number.replace(" ", "");
        int lastSeparator = Math.max(digits.lastIndexOf(','), digits.lastIndexOf('.'));
        boolean hasDecimals = lastSeparator >= 0 && digits.length() - lastSeparator - 1 <= 2;
        String whole = (hasDecimals ? digits.substring(0, lastSeparator) : digits).replaceAll("[,.]", "");
        String fraction = hasDecimals ? digits.substring(lastSeparator + 1) : "";
        String code = currencyCode(currency);
        int scale = Currency.getInstance(code).getDefaultFractionDigits();
        BigDecimal value = new BigDecimal(whole + (fraction.isEmpty() ? "" : "." + fraction))
                .setScale(scale, RoundingMode.HALF_UP);
        return value.toPlainString() + " " + code;
    }

    private static String currencyCode(String marker) {
        return switch (marker) {
            case "$", "US$" -> "USD";
            case "€" -> "EUR";
            case "£" -> "GBP";
            case "¥" -> "JPY";
            case "A$" -> "AUD";
            case "C$" -> "CAD";
            default -> marker.toUpperCase(Locale.ROOT);
        };
    }
}
