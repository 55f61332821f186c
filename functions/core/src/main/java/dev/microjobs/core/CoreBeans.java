package dev.microjobs.core;

import dev.microjobs.core.domain.IdGenerator;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Clock;

/** The clock and the id generator, one of each per execution environment. */
@Factory
public class CoreBeans {

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Singleton
    IdGenerator idGenerator(Clock clock) {
        return new IdGenerator(clock);
    }
}
