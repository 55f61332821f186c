package dev.microjobs.aws;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/**
 * The JSON mapper HTTP functions read requests and write responses with: Jackson's defaults. Every
 * body is a tree ({@code JsonNode}) built by the views, so no module or naming setting applies; Micronaut's
 * own mapper (micronaut-jackson-databind) registered the java.time and Optional modules, bean
 * introspection and its configuration, and loaded some 700 classes on every cold start for nothing.
 */
@Factory
public class JsonBeans {

    @Singleton
    ObjectMapper objectMapper() {
        return new ObjectMapper();
    }
}
