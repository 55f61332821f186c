package dev.microjobs.drafts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class DraftsConsumerTest {

    @Test
    void aFailureSharedByTwoDraftsIsThrownAsItself() {
        IllegalStateException sharedWriteFailure = new IllegalStateException("the grouped spend write failed");

        RuntimeException thrown = assertThrows(RuntimeException.class, () -> DraftsConsumer.joinAll(List.of(
                CompletableFuture.failedFuture(sharedWriteFailure),
                CompletableFuture.completedFuture(null),
                CompletableFuture.failedFuture(sharedWriteFailure))));

        assertSame(sharedWriteFailure, thrown);
        assertEquals(0, thrown.getSuppressed().length);
    }

    @Test
    void otherFailuresAreSuppressedInTheFirst() {
        IllegalStateException first = new IllegalStateException("first");
        IllegalArgumentException second = new IllegalArgumentException("second");

        RuntimeException thrown = assertThrows(RuntimeException.class, () -> DraftsConsumer.joinAll(List.of(
                CompletableFuture.failedFuture(first), CompletableFuture.failedFuture(second))));

        assertSame(first, thrown);
        assertArrayEquals(new Throwable[] {second}, thrown.getSuppressed());
    }

    @Test
    void draftsThatAllSucceedThrowNothing() {
        assertDoesNotThrow(() -> DraftsConsumer.joinAll(List.of(CompletableFuture.completedFuture(null),
                CompletableFuture.completedFuture(null))));
    }
}
