package dev.microjobs.aws.dynamodb;

import io.micronaut.context.annotation.ConfigurationProperties;

/** The single DynamoDB table ({@code TABLE_NAME}); see the README for its access patterns. */
@ConfigurationProperties("microjobs.table")
public class TableConfiguration {
    private String name;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }
}
