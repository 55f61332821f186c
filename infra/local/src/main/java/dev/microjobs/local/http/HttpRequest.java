package dev.microjobs.local.http;

import java.util.List;
import java.util.Map;

/**
 * What the server read from one HTTP request, independent of the HTTP server in use.
 *
 * @param rawPath the path as sent, still percent-encoded
 * @param rawQuery the query string as sent, without {@code ?}; empty if none
 * @param headers header names in lower case, each with its values in order
 */
record HttpRequest(String method, String rawPath, String rawQuery, Map<String, List<String>> headers,
                   byte[] body, String sourceIp, String protocol) {

    String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : String.join(",", values);
    }
}
