package dev.trustlift.sandbox.fleet;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * One subscription: its preview features (absent = does not exist) and throttling
 * ("azure", "none" or an object of bucket sizes, see ThrottleSpec).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SubscriptionSpec(String id, String displayName, Map<String, String> features, JsonNode throttle) {
}
