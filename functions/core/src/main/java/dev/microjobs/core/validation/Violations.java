package dev.microjobs.core.validation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Collects the problems of one request so they can be reported together, then thrown
 * once with {@link #throwIfAny()}. Not thread-safe: one instance per request.
 *
 * <p>Only the first {@link #MAX_RETAINED} errors are kept; the rest are counted. A batch
 * of a thousand inputs full of misspelt fields would otherwise turn into a response
 * (and a memory bill) far larger than the request.
 */
public final class Violations {

    public static final int MAX_RETAINED = 100;

    private final List<FieldError> retained = new ArrayList<>();
    private int count;

    public Violations add(String field, String message) {
        return add(new FieldError(field, message));
    }

    public Violations add(FieldError error) {
        count++;
        if (retained.size() < MAX_RETAINED) {
            retained.add(error);
        }
        return this;
    }

    public Violations addAll(Collection<FieldError> errors) {
        errors.forEach(this::add);
        return this;
    }

    public boolean isEmpty() {
        return count == 0;
    }

    /** Every problem added, including those not retained. */
    public int count() {
        return count;
    }

    /** The retained problems, in the order they were added. */
    public List<FieldError> errors() {
        return List.copyOf(retained);
    }

    /** @throws ValidationException if any problem was added */
    public void throwIfAny() {
        if (count > 0) {
            throw new ValidationException(retained, count - retained.size());
        }
    }
}
