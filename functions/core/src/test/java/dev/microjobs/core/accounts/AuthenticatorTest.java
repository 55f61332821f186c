package dev.microjobs.core.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.microjobs.core.errors.UnauthorizedException;
import dev.microjobs.core.ports.CredentialStore;
import dev.microjobs.core.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuthenticatorTest {
    private static final String KEY = "mjb_" + "k".repeat(43);
    private static final String TOKEN = "mjw_" + "t".repeat(43);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
    private final CountingStore store = new CountingStore();
    private final Authenticator authenticator = new Authenticator(store, clock);

    @Test
    void readsAKnownKeyOnceAMinute() {
        store.add(KEY, CredentialKind.BUSINESS, "biz_1");

        for (int i = 0; i < 5; i++) {
            assertEquals("biz_1", authenticator.business(Optional.of("Bearer " + KEY)));
        }
        assertEquals(1, store.reads);

        clock.advance(Authenticator.REMEMBERED_FOR);
        assertEquals("biz_1", authenticator.business(Optional.of("bearer " + KEY)));
        assertEquals(2, store.reads, "looked up again once the minute is over");
    }

    @Test
    void aRememberedKeyIsStillOnlyValidOnItsOwnApi() {
        store.add(TOKEN, CredentialKind.WORKER, "wkr_1");
        assertEquals("wkr_1", authenticator.worker(Optional.of("Bearer " + TOKEN)));

        assertThrows(UnauthorizedException.class, () -> authenticator.business(Optional.of("Bearer " + TOKEN)));
    }

    @Test
    void unknownKeysAreNotRememberedSoAKeyCreatedLaterWorksAtOnce() {
        assertThrows(UnauthorizedException.class, () -> authenticator.business(Optional.of("Bearer " + KEY)));
        assertThrows(UnauthorizedException.class, () -> authenticator.business(Optional.of("Bearer " + KEY)));
        assertEquals(2, store.reads);

        store.add(KEY, CredentialKind.BUSINESS, "biz_2");
        assertEquals("biz_2", authenticator.business(Optional.of("Bearer " + KEY)));
    }

    @Test
    void malformedHeadersNeverReachTheStore() {
        assertThrows(UnauthorizedException.class, () -> authenticator.business(Optional.empty()));
        assertThrows(UnauthorizedException.class, () -> authenticator.business(Optional.of("Basic " + KEY)));
        assertThrows(UnauthorizedException.class, () -> authenticator.business(Optional.of("Bearer " + TOKEN)));
        assertEquals(0, store.reads);
    }

    private static final class CountingStore implements CredentialStore {
        private final Map<String, StoredCredential> byHash = new HashMap<>();
        private int reads;

        void add(String secret, CredentialKind kind, String ownerId) {
            String hash = SecretToken.sha256Hex(secret);
            byHash.put(hash, new StoredCredential(hash, kind, ownerId));
        }

        @Override
        public Optional<StoredCredential> findByHash(String sha256Hex) {
            reads++;
            return Optional.ofNullable(byHash.get(sha256Hex));
        }
    }
}
