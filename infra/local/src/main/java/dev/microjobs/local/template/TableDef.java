package dev.microjobs.local.template;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An {@code AWS::DynamoDB::Table}. The physical name is {@code tableName} when the template sets
 * {@code TableName} (it may use intrinsics such as {@code !Sub}), else the logical id.
 *
 * @param attributeTypes attribute name to {@code S}, {@code N} or {@code B}, from {@code AttributeDefinitions}
 * @param timeToLiveAttribute the TTL attribute when {@code TimeToLiveSpecification} is enabled
 */
public record TableDef(
        String logicalId,
        Optional<TemplateValue> tableName,
        List<KeyElement> keySchema,
        Map<String, String> attributeTypes,
        List<IndexDef> globalSecondaryIndexes,
        List<IndexDef> localSecondaryIndexes,
        Optional<String> timeToLiveAttribute) {

    public TableDef {
        keySchema = List.copyOf(keySchema);
        attributeTypes = Map.copyOf(attributeTypes);
        globalSecondaryIndexes = List.copyOf(globalSecondaryIndexes);
        localSecondaryIndexes = List.copyOf(localSecondaryIndexes);
    }
}
