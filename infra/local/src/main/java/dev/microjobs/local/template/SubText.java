package dev.microjobs.local.template;

import java.util.ArrayList;
import java.util.List;

/** The text of an {@code Fn::Sub}, split into literal text and {@code ${Name}} references. */
final class SubText {

    /** A piece of the text: literal, or the name inside {@code ${...}}. */
    record Part(boolean isReference, String text) {
    }

    private SubText() {
    }

    static List<Part> parse(String text) {
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int position = 0;
        while (position < text.length()) {
            int start = text.indexOf("${", position);
            int end = start < 0 ? -1 : text.indexOf('}', start);
            if (start < 0 || end < 0) {
                literal.append(text, position, text.length());
                break;
            }
            literal.append(text, position, start);
            String name = text.substring(start + 2, end);
            if (name.startsWith("!")) {
                // ${!Name} is CloudFormation's escape for a literal ${Name}.
                literal.append("${").append(name.substring(1)).append('}');
            } else {
                if (!literal.isEmpty()) {
                    parts.add(new Part(false, literal.toString()));
                    literal.setLength(0);
                }
                parts.add(new Part(true, name.trim()));
            }
            position = end + 1;
        }
        if (!literal.isEmpty()) {
            parts.add(new Part(false, literal.toString()));
        }
        return parts;
    }
}
