package dev.microjobs.core.validation;

import java.util.regex.Pattern;

/**
 * Builds the field paths used in {@link FieldError}: {@code inputs[3].imageUrl}.
 *
 * <p>Member names that are not plain identifiers (they can be anything inside a
 * {@code custom} input) are written as a quoted, escaped, length-capped bracket member,
 * {@code inputs[0]["odd key"]}, so a path stays readable and unambiguous and a hostile
 * key cannot smuggle control characters or megabytes into an error response.
 */
public final class FieldPath {

    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$-]*");
    private static final int MAX_SHOWN_NAME_LENGTH = 100;

    private FieldPath() {
    }

    /** The path of member {@code name} of the object at {@code parent} ({@code ""} for the root). */
    public static String member(String parent, String name) {
        if (PLAIN_NAME.matcher(name).matches() && name.length() <= MAX_SHOWN_NAME_LENGTH) {
            return parent.isEmpty() ? name : parent + "." + name;
        }
        return parent + "[" + quoted(name) + "]";
    }

    /** The path of element {@code index} of the array at {@code parent}. */
    public static String element(String parent, int index) {
        return parent + "[" + index + "]";
    }

    private static String quoted(String name) {
        StringBuilder quoted = new StringBuilder("\"");
        int shown = 0;
        for (int i = 0; i < name.length(); i = name.offsetByCodePoints(i, 1)) {
            if (shown++ == MAX_SHOWN_NAME_LENGTH) {
                quoted.append('…');
                break;
            }
            int codePoint = name.codePointAt(i);
            if (codePoint == '"' || codePoint == '\\') {
                quoted.append('\\').appendCodePoint(codePoint);
            } else if (codePoint < 0x20 || codePoint == 0x7f || Character.getType(codePoint) == Character.SURROGATE) {
                quoted.append(String.format("\\u%04x", codePoint));
            } else {
                quoted.appendCodePoint(codePoint);
            }
        }
        return quoted.append('"').toString();
    }
}
